/* metadata.h: an article's metadata from every source a page offers, by order of trust. */
#ifndef PDX_METADATA_H
#define PDX_METADATA_H

#include <libxml/tree.h>

#include "indexer/article.h"

/* Fill A's title, authors and roles, date, language, section, tags, translations, canonical
 * URL, site name and description from DOC. Returns 0, or -1 when memory ran out. */
int pdx_metadata_extract(polidex_article_t *a, xmlDoc *doc);

/* Normalise a language tag as pages write it ("en_US", "EN-gb", "zh-CN") into the BCP 47 form
 * polidex stores: the primary language, with the script for Chinese ("zh-Hans", "zh-Hant").
 * Writes at most OUT_LEN bytes to OUT; returns 1, or 0 when TAG is not a language tag. */
int pdx_language_normalise(const char *tag, char *out, size_t out_len);

#endif
