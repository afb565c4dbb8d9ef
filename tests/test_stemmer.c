/* test_stemmer.c: the normaliser and the libstemmer wrapper. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "stemmers/normalise.h"
#include "stemmers/stemmer.h"
#include "tests/test-util.h"

static void expect_normal(const char *in, const char *want)
{
	size_t len;
	char *out = pdx_normalise(in, strlen(in), &len);

	assert_non_null(out);
	assert_string_equal(out, want);
	assert_int_equal(len, strlen(want));
	free(out);
}

static void test_normalise_folds_case_and_compatibility_forms(void **state)
{
	(void)state;
	expect_normal("Win-Win", "win-win");
	expect_normal("\xef\xac\x81nance", "finance");                 /* ﬁ ligature */
	expect_normal("\xef\xbc\xa1\xef\xbc\xa9\xef\xbc\xa9\xef\xbc\xa2", "aiib"); /* ＡＩＩＢ */
	expect_normal("Stra\xc3\x9f" "e", "strasse");                   /* ß */
	expect_normal("\xce\x9b\xce\x8c\xce\x93\xce\x9f\xce\xa3",       /* ΛΌΓΟΣ */
		      "\xce\xbb\xcf\x8c\xce\xb3\xce\xbf\xcf\x83");
	expect_normal("e\xcc\x81", "\xc3\xa9"); /* e + combining acute composes to é */
}

static void test_normalise_replaces_invalid_utf8(void **state)
{
	(void)state;
	expect_normal("ab\xff" "cd", "ab\xef\xbf\xbd" "cd");
	expect_normal("\xe4\xb8", "\xef\xbf\xbd\xef\xbf\xbd"); /* truncated sequence */
}

/* The whole of S through utf8proc, as pdx_normalise() did before it folded ASCII itself. */
static char *reference_normal(const char *s, size_t len, size_t *out_len)
{
	size_t clean_len;
	char *clean = pdx_utf8_sanitise(s, len, &clean_len);
	utf8proc_uint8_t *mapped = NULL;
	utf8proc_ssize_t n;

	assert_non_null(clean);
	n = utf8proc_map((const utf8proc_uint8_t *)clean, (utf8proc_ssize_t)clean_len, &mapped,
			 UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
	free(clean);
	assert_true(n >= 0);
	*out_len = (size_t)n;
	return (char *)mapped;
}

/* Folding ASCII apart from the rest gives what utf8proc gives for the whole text, on text
 * made at random of ASCII (capitals, NUL), combining marks after ASCII and after other
 * letters, Hangul jamo, compatibility forms, CJK, and invalid or truncated sequences. */
static void test_normalise_matches_utf8proc_whole(void **state)
{
	static const char *const pieces[] = {
		"A", "z", "Q", " ", "-", "\0", "0", ".", "e", "\xcc\x81" /* combining acute */,
		"\xcc\xa3" /* combining dot below */, "\xc3\x89" /* É */, "\xc3\x9f" /* ß */,
		"\xef\xac\x81" /* ﬁ */, "\xef\xbc\xa1" /* Ａ */, "\xe4\xb8\xad" /* 中 */,
		"\xe1\x84\x80" /* Hangul choseong kiyeok */, "\xe1\x85\xa1" /* jungseong a */,
		"\xe2\x80\x9c" /* “ */, "\xce\xa3" /* Σ */, "\xff", "\xe4\xb8" /* truncated */,
		"\xc3", "\xe2\x84\xab" /* Å angstrom sign */, "\xd0\x9c" /* М */};
	unsigned seed = 12345;

	(void)state;
	for (int round = 0; round < 20000; round++) {
		char text[256];
		size_t len = 0, want_len, got_len;
		int pieces_n = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 24;

		for (int k = 0; k < pieces_n; k++) {
			const char *p;
			size_t n;

			seed = seed * 1103515245u + 12345u;
			p = pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])];
			n = p[0] ? strlen(p) : 1; /* "\0" is one NUL byte */
			memcpy(text + len, p, n);
			len += n;
		}
		char *want = reference_normal(text, len, &want_len);
		char *got = pdx_normalise(text, len, &got_len);

		assert_non_null(got);
		assert_int_equal(got_len, want_len);
		assert_memory_equal(got, want, want_len);
		free(want);
		free(got);
	}
}

static void test_utf8_sanitise_drops_nul(void **state)
{
	size_t len;
	char *out = pdx_utf8_sanitise("a\0b", 3, &len);

	(void)state;
	assert_non_null(out);
	assert_string_equal(out, "ab");
	assert_int_equal(len, 2);
	free(out);
}

static void test_stemmer_algorithm_maps_language_tags(void **state)
{
	(void)state;
	assert_string_equal(pdx_stemmer_algorithm("en"), "english");
	assert_string_equal(pdx_stemmer_algorithm("en-GB"), "english");
	assert_string_equal(pdx_stemmer_algorithm("EL"), "greek");
	assert_string_equal(pdx_stemmer_algorithm("hi"), "hindi");
	assert_string_equal(pdx_stemmer_algorithm("sr-Latn"), "serbian");
	assert_string_equal(pdx_stemmer_algorithm("yi"), "yiddish");
	assert_string_equal(pdx_stemmer_algorithm("greek"), "greek");
	assert_null(pdx_stemmer_algorithm("zh-Hans"));
	assert_null(pdx_stemmer_algorithm("xx"));
	assert_null(pdx_stemmer_algorithm(NULL));
}

/* Both words must reduce to one stem. */
static void expect_same_stem(const char *lang, const char *a, const char *b)
{
	pdx_stemmer_t *s = pdx_stemmer_new(lang);
	const char *stem;
	char *first;
	size_t len;

	assert_non_null(s);
	stem = pdx_stemmer_stem(s, a, strlen(a), &len);
	assert_non_null(stem);
	first = strndup(stem, len);
	stem = pdx_stemmer_stem(s, b, strlen(b), &len);
	assert_non_null(stem);
	assert_int_equal(len, strlen(first));
	assert_memory_equal(stem, first, len);
	assert_true(len < strlen(a) || len < strlen(b)); /* something was stripped */
	free(first);
	pdx_stemmer_destroy(s);
}

static void test_stemmer_stem_english(void **state)
{
	(void)state;
	expect_same_stem("en", "cooperating", "cooperation");
	expect_same_stem("en", "countries", "country");
	expect_same_stem("en", "Cooperating", "COOPERATION"); /* normalised first */
}

static void test_stemmer_stem_languages_xapian_lacks(void **state)
{
	(void)state;
	/* Xapian 1.4.22 has no Snowball stemmer for these four. */
	expect_same_stem(
	    "el", "\xcf\x80\xce\xbf\xce\xbb\xce\xb9\xcf\x84\xce\xb9\xce\xba\xce\xae",
	    "\xcf\x80\xce\xbf\xce\xbb\xce\xb9\xcf\x84\xce\xb9\xce\xba\xce\xae\xcf\x82");
	expect_same_stem(
	    "hi",
	    "\xe0\xa4\x95\xe0\xa4\xbf\xe0\xa4\xa4\xe0\xa4\xbe\xe0\xa4\xac\xe0\xa5\x87\xe0\xa4\x82",
	    "\xe0\xa4\x95\xe0\xa4\xbf\xe0\xa4\xa4\xe0\xa4\xbe\xe0\xa4\xac");
	expect_same_stem("sr", "politi\xc4\x8dkom", "politi\xc4\x8dki");
	expect_same_stem("yi", "\xd7\xa9\xd7\xa4\xd6\xbc\xd7\xa8\xd7\x90\xd6\xb7\xd7\x9b\xd7\x9f",
			 "\xd7\xa9\xd7\xa4\xd6\xbc\xd7\xa8\xd7\x90\xd6\xb7\xd7\x9a");
}

static void test_stemmer_new_unknown_language(void **state)
{
	(void)state;
	assert_null(pdx_stemmer_new("zh"));
	assert_null(pdx_stemmer_new("klingon"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalise_folds_case_and_compatibility_forms),
		cmocka_unit_test(test_normalise_replaces_invalid_utf8),
		cmocka_unit_test(test_normalise_matches_utf8proc_whole),
		cmocka_unit_test(test_utf8_sanitise_drops_nul),
		cmocka_unit_test(test_stemmer_algorithm_maps_language_tags),
		cmocka_unit_test(test_stemmer_stem_english),
		cmocka_unit_test(test_stemmer_stem_languages_xapian_lacks),
		cmocka_unit_test(test_stemmer_new_unknown_language),
	};

	return cmocka_run_group_tests_name("stemmer", tests, NULL, NULL);
}
