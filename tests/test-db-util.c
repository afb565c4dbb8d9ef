/* test-db-util.c: helpers shared by the tests of databases (see test-db-util.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/test-db-util.h"

int test_db_dir_make(struct test_db_dir *d)
{
	d->dir = test_make_tmpdir();
	if (!d->dir)
		return -1;
	snprintf(d->path, sizeof d->path, "%s/db", d->dir);
	return 0;
}

void test_db_dir_remove(struct test_db_dir *d)
{
	test_remove_tree(d->dir);
	free(d->dir);
	d->dir = NULL;
}

int test_db_setup(void **state)
{
	struct test_db_dir *d = calloc(1, sizeof *d);

	if (!d || test_db_dir_make(d) < 0) {
		free(d);
		return -1;
	}
	*state = d;
	return 0;
}

int test_db_teardown(void **state)
{
	struct test_db_dir *d = *state;

	test_db_dir_remove(d);
	free(d);
	return 0;
}

polidex_db_t *test_db_open_writable(const char *path, unsigned shards)
{
	polidex_db_t *db = NULL;
	char *msg = NULL;
	polidex_status_t status = polidex_db_open_writable(path, shards, &db, &msg);

	if (status != POLIDEX_STATUS_SUCCESS)
		fail_msg("opening %s: %s", path, msg ? msg : polidex_status_to_string(status));
	assert_null(msg);
	return db;
}

unsigned long test_db_count(polidex_db_t *db)
{
	unsigned long n = 12345;

	if (polidex_db_count_documents(db, &n) != POLIDEX_STATUS_SUCCESS)
		fail_msg("counting documents: %s", polidex_db_error(db));
	return n;
}

polidex_article_t *test_db_article(const char *url, const char *html)
{
	polidex_article_t *a = polidex_article_new(url);

	assert_non_null(a);
	assert_int_equal(polidex_article_set_url(a, url), POLIDEX_STATUS_SUCCESS);
	assert_int_equal(polidex_article_parse_html(a, html, strlen(html)), POLIDEX_STATUS_SUCCESS);
	return a;
}

void test_db_add(polidex_db_t *db, const char *url, const char *html, int want_replaced)
{
	polidex_article_t *a = test_db_article(url, html);
	int replaced = -2;

	assert_int_equal(polidex_db_add_article(db, a, &replaced), POLIDEX_STATUS_SUCCESS);
	assert_int_equal(replaced, want_replaced);
	polidex_article_destroy(a);
}
