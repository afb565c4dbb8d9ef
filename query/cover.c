/* cover.c: widening a query by the concepts its words name without reading the index's whole
 * scheme. With its unnamed scheme the index keeps the scheme's labels grouped by the form of
 * their first word (concepts/concepts.h), one metadata key a group; a search reads the groups
 * of its own words' forms only, a few keys where the scheme is thousands of concepts. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "concepts/concepts.h"
#include "lib/database.h"
#include "query/search-schemes.h"
#include "util/buf.h"

/* A group's key is COVER_KEY, '/', and its form; COVER_ID_KEY holds the id of the scheme whose
 * groups are kept (as its own id key does: pdx_db_scheme_id()), written once every group is.
 * A form longer than FORM_MAX bytes has no group: a query with such a word reads the whole
 * scheme. */
#define COVER_KEY "polidex.cover"
#define COVER_ID_KEY "polidex.cover.id"
#define FORM_MAX 200

struct writing {
	polidex_db_t *db;
	polidex_status_t status;
};

static int store_group(void *ctx, const char *form, const char *data, size_t len)
{
	struct writing *w = ctx;
	char key[sizeof COVER_KEY + FORM_MAX + 1];

	if (strlen(form) > FORM_MAX || !*form)
		return 0;
	snprintf(key, sizeof key, "%s/%s", COVER_KEY, form);
	w->status = pdx_db_set_metadata(w->db, key, data, len);
	return w->status == POLIDEX_STATUS_SUCCESS ? 0 : -1;
}

polidex_status_t pdx_db_store_cover(polidex_db_t *db, const polidex_thesaurus_t *th,
				    const char *id)
{
	struct writing w = {db, POLIDEX_STATUS_SUCCESS};
	char *held = NULL;
	size_t len;
	polidex_status_t status = pdx_db_get_metadata(db, COVER_ID_KEY, &held, &len);

	if (status != POLIDEX_STATUS_SUCCESS)
		return status;
	if (held && strcmp(held, id) == 0) {
		free(held);
		return POLIDEX_STATUS_SUCCESS;
	}
	free(held);
	if (pdx_concepts_cover_groups(th, store_group, &w) < 0)
		return w.status != POLIDEX_STATUS_SUCCESS ? w.status : POLIDEX_STATUS_OUT_OF_MEMORY;
	return pdx_db_set_metadata(db, COVER_ID_KEY, id, strlen(id));
}

/* The groups of a query's forms, read as they come. */
struct reading {
	polidex_db_t *db;
	polidex_status_t status;
	struct pdx_cover_group *groups;
	size_t n, alloc;
	int too_long;
};

static int read_form(void *ctx, const char *form)
{
	struct reading *r = ctx;
	char key[sizeof COVER_KEY + FORM_MAX + 1], *data = NULL;
	size_t len;

	if (strlen(form) > FORM_MAX) {
		r->too_long = 1;
		return 0;
	}
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->groups[i].form, form) == 0)
			return 0;
	snprintf(key, sizeof key, "%s/%s", COVER_KEY, form);
	r->status = pdx_db_get_metadata(r->db, key, &data, &len);
	if (r->status != POLIDEX_STATUS_SUCCESS)
		return -1;
	if (r->n == r->alloc) {
		size_t alloc = r->alloc ? 2 * r->alloc : 8;
		struct pdx_cover_group *g = realloc(r->groups, alloc * sizeof *g);

		if (!g) {
			free(data);
			r->status = POLIDEX_STATUS_OUT_OF_MEMORY;
			return -1;
		}
		r->groups = g;
		r->alloc = alloc;
	}
	r->groups[r->n].form = pdx_strdup(form);
	r->groups[r->n].data = data ? data : pdx_strdup("");
	r->groups[r->n].len = data ? len : 0;
	if (!r->groups[r->n].form || !r->groups[r->n].data) {
		free((char *)r->groups[r->n].form);
		free((char *)r->groups[r->n].data);
		r->status = POLIDEX_STATUS_OUT_OF_MEMORY;
		return -1;
	}
	r->n++;
	return 0;
}

/* Whether DB keeps the groups of the scheme it holds: 1, 0, or -1 after failing to read. */
static int keeps_groups(polidex_db_t *db, polidex_status_t *status)
{
	char *cover = NULL, *scheme = NULL;
	size_t len;
	int keeps;

	*status = pdx_db_get_metadata(db, COVER_ID_KEY, &cover, &len);
	if (*status == POLIDEX_STATUS_SUCCESS && cover)
		*status = pdx_db_scheme_id(db, &scheme);
	keeps = cover && scheme && strcmp(cover, scheme) == 0;
	free(cover);
	free(scheme);
	return *status == POLIDEX_STATUS_SUCCESS ? keeps : -1;
}

polidex_status_t pdx_db_cover(polidex_db_t *db, const char *text, const char *language,
			      char ***uris, long *n)
{
	struct reading r = {db, POLIDEX_STATUS_SUCCESS, NULL, 0, 0, 0};
	polidex_status_t status;
	int keeps = keeps_groups(db, &status);

	*uris = NULL;
	*n = -2;
	if (keeps <= 0)
		return status;
	if (pdx_concepts_cover_forms(text, language, read_form, &r) < 0) {
		status = r.status != POLIDEX_STATUS_SUCCESS ? r.status
							    : POLIDEX_STATUS_OUT_OF_MEMORY;
	} else if (!r.too_long) {
		*n = pdx_concepts_cover_match(r.groups, r.n, text, language, uris);
		if (*n == -1)
			status = POLIDEX_STATUS_OUT_OF_MEMORY;
	}
	for (size_t i = 0; i < r.n; i++) {
		free((char *)r.groups[i].form);
		free((char *)r.groups[i].data);
	}
	free(r.groups);
	return status;
}
