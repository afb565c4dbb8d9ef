/* json.c: search results as JSON (doc/query-output.schema.json), written with json-c. The one
 * writer of this shape: polidex-query and polidex-serve both print what it makes. */
#include "config.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query/query-internal.h"

/* Version of the shape, the schema's "version". */
#define JSON_VERSION 1

static json_object *string_or_null(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

/* The name a facet is shown under: as asked, without a size ("author:20" is "author"). */
static void facet_key(const char *asked, char *out, size_t size)
{
	const char *colon = strrchr(asked, ':');
	size_t len = strlen(asked);

	if (colon && colon[1] && strspn(colon + 1, "0123456789") == strlen(colon + 1))
		len = (size_t)(colon - asked);
	snprintf(out, size, "%.*s", (int)len, asked);
}

static json_object *hit_to_json(const polidex_hit_t *h, const char *replay_url)
{
	json_object *o = json_object_new_object(), *authors = json_object_new_array();
	polidex_strings_t *names = polidex_hit_get_authors(h);

	json_object_object_add(o, "id", string_or_null(polidex_hit_get_id(h)));
	json_object_object_add(o, "docid", json_object_new_int64(polidex_hit_get_docid(h)));
	json_object_object_add(o, "url", string_or_null(polidex_hit_get_url(h)));
	json_object_object_add(o, "title", string_or_null(polidex_hit_get_title(h)));
	for (; polidex_strings_valid(names); polidex_strings_move_to_next(names))
		json_object_array_add(authors, json_object_new_string(polidex_strings_get(names)));
	polidex_strings_destroy(names);
	json_object_object_add(o, "authors", authors);
	json_object_object_add(o, "date", string_or_null(polidex_hit_get_date(h)));
	json_object_object_add(o, "section", string_or_null(polidex_hit_get_section(h)));
	json_object_object_add(o, "type", string_or_null(polidex_hit_get_type(h)));
	json_object_object_add(o, "language", string_or_null(polidex_hit_get_language(h)));
	json_object_object_add(o, "score", json_object_new_double(polidex_hit_get_score(h)));
	json_object_object_add(o, "snippet", string_or_null(polidex_hit_get_snippet(h)));
	json_object_object_add(o, "source", string_or_null(polidex_hit_get_source(h)));
	if (polidex_hit_get_capture_date(h)) {
		json_object *c = json_object_new_object();

		json_object_object_add(c, "url", string_or_null(polidex_hit_get_capture_url(h)));
		json_object_object_add(c, "date", string_or_null(polidex_hit_get_capture_date(h)));
		json_object_object_add(c, "file", string_or_null(polidex_hit_get_capture_file(h)));
		json_object_object_add(c, "member",
				       string_or_null(polidex_hit_get_capture_member(h)));
		json_object_object_add(c, "offset",
				       json_object_new_int64(polidex_hit_get_capture_offset(h)));
		json_object_object_add(c, "record_id",
				       string_or_null(polidex_hit_get_capture_record_id(h)));
		json_object_object_add(c, "format",
				       string_or_null(polidex_hit_get_capture_format(h)));
		json_object_object_add(o, "capture", c);
	} else {
		json_object_object_add(o, "capture", NULL);
	}
	json_object_object_add(o, "first_captured",
			       string_or_null(polidex_hit_get_first_captured(h)));
	json_object_object_add(o, "last_captured",
			       string_or_null(polidex_hit_get_last_captured(h)));
	json_object_object_add(o, "captures",
			       json_object_new_int((int)polidex_hit_count_captures(h)));
	if (replay_url) {
		char *link = polidex_hit_replay_url(h, replay_url);

		json_object_object_add(o, "replay_url", string_or_null(link));
		free(link);
	}
	return o;
}

char *polidex_results_to_json(polidex_results_t *results, const polidex_query_t *query, int flags)
{
	json_object *o, *hits, *facets;
	polidex_hits_t *it;
	char *out;

	if (!results || !query)
		return NULL;
	o = json_object_new_object();
	if (!o)
		return NULL;
	json_object_object_add(o, "version", json_object_new_int(JSON_VERSION));
	json_object_object_add(o, "query", json_object_new_string(query->text));
	json_object_object_add(o, "parsed_query",
			       json_object_new_string(polidex_results_get_parsed_query(results)));
	json_object_object_add(o, "corrected_query",
			       string_or_null(polidex_results_get_corrected_query(results)));
	json_object_object_add(o, "total", json_object_new_int64(
						   (int64_t)polidex_results_get_total(results)));
	json_object_object_add(o, "offset", json_object_new_int64(query->offset));
	json_object_object_add(o, "limit", json_object_new_int64(query->limit));
	hits = json_object_new_array();
	it = polidex_results_get_hits(results);
	for (; polidex_hits_valid(it); polidex_hits_move_to_next(it))
		json_object_array_add(hits, hit_to_json(polidex_hits_get(it), query->replay_url));
	polidex_hits_destroy(it);
	json_object_object_add(o, "hits", hits);
	facets = json_object_new_object();
	for (size_t i = 0; i < query->n_facets; i++) {
		polidex_facet_values_t *v =
		    polidex_results_get_facet(results, query->facets[i].name);
		json_object *list = json_object_new_array();
		char key[1024];

		for (; polidex_facet_values_valid(v); polidex_facet_values_move_to_next(v)) {
			json_object *entry = json_object_new_object();
			const char *value = polidex_facet_values_get_value(v);
			const char *label = polidex_facet_values_get_label(v);

			json_object_object_add(entry, "value", json_object_new_string(value));
			if (strcmp(label, value) != 0)
				json_object_object_add(entry, "label",
						       json_object_new_string(label));
			json_object_object_add(
			    entry, "count",
			    json_object_new_int64((int64_t)polidex_facet_values_get_count(v)));
			json_object_array_add(list, entry);
		}
		polidex_facet_values_destroy(v);
		facet_key(query->facets[i].name, key, sizeof key);
		json_object_object_add(facets, key, list);
	}
	json_object_object_add(o, "facets", facets);
	out = strdup(json_object_to_json_string_ext(
	    o, ((flags & POLIDEX_JSON_PRETTY) ? JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED
					      : JSON_C_TO_STRING_PLAIN) |
		   JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return out;
}
