/* test_status.c: status codes and their messages. */
#include "config.h"

#include <string.h>

#include "polidex.h"
#include "tests/test-util.h"

static void test_status_to_string_every_status_distinct(void **state)
{
	(void)state;
	for (int i = 0; i < POLIDEX_STATUS_LAST_STATUS; i++) {
		const char *s = polidex_status_to_string((polidex_status_t)i);

		assert_non_null(s);
		assert_true(strlen(s) > 0);
		assert_string_not_equal(s, "unknown status");
		for (int k = 0; k < i; k++)
			assert_string_not_equal(s, polidex_status_to_string((polidex_status_t)k));
	}
}

static void test_status_to_string_out_of_range(void **state)
{
	(void)state;
	assert_string_equal(polidex_status_to_string(POLIDEX_STATUS_LAST_STATUS),
			    "unknown status");
	assert_string_equal(polidex_status_to_string((polidex_status_t)-1), "unknown status");
}

static void test_status_to_string_locked_says_locked(void **state)
{
	(void)state;
	assert_non_null(strstr(polidex_status_to_string(POLIDEX_STATUS_DB_LOCKED), "locked"));
	assert_string_equal(polidex_status_to_string(POLIDEX_STATUS_SUCCESS), "success");
}

static void test_version_matches_package(void **state)
{
	(void)state;
	assert_string_equal(polidex_version(), PACKAGE_VERSION);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_to_string_every_status_distinct),
		cmocka_unit_test(test_status_to_string_out_of_range),
		cmocka_unit_test(test_status_to_string_locked_says_locked),
		cmocka_unit_test(test_version_matches_package),
	};

	return cmocka_run_group_tests_name("status", tests, NULL, NULL);
}
