/* query.c: the query object of the public API. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "query-internal.h"
#include "schema.h"
#include "stemmer.h"

static const struct pdx_facet_field facet_fields[] = {
	{"section", PDX_SLOT_SECTION, 0},
	{"author", PDX_SLOT_AUTHORS, 0},
	{"language", PDX_SLOT_LANGUAGE, 0},
	{"year", PDX_SLOT_YEAR, 1},
	{"concept", PDX_SLOT_CONCEPTS, 0},
};

static const char *const facet_names[] = {"section", "author", "language", "year", "concept",
					  NULL};

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
	q->expand = 1;
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
	free(query);
}

polidex_status_t polidex_query_add_facet(polidex_query_t *query, const char *field)
{
	const struct pdx_facet_field *f;
	struct pdx_facet_request *facets;
	const char *colon;
	char name[32];

	if (!query || !field)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	/* "concept:URI" drills down into URI's narrower concepts. */
	colon = strchr(field, ':');
	if (colon && (size_t)(colon - field) < sizeof name) {
		memcpy(name, field, (size_t)(colon - field));
		name[colon - field] = '\0';
	} else {
		snprintf(name, sizeof name, "%s", colon ? "" : field);
	}
	f = pdx_facet_field_find(name);
	if (!f || (colon && (strcmp(f->name, "concept") != 0 || !colon[1])))
		return POLIDEX_STATUS_UNKNOWN_FIELD;
	for (size_t i = 0; i < query->n_facets; i++)
		if (strcmp(query->facets[i].name, field) == 0)
			return POLIDEX_STATUS_SUCCESS;
	facets = realloc(query->facets, (query->n_facets + 1) * sizeof *facets);
	if (!facets)
		return POLIDEX_STATUS_OUT_OF_MEMORY;
	query->facets = facets;
	facets[query->n_facets].field = f;
	facets[query->n_facets].name = strdup(field);
	facets[query->n_facets].parent = colon ? strdup(colon + 1) : NULL;
	if (!facets[query->n_facets].name || (colon && !facets[query->n_facets].parent)) {
		free(facets[query->n_facets].name);
		free(facets[query->n_facets].parent);
		return POLIDEX_STATUS_OUT_OF_MEMORY;
	}
	query->n_facets++;
	return POLIDEX_STATUS_SUCCESS;
}

void polidex_query_set_thesaurus(polidex_query_t *query, polidex_thesaurus_t *thesaurus)
{
	if (query)
		query->thesaurus = thesaurus;
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
	return POLIDEX_STATUS_SUCCESS;
}
