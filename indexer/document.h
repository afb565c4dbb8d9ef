/* document.h: how an article becomes a document of the index (see doc/schema.md). */
#ifndef PDX_DOCUMENT_H
#define PDX_DOCUMENT_H

#include "indexer/article.h"
#include "lib/database.h"

/* Describe the document for article A in SPEC (zeroed by the caller; free it with
 * pdx_docspec_free()). Returns 0, -1 when memory ran out, or -2 when A has no identity (no
 * URL and no source). */
int pdx_schema_build(const polidex_article_t *a, struct pdx_docspec *spec);

/* Describe only the id term and the capture of article A, a capture from a web archive, in
 * SPEC: what a lookup of it needs. Returns as pdx_schema_build(). */
int pdx_schema_capture(const polidex_article_t *a, struct pdx_docspec *spec);

/* The stored fields of article A's document, whose id is ID, as a new JSON string (NULL when
 * memory ran out); in document-data.c. */
char *pdx_document_data(const polidex_article_t *a, const char *id);

/* The fingerprint stored with a document: its bytes' hash, the thesaurus and minimum score
 * it was tagged with, and the schema version, as 16 hex digits in OUT. */
void pdx_document_fingerprint(unsigned long long content_hash, unsigned long long tag_hash,
			      char out[17]);

#endif
