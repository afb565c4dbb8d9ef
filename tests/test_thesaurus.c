/* test_thesaurus.c: loading SKOS schemes in each syntax, bad files, labels and ancestors. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/test-util.h"
#include "concepts/thesaurus.h"

#define EX "https://example.org/concept/"

static pdx_thesaurus_t *load(const char *rel)
{
	char error[1024];
	pdx_thesaurus_t *th = pdx_thesaurus_load(test_src_path(rel), error, sizeof error);

	if (!th)
		fail_msg("%s", error);
	return th;
}

static void expect_load_error(const char *rel, const char *want)
{
	char error[1024];
	char path[4096];

	snprintf(path, sizeof path, "%s", test_src_path(rel));
	assert_null(pdx_thesaurus_load(path, error, sizeof error));
	if (!strstr(error, want) || strncmp(error, path, strlen(path)) != 0)
		fail_msg("error \"%s\" lacks \"%s\" or the path", error, want);
}

/* Load the small scheme in the file REL (in one syntax or another) and check what it holds. */
static void check_mini(const char *rel)
{
	pdx_thesaurus_t *th = load(rel);
	long theories = pdx_thesaurus_find(th, EX "theories");
	long realism = pdx_thesaurus_find(th, EX "realism");
	long political = pdx_thesaurus_find(th, EX "political-realism");
	long balance = pdx_thesaurus_find(th, EX "balance-of-power");
	size_t anc[8];

	/* The scheme itself is labelled but is no concept. */
	assert_int_equal(th->n_concepts, 4);
	assert_true(theories >= 0 && realism >= 0 && political >= 0 && balance >= 0);
	assert_int_equal(pdx_thesaurus_find(th, "https://example.org/scheme"), -1);
	assert_true(th->concepts[theories].top);
	assert_string_equal(th->concepts[theories].notation, "1");
	assert_string_equal(th->concepts[theories].scope_note, "Schools of thought.");
	assert_string_equal(pdx_thesaurus_label(th, (size_t)realism, "en"), "Realism");
	assert_string_equal(pdx_thesaurus_label(th, (size_t)realism, "zh-Hans"),
			    "\xe7\x8e\xb0\xe5\xae\x9e\xe4\xb8\xbb\xe4\xb9\x89");
	assert_string_equal(pdx_thesaurus_label(th, (size_t)realism, "zh-Hant"),
			    "\xe7\x8f\xbe\xe5\xaf\xa6\xe4\xb8\xbb\xe7\xbe\xa9");
	assert_string_equal(pdx_thesaurus_label(th, (size_t)realism, "fr"), "Realism");
	/* narrower implies broader, and broader narrower */
	assert_int_equal(th->concepts[realism].n_broader, 1);
	assert_int_equal(th->concepts[realism].broader[0], theories);
	assert_int_equal(th->concepts[realism].n_narrower, 2);
	assert_int_equal(pdx_thesaurus_ancestors(th, (size_t)political, anc, 8), 2);
	assert_int_equal(anc[0], realism);
	assert_int_equal(anc[1], theories);
	assert_int_equal(pdx_thesaurus_depth(th), 3);
	pdx_thesaurus_free(th);
}

static void test_thesaurus_load_turtle(void **state)
{
	(void)state;
	check_mini("tests/thesauri/mini.ttl");
}

static void test_thesaurus_load_rdfxml(void **state)
{
	(void)state;
	check_mini("tests/thesauri/mini.rdf");
}

static void test_thesaurus_load_ntriples(void **state)
{
	(void)state;
	check_mini("tests/thesauri/mini.nt");
}

static void test_thesaurus_load_labels_of_each_kind(void **state)
{
	pdx_thesaurus_t *th = load("tests/thesauri/mini.ttl");
	long political = pdx_thesaurus_find(th, EX "political-realism");
	long realism = pdx_thesaurus_find(th, EX "realism");
	int alt = 0, hidden = 0;

	(void)state;
	for (size_t k = 0; k < th->concepts[realism].n_labels; k++)
		alt += th->concepts[realism].labels[k].kind == PDX_LABEL_ALT &&
		       strcmp(th->concepts[realism].labels[k].text, "realpolitik") == 0;
	for (size_t k = 0; k < th->concepts[political].n_labels; k++)
		hidden += th->concepts[political].labels[k].kind == PDX_LABEL_HIDDEN;
	assert_int_equal(alt, 1);
	assert_int_equal(hidden, 1);
	pdx_thesaurus_free(th);
}

static void test_thesaurus_ancestors_cycle_ends(void **state)
{
	pdx_thesaurus_t *th = load("tests/thesauri/cycle.ttl");
	size_t anc[8];

	(void)state;
	assert_int_equal(th->n_concepts, 3);
	/* a > b > c > a: the two others, once each */
	assert_int_equal(pdx_thesaurus_ancestors(th, 0, anc, 8), 2);
	assert_int_equal(pdx_thesaurus_depth(th), 3);
	pdx_thesaurus_free(th);
}

static void test_thesaurus_load_bad_files(void **state)
{
	(void)state;
	/* the semicolon missing at the end of line 8 shows on line 9 */
	expect_load_error("tests/thesauri/broken.ttl", "broken.ttl:9:");
	expect_load_error("tests/thesauri/no-concepts.ttl", "no SKOS concepts");
	expect_load_error("tests/thesauri/missing.ttl", "No such file");
	/* A page is no thesaurus. */
	expect_load_error("data/sample/atlantic-forum-aiib-at-five.html", "");
	/* Nor a directory, a device or an empty file, each said as such. */
	expect_load_error("tests/thesauri", "a directory");
	{
		char error[1024];

		assert_null(pdx_thesaurus_load("/dev/null", error, sizeof error));
		assert_non_null(strstr(error, "/dev/null: a device"));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_thesaurus_load_turtle),
		cmocka_unit_test(test_thesaurus_load_rdfxml),
		cmocka_unit_test(test_thesaurus_load_ntriples),
		cmocka_unit_test(test_thesaurus_load_labels_of_each_kind),
		cmocka_unit_test(test_thesaurus_ancestors_cycle_ends),
		cmocka_unit_test(test_thesaurus_load_bad_files),
	};

	return cmocka_run_group_tests_name("thesaurus", tests, NULL, NULL);
}
