/* test_date.c: dates found in page text and partial dates in query ranges. */
#include "config.h"

#include <string.h>

#include "util/date.h"
#include "tests/test-util.h"

static void expect_date(const char *text, const char *want)
{
	char out[11];

	assert_int_equal(pdx_date_find(text, out), 1);
	assert_string_equal(out, want);
}

static void expect_no_date(const char *text)
{
	char out[11];

	assert_int_equal(pdx_date_find(text, out), 0);
}

static void test_date_find_iso(void **state)
{
	(void)state;
	expect_date("2015-05-21", "2015-05-21");
	expect_date("2021-03-04T09:00:00-05:00", "2021-03-04");
	expect_date("2018/06/30", "2018-06-30");
	expect_date("2015.5.1", "2015-05-01");
}

static void test_date_find_english(void **state)
{
	(void)state;
	expect_date("May 21 , 2015", "2015-05-21");
	expect_date("Posted on November 12, 2019 by staff", "2019-11-12");
	expect_date("21 May 2015", "2015-05-21");
	expect_date("Thursday, 21st May 2015", "2015-05-21");
	expect_date("Nov. 12, 2019", "2019-11-12");
	expect_date("Sept 3rd, 2020", "2020-09-03");
}

static void test_date_find_other_languages(void **state)
{
	(void)state;
	expect_date("12 mars 2021", "2021-03-12");
	expect_date("le 3 f\xc3\xa9vrier 2020", "2020-02-03");
	expect_date("5. November 2021", "2021-11-05");
	expect_date("14 de marzo de 2021", "2021-03-14");
	expect_date("Ver\xc3\xb6" "ffentlicht am 05.11.2021", "2021-11-05");
	expect_no_date("12/10/2020"); /* day or month first? */
}

static void test_date_find_chinese(void **state)
{
	(void)state;
	expect_date("\xe5\x8f\x91\xe5\xb8\x83\xe6\x97\xb6\xe9\x97\xb4\xef\xbc\x9a"
		    "2016\xe5\xb9\xb4" "3\xe6\x9c\x88" "8\xe6\x97\xa5",
		    "2016-03-08"); /* 发布时间：2016年3月8日 */
}

static void test_date_find_rejects_invalid_and_future(void **state)
{
	(void)state;
	expect_no_date("2015-02-30");
	expect_no_date("May 32, 2015");
	expect_no_date("2999-01-01");
	expect_no_date("Maybe 21 things");
	expect_no_date("");
	expect_no_date("version 1.2.3");
}

static void expect_bound(const char *s, int upper, const char *want)
{
	char out[9];

	assert_int_equal(pdx_date_bound(s, strlen(s), upper, out), 1);
	assert_string_equal(out, want);
}

static void test_date_bound_partial_dates(void **state)
{
	char out[9];

	(void)state;
	expect_bound("2015", 0, "20150101");
	expect_bound("2015", 1, "20151231");
	expect_bound("2016-02", 1, "20160229");
	expect_bound("2015-05", 0, "20150501");
	expect_bound("2015-05-21", 1, "20150521");
	expect_bound("20150521", 0, "20150521");
	assert_int_equal(pdx_date_bound("2015-13", 7, 0, out), 0);
	assert_int_equal(pdx_date_bound("15", 2, 0, out), 0);
	assert_int_equal(pdx_date_bound("2015-05-32", 10, 0, out), 0);
	assert_int_equal(pdx_date_bound("abcd", 4, 0, out), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_find_iso),
		cmocka_unit_test(test_date_find_english),
		cmocka_unit_test(test_date_find_other_languages),
		cmocka_unit_test(test_date_find_chinese),
		cmocka_unit_test(test_date_find_rejects_invalid_and_future),
		cmocka_unit_test(test_date_bound_partial_dates),
	};

	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
