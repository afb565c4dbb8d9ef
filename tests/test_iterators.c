/* test_iterators.c: the iterators over an article's lists. */
#include "config.h"

#include <string.h>

#include "polidex.h"
#include "tests/test-util.h"

static const char page[] =
	"<html lang=\"en\"><head><title>Trade and security</title>"
	"<meta name=\"author\" content=\"Ann Lee\">"
	"<meta name=\"keywords\" content=\"trade, security\">"
	"<link rel=\"alternate\" hreflang=\"fr\" href=\"https://example.org/fr/a\">"
	"<link rel=\"alternate\" hreflang=\"zh\" href=\"https://example.org/zh/a\">"
	"</head><body><article><h1>Trade and security</h1>"
	"<p>By Ann Lee and Bo Chen</p>"
	"<p>Trade agreements and security alliances shape the balance of power. Trade disputes "
	"test alliances; security guarantees make trade possible. The balance of power shifts "
	"as trade grows, and arms control follows security.</p>"
	"<p>A second paragraph about sanctions, trade and security cooperation among states, "
	"with enough words to be the text of an article.</p>"
	"</article></body></html>";

static polidex_article_t *parsed(void)
{
	polidex_article_t *a = polidex_article_new("iter.html");

	assert_non_null(a);
	assert_int_equal(polidex_article_set_url(a, "https://example.org/a"),
			 POLIDEX_STATUS_SUCCESS);
	assert_int_equal(polidex_article_parse_html(a, page, strlen(page)), POLIDEX_STATUS_SUCCESS);
	return a;
}

static void test_article_get_authors_in_page_order(void **state)
{
	polidex_article_t *a = parsed();
	polidex_authors_t *it = polidex_article_get_authors(a);

	(void)state;
	assert_true(polidex_authors_valid(it));
	assert_string_equal(polidex_authors_get_name(it), "Ann Lee");
	assert_null(polidex_authors_get_role(it)); /* the page names no role */
	polidex_authors_move_to_next(it);
	/* Past the end: invalid, getters NULL, stepping does nothing. */
	assert_false(polidex_authors_valid(it));
	assert_null(polidex_authors_get_name(it));
	polidex_authors_move_to_next(it);
	assert_false(polidex_authors_valid(it));
	polidex_authors_destroy(it);
	polidex_article_destroy(a);
}

static void test_article_get_tags_and_translations(void **state)
{
	static const char *const tags_want[] = {"trade", "security"};
	static const char *const tr_want[][2] = {{"fr", "https://example.org/fr/a"},
						 {"zh", "https://example.org/zh/a"}};
	polidex_article_t *a = parsed();
	polidex_strings_t *tags = polidex_article_get_tags(a);
	polidex_translations_t *tr = polidex_article_get_translations(a);
	size_t n = 0;

	(void)state;
	for (; polidex_strings_valid(tags); polidex_strings_move_to_next(tags), n++) {
		assert_true(n < 2);
		assert_string_equal(polidex_strings_get(tags), tags_want[n]);
	}
	assert_int_equal(n, 2);
	n = 0;
	for (; polidex_translations_valid(tr); polidex_translations_move_to_next(tr), n++) {
		assert_true(n < 2);
		assert_string_equal(polidex_translations_get_language(tr), tr_want[n][0]);
		assert_string_equal(polidex_translations_get_url(tr), tr_want[n][1]);
	}
	assert_int_equal(n, 2);
	assert_null(polidex_translations_get_url(tr));
	polidex_strings_destroy(tags);
	polidex_translations_destroy(tr);
	polidex_article_destroy(a);
}

#define BALANCE "https://polidex.example/concept/balance-of-power"

static void test_article_get_concepts_after_tagging(void **state)
{
	polidex_article_t *a = parsed();
	polidex_thesaurus_t *th = NULL;
	polidex_concepts_t *it, *broader;
	double last = 1e9;
	int balance = 0;
	size_t n = 0;

	(void)state;
	assert_int_equal(polidex_thesaurus_load(polidex_thesaurus_default_path(), &th, NULL),
			 POLIDEX_STATUS_SUCCESS);
	it = polidex_article_get_concepts(a);
	assert_false(polidex_concepts_valid(it)); /* not tagged yet */
	polidex_concepts_destroy(it);
	assert_int_equal(polidex_article_tag(a, th, 1), POLIDEX_STATUS_SUCCESS);
	it = polidex_article_get_concepts(a);
	for (; polidex_concepts_valid(it); polidex_concepts_move_to_next(it), n++) {
		assert_non_null(polidex_concepts_get_label(it));
		assert_true(polidex_concepts_get_count(it) >= 1);
		assert_true(polidex_concepts_get_score(it) <= last); /* best first */
		last = polidex_concepts_get_score(it);
		if (strcmp(polidex_concepts_get_id(it), BALANCE) == 0) {
			balance = 1;
			assert_int_equal(polidex_concepts_get_count(it), 2);
		}
	}
	assert_true(balance);
	assert_int_equal(polidex_concepts_get_count(it), 0); /* past the end */
	polidex_concepts_destroy(it);
	/* Broader concepts: count 0, and none of them tagged itself. */
	broader = polidex_article_get_broader(a);
	assert_true(polidex_concepts_valid(broader));
	for (; polidex_concepts_valid(broader); polidex_concepts_move_to_next(broader)) {
		assert_int_equal(polidex_concepts_get_count(broader), 0);
		it = polidex_article_get_concepts(a);
		for (; polidex_concepts_valid(it); polidex_concepts_move_to_next(it))
			assert_string_not_equal(polidex_concepts_get_id(it),
						polidex_concepts_get_id(broader));
		polidex_concepts_destroy(it);
	}
	polidex_concepts_destroy(broader);
	polidex_thesaurus_destroy(th);
	polidex_article_destroy(a);
}

static void test_iterators_null_safe(void **state)
{
	(void)state;
	assert_null(polidex_article_get_authors(NULL));
	assert_null(polidex_article_get_tags(NULL));
	assert_false(polidex_strings_valid(NULL));
	assert_null(polidex_strings_get(NULL));
	polidex_strings_move_to_next(NULL);
	polidex_strings_destroy(NULL);
	polidex_authors_destroy(NULL);
	polidex_translations_destroy(NULL);
	polidex_concepts_destroy(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_article_get_authors_in_page_order),
		cmocka_unit_test(test_article_get_tags_and_translations),
		cmocka_unit_test(test_article_get_concepts_after_tagging),
		cmocka_unit_test(test_iterators_null_safe),
	};

	return cmocka_run_group_tests_name("iterators", tests, NULL, NULL);
}
