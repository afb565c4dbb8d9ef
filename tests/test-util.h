/* test-util.h: helpers shared by the unit tests: shared material, temporary folders. */
#ifndef PDX_TEST_UTIL_H
#define PDX_TEST_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

/* The path of REL under the shared material (POLIDEX_SHARED), in a static buffer, or NULL
 * when that folder is absent; tests that need it then skip. */
const char *test_shared_path(const char *rel);

/* The path of REL under the source tree (POLIDEX_SRCDIR, default "."), in a static buffer. */
const char *test_src_path(const char *rel);

/* A new empty temporary folder (caller frees the string), and its recursive removal. */
char *test_make_tmpdir(void);
void test_remove_tree(const char *path);

/* The whole of file PATH as a new NUL-terminated string, length in *LEN; NULL on error. */
char *test_read_file(const char *path, size_t *len);

struct _polidex_article;

/* Check an extracted article against an .expected.json file (the seed's or a sample page's
 * kind): title, date, section, language, authors and roles, tags, translations, the body's
 * start, end and paragraph count, and none of its boilerplate strings. */
/* An article's authors (their names, or with ROLES their roles, NULL where none) or its tags,
 * read with the iterators; the strings belong to the article. */
#define TEST_LIST_MAX 64
struct test_list {
	const char *items[TEST_LIST_MAX];
	size_t n;
};
struct test_list test_authors(const struct _polidex_article *a, int roles);
struct test_list test_tags(const struct _polidex_article *a);

void test_check_against_expected(const struct _polidex_article *article,
				 const char *expected_path);

#endif
