/* test_query.c: query text normalisation and checking, facet and filter requests, and the
 * multi-value encoding of facet slots. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "multivalue.h"
#include "query-internal.h"
#include "test-util.h"

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
	assert_int_equal(polidex_query_add_facet(q, "colour"), POLIDEX_STATUS_UNKNOWN_FIELD);
	assert_int_equal(polidex_query_add_filter(q, "lang", "en"), POLIDEX_STATUS_SUCCESS);
	assert_string_equal(q->filters[0].field->name, "language");
	assert_int_equal(polidex_query_add_filter(q, "colour", "red"),
			 POLIDEX_STATUS_UNKNOWN_FIELD);
	assert_int_equal(polidex_query_add_filter(q, "tag", "  "),
			 POLIDEX_STATUS_INVALID_ARGUMENT);
	assert_int_equal(q->n_filters, 1);
	polidex_query_destroy(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_query_normalise_keeps_operators),
		cmocka_unit_test(test_multivalue_round_trip),
		cmocka_unit_test(test_multivalue_next_rejects_truncated),
		cmocka_unit_test(test_facet_field_find),
		cmocka_unit_test(test_query_normalise_capitals),
		cmocka_unit_test(test_query_check_positions),
		cmocka_unit_test(test_query_facet_and_filter_requests),
	};

	return cmocka_run_group_tests_name("query", tests, NULL, NULL);
}
