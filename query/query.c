/* query.c: the query object of the public API. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "query/query-internal.h"
#include "lib/database.h"
#include "stemmers/stemmers.h"

/* How many values a facet shows unless asked for another number. */
#define DEFAULT_FACET_LIMIT 10

static const struct pdx_facet_field facet_fields[] = {
	{"concept", PDX_SLOT_CONCEPTS, 0, PDX_PREFIX_CONCEPT, DEFAULT_FACET_LIMIT, 1, ""},
	{"author", PDX_SLOT_AUTHORS, 0, PDX_PREFIX_AUTHOR, DEFAULT_FACET_LIMIT, 0, ""},
	{"section", PDX_SLOT_SECTION, 0, PDX_PREFIX_SECTION, DEFAULT_FACET_LIMIT, 0, ""},
	{"type", PDX_SLOT_TYPE, 0, PDX_PREFIX_TYPE, DEFAULT_FACET_LIMIT, 0, ""},
	{"site", PDX_SLOT_SITE, 0, PDX_PREFIX_HOST, DEFAULT_FACET_LIMIT, 0, ""},
	{"language", PDX_SLOT_LANGUAGE, 0, PDX_PREFIX_LANGUAGE, DEFAULT_FACET_LIMIT, 0, ""},
	{"tag", PDX_SLOT_TAGS, 0, PDX_PREFIX_TAG, DEFAULT_FACET_LIMIT, 0, ""},
	{"year", PDX_SLOT_YEAR, 1, PDX_PREFIX_YEAR, 0, 0, ""},
	{"month", PDX_SLOT_MONTH, 1, PDX_PREFIX_MONTH, 0, 0, ""},
	{"capture-year", PDX_SLOT_CAPTURE_YEAR, 1, PDX_PREFIX_CAPTURE_YEAR, 0, 0, ""},
};

const struct pdx_facet_field pdx_scheme_field_pending = {
	"", PDX_SLOT_SCHEMES, 0, PDX_PREFIX_SCHEMES, DEFAULT_FACET_LIMIT, 1, ""};

/* The field called NAME: a known one, else the pending field of a scheme of that name, else
 * NULL. */
static const struct pdx_facet_field *field_or_scheme(const char *name)
{
	const struct pdx_facet_field *f = pdx_facet_field_find(name);

	if (!f && polidex_scheme_name_valid(name))
		f = &pdx_scheme_field_pending;
	return f;
}

static const char *const facet_names[] = {"concept", "author", "section", "type", "site",
					  "language", "tag", "year", "month", "capture-year",
					  NULL};

const char *const *polidex_facet_fields(void)
{
	return facet_names;
}

const struct pdx_facet_field *pdx_facet_field_find(const char *name)
{
	if (!name)
		return NULL;
	if (strcmp(name, "lang") == 0)
		name = "language";
	for (size_t i = 0; i < sizeof facet_fields / sizeof facet_fields[0]; i++)
		if (strcmp(name, facet_fields[i].name) == 0)
			return &facet_fields[i];
	return NULL;
}

polidex_query_t *polidex_query_new(const char *text)
{
	polidex_query_t *q = calloc(1, sizeof *q);

	if (!q)
		return NULL;
	q->text = strdup(text ? text : "");
	q->language = strdup("en");
	if (!q->text || !q->language) {
		polidex_query_destroy(q);
		return NULL;
	}
	q->limit = 10;
	q->expand = 1;
	q->stem_strategy = POLIDEX_STEM_SOME;
	q->sort = POLIDEX_SORT_RELEVANCE;
	q->spelling = 1;
	return q;
}

void polidex_query_destroy(polidex_query_t *query)
{
	if (!query)
		return;
	free(query->text);
	free(query->language);
	for (size_t i = 0; i < query->n_facets; i++) {
		free(query->facets[i].name);
		free(query->facets[i].parent);
	}
	free(query->facets);
	for (size_t i = 0; i < query->n_filters; i++)
		free(query->filters[i].value);
	free(query->filters);
	free(query->replay_url);
	free(query);
}

/* Whether S is a whole number, from 1 to 10000: a facet's size. */
static int facet_size(const char *s, unsigned *out)
{
	char *end;
	unsigned long n;

	if (!*s || strspn(s, "0123456789") != strlen(s))
		return 0;
	n = strtoul(s, &end, 10);
	if (n < 1 || n > 10000)
		return 0;
	*out = (unsigned)n;
	return 1;
}

polidex_status_t polidex_query_add_facet(polidex_query_t *query, const char *field)
{
	const struct pdx_facet_field *f;
	struct pdx_facet_request *facets;
	const char *colon, *last;
	char name[32], *parent = NULL;
	unsigned limit;

	if (!query || !field)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	colon = strchr(field, ':');
	if (colon && (size_t)(colon - field) < sizeof name) {
		memcpy(name, field, (size_t)(colon - field));
		name[colon - field] = '\0';
	} else {
		snprintf(name, sizeof name, "%s", colon ? "" : field);
	}
	f = field_or_scheme(name);
	if (!f)
		return POLIDEX_STATUS_UNKNOWN_FIELD;
	limit = f->limit;
	/* FIELD:N, concept:CONCEPT, concept:CONCEPT:N */
	if (colon) {
		size_t parent_len;

		last = strrchr(field, ':');
		if (facet_size(last + 1, &limit))
			parent_len = last > colon ? (size_t)(last - colon - 1) : 0;
		else if (last == colon || f->scheme)
			parent_len = strlen(colon + 1);
		else
			return POLIDEX_STATUS_UNKNOWN_FIELD;
		if (parent_len && !f->scheme)
			return POLIDEX_STATUS_UNKNOWN_FIELD;
		if (!parent_len && last == colon && !facet_size(last + 1, &limit))
			return POLIDEX_STATUS_UNKNOWN_FIELD;
		if (parent_len && !(parent = pdx_strndup(colon + 1, parent_len)))
			return POLIDEX_STATUS_OUT_OF_MEMORY;
	}
	for (size_t i = 0; i < query->n_facets; i++)
		if (strcmp(query->facets[i].name, field) == 0) {
			free(parent);
			return POLIDEX_STATUS_SUCCESS;
		}
	facets = realloc(query->facets, (query->n_facets + 1) * sizeof *facets);
	if (!facets) {
		free(parent);
		return POLIDEX_STATUS_OUT_OF_MEMORY;
	}
	query->facets = facets;
	facets[query->n_facets].field = f;
	facets[query->n_facets].name = strdup(field);
	facets[query->n_facets].parent = parent;
	facets[query->n_facets].limit = limit;
	facets[query->n_facets].th = NULL;
	snprintf(facets[query->n_facets].scheme, sizeof facets->scheme, "%s",
		 f == &pdx_scheme_field_pending ? name : "");
	if (!facets[query->n_facets].name) {
		free(parent);
		return POLIDEX_STATUS_OUT_OF_MEMORY;
	}
	query->n_facets++;
	return POLIDEX_STATUS_SUCCESS;
}

polidex_status_t polidex_query_add_filter(polidex_query_t *query, const char *field,
					  const char *value)
{
	const struct pdx_facet_field *f;
	struct pdx_filter *filters;
	char *copy;

	if (!query || !field || !value)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	f = field_or_scheme(field);
	if (!f)
		return POLIDEX_STATUS_UNKNOWN_FIELD;
	while (*value == ' ')
		value++;
	if (!*value)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	copy = strdup(value);
	filters = copy ? realloc(query->filters, (query->n_filters + 1) * sizeof *filters) : NULL;
	if (!filters) {
		free(copy);
		return POLIDEX_STATUS_OUT_OF_MEMORY;
	}
	query->filters = filters;
	filters[query->n_filters].field = f;
	filters[query->n_filters].value = copy;
	filters[query->n_filters].th = NULL;
	snprintf(filters[query->n_filters].scheme, sizeof filters->scheme, "%s",
		 f == &pdx_scheme_field_pending ? field : "");
	query->n_filters++;
	return POLIDEX_STATUS_SUCCESS;
}

polidex_status_t polidex_query_add_filter_spec(polidex_query_t *query, const char *spec)
{
	const char *colon = spec ? strchr(spec, ':') : NULL;
	char field[32];

	if (!query || !colon || colon == spec)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	if ((size_t)(colon - spec) >= sizeof field)
		return POLIDEX_STATUS_UNKNOWN_FIELD;
	memcpy(field, spec, (size_t)(colon - spec));
	field[colon - spec] = '\0';
	return polidex_query_add_filter(query, field, colon + 1);
}

void polidex_query_set_stem_strategy(polidex_query_t *query, polidex_stem_strategy_t strategy)
{
	if (query && (strategy == POLIDEX_STEM_NONE || strategy == POLIDEX_STEM_SOME ||
		      strategy == POLIDEX_STEM_ALL))
		query->stem_strategy = strategy;
}

void polidex_query_set_sort(polidex_query_t *query, polidex_sort_t sort)
{
	if (query && (sort == POLIDEX_SORT_RELEVANCE || sort == POLIDEX_SORT_NEWEST ||
		      sort == POLIDEX_SORT_OLDEST))
		query->sort = sort;
}

void polidex_query_set_spelling(polidex_query_t *query, int spelling)
{
	if (query)
		query->spelling = spelling != 0;
}

void polidex_query_set_thesaurus(polidex_query_t *query, const polidex_thesaurus_t *thesaurus)
{
	if (query)
		query->thesaurus = thesaurus;
}

polidex_status_t polidex_query_set_scheme(polidex_query_t *query, const char *name,
					  const polidex_thesaurus_t *thesaurus)
{
	size_t i;

	if (!query || !polidex_scheme_name_valid(name))
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	if (strcmp(name, POLIDEX_UNNAMED_SCHEME) == 0) {
		query->thesaurus = thesaurus;
		return POLIDEX_STATUS_SUCCESS;
	}
	for (i = 0; i < query->n_schemes && strcmp(query->schemes[i].name, name) != 0; i++)
		;
	if (i == sizeof query->schemes / sizeof query->schemes[0])
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	if (i == query->n_schemes) {
		snprintf(query->schemes[i].name, sizeof query->schemes[i].name, "%s", name);
		query->n_schemes++;
	}
	query->schemes[i].th = thesaurus;
	return POLIDEX_STATUS_SUCCESS;
}

const polidex_thesaurus_t *pdx_query_scheme(const polidex_query_t *query, const char *name)
{
	for (size_t i = 0; i < query->n_schemes; i++)
		if (strcmp(query->schemes[i].name, name) == 0)
			return query->schemes[i].th;
	return NULL;
}

void polidex_query_set_expansion(polidex_query_t *query, int expand)
{
	if (query)
		query->expand = expand != 0;
}

void polidex_query_set_offset(polidex_query_t *query, unsigned offset)
{
	if (query)
		query->offset = offset;
}

void polidex_query_set_limit(polidex_query_t *query, unsigned limit)
{
	if (query)
		query->limit = limit;
}

polidex_status_t polidex_query_set_language(polidex_query_t *query, const char *language)
{
	char *copy;

	/* Languages without a Snowball stemmer that polidex still reads (as n-grams or words). */
	static const char *const unstemmed[] = {"zh", "ja", "ko", "th", "vi", "he", "fa", "pl",
						"cs", "uk", "bg", "hr", "sk", "sl", "et", "lv"};
	int known = language && pdx_stemmer_algorithm(language) != NULL;

	for (size_t i = 0; language && !known && i < sizeof unstemmed / sizeof unstemmed[0]; i++)
		known = strncasecmp(language, unstemmed[i], 2) == 0 &&
			(!language[2] || language[2] == '-' || language[2] == '_');
	if (!query || !known)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	copy = strdup(language);
	if (!copy)
		return POLIDEX_STATUS_OUT_OF_MEMORY;
	free(query->language);
	query->language = copy;
	query->one_language = 1;
	return POLIDEX_STATUS_SUCCESS;
}
