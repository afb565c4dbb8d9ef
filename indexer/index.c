/* index.c: adding an article to a database: the schema's document, written by the shim. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "indexer/article.h"
#include "lib/database.h"
#include "indexer/document.h"
#include "concepts/concepts.h"
#include "polidex.h"
#include "util/term.h"

#include <stdlib.h>

polidex_status_t polidex_document_new(const polidex_article_t *article,
				      polidex_document_t **document)
{
	struct pdx_docspec spec;
	polidex_status_t status;
	int rc;

	if (!document)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	*document = NULL;
	if (!article)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	memset(&spec, 0, sizeof spec);
	rc = pdx_schema_build(article, &spec);
	if (rc < 0) {
		pdx_docspec_free(&spec);
		return rc == -2 ? POLIDEX_STATUS_INVALID_ARGUMENT : POLIDEX_STATUS_OUT_OF_MEMORY;
	}
	status = pdx_document_make(&spec, document);
	pdx_docspec_free(&spec);
	return status;
}

polidex_status_t polidex_db_add_article(polidex_db_t *db, const polidex_article_t *article,
					int *replaced)
{
	polidex_document_t *document;
	polidex_status_t status;

	if (!db || !article)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	status = polidex_document_new(article, &document);
	if (status == POLIDEX_STATUS_INVALID_ARGUMENT) {
		pdx_db_set_message(db, "an article with neither URL nor source cannot be indexed");
		return status;
	}
	if (status == POLIDEX_STATUS_OUT_OF_MEMORY) {
		pdx_db_set_message(db, "out of memory while building a document");
		return status;
	}
	if (status != POLIDEX_STATUS_SUCCESS) {
		pdx_db_set_message(db, "building a document failed");
		return status;
	}
	status = polidex_db_add_document(db, document, replaced);
	polidex_document_destroy(document);
	return status;
}

polidex_status_t polidex_db_is_unchanged(polidex_db_t *db, const polidex_article_t *article,
					 const polidex_thesaurus_t *thesaurus, double min_score,
					 int *unchanged)
{
	unsigned long long tagging = pdx_concepts_fingerprint(thesaurus, min_score);

	return pdx_db_is_unchanged_tagged(db, article, tagging, unchanged);
}

polidex_status_t pdx_db_is_unchanged_tagged(polidex_db_t *db, const polidex_article_t *article,
					    unsigned long long tagging, int *unchanged)
{
	char stored[17], want[17], *term;
	int found = 0;

	if (!db || !article || !unchanged)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	*unchanged = 0;
	if (!article->url)
		return POLIDEX_STATUS_SUCCESS;
	if (article->capture) {
		/* A capture already recorded: by its date and content, and for the capture whose
		 * text the document holds, by how it was indexed. */
		struct pdx_docspec spec;
		int rc;

		memset(&spec, 0, sizeof spec);
		snprintf(want, sizeof want, "%016llx", tagging);
		rc = pdx_schema_capture(article, &spec);
		if (rc == 0)
			found = pdx_db_capture_known(db, &spec, want);
		pdx_docspec_free(&spec);
		if (rc == -1)
			return POLIDEX_STATUS_OUT_OF_MEMORY;
		if (rc < 0)
			return POLIDEX_STATUS_SUCCESS;
		if (found < 0)
			return POLIDEX_STATUS_DB_ERROR;
		*unchanged = found;
		return POLIDEX_STATUS_SUCCESS;
	}
	term = pdx_term_make(PDX_PREFIX_SOURCE, article->url);
	if (!term)
		return POLIDEX_STATUS_OUT_OF_MEMORY;
	found = pdx_db_fingerprint(db, term, stored);
	free(term);
	if (found < 0)
		return POLIDEX_STATUS_DB_ERROR;
	pdx_document_fingerprint(article->content_hash, tagging, want);
	*unchanged = found && strcmp(stored, want) == 0;
	return POLIDEX_STATUS_SUCCESS;
}

polidex_status_t polidex_db_prune_missing_files(polidex_db_t *db, unsigned long *removed)
{
	unsigned long n = 0;
	polidex_status_t status;

	if (!db)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	status = pdx_db_prune_files(db, &n);
	if (removed)
		*removed = n;
	return status;
}
