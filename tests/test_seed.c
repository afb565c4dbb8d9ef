/* test_seed.c: extraction of the seed essay of ../shared, as its .expected.json says. */
#include "config.h"

#include <stdio.h>

#include "polidex.h"
#include "tests/test-util.h"

static void test_article_load_file_seed_essay(void **state)
{
	const char *page = test_shared_path("corpus/seed/win-win-cooperation.html");
	char expected[4096];
	polidex_article_t *a;

	(void)state;
	a = polidex_article_new(page);
	assert_non_null(a);
	assert_int_equal(polidex_article_load_file(a, page), POLIDEX_STATUS_SUCCESS);
	snprintf(expected, sizeof expected, "%s",
		 test_shared_path("corpus/seed/win-win-cooperation.expected.json"));
	test_check_against_expected(a, expected);
	polidex_article_destroy(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_article_load_file_seed_essay),
	};

	/* Without the shared material the whole file is skipped, the TAP way. */
	if (!test_shared_path("corpus/seed/win-win-cooperation.html")) {
		printf("1..0 # SKIP shared material not found (set POLIDEX_SHARED)\n");
		return 0;
	}
	return cmocka_run_group_tests_name("seed", tests, NULL, NULL);
}
