/* test_query.c: query text normalisation and checking, facet and filter requests, and the
 * multi-value encoding of facet slots. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/multivalue.h"
#include "query/query-internal.h"
#include "tests/test-util.h"

static void expect_query(const char *in, const char *want)
{
	char *out = pdx_query_normalise(in);

	assert_non_null(out);
	assert_string_equal(out, want);
	free(out);
}

static void test_query_normalise_keeps_operators(void **state)
{
	(void)state;
	expect_query("Realism AND Hegemony", "realism AND hegemony");
	expect_query("NATO OR \"Belt and Road\"", "nato OR \"belt and road\"");
	expect_query("win NEAR/3 cooperation NOT Trade", "win NEAR/3 cooperation NOT trade");
	expect_query("author:\"Du Qiwen\" date:2015..2016", "author:\"du qiwen\" date:2015..2016");
	expect_query("\xef\xbc\xa1\xef\xbc\xa9\xef\xbc\xa9\xef\xbc\xa2", "aiib"); /* ＡＩＩＢ */
	expect_query("", "");
}

static void test_query_normalise_words_as_written(void **state)
{
	(void)state;
	/* =word and ="word" are quoted words, never stemmed; a field keeps its name */
	expect_query("=Sanctions policy", "\"sanctions\" policy");
	expect_query("=\"Sanctions\" policy", "\"sanctions\" policy");
	expect_query("title:=Trade", "title:\"trade\"");
	/* inside a phrase or a field's value, and alone, = is left to the parser */
	expect_query("\"a =b\"", "\"a =b\"");
	expect_query("author:\"=x\"", "author:\"=x\"");
	expect_query("a = b", "a  b");
}

static void test_multivalue_round_trip(void **state)
{
	pdx_buf b = PDX_BUF_INIT;
	char long_value[300];
	const char *v;
	size_t pos = 0, len;

	(void)state;
	memset(long_value, 'x', sizeof long_value);
	assert_int_equal(pdx_multivalue_add(&b, "Jane Doe", 8), 0);
	assert_int_equal(pdx_multivalue_add(&b, "", 0), 0);
	assert_int_equal(pdx_multivalue_add(&b, long_value, sizeof long_value), 0);
	assert_int_equal(pdx_multivalue_next(b.data, b.len, &pos, &v, &len), 1);
	assert_int_equal(len, 8);
	assert_memory_equal(v, "Jane Doe", 8);
	assert_int_equal(pdx_multivalue_next(b.data, b.len, &pos, &v, &len), 1);
	assert_int_equal(len, 0);
	assert_int_equal(pdx_multivalue_next(b.data, b.len, &pos, &v, &len), 1);
	assert_int_equal(len, sizeof long_value);
	assert_int_equal(pdx_multivalue_next(b.data, b.len, &pos, &v, &len), 0);
	pdx_buf_release(&b);
}

static void test_multivalue_next_rejects_truncated(void **state)
{
	const char bad[] = {5, 'a', 'b'};
	const char *v;
	size_t pos = 0, len;

	(void)state;
	assert_int_equal(pdx_multivalue_next(bad, sizeof bad, &pos, &v, &len), -1);
	pos = 0;
	assert_int_equal(pdx_multivalue_next("\x80", 1, &pos, &v, &len), -1);
}

static void test_facet_field_find(void **state)
{
	(void)state;
	assert_non_null(pdx_facet_field_find("author"));
	assert_non_null(pdx_facet_field_find("year"));
	assert_null(pdx_facet_field_find("Author"));
	assert_null(pdx_facet_field_find(NULL));
}

static void test_query_normalise_capitals(void **state)
{
	char *out;

	(void)state;
	/* Capitals stay on plain words only: field values are stored folded. */
	out = pdx_query_normalise_capitals("Power politics author:\"Du Qiwen\" tag:AIIB NATO", 1);
	assert_non_null(out);
	assert_string_equal(out, "Power politics author:\"du qiwen\" tag:aiib Nato");
	free(out);
}

/* CHECK must refuse TEXT with a message naming position POS. */
static void expect_refused(const char *text, const char *pos)
{
	char message[256];

	assert_int_equal(pdx_query_check(text, message, sizeof message), 0);
	if (!strstr(message, pos))
		fail_msg("'%s': '%s' lacks '%s'", text, message, pos);
}

static void test_query_check_positions(void **state)
{
	char message[256];

	(void)state;
	assert_int_equal(pdx_query_check("(trade OR \"balance of power\") -russia", message,
					 sizeof message), 1);
	assert_int_equal(pdx_query_check("NOT trade", message, sizeof message), 1);
	assert_int_equal(pdx_query_check("", message, sizeof message), 1);
	expect_refused("(trade", "position 1");
	expect_refused("a (b (c) d", "position 3");
	expect_refused("trade AND", "'AND' at position 7");
	expect_refused("OR trade", "'OR' at position 1");
	expect_refused("a AND OR b", "'OR' at position 7");
	expect_refused("\"trade war", "position 1");
	expect_refused("a ) b", "position 3");
	expect_refused("title:", "position 1");
	/* Positions count characters, not bytes. */
	expect_refused("\xe5\xa4\x9a\xe8\xbe\xb9 (", "position 4");
}

static void test_query_facet_and_filter_requests(void **state)
{
	polidex_query_t *q = polidex_query_new("");

	(void)state;
	assert_non_null(q);
	assert_int_equal(polidex_query_add_facet(q, "author"), POLIDEX_STATUS_SUCCESS);
	assert_int_equal(polidex_query_add_facet(q, "author:20"), POLIDEX_STATUS_SUCCESS);
	assert_int_equal(polidex_query_add_facet(q, "month"), POLIDEX_STATUS_SUCCESS);
	assert_int_equal(polidex_query_add_facet(q, "concept:Balance of power"),
			 POLIDEX_STATUS_SUCCESS);
	assert_int_equal(polidex_query_add_facet(q, "concept:http://x.example/c/1:5"),
			 POLIDEX_STATUS_SUCCESS);
	assert_int_equal(q->n_facets, 5);
	assert_int_equal(q->facets[0].limit, 10);
	assert_int_equal(q->facets[1].limit, 20);
	assert_int_equal(q->facets[2].limit, 0);
	assert_string_equal(q->facets[3].parent, "Balance of power");
	assert_string_equal(q->facets[4].parent, "http://x.example/c/1");
	assert_int_equal(q->facets[4].limit, 5);
	assert_int_equal(polidex_query_add_facet(q, "author:x"), POLIDEX_STATUS_UNKNOWN_FIELD);
	assert_int_equal(polidex_query_add_facet(q, "author:0"), POLIDEX_STATUS_UNKNOWN_FIELD);
	assert_int_equal(polidex_query_add_facet(q, "concept:"), POLIDEX_STATUS_UNKNOWN_FIELD);
	/* A name that could be a concept scheme's waits for the index to say; one that
	 * cannot be is refused at once. */
	assert_int_equal(polidex_query_add_facet(q, "Colour!"), POLIDEX_STATUS_UNKNOWN_FIELD);
	assert_int_equal(polidex_query_add_facet(q, "9colour"), POLIDEX_STATUS_UNKNOWN_FIELD);
	assert_int_equal(polidex_query_add_facet(q, "colour"), POLIDEX_STATUS_SUCCESS);
	assert_int_equal(q->n_facets, 6);
	assert_int_equal(polidex_query_add_filter(q, "lang", "en"), POLIDEX_STATUS_SUCCESS);
	assert_string_equal(q->filters[0].field->name, "language");
	assert_int_equal(polidex_query_add_filter(q, "Colour", "red"),
			 POLIDEX_STATUS_UNKNOWN_FIELD);
	assert_int_equal(polidex_query_add_filter(q, "tag", "  "),
			 POLIDEX_STATUS_INVALID_ARGUMENT);
	assert_int_equal(q->n_filters, 1);
	polidex_query_destroy(q);
}

/* pdx_snippet_word_fn for the test: a word is a form of "polic" when it is "policy" or
 * "policies", of "trad" when it starts so, of anything else when equal. */
static int test_is_word(void *ctx, size_t w, const char *word, size_t len)
{
	const char *const *words = ctx;

	if (strcmp(words[w], "polic") == 0)
		return (len == 6 && memcmp(word, "policy", 6) == 0) ||
		       (len == 8 && memcmp(word, "policies", 8) == 0);
	if (strcmp(words[w], "trad") == 0)
		return len >= 4;
	return strlen(words[w]) == len && memcmp(word, words[w], len) == 0;
}

static void test_snippet_region(void **state)
{
	const char *words[] = {"polic", "trad"};
	const char *lone[] = {"sanctions"};
	char text[4000];
	size_t start, end;
	int n;

	(void)state;
	/* Filler, then "Police" (not a form), "Trade" far from any policy, and near the end
	 * "policies on trading" together. */
	memset(text, 0, sizeof text);
	n = 0;
	for (int i = 0; i < 60; i++)
		n += snprintf(text + n, sizeof text - (size_t)n, "filler words here. ");
	n += snprintf(text + n, sizeof text - (size_t)n, "Police came. ");
	for (int i = 0; i < 30; i++)
		n += snprintf(text + n, sizeof text - (size_t)n, "filler words here. ");
	n += snprintf(text + n, sizeof text - (size_t)n, "Trade went on. ");
	for (int i = 0; i < 30; i++)
		n += snprintf(text + n, sizeof text - (size_t)n, "filler words here. ");
	n += snprintf(text + n, sizeof text - (size_t)n, "New policies on trading. The end.");

	assert_int_equal(pdx_snippet_region(text, (size_t)n, words, 2, test_is_word, words, 100,
					    &start, &end),
			 1);
	const char *together = strstr(text, "policies on trading");
	assert_true(start <= (size_t)(together - text));
	assert_true(end >= (size_t)(together - text) + strlen("policies on trading"));
	assert_true(end - start <= 2 * 100 + 19 + 2 * 48);
	assert_true(start == 0 || text[start - 1] == ' '); /* at a space */
	assert_true(end == (size_t)n || text[end] == ' ');

	/* No word in the text: its start. */
	assert_int_equal(pdx_snippet_region(text, (size_t)n, lone, 1, test_is_word, lone, 100,
					    &start, &end),
			 1);
	assert_true(start == 0 && end <= 200 && end >= 200 - 48 && text[end] == ' ');
	/* A word missing, the others found: the stretch of those found. */
	const char *some[] = {"sanctions", "polic", "trad"};
	assert_int_equal(pdx_snippet_region(text, (size_t)n, some, 3, test_is_word, some, 100,
					    &start, &end),
			 1);
	assert_true(start <= (size_t)(together - text));
	assert_true(end >= (size_t)(together - text) + strlen("policies on trading"));
	/* Capitals of Latin-1 and Cyrillic are folded: "ÉTAT" and "МИР" are found. */
	char accented[1000];
	const char *folded[] = {"\xc3\xa9tat", "\xd0\xbc\xd0\xb8\xd1\x80"};
	memset(accented, 'x', sizeof accented);
	for (size_t i = 9; i < sizeof accented; i += 10)
		accented[i] = ' ';
	memcpy(accented + 500, "\xc3\x89TAT \xd0\x9c\xd0\x98\xd0\xa0 ", 13);
	assert_int_equal(pdx_snippet_region(accented, sizeof accented, folded, 2, test_is_word,
					    folded, 100, &start, &end),
			 1);
	assert_true(start <= 500 && end >= 512 && start > 300);
	/* A short text, no words: the whole text. */
	assert_int_equal(pdx_snippet_region(text, 300, words, 2, test_is_word, words, 100, &start,
					    &end),
			 0);
	assert_int_equal(pdx_snippet_region(text, (size_t)n, words, 0, test_is_word, words, 100,
					    &start, &end),
			 0);
	/* Words further apart than two margins. */
	const char *far[] = {"police", "trade"};
	assert_int_equal(pdx_snippet_region(text, (size_t)n, far, 2, test_is_word, far, 100,
					    &start, &end),
			 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_query_normalise_keeps_operators),
		cmocka_unit_test(test_query_normalise_words_as_written),
		cmocka_unit_test(test_multivalue_round_trip),
		cmocka_unit_test(test_multivalue_next_rejects_truncated),
		cmocka_unit_test(test_facet_field_find),
		cmocka_unit_test(test_query_normalise_capitals),
		cmocka_unit_test(test_query_check_positions),
		cmocka_unit_test(test_query_facet_and_filter_requests),
		cmocka_unit_test(test_snippet_region),
	};

	return cmocka_run_group_tests_name("query", tests, NULL, NULL);
}
