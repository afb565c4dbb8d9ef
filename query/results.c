/* results.c: search results of the public API: hits, facet counts and their iterators. */
#include "config.h"

#include <json-c/json.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "query/query-internal.h"

polidex_results_t *pdx_results_new(void)
{
	return calloc(1, sizeof(polidex_results_t));
}

int pdx_results_set_parsed_query(polidex_results_t *r, const char *description)
{
	free(r->parsed_query);
	r->parsed_query = strdup(description);
	return r->parsed_query ? 0 : -1;
}

static void hit_release(polidex_hit_t *h)
{
	free(h->id);
	free(h->url);
	free(h->title);
	free(h->date);
	free(h->section);
	free(h->type);
	free(h->language);
	free(h->snippet);
	free(h->text);
	free(h->source);
	free(h->capture_url);
	free(h->capture_date);
	free(h->capture_file);
	free(h->capture_member);
	free(h->capture_record_id);
	free(h->capture_format);
	free(h->first_captured);
	free(h->last_captured);
	for (size_t i = 0; i < h->n_authors; i++)
		free(h->authors[i]);
	free(h->authors);
}

void polidex_results_destroy(polidex_results_t *results)
{
	if (!results)
		return;
	for (size_t i = 0; i < results->n_hits; i++)
		hit_release(&results->hits[i]);
	free(results->hits);
	for (size_t i = 0; i < results->n_facets; i++) {
		for (size_t k = 0; k < results->facets[i].n_counts; k++) {
			free(results->facets[i].counts[k].value);
			free(results->facets[i].counts[k].label);
		}
		free(results->facets[i].counts);
		free(results->facets[i].name);
	}
	free(results->facets);
	free(results->corrected_query);
	while (results->cursors) {
		struct pdx_cursor *next = results->cursors->next_owned;

		free(results->cursors);
		results->cursors = next;
	}
	free(results->parsed_query);
	free(results);
}

/* A copy of the string member KEY of O, or NULL (also when out of memory: a missing field
 * and a lost one read the same to a reader of the hit). */
static char *json_string_copy(json_object *o, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return strdup(json_object_get_string(v));
}

/* A string member of a hit, by the key of the stored JSON it is copied from. */
struct hit_field {
	const char *key;
	size_t offset; /* of the member in struct _polidex_hit */
};

/* The members copied from the document, and from its capture. */
static const struct hit_field document_fields[] = {
	{"id", offsetof(struct _polidex_hit, id)},
	{"url", offsetof(struct _polidex_hit, url)},
	{"title", offsetof(struct _polidex_hit, title)},
	{"date", offsetof(struct _polidex_hit, date)},
	{"section", offsetof(struct _polidex_hit, section)},
	{"type", offsetof(struct _polidex_hit, type)},
	{"language", offsetof(struct _polidex_hit, language)},
	{"text", offsetof(struct _polidex_hit, text)},
	{"source", offsetof(struct _polidex_hit, source)},
	{"first_captured", offsetof(struct _polidex_hit, first_captured)},
	{"last_captured", offsetof(struct _polidex_hit, last_captured)},
};
static const struct hit_field capture_fields[] = {
	{"url", offsetof(struct _polidex_hit, capture_url)},
	{"date", offsetof(struct _polidex_hit, capture_date)},
	{"file", offsetof(struct _polidex_hit, capture_file)},
	{"member", offsetof(struct _polidex_hit, capture_member)},
	{"record_id", offsetof(struct _polidex_hit, capture_record_id)},
	{"format", offsetof(struct _polidex_hit, capture_format)},
};

/* Copy into H the N FIELDS that O holds as strings (a missing one stays NULL). */
static void copy_fields(struct _polidex_hit *h, json_object *o, const struct hit_field *fields,
			size_t n)
{
	for (size_t i = 0; i < n; i++)
		*(char **)((char *)h + fields[i].offset) = json_string_copy(o, fields[i].key);
}

polidex_hit_t *pdx_results_add_hit(polidex_results_t *r, unsigned docid, double score,
				   const char *data, size_t len)
{
	struct _polidex_hit *hits = realloc(r->hits, (r->n_hits + 1) * sizeof *hits), *h;
	json_tokener *tok;
	json_object *o, *authors;

	if (!hits)
		return NULL;
	r->hits = hits;
	h = &hits[r->n_hits];
	memset(h, 0, sizeof *h);
	h->docid = docid;
	h->score = score;
	h->capture_offset = -1;
	tok = json_tokener_new();
	if (!tok)
		return NULL;
	o = json_tokener_parse_ex(tok, data, (int)len);
	json_tokener_free(tok);
	r->n_hits++;
	if (!o)
		return h; /* a document without polidex data still counts as a hit */
	copy_fields(h, o, document_fields, sizeof document_fields / sizeof document_fields[0]);
	{
		json_object *c, *v;

		if (json_object_object_get_ex(o, "capture", &c) &&
		    json_object_is_type(c, json_type_object)) {
			copy_fields(h, c, capture_fields,
				    sizeof capture_fields / sizeof capture_fields[0]);
			if (json_object_object_get_ex(c, "offset", &v) &&
			    json_object_is_type(v, json_type_int))
				h->capture_offset = json_object_get_int64(v);
		}
		if (json_object_object_get_ex(o, "captures", &v) &&
		    json_object_is_type(v, json_type_int) && json_object_get_int(v) > 0)
			h->captures = (unsigned)json_object_get_int(v);
	}
	if (json_object_object_get_ex(o, "authors", &authors) &&
	    json_object_is_type(authors, json_type_array)) {
		size_t n = json_object_array_length(authors);

		h->authors = calloc(n ? n : 1, sizeof *h->authors);
		for (size_t i = 0; h->authors && i < n; i++) {
			json_object *name;
			json_object *au = json_object_array_get_idx(authors, i);

			if (json_object_object_get_ex(au, "name", &name) &&
			    (h->authors[h->n_authors] = strdup(json_object_get_string(name))))
				h->n_authors++;
		}
	}
	json_object_put(o);
	return h;
}

int pdx_hit_set_snippet(polidex_hit_t *hit, const char *snippet, size_t len)
{
	free(hit->snippet);
	hit->snippet = pdx_strndup(snippet, len);
	free(hit->text);
	hit->text = NULL;
	return hit->snippet ? 0 : -1;
}

struct pdx_facet_result *pdx_results_add_facet(polidex_results_t *r,
					       const struct pdx_facet_request *request)
{
	struct pdx_facet_result *f = realloc(r->facets, (r->n_facets + 1) * sizeof *f);
	char *name = strdup(request->name);

	if (!f || !name) {
		free(name);
		if (f)
			r->facets = f;
		return NULL;
	}
	r->facets = f;
	f += r->n_facets++;
	f->field = request->field;
	f->name = name;
	f->counts = NULL;
	f->n_counts = 0;
	return f;
}

int pdx_facet_add_count(struct pdx_facet_result *f, const char *value, size_t len,
			const char *label, unsigned long count)
{
	struct pdx_facet_count *c = realloc(f->counts, (f->n_counts + 1) * sizeof *c);

	if (!c)
		return -1;
	f->counts = c;
	c[f->n_counts].value = pdx_strndup(value, len);
	c[f->n_counts].label = label ? strdup(label) : NULL;
	if (!c[f->n_counts].value || (label && !c[f->n_counts].label)) {
		free(c[f->n_counts].value);
		free(c[f->n_counts].label);
		return -1;
	}
	c[f->n_counts].count = count;
	f->n_counts++;
	return 0;
}

static int by_count_then_value(const void *pa, const void *pb)
{
	const struct pdx_facet_count *a = pa, *b = pb;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return strcmp(a->label ? a->label : a->value, b->label ? b->label : b->value);
}

static int by_value_descending(const void *pa, const void *pb)
{
	const struct pdx_facet_count *a = pa, *b = pb;

	return strcmp(b->value, a->value);
}

void pdx_facet_finish(struct pdx_facet_result *f, unsigned limit)
{
	if (f->n_counts > 1)
		qsort(f->counts, f->n_counts, sizeof *f->counts,
		      f->field->by_value ? by_value_descending : by_count_then_value);
	while (limit && f->n_counts > limit) {
		f->n_counts--;
		free(f->counts[f->n_counts].value);
		free(f->counts[f->n_counts].label);
	}
}

int pdx_results_set_corrected_query(polidex_results_t *r, const char *corrected)
{
	free(r->corrected_query);
	r->corrected_query = strdup(corrected);
	return r->corrected_query ? 0 : -1;
}

const char *polidex_results_get_corrected_query(const polidex_results_t *results)
{
	return results ? results->corrected_query : NULL;
}

unsigned long polidex_results_get_total(const polidex_results_t *results)
{
	return results ? results->total : 0;
}

const char *polidex_results_get_parsed_query(const polidex_results_t *results)
{
	return results && results->parsed_query ? results->parsed_query : "";
}

/* A new iterator of SIZE bytes (a struct that begins with its cursor) over a list of N
 * entries, held by RESULTS; NULL when memory runs out. */
static void *cursor_new(polidex_results_t *results, size_t size, size_t n)
{
	struct pdx_cursor *c = calloc(1, size);

	if (!c)
		return NULL;
	c->n = n;
	c->next_owned = results->cursors;
	results->cursors = c;
	return c;
}

static int cursor_valid(const struct pdx_cursor *c)
{
	return c && !c->destroyed && c->pos < c->n;
}

static void cursor_move_to_next(struct pdx_cursor *c)
{
	if (cursor_valid(c))
		c->pos++;
}

/* Iterators stay allocated until their results go, so that destroying one twice, or after
 * the results, cannot corrupt memory; destroy only marks them spent. */
static void cursor_spend(struct pdx_cursor *c)
{
	if (c)
		c->destroyed = 1;
}

polidex_hits_t *polidex_results_get_hits(polidex_results_t *results)
{
	struct _polidex_hits *it;

	if (!results)
		return NULL;
	it = cursor_new(results, sizeof *it, results->n_hits);
	if (it)
		it->results = results;
	return it;
}

int polidex_hits_valid(const polidex_hits_t *hits)
{
	return cursor_valid(hits ? &hits->cursor : NULL);
}

polidex_hit_t *polidex_hits_get(polidex_hits_t *hits)
{
	return polidex_hits_valid(hits) ? &hits->results->hits[hits->cursor.pos] : NULL;
}

void polidex_hits_move_to_next(polidex_hits_t *hits)
{
	cursor_move_to_next(hits ? &hits->cursor : NULL);
}

void polidex_hits_destroy(polidex_hits_t *hits)
{
	cursor_spend(hits ? &hits->cursor : NULL);
}

const char *polidex_hit_get_id(const polidex_hit_t *hit)
{
	return hit->id;
}

unsigned polidex_hit_get_docid(const polidex_hit_t *hit)
{
	return hit->docid;
}

const char *polidex_hit_get_url(const polidex_hit_t *hit)
{
	return hit->url;
}

const char *polidex_hit_get_title(const polidex_hit_t *hit)
{
	return hit->title;
}

const char *polidex_hit_get_date(const polidex_hit_t *hit)
{
	return hit->date;
}

const char *polidex_hit_get_type(const polidex_hit_t *hit)
{
	return hit->type;
}

const char *polidex_hit_get_section(const polidex_hit_t *hit)
{
	return hit->section;
}

const char *polidex_hit_get_language(const polidex_hit_t *hit)
{
	return hit->language;
}

const char *polidex_hit_get_snippet(const polidex_hit_t *hit)
{
	return hit->snippet;
}

const char *polidex_hit_get_source(const polidex_hit_t *hit)
{
	return hit->source;
}

const char *polidex_hit_get_capture_url(const polidex_hit_t *hit)
{
	return hit->capture_url;
}

const char *polidex_hit_get_capture_date(const polidex_hit_t *hit)
{
	return hit->capture_date;
}

const char *polidex_hit_get_capture_file(const polidex_hit_t *hit)
{
	return hit->capture_file;
}

const char *polidex_hit_get_capture_member(const polidex_hit_t *hit)
{
	return hit->capture_member;
}

long long polidex_hit_get_capture_offset(const polidex_hit_t *hit)
{
	return hit->capture_offset;
}

const char *polidex_hit_get_capture_record_id(const polidex_hit_t *hit)
{
	return hit->capture_record_id;
}

const char *polidex_hit_get_capture_format(const polidex_hit_t *hit)
{
	return hit->capture_format;
}

const char *polidex_hit_get_first_captured(const polidex_hit_t *hit)
{
	return hit->first_captured;
}

const char *polidex_hit_get_last_captured(const polidex_hit_t *hit)
{
	return hit->last_captured;
}

unsigned polidex_hit_count_captures(const polidex_hit_t *hit)
{
	return hit->captures;
}

double polidex_hit_get_score(const polidex_hit_t *hit)
{
	return hit->score;
}

polidex_facet_values_t *polidex_results_get_facet(polidex_results_t *results, const char *field)
{
	struct _polidex_facet_values *it;

	if (!results || !field)
		return NULL;
	for (size_t i = 0; i < results->n_facets; i++) {
		if (strcmp(results->facets[i].name, field) != 0)
			continue;
		it = cursor_new(results, sizeof *it, results->facets[i].n_counts);
		if (it)
			it->facet = &results->facets[i];
		return it;
	}
	return NULL;
}

int polidex_facet_values_valid(const polidex_facet_values_t *values)
{
	return cursor_valid(values ? &values->cursor : NULL);
}

/* The count VALUES is at, or NULL past the end. */
static const struct pdx_facet_count *facet_count(const polidex_facet_values_t *values)
{
	return polidex_facet_values_valid(values) ? &values->facet->counts[values->cursor.pos]
						  : NULL;
}

const char *polidex_facet_values_get_value(const polidex_facet_values_t *values)
{
	const struct pdx_facet_count *c = facet_count(values);

	return c ? c->value : NULL;
}

const char *polidex_facet_values_get_label(const polidex_facet_values_t *values)
{
	const struct pdx_facet_count *c = facet_count(values);

	if (!c)
		return NULL;
	return c->label ? c->label : c->value;
}

unsigned long polidex_facet_values_get_count(const polidex_facet_values_t *values)
{
	const struct pdx_facet_count *c = facet_count(values);

	return c ? c->count : 0;
}

void polidex_facet_values_move_to_next(polidex_facet_values_t *values)
{
	cursor_move_to_next(values ? &values->cursor : NULL);
}

void polidex_facet_values_destroy(polidex_facet_values_t *values)
{
	cursor_spend(values ? &values->cursor : NULL);
}
