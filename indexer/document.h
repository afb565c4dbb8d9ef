/* document.h: how an article becomes a document of the index (see doc/schema.md). */
#ifndef PDX_DOCUMENT_H
#define PDX_DOCUMENT_H

#include "article.h"
#include "docspec.h"

/* Describe the document for article A in SPEC (zeroed by the caller; free it with
 * pdx_docspec_free()). Returns 0, -1 when memory ran out, or -2 when A has no identity (no
 * URL and no source). */
int pdx_schema_build(const polidex_article_t *a, struct pdx_docspec *spec);

#endif
