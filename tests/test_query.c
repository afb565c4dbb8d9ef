/* test_query.c: query text normalisation and the multi-value encoding of facet slots. */
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_query_normalise_keeps_operators),
		cmocka_unit_test(test_multivalue_round_trip),
		cmocka_unit_test(test_multivalue_next_rejects_truncated),
		cmocka_unit_test(test_facet_field_find),
	};

	return cmocka_run_group_tests_name("query", tests, NULL, NULL);
}
