/* test_shim.c: the C++ shim failing underneath the public API: databases removed or corrupted
 * under an open handle, a shard that fails, bad arguments. Each call must return a status and
 * leave a message naming what failed, never crash or throw. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/test-db-util.h"

static const char page_one[] =
	"<html lang=en><head><title>Balancing Power in Asia</title></head><body><article>"
	"<p>Cooperating countries build institutions, and the balance of power shifts.</p>"
	"</article></body></html>";
static const char page_two[] =
	"<html lang=en><head><title>Trade and Security</title></head><body><article>"
	"<p>Supply chains and security cooperation shape how countries cooperate.</p>"
	"</article></body></html>";

/* The status of searching DB for TEXT; the results are freed. */
static polidex_status_t search_status(polidex_db_t *db, const char *text)
{

	polidex_query_t *q = polidex_query_new(text);
	polidex_results_t *r = (polidex_results_t *)1;
	polidex_status_t status;

	assert_non_null(q);
	status = polidex_search(db, q, &r);
	if (status != POLIDEX_STATUS_SUCCESS)
		assert_null(r);
	polidex_results_destroy(status == POLIDEX_STATUS_SUCCESS ? r : NULL);
	polidex_query_destroy(q);
	return status;
}

/* Write a database of two pages at PATH, in SHARDS shards, and close it. */
static void write_two_pages(const char *path, unsigned shards)
{
	polidex_db_t *db = test_db_open_writable(path, shards);

	test_db_add(db, "https://forum.example/a", page_one, shards > 1 ? -1 : 0);
	test_db_add(db, "https://forum.example/b", page_two, shards > 1 ? -1 : 0);
	assert_int_equal(polidex_db_close(db), POLIDEX_STATUS_SUCCESS);
}

/* Write a database of N pages at PATH, each with words of its own, so that its tables span
 * many blocks, and close it. */
static void write_pages(const char *path, int n)
{
	polidex_db_t *db = test_db_open_writable(path, 0);
	char url[64], html[4096];

	for (int i = 0; i < n; i++) {
		int len = snprintf(html, sizeof html, "<html lang=en><head><title>Report %d</title>"
						      "</head><body><article><p>", i);

		for (int w = 0; w < 100; w++)
			len += snprintf(html + len, sizeof html - (size_t)len, "w%dx%d ", i, w);
		snprintf(html + len, sizeof html - (size_t)len, "</p></article></body></html>");
		snprintf(url, sizeof url, "https://forum.example/%d", i);
		test_db_add(db, url, html, 0);
	}
	assert_int_equal(polidex_db_close(db), POLIDEX_STATUS_SUCCESS);
}

/* Overwrite every table of the glass database at PATH with bytes no table holds. */
static void corrupt_tables(const char *path)
{
	static const char *const tables[] = {"postlist", "termlist", "docdata", "position"};
	char file[4200], junk[8192];

	memset(junk, 0x5a, sizeof junk);
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		FILE *f;
		long size;

		snprintf(file, sizeof file, "%s/%s.glass", path, tables[i]);
		f = fopen(file, "r+");
		if (!f)
			continue; /* an empty table has no file */
		assert_int_equal(fseek(f, 0, SEEK_END), 0);
		size = ftell(f);
		rewind(f);
		for (long at = 0; at < size; at += (long)sizeof junk)
			assert_int_equal(fwrite(junk, 1, sizeof junk, f), sizeof junk);
		assert_int_equal(fclose(f), 0);
	}
}

static void test_db_count_documents_bad_arguments(void **state)
{
	struct test_db_dir *d = *state;
	polidex_db_t *db;
	unsigned long n = 99;

	assert_int_equal(polidex_db_count_documents(NULL, &n), POLIDEX_STATUS_INVALID_ARGUMENT);
	assert_int_equal(n, 0);
	write_two_pages(d->path, 0);
	assert_int_equal(polidex_db_open(d->path, POLIDEX_DB_READ_ONLY, &db, NULL),
			 POLIDEX_STATUS_SUCCESS);
	assert_int_equal(polidex_db_count_documents(db, NULL), POLIDEX_STATUS_INVALID_ARGUMENT);
	assert_int_equal(polidex_db_count_documents(db, &n), POLIDEX_STATUS_SUCCESS);
	assert_int_equal(n, 2);
	polidex_db_close(db);
}

/* A reader whose database was corrupted under it: searching, counting, reading a document and
 * reopening each fail with a status and a message, or succeed from what was read before. */
static void test_search_tables_corrupted_under_reader(void **state)
{
	struct test_db_dir *d = *state;
	polidex_db_t *db;
	polidex_status_t status;
	unsigned long n = 99;
	char *json = NULL;
	int changed = -1;

	write_pages(d->path, 300);
	assert_int_equal(polidex_db_open(d->path, POLIDEX_DB_READ_ONLY, &db, NULL),
			 POLIDEX_STATUS_SUCCESS);
	corrupt_tables(d->path);
	assert_int_equal(search_status(db, "w150x7"), POLIDEX_STATUS_DB_ERROR);
	assert_non_null(strstr(polidex_db_error(db), d->path));
	/* The search reads the index's metadata first (its schemes): that is what fails. */
	assert_non_null(strstr(polidex_db_error(db), "reading the index's metadata failed"));
	status = polidex_db_get_document(db, 150, &json);
	assert_int_equal(status, POLIDEX_STATUS_DB_ERROR);
	assert_null(json);
	assert_non_null(strstr(polidex_db_error(db), "reading a document failed"));
	/* The count is the one the revision opened says. */
	assert_int_equal(polidex_db_count_documents(db, &n), POLIDEX_STATUS_SUCCESS);
	assert_int_equal(n, 300);
	assert_int_equal(polidex_db_reopen(db, &changed), POLIDEX_STATUS_SUCCESS);
	assert_int_equal(changed, 0);
	assert_int_equal(polidex_db_close(db), POLIDEX_STATUS_SUCCESS);
}

/* A reader whose database was removed under it: reopening fails, and says where; the reader
 * goes on with what it has open. */
static void test_db_reopen_database_removed(void **state)
{
	struct test_db_dir *d = *state;
	polidex_db_t *db, *writer;
	int changed = -1;

	write_two_pages(d->path, 0);
	assert_int_equal(polidex_db_open(d->path, POLIDEX_DB_READ_ONLY, &db, NULL),
			 POLIDEX_STATUS_SUCCESS);
	test_remove_tree(d->path);
	/* A new database in its place, one revision on: the reader cannot follow. */
	write_two_pages(d->path, 0);
	writer = test_db_open_writable(d->path, 0);
	test_db_add(writer, "https://forum.example/a", page_two, 1);
	assert_int_equal(polidex_db_close(writer), POLIDEX_STATUS_SUCCESS);
	test_remove_tree(d->path);
	assert_int_equal(polidex_db_reopen(db, &changed), POLIDEX_STATUS_DB_NOT_FOUND);
	assert_int_equal(changed, 0);
	assert_non_null(strstr(polidex_db_error(db), d->path));
	assert_non_null(strstr(polidex_db_error(db), "no polidex database here"));
	/* The reader keeps the revision it had open. */
	assert_int_equal(search_status(db, "cooperation"), POLIDEX_STATUS_SUCCESS);
	polidex_db_close(db);
}

/* A writer whose database was removed under it: the commit fails and says so; counting and
 * closing still answer. */
static void test_db_commit_database_removed(void **state)
{
	struct test_db_dir *d = *state;
	polidex_db_t *db = test_db_open_writable(d->path, 0);
	unsigned long added = 9, replaced = 9, n = 99;

	test_db_add(db, "https://forum.example/a", page_one, 0);
	test_remove_tree(d->dir);
	assert_int_equal(polidex_db_commit(db), POLIDEX_STATUS_DB_ERROR);
	assert_non_null(strstr(polidex_db_error(db), d->path));
	assert_non_null(strstr(polidex_db_error(db), "commit failed"));
	polidex_db_write_counts(db, &added, &replaced);
	assert_int_equal(added, 1);
	assert_int_equal(replaced, 0);
	/* The page went with the failed commit. */
	assert_int_equal(polidex_db_count_documents(db, &n), POLIDEX_STATUS_SUCCESS);
	assert_int_equal(n, 0);
	polidex_db_close(db);
}

/* A sharded writer one of whose shards was removed under it: the commit, the next document
 * for that shard and the close fail with the shard's path; the counts still answer. */
static void test_db_commit_shard_removed(void **state)
{
	struct test_db_dir *d = *state;
	polidex_db_t *db = test_db_open_writable(d->path, 2);
	unsigned long added = 9, replaced = 9, n = 99;
	char shard[4200], url[64];
	polidex_article_t *a;
	polidex_status_t status = POLIDEX_STATUS_SUCCESS;

	snprintf(shard, sizeof shard, "%s/shard-001", d->path);
	for (int i = 0; i < 10; i++) {
		snprintf(url, sizeof url, "https://forum.example/%d", i);
		test_db_add(db, url, i % 2 ? page_one : page_two, -1);
	}
	/* Once the shards have written what they were given, which the counts wait for. */
	polidex_db_write_counts(db, &added, &replaced);
	assert_int_equal(added, 10);
	test_remove_tree(shard);
	assert_int_equal(polidex_db_commit(db), POLIDEX_STATUS_DB_ERROR);
	assert_non_null(strstr(polidex_db_error(db), shard));
	assert_non_null(strstr(polidex_db_error(db), "commit failed"));
	polidex_db_write_counts(db, &added, &replaced);
	assert_int_equal(added, 10);
	assert_int_equal(replaced, 0);
	/* The broken shard's pages went with its commit; the other's are there. */
	assert_int_equal(polidex_db_count_documents(db, &n), POLIDEX_STATUS_SUCCESS);
	assert_in_range(n, 1, 9);
	/* Every page goes to one shard or the other: some go to the broken one. */
	for (int i = 10; i < 40 && status == POLIDEX_STATUS_SUCCESS; i++) {
		snprintf(url, sizeof url, "https://forum.example/%d", i);
		a = test_db_article(url, page_one);
		status = polidex_db_add_article(db, a, NULL);
		polidex_article_destroy(a);
	}
	assert_int_equal(status, POLIDEX_STATUS_DB_ERROR);
	assert_non_null(strstr(polidex_db_error(db), shard));
	assert_int_equal(polidex_db_close(db), POLIDEX_STATUS_DB_ERROR);
}

/* Opening several databases names the one that failed. */
static void test_db_open_many_names_failing_path(void **state)
{
	struct test_db_dir *d = *state;
	char missing[4200];
	const char *paths[] = {d->path, missing};
	const char *with_null[] = {d->path, NULL};
	polidex_db_t *db = (polidex_db_t *)1;
	char *msg = NULL;

	snprintf(missing, sizeof missing, "%s/missing", d->dir);
	write_two_pages(d->path, 0);
	assert_int_equal(polidex_db_open_many(paths, 2, &db, &msg), POLIDEX_STATUS_DB_NOT_FOUND);
	assert_null(db);
	assert_non_null(msg);
	assert_non_null(strstr(msg, missing));
	free(msg);
	assert_int_equal(polidex_db_open_many(with_null, 2, &db, NULL),
			 POLIDEX_STATUS_INVALID_ARGUMENT);
	assert_null(db);
	/* A corrupted second database. */
	write_two_pages(missing, 0);
	corrupt_tables(missing);
	assert_int_equal(polidex_db_open_many(paths, 2, &db, &msg), POLIDEX_STATUS_DB_ERROR);
	assert_null(db);
	assert_non_null(strstr(msg, missing));
	assert_non_null(strstr(msg, "opening the database failed: DatabaseCorruptError"));
	free(msg);
}

#define SHIM_TEST(fn) cmocka_unit_test_setup_teardown(fn, test_db_setup, test_db_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		SHIM_TEST(test_db_count_documents_bad_arguments),
		SHIM_TEST(test_search_tables_corrupted_under_reader),
		SHIM_TEST(test_db_reopen_database_removed),
		SHIM_TEST(test_db_commit_database_removed),
		SHIM_TEST(test_db_commit_shard_removed),
		SHIM_TEST(test_db_open_many_names_failing_path),
	};

	return cmocka_run_group_tests_name("shim", tests, NULL, NULL);
}
