/* page-type.h: what kind of page a page is. */
#ifndef PDX_PAGE_TYPE_H
#define PDX_PAGE_TYPE_H

#include <libxml/tree.h>

#include "indexer/article.h"

/* Set A->type to the kind of page A is, read from DOC after its metadata and main text:
 * "article", "report", "listing", "collection", "product", "forum", "documentation",
 * "profile", "event" or "service". */
void pdx_page_type(polidex_article_t *a, xmlDoc *doc);

#endif
