/* content.h: finding an article's main text in the DOM and dropping the boilerplate. */
#ifndef PDX_CONTENT_H
#define PDX_CONTENT_H

#include <libxml/tree.h>

#include "indexer/article.h"

/* Set A->body to the main text of DOC: the article's headings, paragraphs, list items,
 * quotes and table rows in page order, separated by blank lines, without navigation, share
 * bars, related boxes, comments or footers. A->title, when set, is left out of the body.
 * Returns 0, or -1 when memory ran out. */
int pdx_content_extract(polidex_article_t *a, xmlDoc *doc);

#endif
