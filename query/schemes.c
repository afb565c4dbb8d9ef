/* schemes.c: the concept schemes an index carries, stored compiled in its metadata when it is
 * written and read back by whoever searches it: the unnamed one, and named ones, each its own
 * facet and filter field. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "concepts/concepts.h"
#include "lib/database.h"
#include "query/query-internal.h"
#include "query/search-schemes.h"
#include "util/buf.h"

/* The metadata keys of the unnamed scheme, compiled (concepts/compiled.h), and of what tells it
 * from another without reading it: its fingerprint, 16 hex digits. A named scheme's are the
 * same with ":NAME" after "polidex.scheme"; SCHEMES_KEY lists the names, each followed by a
 * newline, in byte order. */
#define SCHEME_KEY "polidex.scheme"
#define ID_SUFFIX ".id"
#define SCHEMES_KEY "polidex.schemes"

/* The fields polidex has, which no scheme may be called. */
static const char *const taken[] = {"author",  "section", "type", "site",  "language", "lang",
				    "tag",     "year",    "month",        "capture-year", "title",
				    "url",     "date",    "captured",     NULL};

int polidex_scheme_name_valid(const char *name)
{
	size_t n;

	if (!name || !(name[0] >= 'a' && name[0] <= 'z'))
		return 0;
	n = strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-_");
	if (name[n] || n > PDX_SCHEME_NAME_MAX)
		return 0;
	for (size_t i = 0; taken[i]; i++)
		if (strcmp(name, taken[i]) == 0)
			return 0;
	return 1;
}

/* A named scheme of an index: its field, and the scheme once read. */
struct named {
	char name[PDX_SCHEME_NAME_MAX + 1];
	char prefix[PDX_SCHEME_NAME_MAX + 4];       /* "XN", the name, ':' */
	struct pdx_facet_field field;
	polidex_thesaurus_t *th;
	const polidex_thesaurus_t *checked; /* a caller's copy found to be this scheme */
};

/* What a handle keeps of its index's schemes. */
struct held {
	polidex_thesaurus_t *unnamed;
	int listed; /* the names below read */
	size_t n;
	struct named named[PDX_SCHEMES_MAX];
};

static void destroy_held(void *p)
{
	struct held *h = p;

	polidex_thesaurus_destroy(h->unnamed);
	for (size_t i = 0; i < h->n; i++)
		polidex_thesaurus_destroy(h->named[i].th);
	free(h);
}

/* DB's kept schemes, made (empty) on first use; NULL when memory ran out. */
static struct held *held_of(polidex_db_t *db)
{
	struct held *h = pdx_db_kept(db);

	if (!h && (h = calloc(1, sizeof *h)))
		pdx_db_keep(db, h, destroy_held);
	return h;
}

/* The metadata key of scheme NAME (NULL: the unnamed one) with SUFFIX. */
static void key_of(const char *name, const char *suffix, char *key, size_t size)
{
	if (name)
		snprintf(key, size, "%s:%s%s", SCHEME_KEY, name, suffix);
	else
		snprintf(key, size, "%s%s", SCHEME_KEY, suffix);
}

static polidex_status_t read_scheme(polidex_db_t *db, const char *name,
				    polidex_thesaurus_t **out)
{
	char *data, error[256], message[512], key[80];
	size_t len;
	polidex_status_t status;

	key_of(name, "", key, sizeof key);
	status = pdx_db_get_metadata(db, key, &data, &len);
	*out = NULL;
	if (status != POLIDEX_STATUS_SUCCESS || !data)
		return status;
	status = pdx_concepts_read_compiled(data, len, out, error, sizeof error);
	if (status == POLIDEX_STATUS_FILE_ERROR) {
		snprintf(message, sizeof message, "%s: its concept scheme%s%s cannot be read: %s",
			 pdx_db_path(db), name ? " " : "", name ? name : "", error);
		pdx_db_set_message(db, message);
		return POLIDEX_STATUS_DB_ERROR;
	}
	return status;
}

/* Whether NAME is the unnamed scheme's. */
static int unnamed(const char *name)
{
	return !name || strcmp(name, POLIDEX_UNNAMED_SCHEME) == 0;
}

polidex_status_t polidex_db_get_thesaurus(polidex_db_t *db, polidex_thesaurus_t **out)
{
	if (!db || !out)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	return read_scheme(db, NULL, out);
}

polidex_status_t pdx_db_scheme_id(polidex_db_t *db, char **id)
{
	char key[80];
	size_t len;

	key_of(NULL, ID_SUFFIX, key, sizeof key);
	return pdx_db_get_metadata(db, key, id, &len);
}

polidex_status_t polidex_db_holds_thesaurus(polidex_db_t *db, int *holds)
{
	char *id = NULL;
	polidex_status_t status;

	if (!db || !holds)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	status = pdx_db_scheme_id(db, &id);
	*holds = id != NULL;
	free(id);
	return status;
}

polidex_status_t polidex_db_get_scheme(polidex_db_t *db, const char *name,
				       polidex_thesaurus_t **out)
{
	if (!db || !out || !polidex_scheme_name_valid(name))
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	return read_scheme(db, unnamed(name) ? NULL : name, out);
}

polidex_status_t pdx_db_scheme(polidex_db_t *db, const polidex_thesaurus_t **out)
{
	struct held *h = held_of(db);
	polidex_status_t status;

	*out = NULL;
	if (!h)
		return POLIDEX_STATUS_OUT_OF_MEMORY;
	/* None yet: the index may have been given one since it was opened. */
	if (!h->unnamed && (status = read_scheme(db, NULL, &h->unnamed)) != POLIDEX_STATUS_SUCCESS)
		return status;
	*out = h->unnamed;
	return POLIDEX_STATUS_SUCCESS;
}

/* The names DB lists, each followed by a newline, in *OUT (malloc()ed; "" for none). */
static polidex_status_t read_names(polidex_db_t *db, char **out)
{
	size_t len;
	polidex_status_t status = pdx_db_get_metadata(db, SCHEMES_KEY, out, &len);

	if (status == POLIDEX_STATUS_SUCCESS && !*out && !(*out = strdup("")))
		return POLIDEX_STATUS_OUT_OF_MEMORY;
	return status;
}

polidex_status_t polidex_db_get_scheme_names(polidex_db_t *db, char **out)
{
	if (!db || !out)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	*out = NULL;
	return read_names(db, out);
}

polidex_status_t pdx_db_named_schemes(polidex_db_t *db, size_t *n)
{
	struct held *h = held_of(db);
	char *names = NULL, *p, *nl;
	polidex_status_t status;

	*n = 0;
	if (!h)
		return POLIDEX_STATUS_OUT_OF_MEMORY;
	if (h->listed) {
		*n = h->n;
		return POLIDEX_STATUS_SUCCESS;
	}
	status = read_names(db, &names);
	if (status != POLIDEX_STATUS_SUCCESS)
		return status;
	for (p = names; (nl = strchr(p, '\n')) && h->n < PDX_SCHEMES_MAX; p = nl + 1) {
		struct named *s = &h->named[h->n];

		*nl = '\0';
		if (!polidex_scheme_name_valid(p) || unnamed(p))
			continue; /* not one this polidex could have written */
		snprintf(s->name, sizeof s->name, "%s", p);
		snprintf(s->prefix, sizeof s->prefix, "%s%s:", PDX_PREFIX_SCHEMES, p);
		s->field = pdx_scheme_field_pending;
		s->field.name = s->name;
		s->field.prefix = s->prefix;
		s->field.value_prefix = s->prefix + strlen(PDX_PREFIX_SCHEMES);
		h->n++;
	}
	free(names);
	/* Listed once a handle's life: an index gains a scheme only while it is written. */
	h->listed = 1;
	*n = h->n;
	return POLIDEX_STATUS_SUCCESS;
}

const char *pdx_db_named_scheme_name(polidex_db_t *db, size_t i)
{
	struct held *h = pdx_db_kept(db);

	return h && i < h->n ? h->named[i].name : NULL;
}

/* What the id key holds for TH. */
static void scheme_id(const polidex_thesaurus_t *th, char id[17])
{
	snprintf(id, 17, "%016llx", pdx_concepts_scheme_id(th));
}

/* Say on DB that its scheme NAME (NULL: the unnamed one) is HELD, not GIVEN. */
static void mismatch(polidex_db_t *db, const char *name, const polidex_thesaurus_t *held,
		     const polidex_thesaurus_t *given)
{
	char message[1024];

	snprintf(message, sizeof message,
		 "%s: was tagged with the concept scheme%s%s of %s (%zu concepts), not with %s; "
		 "index into a new database to change its scheme",
		 pdx_db_path(db), name ? " " : "", name ? name : "",
		 polidex_thesaurus_get_source(held), polidex_thesaurus_count_concepts(held),
		 polidex_thesaurus_get_source(given));
	pdx_db_set_message(db, message);
}

/* Whether GIVEN may be DB's scheme NAME (NULL: the unnamed one): it holds none of that name, or
 * holds GIVEN's. */
static polidex_status_t check_scheme(polidex_db_t *db, const char *name,
				     const polidex_thesaurus_t *given)
{
	char *id = NULL, want[17], key[80];
	polidex_thesaurus_t *held = NULL;
	size_t len;
	polidex_status_t status;

	/* The scheme's id spares reading the scheme itself, for a search that brings its
	 * own. */
	key_of(name, ID_SUFFIX, key, sizeof key);
	status = pdx_db_get_metadata(db, key, &id, &len);
	if (status != POLIDEX_STATUS_SUCCESS)
		return status;
	scheme_id(given, want);
	if (!id || strcmp(id, want) == 0) {
		free(id);
		return POLIDEX_STATUS_SUCCESS;
	}
	free(id);
	status = read_scheme(db, name, &held);
	if (status == POLIDEX_STATUS_SUCCESS && held && !polidex_thesaurus_same(held, given)) {
		mismatch(db, name, held, given);
		status = POLIDEX_STATUS_THESAURUS_MISMATCH;
	}
	polidex_thesaurus_destroy(held);
	return status;
}

polidex_status_t pdx_db_named_scheme(polidex_db_t *db, const char *name,
				     const polidex_thesaurus_t *given,
				     const struct pdx_facet_field **field,
				     const polidex_thesaurus_t **th)
{
	struct held *h;
	size_t n;
	polidex_status_t status = pdx_db_named_schemes(db, &n);

	*field = NULL;
	*th = NULL;
	if (status != POLIDEX_STATUS_SUCCESS)
		return status;
	h = pdx_db_kept(db);
	for (size_t i = 0; i < n; i++) {
		struct named *s = &h->named[i];

		if (strcmp(s->name, name) != 0)
			continue;
		if (given) {
			/* The caller's copy, once it is known to be the index's. */
			if (s->checked != given &&
			    (status = check_scheme(db, name, given)) != POLIDEX_STATUS_SUCCESS)
				return status;
			s->checked = given;
			*field = &s->field;
			*th = given;
			return POLIDEX_STATUS_SUCCESS;
		}
		if (!s->th && (status = read_scheme(db, name, &s->th)) != POLIDEX_STATUS_SUCCESS)
			return status;
		if (!s->th)
			break; /* listed, but its block is gone: as if not held */
		*field = &s->field;
		*th = s->th;
		return POLIDEX_STATUS_SUCCESS;
	}
	return POLIDEX_STATUS_SUCCESS;
}

polidex_status_t pdx_db_check_scheme(polidex_db_t *db, const polidex_thesaurus_t *given)
{
	struct held *h = pdx_db_kept(db);

	if (!given)
		return POLIDEX_STATUS_SUCCESS;
	if (h && h->unnamed) {
		if (polidex_thesaurus_same(h->unnamed, given))
			return POLIDEX_STATUS_SUCCESS;
		mismatch(db, NULL, h->unnamed, given);
		return POLIDEX_STATUS_THESAURUS_MISMATCH;
	}
	return check_scheme(db, NULL, given);
}

/* Add NAME to the names DB lists, unless it lists it already. */
static polidex_status_t list_name(polidex_db_t *db, const char *name)
{
	char *names = NULL, *p, *nl;
	size_t count = 0;
	pdx_buf b = PDX_BUF_INIT;
	int added = 0;
	polidex_status_t status = read_names(db, &names);

	if (status != POLIDEX_STATUS_SUCCESS)
		return status;
	for (p = names; (nl = strchr(p, '\n')); p = nl + 1, count++) {
		int cmp = strncmp(p, name, (size_t)(nl - p));

		if ((size_t)(nl - p) == strlen(name) && cmp == 0) {
			free(names);
			return POLIDEX_STATUS_SUCCESS;
		}
		if (!added && (cmp > 0 || (cmp == 0 && (size_t)(nl - p) > strlen(name)))) {
			pdx_buf_addf(&b, "%s\n", name);
			added = 1;
		}
		pdx_buf_add(&b, p, (size_t)(nl - p) + 1);
	}
	free(names);
	if (count >= PDX_SCHEMES_MAX) {
		char message[512];

		pdx_buf_release(&b);
		snprintf(message, sizeof message,
			 "%s: holds %d named schemes already, the most an index may",
			 pdx_db_path(db), PDX_SCHEMES_MAX);
		pdx_db_set_message(db, message);
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	}
	if (!added)
		pdx_buf_addf(&b, "%s\n", name);
	status = b.oom ? POLIDEX_STATUS_OUT_OF_MEMORY
		       : pdx_db_set_metadata(db, SCHEMES_KEY, b.data, b.len);
	pdx_buf_release(&b);
	return status;
}

polidex_status_t polidex_db_set_scheme(polidex_db_t *db, const char *name,
				       const polidex_thesaurus_t *thesaurus)
{
	polidex_status_t status;
	char *data = NULL, id[17], key[80];
	const char *as = NULL;
	size_t len;

	if (!db || !thesaurus || !polidex_scheme_name_valid(name))
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	if (!unnamed(name))
		as = name;
	status = as ? check_scheme(db, as, thesaurus) : pdx_db_check_scheme(db, thesaurus);
	key_of(as, ID_SUFFIX, key, sizeof key);
	if (status == POLIDEX_STATUS_SUCCESS)
		status = pdx_db_get_metadata(db, key, &data, &len);
	scheme_id(thesaurus, id);
	if (status != POLIDEX_STATUS_SUCCESS || data) {
		free(data); /* held already, and the same; its groups kept, as an index written
			     * before them is given them now */
		if (status == POLIDEX_STATUS_SUCCESS && !as)
			status = pdx_db_store_cover(db, thesaurus, id);
		return status;
	}
	if (as && (status = list_name(db, as)) != POLIDEX_STATUS_SUCCESS)
		return status;
	if (pdx_concepts_compile(thesaurus, &data, &len) < 0)
		return POLIDEX_STATUS_OUT_OF_MEMORY;
	key_of(as, "", key, sizeof key);
	status = pdx_db_set_metadata(db, key, data, len);
	free(data);
	key_of(as, ID_SUFFIX, key, sizeof key);
	if (status == POLIDEX_STATUS_SUCCESS)
		status = pdx_db_set_metadata(db, key, id, 16);
	if (status == POLIDEX_STATUS_SUCCESS && !as)
		status = pdx_db_store_cover(db, thesaurus, id);
	return status;
}

polidex_status_t polidex_db_set_thesaurus(polidex_db_t *db,
					  const polidex_thesaurus_t *thesaurus)
{
	return polidex_db_set_scheme(db, POLIDEX_UNNAMED_SCHEME, thesaurus);
}
