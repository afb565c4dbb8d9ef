/* schemes.c: the concept scheme an index carries, stored compiled in its metadata when it is
 * written and read back by whoever searches it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "concepts/concepts.h"
#include "lib/database.h"
#include "query/search-schemes.h"

/* The metadata keys of the scheme, compiled (concepts/compiled.h), and of what tells it from
 * another without reading it: its fingerprint, 16 hex digits. */
#define SCHEME_KEY "polidex.scheme"
#define SCHEME_ID_KEY "polidex.scheme.id"


static polidex_status_t read_scheme(polidex_db_t *db, polidex_thesaurus_t **out)
{
	char *data, error[256], message[512];
	size_t len;
	polidex_status_t status = pdx_db_get_metadata(db, SCHEME_KEY, &data, &len);

	*out = NULL;
	if (status != POLIDEX_STATUS_SUCCESS || !data)
		return status;
	status = pdx_concepts_read_compiled(data, len, out, error, sizeof error);
	if (status == POLIDEX_STATUS_FILE_ERROR) {
		snprintf(message, sizeof message, "%s: its concept scheme cannot be read: %s",
			 pdx_db_path(db), error);
		pdx_db_set_message(db, message);
		return POLIDEX_STATUS_DB_ERROR;
	}
	return status;
}

polidex_status_t polidex_db_get_thesaurus(polidex_db_t *db, polidex_thesaurus_t **out)
{
	if (!db || !out)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	return read_scheme(db, out);
}

static void destroy_scheme(void *th)
{
	polidex_thesaurus_destroy(th);
}

polidex_status_t pdx_db_scheme(polidex_db_t *db, const polidex_thesaurus_t **out)
{
	polidex_thesaurus_t *th = pdx_db_kept(db);
	polidex_status_t status;

	*out = th;
	if (th)
		return POLIDEX_STATUS_SUCCESS;
	/* None yet: the index may have been given one since it was opened. */
	status = read_scheme(db, &th);
	if (th)
		pdx_db_keep(db, th, destroy_scheme);
	*out = th;
	return status;
}

/* What SCHEME_ID_KEY holds for TH. */
static void scheme_id(const polidex_thesaurus_t *th, char id[17])
{
	snprintf(id, 17, "%016llx", pdx_concepts_fingerprint(th, 0));
}

/* Say on DB that it holds HELD, not GIVEN. */
static void mismatch(polidex_db_t *db, const polidex_thesaurus_t *held,
		     const polidex_thesaurus_t *given)
{
	char message[1024];

	snprintf(message, sizeof message,
		 "%s: was tagged with the concept scheme of %s (%zu concepts), not with %s; "
		 "index into a new database to change its scheme",
		 pdx_db_path(db), polidex_thesaurus_get_source(held),
		 polidex_thesaurus_count_concepts(held), polidex_thesaurus_get_source(given));
	pdx_db_set_message(db, message);
}

polidex_status_t pdx_db_check_scheme(polidex_db_t *db, const polidex_thesaurus_t *given)
{
	const polidex_thesaurus_t *held = pdx_db_kept(db);
	char *id = NULL, want[17];
	size_t len;
	polidex_status_t status;

	if (held || !given) {
		if (held && given && !polidex_thesaurus_same(held, given))
			goto mismatch;
		return POLIDEX_STATUS_SUCCESS;
	}
	/* The scheme's id spares reading the scheme itself, for a search that brings its
	 * own. */
	status = pdx_db_get_metadata(db, SCHEME_ID_KEY, &id, &len);
	if (status != POLIDEX_STATUS_SUCCESS)
		return status;
	scheme_id(given, want);
	if (!id || strcmp(id, want) == 0) {
		free(id);
		return POLIDEX_STATUS_SUCCESS;
	}
	free(id);
	status = pdx_db_scheme(db, &held);
	if (status != POLIDEX_STATUS_SUCCESS || !held || polidex_thesaurus_same(held, given))
		return status;
mismatch:
	mismatch(db, held, given);
	return POLIDEX_STATUS_THESAURUS_MISMATCH;
}

polidex_status_t polidex_db_set_thesaurus(polidex_db_t *db,
					  const polidex_thesaurus_t *thesaurus)
{
	polidex_status_t status;
	char *data = NULL, id[17];
	size_t len;

	if (!db || !thesaurus)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	status = pdx_db_check_scheme(db, thesaurus);
	if (status == POLIDEX_STATUS_SUCCESS)
		status = pdx_db_get_metadata(db, SCHEME_ID_KEY, &data, &len);
	if (status != POLIDEX_STATUS_SUCCESS || data) {
		free(data); /* held already, and the same */
		return status;
	}
	if (pdx_concepts_compile(thesaurus, &data, &len) < 0)
		return POLIDEX_STATUS_OUT_OF_MEMORY;
	status = pdx_db_set_metadata(db, SCHEME_KEY, data, len);
	free(data);
	scheme_id(thesaurus, id);
	if (status == POLIDEX_STATUS_SUCCESS)
		status = pdx_db_set_metadata(db, SCHEME_ID_KEY, id, 16);
	return status;
}
