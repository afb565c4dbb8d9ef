/* article-json.c: the JSON form of an extracted article, written with json-c. */
#include "config.h"

#include "indexer/article-json.h"

static json_object *string_or_null(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

json_object *pdx_article_to_json(const polidex_article_t *a, const char *path)
{
	json_object *o = json_object_new_object(), *authors, *tags, *translations;

	if (!o)
		return NULL;
	json_object_object_add(o, "path", json_object_new_string(path));
	json_object_object_add(o, "url", string_or_null(polidex_article_get_url(a)));
	json_object_object_add(o, "title", string_or_null(polidex_article_get_title(a)));
	authors = json_object_new_array();
	for (size_t i = 0; i < polidex_article_count_authors(a); i++) {
		json_object *au = json_object_new_object();
		const char *role = polidex_article_get_author_role(a, i);

		json_object_object_add(au, "name",
				       json_object_new_string(polidex_article_get_author_name(a, i)));
		json_object_object_add(au, "role", string_or_null(role));
		json_object_array_add(authors, au);
	}
	json_object_object_add(o, "authors", authors);
	json_object_object_add(o, "canonical_url",
			       string_or_null(polidex_article_get_canonical_url(a)));
	json_object_object_add(o, "description", string_or_null(polidex_article_get_description(a)));
	json_object_object_add(o, "date", string_or_null(polidex_article_get_date(a)));
	json_object_object_add(o, "modified", string_or_null(polidex_article_get_modified(a)));
	json_object_object_add(o, "language", string_or_null(polidex_article_get_language(a)));
	json_object_object_add(o, "section", string_or_null(polidex_article_get_section(a)));
	json_object_object_add(o, "site_name", string_or_null(polidex_article_get_site_name(a)));
	tags = json_object_new_array();
	for (size_t i = 0; i < polidex_article_count_tags(a); i++)
		json_object_array_add(tags, json_object_new_string(polidex_article_get_tag(a, i)));
	json_object_object_add(o, "tags", tags);
	translations = json_object_new_object();
	for (size_t i = 0; i < polidex_article_count_translations(a); i++)
		json_object_object_add(
			translations, polidex_article_get_translation_language(a, i),
			json_object_new_string(polidex_article_get_translation_url(a, i)));
	json_object_object_add(o, "translations", translations);
	{
		json_object *concepts = json_object_new_array();

		for (size_t i = 0; i < polidex_article_count_concepts(a); i++) {
			json_object *c = json_object_new_object();

			json_object_object_add(c, "id", json_object_new_string(
								 polidex_article_get_concept_id(a, i)));
			json_object_object_add(c, "label", json_object_new_string(
								    polidex_article_get_concept_label(a, i)));
			json_object_object_add(c, "count", json_object_new_int((int)
								    polidex_article_get_concept_count(a, i)));
			json_object_object_add(c, "score", json_object_new_double(
								    polidex_article_get_concept_score(a, i)));
			json_object_array_add(concepts, c);
		}
		json_object_object_add(o, "concepts", concepts);
		concepts = json_object_new_array();
		for (size_t i = 0; i < polidex_article_count_broader(a); i++) {
			json_object *c = json_object_new_object();

			json_object_object_add(c, "id", json_object_new_string(
								 polidex_article_get_broader_id(a, i)));
			json_object_object_add(c, "label", json_object_new_string(
								    polidex_article_get_broader_label(a, i)));
			json_object_array_add(concepts, c);
		}
		json_object_object_add(o, "broader", concepts);
	}
	json_object_object_add(o, "encoding", string_or_null(polidex_article_get_encoding(a)));
	json_object_object_add(o, "body", string_or_null(polidex_article_get_body(a)));
	return o;
}
