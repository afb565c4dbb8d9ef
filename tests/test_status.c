/* test_status.c: status codes and their messages, and the version. */
#include "config.h"

#include <stdio.h>
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

/* The header's version macros are kept by hand; the library's version comes from
 * configure.ac. They must say the same. */
static void test_version_header_matches_library(void **state)
{
	char header[64];

	(void)state;
	snprintf(header, sizeof header, "%d.%d.%d", POLIDEX_VERSION_MAJOR, POLIDEX_VERSION_MINOR,
		 POLIDEX_VERSION_MICRO);
	assert_string_equal(polidex_version(), header);
}

static void test_check_version_orders_versions(void **state)
{
	(void)state;
	assert_true(POLIDEX_CHECK_VERSION(0, 0, 0));
	assert_true(POLIDEX_CHECK_VERSION(POLIDEX_VERSION_MAJOR, POLIDEX_VERSION_MINOR,
					  POLIDEX_VERSION_MICRO));
	assert_false(POLIDEX_CHECK_VERSION(POLIDEX_VERSION_MAJOR, POLIDEX_VERSION_MINOR,
					   POLIDEX_VERSION_MICRO + 1));
	assert_false(POLIDEX_CHECK_VERSION(POLIDEX_VERSION_MAJOR, POLIDEX_VERSION_MINOR + 1, 0));
	assert_false(POLIDEX_CHECK_VERSION(POLIDEX_VERSION_MAJOR + 1, 0, 0));
	if (POLIDEX_VERSION_MINOR > 0)
		assert_true(POLIDEX_CHECK_VERSION(POLIDEX_VERSION_MAJOR,
						  POLIDEX_VERSION_MINOR - 1, 99));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_to_string_every_status_distinct),
		cmocka_unit_test(test_status_to_string_out_of_range),
		cmocka_unit_test(test_status_to_string_locked_says_locked),
		cmocka_unit_test(test_version_header_matches_library),
		cmocka_unit_test(test_check_version_orders_versions),
	};

	return cmocka_run_group_tests_name("status", tests, NULL, NULL);
}
