/* document-data.c: the stored fields of an article's document, as JSON. */
#include "config.h"

#include <json-c/json.h>
#include <stdint.h>

#include "indexer/document.h"
#include "lib/database.h"
#include "util/buf.h"

static json_object *string_or_null(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

/* The capture a page's text came from, and the span of its captures (its own only: the
 * writer widens it when it merges the URL's captures). */
static void add_capture_data(json_object *o, const polidex_article_t *a)
{
	const struct pdx_capture *c = a->capture;
	json_object *cap;
	char iso[21];

	if (!c) {
		json_object_object_add(o, "capture", NULL);
		json_object_object_add(o, "first_captured", NULL);
		json_object_object_add(o, "last_captured", NULL);
		json_object_object_add(o, "captures", json_object_new_int(0));
		return;
	}
	pdx_capture_iso(c->timestamp, iso);
	cap = json_object_new_object();
	json_object_object_add(cap, "url", string_or_null(a->url));
	json_object_object_add(cap, "date", json_object_new_string(iso));
	json_object_object_add(cap, "file", string_or_null(c->path));
	json_object_object_add(cap, "member", string_or_null(c->member));
	json_object_object_add(cap, "offset", json_object_new_int64((int64_t)c->offset));
	json_object_object_add(cap, "record_id", string_or_null(c->record_id));
	json_object_object_add(cap, "format", json_object_new_string(c->format));
	json_object_object_add(o, "capture", cap);
	json_object_object_add(o, "first_captured", json_object_new_string(iso));
	json_object_object_add(o, "last_captured", json_object_new_string(iso));
	json_object_object_add(o, "captures", json_object_new_int(1));
}

/* The authors of A, with their roles. */
static json_object *authors_data(const polidex_article_t *a)
{
	json_object *authors = json_object_new_array();

	for (size_t i = 0; i < a->n_authors; i++) {
		json_object *au = json_object_new_object();

		json_object_object_add(au, "name", json_object_new_string(a->authors[i].name));
		if (a->authors[i].role)
			json_object_object_add(au, "role",
					       json_object_new_string(a->authors[i].role));
		json_object_array_add(authors, au);
	}
	return authors;
}

/* The tags of A, and its translations by language. */
static void add_tags_data(json_object *o, const polidex_article_t *a)
{
	json_object *tags = json_object_new_array(), *translations = json_object_new_object();

	for (size_t i = 0; i < a->n_tags; i++)
		json_object_array_add(tags, json_object_new_string(a->tags[i]));
	json_object_object_add(o, "tags", tags);
	for (size_t i = 0; i < a->n_translations; i++)
		json_object_object_add(translations, a->translations[i].language,
				       json_object_new_string(a->translations[i].url));
	json_object_object_add(o, "translations", translations);
}

/* The concepts A was tagged with, and how often each was found. */
static json_object *concepts_data(const struct pdx_article_concept *list, size_t n)
{
	json_object *concepts = json_object_new_array();

	for (size_t i = 0; i < n; i++) {
		json_object *c = json_object_new_object();

		json_object_object_add(c, "id", json_object_new_string(list[i].id));
		json_object_object_add(c, "label", json_object_new_string(list[i].label));
		json_object_object_add(c, "count", json_object_new_int((int)list[i].count));
		json_object_array_add(concepts, c);
	}
	return concepts;
}

/* The concepts of each named scheme, under its name; nothing when A has none. */
static void add_schemes_data(json_object *o, const polidex_article_t *a)
{
	json_object *schemes;

	if (a->n_schemes == 0)
		return;
	schemes = json_object_new_object();
	for (size_t i = 0; i < a->n_schemes; i++)
		json_object_object_add(schemes, a->schemes[i].name,
				       concepts_data(a->schemes[i].concepts,
						     a->schemes[i].n_concepts));
	json_object_object_add(o, "schemes", schemes);
}

char *pdx_document_data(const polidex_article_t *a, const char *id)
{
	json_object *o = json_object_new_object();
	char *out;

	if (!o)
		return NULL;
	json_object_object_add(o, "id", json_object_new_string(id));
	json_object_object_add(o, "url", string_or_null(polidex_article_get_url(a)));
	json_object_object_add(o, "source",
			       string_or_null(a->capture ? a->capture->file : a->source));
	json_object_object_add(o, "title", string_or_null(a->title));
	json_object_object_add(o, "authors", authors_data(a));
	json_object_object_add(o, "canonical_url", string_or_null(a->canonical_url));
	json_object_object_add(o, "description", string_or_null(a->description));
	json_object_object_add(o, "date", string_or_null(a->date));
	json_object_object_add(o, "modified", string_or_null(a->modified));
	json_object_object_add(o, "section", string_or_null(a->section));
	json_object_object_add(o, "type", string_or_null(a->type));
	json_object_object_add(o, "language", string_or_null(a->language));
	json_object_object_add(o, "site_name", string_or_null(a->site_name));
	add_tags_data(o, a);
	json_object_object_add(o, "concepts", concepts_data(a->concepts, a->n_concepts));
	add_schemes_data(o, a);
	add_capture_data(o, a);
	json_object_object_add(o, "text", string_or_null(a->body));
	out = pdx_strdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
							       JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return out;
}
