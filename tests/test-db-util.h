/* test-db-util.h: helpers shared by the tests of databases: a temporary folder to hold them,
 * opening, adding pages and counting documents, each asserting that the call succeeded. */
#ifndef PDX_TEST_DB_UTIL_H
#define PDX_TEST_DB_UTIL_H

#ifdef __cplusplus
extern "C" { /* for the tests in C++, of the shim's own parts */
#endif

#include "polidex.h"
#include "tests/test-util.h"

/* A temporary folder DIR, and the path of a database in it (DIR/db). */
struct test_db_dir {
	char *dir;
	char path[4096];
};

/* Make the folder of D; 0, or -1 when it cannot be made (for a cmocka setup). */
int test_db_dir_make(struct test_db_dir *d);

/* Remove the folder of D and everything in it. */
void test_db_dir_remove(struct test_db_dir *d);

/* cmocka setup and teardown of a struct test_db_dir as the state. */
int test_db_setup(void **state);
int test_db_teardown(void **state);

/* The database at PATH opened for writing, in SHARDS shards as polidex_db_open_writable()
 * takes it. */
polidex_db_t *test_db_open_writable(const char *path, unsigned shards);

/* The number of documents in DB. */
unsigned long test_db_count(polidex_db_t *db);

/* An article for URL, parsed from HTML. */
polidex_article_t *test_db_article(const char *url, const char *html);

/* Add the page HTML at URL to DB, checking what polidex_db_add_article() says of it: 0 added,
 * 1 replaced, -1 queued for a shard. */
void test_db_add(polidex_db_t *db, const char *url, const char *html, int want_replaced);

#ifdef __cplusplus
}
#endif

#endif
