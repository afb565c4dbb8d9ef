/* query.c: the query object of the public API. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "query-internal.h"
#include "schema.h"
#include "stemmer.h"

static const struct pdx_facet_field facet_fields[] = {
	{"section", PDX_SLOT_SECTION, 0},
	{"author", PDX_SLOT_AUTHORS, 0},
	{"language", PDX_SLOT_LANGUAGE, 0},
	{"year", PDX_SLOT_YEAR, 1},
};

static const char *const facet_names[] = {"section", "author", "language", "year", NULL};

const char *const *polidex_facet_fields(void)
{
	return facet_names;
}

const struct pdx_facet_field *pdx_facet_field_find(const char *name)
{
	if (!name)
		return NULL;
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
	return q;
}

void polidex_query_destroy(polidex_query_t *query)
{
	if (!query)
		return;
	free(query->text);
	free(query->language);
	free(query->facets);
	free(query);
}

polidex_status_t polidex_query_add_facet(polidex_query_t *query, const char *field)
{
	const struct pdx_facet_field *f = pdx_facet_field_find(field);
	const struct pdx_facet_field **facets;

	if (!query)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	if (!f)
		return POLIDEX_STATUS_UNKNOWN_FIELD;
	for (size_t i = 0; i < query->n_facets; i++)
		if (query->facets[i] == f)
			return POLIDEX_STATUS_SUCCESS;
	facets = realloc(query->facets, (query->n_facets + 1) * sizeof *facets);
	if (!facets)
		return POLIDEX_STATUS_OUT_OF_MEMORY;
	query->facets = facets;
	facets[query->n_facets++] = f;
	return POLIDEX_STATUS_SUCCESS;
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

	if (!query || !language || !pdx_stemmer_algorithm(language))
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	copy = strdup(language);
	if (!copy)
		return POLIDEX_STATUS_OUT_OF_MEMORY;
	free(query->language);
	query->language = copy;
	return POLIDEX_STATUS_SUCCESS;
}
