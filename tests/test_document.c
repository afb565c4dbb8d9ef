/* test_document.c: the document an article becomes (indexer/document.c, document-data.c): its
 * id, terms, texts, values and stored fields. */
#include "config.h"

#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "indexer/article.h"
#include "indexer/document.h"
#include "tests/test-util.h"
#include "util/multivalue.h"

/* A known article: a page of a think tank's site, tagged with one concept under another. */
static polidex_article_t *known_article(void)
{
	polidex_article_t *a = polidex_article_new("rules.html");

	assert_non_null(a);
	assert_int_equal(pdx_article_set(&a->url, "https://Think.Example/rules?x=1"), 0);
	assert_int_equal(pdx_article_set(&a->title, "Rules Under Strain"), 0);
	assert_int_equal(pdx_article_set(&a->date, "2024-03-01"), 0);
	assert_int_equal(pdx_article_set(&a->language, "en"), 0);
	assert_int_equal(pdx_article_set(&a->section, "Analysis"), 0);
	assert_int_equal(pdx_article_set(&a->body, "The balance of power shifts."), 0);
	assert_int_equal(pdx_article_add_author(a, "Jane Doe", "Senior Fellow"), 0);
	assert_int_equal(pdx_article_add_tag(a, "Trade Policy"), 0);
	a->concepts = calloc(1, sizeof *a->concepts);
	a->broader = calloc(1, sizeof *a->broader);
	assert_true(a->concepts && a->broader);
	a->concepts[0].id = strdup("ir:trade");
	a->concepts[0].label = strdup("Trade");
	a->concepts[0].count = 2;
	a->n_concepts = 1;
	a->broader[0].id = strdup("ir:economy");
	a->broader[0].label = strdup("Economy");
	a->n_broader = 1;
	a->content_hash = 1;
	a->tag_hash = 2;
	return a;
}

static int has_term(const struct pdx_docspec *s, const char *term)
{
	for (size_t i = 0; i < s->n_terms; i++)
		if (strcmp(s->terms[i], term) == 0)
			return 1;
	return 0;
}

static void check_term(const struct pdx_docspec *s, const char *term)
{
	if (!has_term(s, term))
		fail_msg("no term \"%s\"", term);
}

static const struct pdx_doc_value *value_of(const struct pdx_docspec *s, unsigned slot)
{
	for (size_t i = 0; i < s->n_values; i++)
		if (s->values[i].slot == slot)
			return &s->values[i];
	fail_msg("no value in slot %u", slot);
	return NULL;
}

static void check_value(const struct pdx_docspec *s, unsigned slot, const char *want)
{
	const struct pdx_doc_value *v = value_of(s, slot);

	assert_int_equal(v->len, strlen(want));
	assert_memory_equal(v->value, want, v->len);
}

/* The facet in SLOT holds exactly the N values WANT, in order. */
static void check_facet(const struct pdx_docspec *s, unsigned slot, const char *const *want,
			 size_t n)
{
	const struct pdx_doc_value *v = value_of(s, slot);
	size_t pos = 0, i = 0, len;
	const char *one;

	while (pdx_multivalue_next(v->value, v->len, &pos, &one, &len) == 1) {
		assert_true(i < n);
		assert_int_equal(len, strlen(want[i]));
		assert_memory_equal(one, want[i], len);
		i++;
	}
	assert_int_equal(i, n);
}

static void test_schema_build_terms_of_a_known_article(void **state)
{
	polidex_article_t *a = known_article();
	struct pdx_docspec s = {0};

	(void)state;
	assert_int_equal(pdx_schema_build(a, &s), 0);
	assert_string_equal(s.id_term, "Qhttps://Think.Example/rules?x=1");
	assert_string_equal(s.language, "english");
	check_term(&s, "Ajane doe");
	check_term(&s, "Ktrade policy");
	check_term(&s, "XSanalysis");
	check_term(&s, "Len");
	check_term(&s, "D20240301");
	check_term(&s, "M202403");
	check_term(&s, "Y2024");
	check_term(&s, "XCir:trade");
	check_term(&s, "XCir:economy");
	check_term(&s, "XFhttps://Think.Example/rules?x=1");
	check_term(&s, "Uhttps://Think.Example/rules?x=1");
	check_term(&s, "Hthink.example");
	assert_int_equal(s.n_terms, 12);
	pdx_docspec_free(&s);
	polidex_article_destroy(a);
}

static void test_schema_build_texts_are_weighted(void **state)
{
	polidex_article_t *a = known_article();
	struct pdx_docspec s = {0};
	static const struct {
		const char *prefix, *text;
		unsigned weight;
	} want[] = {
		{"S", "rules under strain", 1}, {"", "rules under strain", 5},
		{"", "jane doe", 2},	        {"", "trade policy", 2},
		{"", "the balance of power shifts.", 1},
	};

	(void)state;
	assert_int_equal(pdx_schema_build(a, &s), 0);
	assert_int_equal(s.n_texts, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < s.n_texts; i++) {
		assert_string_equal(s.texts[i].prefix, want[i].prefix);
		assert_string_equal(s.texts[i].text, want[i].text);
		assert_int_equal(s.texts[i].weight, want[i].weight);
		assert_true(s.texts[i].positions);
	}
	pdx_docspec_free(&s);
	polidex_article_destroy(a);
}

static void test_schema_build_values_and_facets(void **state)
{
	polidex_article_t *a = known_article();
	struct pdx_docspec s = {0};
	char hash[17];
	static const char *const year[] = {"2024"}, *const month[] = {"2024-03"};
	static const char *const site[] = {"think.example"}, *const authors[] = {"Jane Doe"};
	static const char *const concepts[] = {"ir:trade", "ir:economy"};
	static const char *const section[] = {"Analysis"}, *const tags[] = {"Trade Policy"};
	static const char *const language[] = {"en"};

	(void)state;
	assert_int_equal(pdx_schema_build(a, &s), 0);
	check_value(&s, PDX_SLOT_DATE, "20240301");
	pdx_document_fingerprint(1, 2, hash);
	assert_int_equal(strlen(hash), 16);
	check_value(&s, PDX_SLOT_HASH, hash);
	check_value(&s, PDX_SLOT_ID, "https://Think.Example/rules?x=1");
	check_facet(&s, PDX_SLOT_YEAR, year, 1);
	check_facet(&s, PDX_SLOT_MONTH, month, 1);
	check_facet(&s, PDX_SLOT_SITE, site, 1);
	check_facet(&s, PDX_SLOT_AUTHORS, authors, 1);
	check_facet(&s, PDX_SLOT_CONCEPTS, concepts, 2);
	check_facet(&s, PDX_SLOT_SECTION, section, 1);
	check_facet(&s, PDX_SLOT_TAGS, tags, 1);
	check_facet(&s, PDX_SLOT_LANGUAGE, language, 1);
	assert_int_equal(s.n_values, 11);
	pdx_docspec_free(&s);
	polidex_article_destroy(a);
}

static void test_schema_build_stored_fields(void **state)
{
	polidex_article_t *a = known_article();
	struct pdx_docspec s = {0};
	json_object *data, *v, *author, *concept;

	(void)state;
	assert_int_equal(pdx_schema_build(a, &s), 0);
	data = json_tokener_parse(s.data);
	assert_non_null(data);
	assert_true(json_object_object_get_ex(data, "title", &v));
	assert_string_equal(json_object_get_string(v), "Rules Under Strain");
	assert_true(json_object_object_get_ex(data, "authors", &v));
	author = json_object_array_get_idx(v, 0);
	assert_true(json_object_object_get_ex(author, "role", &v));
	assert_string_equal(json_object_get_string(v), "Senior Fellow");
	assert_true(json_object_object_get_ex(data, "concepts", &v));
	assert_int_equal(json_object_array_length(v), 1); /* the tagged ones, not the broader */
	concept = json_object_array_get_idx(v, 0);
	assert_true(json_object_object_get_ex(concept, "count", &v));
	assert_int_equal(json_object_get_int(v), 2);
	assert_true(json_object_object_get_ex(data, "capture", &v));
	assert_null(v);
	assert_true(json_object_object_get_ex(data, "text", &v));
	assert_string_equal(json_object_get_string(v), "The balance of power shifts.");
	json_object_put(data);
	pdx_docspec_free(&s);
	polidex_article_destroy(a);
}

static void test_schema_build_without_identity(void **state)
{
	polidex_article_t *a = polidex_article_new(NULL);
	struct pdx_docspec s = {0};

	(void)state;
	assert_int_equal(pdx_article_set(&a->title, "Untitled"), 0);
	assert_int_equal(pdx_schema_build(a, &s), -2);
	pdx_docspec_free(&s);
	polidex_article_destroy(a);
}

static void test_schema_build_capture_kept_each(void **state)
{
	polidex_article_t *a = known_article();
	polidex_capture_t c = {.date = "2024-03-01T10:00:00Z", .file = "crawl.warc.gz",
			       .offset = 42, .record_id = "<urn:uuid:1>", .format = "warc",
			       .each = 1};
	struct pdx_docspec s = {0};
	static const char *const year[] = {"2024"};

	(void)state;
	assert_int_equal(polidex_article_set_capture(a, &c), POLIDEX_STATUS_SUCCESS);
	assert_int_equal(pdx_schema_build(a, &s), 0);
	/* Each capture its own document: the id is the capture's date and URL. */
	assert_string_equal(s.id_term, "Q20240301100000/https://Think.Example/rules?x=1");
	assert_int_equal(s.capture.kind, PDX_CAPTURE_CONTENT);
	assert_string_equal(s.capture.route, "Qhttps://Think.Example/rules?x=1");
	assert_null(s.capture.target);
	check_term(&s, "XD20240301");
	check_term(&s, "XY2024");
	check_facet(&s, PDX_SLOT_CAPTURE_YEAR, year, 1);
	check_value(&s, PDX_SLOT_TAGGING, "0000000000000002");
	pdx_docspec_free(&s);
	polidex_article_destroy(a);
}

static void test_schema_build_revisit_adds_a_date_only(void **state)
{
	polidex_article_t *a = polidex_article_new("crawl.warc.gz");
	polidex_capture_t c = {.date = "2024-04-01T00:00:00Z", .file = "crawl.warc.gz",
			       .format = "warc", .revisit = 1};
	struct pdx_docspec s = {0};

	(void)state;
	assert_int_equal(polidex_article_set_url(a, "https://think.example/"), 0);
	assert_int_equal(polidex_article_set_capture(a, &c), POLIDEX_STATUS_SUCCESS);
	assert_int_equal(pdx_schema_build(a, &s), 0);
	assert_int_equal(s.capture.kind, PDX_CAPTURE_REVISIT);
	assert_string_equal(s.id_term, "Qhttps://think.example/");
	assert_int_equal(s.n_terms, 0);
	assert_int_equal(s.n_texts, 0);
	assert_null(s.data);
	pdx_docspec_free(&s);
	polidex_article_destroy(a);
}

static void test_document_fingerprint_of_hashes_and_schema(void **state)
{
	char a[17], b[17], c[17];

	(void)state;
	pdx_document_fingerprint(1, 2, a);
	pdx_document_fingerprint(1, 2, b);
	pdx_document_fingerprint(1, 3, c);
	assert_string_equal(a, b);
	assert_string_not_equal(a, c);
	assert_int_equal(strspn(a, "0123456789abcdef"), 16);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_schema_build_terms_of_a_known_article),
		cmocka_unit_test(test_schema_build_texts_are_weighted),
		cmocka_unit_test(test_schema_build_values_and_facets),
		cmocka_unit_test(test_schema_build_stored_fields),
		cmocka_unit_test(test_schema_build_without_identity),
		cmocka_unit_test(test_schema_build_capture_kept_each),
		cmocka_unit_test(test_schema_build_revisit_adds_a_date_only),
		cmocka_unit_test(test_document_fingerprint_of_hashes_and_schema),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
