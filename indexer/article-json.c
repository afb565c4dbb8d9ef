/* article-json.c: the JSON form of an extracted article, written with json-c. */
#include "config.h"

#include "indexer/article-json.h"
#include "indexer/article.h"

typedef const char *article_field_fn(const polidex_article_t *article);

/* The string fields after the authors, in the order of the output. */
static const struct {
	const char *key;
	article_field_fn *get;
} text_fields[] = {
	{"canonical_url", polidex_article_get_canonical_url},
	{"description", polidex_article_get_description},
	{"date", polidex_article_get_date},
	{"modified", polidex_article_get_modified},
	{"language", polidex_article_get_language},
	{"section", polidex_article_get_section},
	{"type", polidex_article_get_type},
	{"site_name", polidex_article_get_site_name},
};

static json_object *string_or_null(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

static json_object *authors_json(const polidex_article_t *a)
{
	polidex_authors_t *it = polidex_article_get_authors(a);
	json_object *authors = it ? json_object_new_array() : NULL;

	for (; authors && polidex_authors_valid(it); polidex_authors_move_to_next(it)) {
		json_object *au = json_object_new_object();

		json_object_object_add(au, "name",
				       json_object_new_string(polidex_authors_get_name(it)));
		json_object_object_add(au, "role", string_or_null(polidex_authors_get_role(it)));
		json_object_array_add(authors, au);
	}
	polidex_authors_destroy(it);
	return authors;
}

static json_object *tags_json(const polidex_article_t *a)
{
	polidex_strings_t *it = polidex_article_get_tags(a);
	json_object *tags = it ? json_object_new_array() : NULL;

	for (; tags && polidex_strings_valid(it); polidex_strings_move_to_next(it))
		json_object_array_add(tags, json_object_new_string(polidex_strings_get(it)));
	polidex_strings_destroy(it);
	return tags;
}

static json_object *translations_json(const polidex_article_t *a)
{
	polidex_translations_t *it = polidex_article_get_translations(a);
	json_object *translations = it ? json_object_new_object() : NULL;

	for (; translations && polidex_translations_valid(it);
	     polidex_translations_move_to_next(it))
		json_object_object_add(translations, polidex_translations_get_language(it),
				       json_object_new_string(polidex_translations_get_url(it)));
	polidex_translations_destroy(it);
	return translations;
}

/* The concepts of IT as an array; with COUNTS their mentions and scores too. */
static json_object *concepts_json(polidex_concepts_t *it, int counts)
{
	json_object *concepts = it ? json_object_new_array() : NULL;

	for (; concepts && polidex_concepts_valid(it); polidex_concepts_move_to_next(it)) {
		json_object *c = json_object_new_object();

		json_object_object_add(c, "id",
				       json_object_new_string(polidex_concepts_get_id(it)));
		json_object_object_add(c, "label",
				       json_object_new_string(polidex_concepts_get_label(it)));
		if (counts) {
			json_object_object_add(
			    c, "count", json_object_new_int((int)polidex_concepts_get_count(it)));
			json_object_object_add(
			    c, "score", json_object_new_double(polidex_concepts_get_score(it)));
		}
		json_object_array_add(concepts, c);
	}
	polidex_concepts_destroy(it);
	return concepts;
}

/* Add the list VALUE under KEY; 0, or -1 when it could not be made (memory ran out). */
static int add_list(json_object *o, const char *key, json_object *value)
{
	if (!value)
		return -1;
	json_object_object_add(o, key, value);
	return 0;
}

/* Add to O, when A was tagged with named schemes, "schemes": each one's name to its concepts.
 * Returns 0, or -1 when memory ran out. */
static int add_schemes(json_object *o, const polidex_article_t *a)
{
	json_object *schemes;

	if (!a->n_schemes)
		return 0;
	schemes = json_object_new_object();
	if (!schemes)
		return -1;
	for (size_t i = 0; i < a->n_schemes; i++) {
		json_object *list = concepts_json(
			polidex_article_get_scheme_concepts(a, a->schemes[i].name), 1);

		if (!list) {
			json_object_put(schemes);
			return -1;
		}
		json_object_object_add(schemes, a->schemes[i].name, list);
	}
	json_object_object_add(o, "schemes", schemes);
	return 0;
}

json_object *pdx_article_to_json(const polidex_article_t *a, const char *path)
{
	json_object *o = json_object_new_object();

	if (!o)
		return NULL;
	json_object_object_add(o, "path", json_object_new_string(path));
	json_object_object_add(o, "url", string_or_null(polidex_article_get_url(a)));
	json_object_object_add(o, "title", string_or_null(polidex_article_get_title(a)));
	if (add_list(o, "authors", authors_json(a)) < 0)
		goto oom;
	for (size_t i = 0; i < sizeof text_fields / sizeof text_fields[0]; i++)
		json_object_object_add(o, text_fields[i].key,
				       string_or_null(text_fields[i].get(a)));
	if (add_list(o, "tags", tags_json(a)) < 0 ||
	    add_list(o, "translations", translations_json(a)) < 0 ||
	    add_list(o, "concepts", concepts_json(polidex_article_get_concepts(a), 1)) < 0 ||
	    add_list(o, "broader", concepts_json(polidex_article_get_broader(a), 0)) < 0 ||
	    add_schemes(o, a) < 0)
		goto oom;
	json_object_object_add(o, "encoding", string_or_null(polidex_article_get_encoding(a)));
	json_object_object_add(o, "body", string_or_null(polidex_article_get_body(a)));
	return o;
oom:
	json_object_put(o);
	return NULL;
}
