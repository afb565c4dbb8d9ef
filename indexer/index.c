/* index.c: adding an article to a database: the schema's document, written by the shim. */
#include "config.h"

#include <string.h>

#include "article.h"
#include "db-write.h"
#include "document.h"
#include "polidex.h"

polidex_status_t polidex_db_add_article(polidex_db_t *db, const polidex_article_t *article,
					int *replaced)
{
	struct pdx_docspec spec;
	polidex_status_t status;
	int rc;

	if (!db || !article)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	memset(&spec, 0, sizeof spec);
	rc = pdx_schema_build(article, &spec);
	if (rc < 0) {
		pdx_docspec_free(&spec);
		if (rc == -2) {
			pdx_db_set_message(db, "an article with neither URL nor source cannot be "
					       "indexed");
			return POLIDEX_STATUS_INVALID_ARGUMENT;
		}
		pdx_db_set_message(db, "out of memory while building a document");
		return POLIDEX_STATUS_OUT_OF_MEMORY;
	}
	status = pdx_db_write(db, &spec, replaced);
	pdx_docspec_free(&spec);
	return status;
}
