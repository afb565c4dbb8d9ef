/* test-util.c: helpers shared by the unit tests. */
#include "config.h"

#include "tests/test-util.h"

#include "polidex.h"

#include <ftw.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *test_shared_path(const char *rel)
{
	static char path[4096];
	const char *base = getenv("POLIDEX_SHARED");
	struct stat st;

	if (!base || !*base)
		base = "../shared";
	snprintf(path, sizeof path, "%s/%s", base, rel);
	return stat(path, &st) == 0 ? path : NULL;
}

const char *test_src_path(const char *rel)
{
	static char path[4096];
	const char *base = getenv("POLIDEX_SRCDIR");

	snprintf(path, sizeof path, "%s/%s", base && *base ? base : ".", rel);
	return path;
}

char *test_make_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *dir = malloc(4096);

	if (!dir)
		return NULL;
	snprintf(dir, 4096, "%s/polidex-test-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(dir)) {
		free(dir);
		return NULL;
	}
	return dir;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void test_remove_tree(const char *path)
{
	if (path)
		nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

char *test_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		data = malloc((size_t)n + 1);
		if (data && fread(data, 1, (size_t)n, f) != (size_t)n) {
			free(data);
			data = NULL;
		}
		if (data) {
			data[n] = '\0';
			if (len)
				*len = (size_t)n;
		}
	}
	fclose(f);
	return data;
}

/* Collapse runs of spaces in S to one, in place. */
static void pdx_test_collapse(char *s)
{
	char *w = s;

	for (char *r = s; *r; r++)
		if (*r != ' ' || (w > s && w[-1] != ' '))
			*w++ = *r;
	*w = '\0';
}

static const char *json_str(json_object *o, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static void assert_field(const char *field, const char *want, const char *got)
{
	if (!want) {
		if (got)
			fail_msg("%s: expected none, got \"%s\"", field, got);
		return;
	}
	if (!got || strcmp(want, got) != 0)
		fail_msg("%s: expected \"%s\", got \"%s\"", field, want, got ? got : "(null)");
}

static size_t count_paragraphs(const char *body)
{
	size_t n = 0;

	for (const char *p = body; *p;) {
		const char *end = strstr(p, "\n\n");

		n++;
		if (!end)
			break;
		p = end + 2;
	}
	return n;
}

struct test_list test_authors(const polidex_article_t *a, int roles)
{
	struct test_list list = {{0}, 0};
	polidex_authors_t *it = polidex_article_get_authors(a);

	assert_non_null(it);
	for (; polidex_authors_valid(it) && list.n < TEST_LIST_MAX;
	     polidex_authors_move_to_next(it))
		list.items[list.n++] =
			roles ? polidex_authors_get_role(it) : polidex_authors_get_name(it);
	polidex_authors_destroy(it);
	return list;
}

struct test_list test_tags(const polidex_article_t *a)
{
	struct test_list list = {{0}, 0};
	polidex_strings_t *it = polidex_article_get_tags(a);

	assert_non_null(it);
	for (; polidex_strings_valid(it) && list.n < TEST_LIST_MAX;
	     polidex_strings_move_to_next(it))
		list.items[list.n++] = polidex_strings_get(it);
	polidex_strings_destroy(it);
	return list;
}

/* Check ARTICLE against an .expected.json file of the seed or sample kind. */
void test_check_against_expected(const polidex_article_t *a, const char *expected_path)
{
	json_object *e = json_object_from_file(expected_path), *v;
	const char *body = polidex_article_get_body(a);

	assert_non_null(e);
	assert_field("title", json_str(e, "title"), polidex_article_get_title(a));
	assert_field("date", json_str(e, "date"), polidex_article_get_date(a));
	assert_field("section", json_str(e, "section"), polidex_article_get_section(a));
	if (json_object_object_get_ex(e, "type", NULL))
		assert_field("type", json_str(e, "type"), polidex_article_get_type(a));
	assert_field("language", json_str(e, "language"), polidex_article_get_language(a));

	assert_true(json_object_object_get_ex(e, "authors", &v));
	{
		struct test_list names = test_authors(a, 0), roles = test_authors(a, 1);

		assert_int_equal(names.n, json_object_array_length(v));
		for (size_t i = 0; i < names.n; i++)
			assert_field("author",
				     json_object_get_string(json_object_array_get_idx(v, i)),
				     names.items[i]);
		if (json_object_object_get_ex(e, "author_roles", &v))
			for (size_t i = 0; i < json_object_array_length(v); i++)
				assert_field(
				    "author role",
				    json_object_get_string(json_object_array_get_idx(v, i)),
				    i < roles.n ? roles.items[i] : NULL);
	}
	if (json_object_object_get_ex(e, "tags", &v)) {
		struct test_list tags = test_tags(a);

		assert_int_equal(tags.n, json_object_array_length(v));
		for (size_t i = 0; i < tags.n; i++)
			assert_field("tag", json_object_get_string(json_object_array_get_idx(v, i)),
				     tags.items[i]);
	}
	if (json_object_object_get_ex(e, "translations", &v)) {
		polidex_translations_t *tr = polidex_article_get_translations(a);
		size_t n = 0;

		for (; polidex_translations_valid(tr); polidex_translations_move_to_next(tr), n++)
			assert_field("translation",
				     json_str(v, polidex_translations_get_language(tr)),
				     polidex_translations_get_url(tr));
		assert_int_equal(n, json_object_object_length(v));
		polidex_translations_destroy(tr);
	}

	assert_non_null(body);
	{
		/* Start and end are compared with the paragraph breaks as single spaces: an
		 * expected start may run from a heading into the paragraph after it. */
		char *flat = strdup(body);
		const char *start = json_str(e, "body_starts_with"),
			   *end = json_str(e, "body_ends_with");
		size_t flen, elen = strlen(end);

		assert_non_null(flat);
		for (char *p = flat; *p; p++)
			if (*p == '\n')
				*p = ' ';
		pdx_test_collapse(flat);
		flen = strlen(flat);
		if (strncmp(flat, start, strlen(start)) != 0)
			fail_msg("body starts \"%.100s\"", flat);
		if (flen < elen || strcmp(flat + flen - elen, end) != 0)
			fail_msg("body ends \"%s\"", flen > 100 ? flat + flen - 100 : flat);
		free(flat);
	}
	assert_true(json_object_object_get_ex(e, "body_paragraphs", &v));
	assert_int_equal(count_paragraphs(body), json_object_get_int(v));
	assert_true(json_object_object_get_ex(e, "body_must_not_contain", &v));
	for (size_t i = 0; i < json_object_array_length(v); i++) {
		const char *bad = json_object_get_string(json_object_array_get_idx(v, i));

		if (strstr(body, bad))
			fail_msg("body contains boilerplate \"%s\"", bad);
	}
	json_object_put(e);
}

