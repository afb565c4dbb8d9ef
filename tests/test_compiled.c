/* test_compiled.c: a scheme compiled into one block of bytes and read back is the scheme it
 * was (the same concepts, labels, hierarchy, tags and covering), whatever damage a block
 * carries is refused with a reason rather than followed, and an index keeps its scheme:
 * stored once, read back, another refused. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "concepts/concepts.h"
#include "polidex.h"
#include "tests/test-db-util.h"
#include "tests/test-util.h"
#include "lib/metadata.h"
#include "util/buf.h"

static const char *const texts[] = {
	"The balance of power in Asia: realism and realpolitik after the Cold War.",
	"Hegemonic stability theory meets the Belt and Road Initiative; sanctions by the WTO?",
	/* 均势与现实主义 */
	"\xe5\x9d\x87\xe5\x8a\xbf\xe4\xb8\x8e\xe7\x8e\xb0\xe5\xae\x9e\xe4\xb8\xbb\xe4\xb9\x89",
	"United Nations Security Council members met developing countries' envoys.",
};

static polidex_thesaurus_t *load(const char *rel)
{
	polidex_thesaurus_t *th = NULL;
	char *message = NULL;

	assert_int_equal(polidex_thesaurus_load(test_src_path(rel), &th, &message),
			 POLIDEX_STATUS_SUCCESS);
	free(message);
	return th;
}

static polidex_thesaurus_t *read_back(const char *data, size_t len)
{
	char *copy = malloc(len ? len : 1), error[256];
	polidex_thesaurus_t *th = NULL;

	assert_non_null(copy);
	memcpy(copy, data, len);
	assert_int_equal(pdx_concepts_read_compiled(copy, len, &th, error, sizeof error),
			 POLIDEX_STATUS_SUCCESS);
	return th;
}

/* Everything A and B say of their concepts and of the texts, as text. */
static char *describe(const polidex_thesaurus_t *th)
{
	pdx_buf b = PDX_BUF_INIT;
	size_t n = polidex_thesaurus_count_concepts(th), up[64];

	for (size_t i = 0; i < n; i++) {
		size_t k = pdx_concepts_ancestors(th, i, up, 64);

		pdx_buf_addf(&b, "%s|%s|%s|%s|%d|", pdx_concepts_uri(th, i),
			     pdx_concepts_label(th, i, "en"), pdx_concepts_label(th, i, "zh-Hans"),
			     pdx_concepts_label(th, i, "zh-Hant"), pdx_concepts_is_top(th, i));
		for (size_t j = 0; j < k && j < 64; j++)
			pdx_buf_addf(&b, "%zu,", up[j]);
		pdx_buf_addf(&b, "|%ld\n",
			     pdx_concepts_lookup(th, pdx_concepts_label(th, i, "en")));
	}
	for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
		struct pdx_concept_tag *tags;
		size_t *cover, k;
		long c;

		assert_int_equal(pdx_concepts_tag(th, texts[t], texts[t], t == 2 ? "zh" : "en", 1,
						  &tags, &k),
				 0);
		for (size_t j = 0; j < k; j++)
			pdx_buf_addf(&b, "tag %zu %u %.17g\n", tags[j].concept, tags[j].count,
				     tags[j].score);
		free(tags);
		c = pdx_concepts_covering(th, "balance of power", "en", &cover);
		for (long j = 0; j < c; j++)
			pdx_buf_addf(&b, "cover %zu\n", cover[j]);
		free(cover);
	}
	assert_false(b.oom);
	return pdx_buf_detach(&b);
}

static void round_trip(const char *rel)
{
	polidex_thesaurus_t *file = load(rel), *back;
	char *data, *again, *a, *b;
	size_t len, len2;

	assert_int_equal(pdx_concepts_compile(file, &data, &len), 0);
	back = read_back(data, len);
	assert_true(polidex_thesaurus_same(file, back));
	assert_string_equal(polidex_thesaurus_get_source(file), polidex_thesaurus_get_source(back));
	assert_int_equal(pdx_concepts_fingerprint(file, 1), pdx_concepts_fingerprint(back, 1));
	a = describe(file);
	b = describe(back);
	assert_string_equal(a, b);
	/* Compiling what was read back gives the same block. */
	assert_int_equal(pdx_concepts_compile(back, &again, &len2), 0);
	assert_int_equal(len, len2);
	assert_memory_equal(data, again, len);
	free(a);
	free(b);
	free(again);
	free(data);
	polidex_thesaurus_destroy(back);
	polidex_thesaurus_destroy(file);
}

static void test_compiled_round_trip_mini(void **state)
{
	(void)state;
	round_trip("tests/thesauri/mini.ttl");
}

static void test_compiled_round_trip_default(void **state)
{
	(void)state;
	round_trip("data/thesaurus/polidex-ir.ttl");
}

/* Reading LEN bytes of DATA either succeeds or fails with a reason; never anything else. */
static int read_any(const char *data, size_t len)
{
	char *copy = malloc(len ? len : 1), error[256] = "";
	polidex_thesaurus_t *th = NULL;
	polidex_status_t status;

	assert_non_null(copy);
	memcpy(copy, data, len);
	status = pdx_concepts_read_compiled(copy, len, &th, error, sizeof error);
	if (status == POLIDEX_STATUS_SUCCESS) {
		/* Whatever was read must be usable. */
		char *d = describe(th);

		free(d);
		polidex_thesaurus_destroy(th);
		return 1;
	}
	assert_int_equal(status, POLIDEX_STATUS_FILE_ERROR);
	assert_null(th);
	assert_true(error[0] != '\0');
	return 0;
}

static void test_compiled_damage_is_refused(void **state)
{
	polidex_thesaurus_t *th = load("tests/thesauri/mini.ttl");
	char *data, *bad;
	size_t len;
	unsigned seed = 7;

	(void)state;
	assert_int_equal(pdx_concepts_compile(th, &data, &len), 0);
	/* Every block cut short. */
	for (size_t cut = 0; cut < len; cut++)
		assert_int_equal(read_any(data, cut), 0);
	/* Every byte changed, one at a time, then many at once. */
	bad = malloc(len);
	assert_non_null(bad);
	for (size_t i = 0; i < len; i++) {
		memcpy(bad, data, len);
		bad[i] ^= (char)0xa5;
		read_any(bad, len);
	}
	for (int round = 0; round < 2000; round++) {
		memcpy(bad, data, len);
		for (int k = 0; k < 4; k++) {
			seed = seed * 1103515245u + 12345u;
			bad[(seed >> 8) % len] = (char)(seed >> 24);
		}
		read_any(bad, len);
	}
	free(bad);
	free(data);
	polidex_thesaurus_destroy(th);
}

static void test_compiled_other_version_is_named(void **state)
{
	polidex_thesaurus_t *th = load("tests/thesauri/mini.ttl"), *back = NULL;
	char *data, error[256];
	size_t len;

	(void)state;
	assert_int_equal(pdx_concepts_compile(th, &data, &len), 0);
	data[8] ^= 0x40; /* the version, after the 8 bytes of the magic string */
	assert_int_equal(pdx_concepts_read_compiled(data, len, &back, error, sizeof error),
			 POLIDEX_STATUS_FILE_ERROR);
	assert_non_null(strstr(error, "another version of polidex"));
	polidex_thesaurus_destroy(th);
}

/* An index keeps the scheme it is given: read back by a reader, the same one accepted again,
 * another refused with a message naming the one held. */
static void test_db_keeps_its_scheme(void **state)
{
	struct test_db_dir *d = *state;
	polidex_thesaurus_t *mini = load("tests/thesauri/mini.ttl");
	polidex_thesaurus_t *other = load("data/thesaurus/polidex-ir.ttl"), *held = NULL;
	polidex_db_t *db = test_db_open_writable(d->path, 0);
	polidex_query_t *q = polidex_query_new("realism");
	polidex_results_t *r = NULL;

	assert_int_equal(polidex_db_get_thesaurus(db, &held), POLIDEX_STATUS_SUCCESS);
	assert_null(held);
	assert_int_equal(polidex_db_set_thesaurus(db, mini), POLIDEX_STATUS_SUCCESS);
	assert_int_equal(polidex_db_set_thesaurus(db, mini), POLIDEX_STATUS_SUCCESS);
	assert_int_equal(polidex_db_set_thesaurus(db, other), POLIDEX_STATUS_THESAURUS_MISMATCH);
	assert_non_null(strstr(polidex_db_error(db), "mini.ttl"));
	assert_int_equal(polidex_db_commit(db), POLIDEX_STATUS_SUCCESS);
	assert_int_equal(polidex_db_close(db), POLIDEX_STATUS_SUCCESS);

	assert_int_equal(polidex_db_open(d->path, POLIDEX_DB_READ_ONLY, &db, NULL),
			 POLIDEX_STATUS_SUCCESS);
	assert_int_equal(polidex_db_get_thesaurus(db, &held), POLIDEX_STATUS_SUCCESS);
	assert_non_null(held);
	assert_true(polidex_thesaurus_same(held, mini));
	assert_int_equal(polidex_thesaurus_count_concepts(held), 4);
	/* A search that brings another scheme is refused; its own, or none, is not. */
	polidex_query_set_thesaurus(q, other);
	assert_int_equal(polidex_search(db, q, &r), POLIDEX_STATUS_THESAURUS_MISMATCH);
	assert_non_null(strstr(polidex_db_error(db), "mini.ttl"));
	polidex_query_set_thesaurus(q, held);
	assert_int_equal(polidex_search(db, q, &r), POLIDEX_STATUS_SUCCESS);
	polidex_results_destroy(r);
	polidex_query_set_thesaurus(q, NULL);
	assert_int_equal(polidex_search(db, q, &r), POLIDEX_STATUS_SUCCESS);
	polidex_results_destroy(r);
	assert_int_equal(polidex_db_close(db), POLIDEX_STATUS_SUCCESS);
	polidex_query_destroy(q);
	polidex_thesaurus_destroy(held);
	polidex_thesaurus_destroy(other);
	polidex_thesaurus_destroy(mini);
}

/* Named schemes are kept beside the unnamed one, each under its name: listed in byte order,
 * read back by name, the same file accepted again under a name, another refused naming it;
 * names that cannot be are refused. */
static void test_db_keeps_named_schemes(void **state)
{
	struct test_db_dir *d = *state;
	polidex_thesaurus_t *mini = load("tests/thesauri/mini.ttl");
	polidex_thesaurus_t *tagger = load("tests/thesauri/tagger.ttl"), *held = NULL;
	polidex_db_t *db = test_db_open_writable(d->path, 0);
	char *names = NULL;

	assert_int_equal(polidex_db_get_scheme_names(db, &names), POLIDEX_STATUS_SUCCESS);
	assert_string_equal(names, "");
	free(names);
	assert_int_equal(polidex_db_set_scheme(db, "zeta", mini), POLIDEX_STATUS_SUCCESS);
	assert_int_equal(polidex_db_set_scheme(db, "alpha-2", tagger), POLIDEX_STATUS_SUCCESS);
	assert_int_equal(polidex_db_set_scheme(db, "zeta", mini), POLIDEX_STATUS_SUCCESS);
	assert_int_equal(polidex_db_set_scheme(db, "zeta", tagger),
			 POLIDEX_STATUS_THESAURUS_MISMATCH);
	assert_non_null(strstr(polidex_db_error(db), "mini.ttl"));
	assert_int_equal(polidex_db_set_scheme(db, "Zeta", mini), POLIDEX_STATUS_INVALID_ARGUMENT);
	assert_int_equal(polidex_db_set_scheme(db, "author", mini),
			 POLIDEX_STATUS_INVALID_ARGUMENT);
	assert_false(polidex_scheme_name_valid("9lives"));
	assert_false(polidex_scheme_name_valid("a.b"));
	assert_false(polidex_scheme_name_valid("abcdefghijklmnopqrstuvwxyz012345"));
	assert_true(polidex_scheme_name_valid("abcdefghijklmnopqrstuvwxyz01234"));
	assert_true(polidex_scheme_name_valid(POLIDEX_UNNAMED_SCHEME));
	/* "concept" is the unnamed scheme, which the named ones leave alone. */
	assert_int_equal(polidex_db_get_thesaurus(db, &held), POLIDEX_STATUS_SUCCESS);
	assert_null(held);
	assert_int_equal(polidex_db_commit(db), POLIDEX_STATUS_SUCCESS);
	assert_int_equal(polidex_db_close(db), POLIDEX_STATUS_SUCCESS);

	assert_int_equal(polidex_db_open(d->path, POLIDEX_DB_READ_ONLY, &db, NULL),
			 POLIDEX_STATUS_SUCCESS);
	assert_int_equal(polidex_db_get_scheme_names(db, &names), POLIDEX_STATUS_SUCCESS);
	assert_string_equal(names, "alpha-2\nzeta\n");
	free(names);
	assert_int_equal(polidex_db_get_scheme(db, "zeta", &held), POLIDEX_STATUS_SUCCESS);
	assert_non_null(held);
	assert_true(polidex_thesaurus_same(held, mini));
	polidex_thesaurus_destroy(held);
	assert_int_equal(polidex_db_get_scheme(db, "alpha-2", &held), POLIDEX_STATUS_SUCCESS);
	assert_true(polidex_thesaurus_same(held, tagger));
	polidex_thesaurus_destroy(held);
	held = mini;
	assert_int_equal(polidex_db_get_scheme(db, "beta", &held), POLIDEX_STATUS_SUCCESS);
	assert_null(held);
	/* A caller's own copy of a named scheme serves a search when it is the index's. */
	{
		polidex_query_t *q = polidex_query_new("");
		polidex_results_t *r = NULL;

		assert_int_equal(polidex_query_add_facet(q, "zeta"), POLIDEX_STATUS_SUCCESS);
		assert_int_equal(polidex_query_set_scheme(q, "zeta", mini), POLIDEX_STATUS_SUCCESS);
		assert_int_equal(polidex_search(db, q, &r), POLIDEX_STATUS_SUCCESS);
		polidex_results_destroy(r);
		assert_int_equal(polidex_query_set_scheme(q, "zeta", tagger),
				 POLIDEX_STATUS_SUCCESS);
		assert_int_equal(polidex_search(db, q, &r), POLIDEX_STATUS_THESAURUS_MISMATCH);
		assert_non_null(strstr(polidex_db_error(db), "mini.ttl"));
		assert_int_equal(polidex_query_set_scheme(q, "Zeta", mini),
				 POLIDEX_STATUS_INVALID_ARGUMENT);
		polidex_query_destroy(q);
	}
	assert_int_equal(polidex_db_close(db), POLIDEX_STATUS_SUCCESS);
	polidex_thesaurus_destroy(tagger);
	polidex_thesaurus_destroy(mini);
}

/* A scheme's label groups, kept in memory as an index keeps them in its metadata. */
struct groups {
	char *form[1024], *data[1024];
	size_t len[1024], n;
	struct pdx_cover_group picked[64];
	size_t n_picked;
};

static int keep_group(void *ctx, const char *form, const char *data, size_t len)
{
	struct groups *g = ctx;

	assert_true(g->n < 1024);
	g->form[g->n] = pdx_strdup(form);
	g->data[g->n] = malloc(len ? len : 1);
	memcpy(g->data[g->n], data, len);
	g->len[g->n++] = len;
	return 0;
}

static int pick_group(void *ctx, const char *form)
{
	struct groups *g = ctx;

	for (size_t i = 0; i < g->n; i++)
		if (strcmp(g->form[i], form) == 0 && g->n_picked < 64) {
			g->picked[g->n_picked].form = g->form[i];
			g->picked[g->n_picked].data = g->data[i];
			g->picked[g->n_picked++].len = g->len[i];
		}
	return 0;
}

/* The URIs pdx_concepts_covering() gives for TEXT, one a line, or "" for none. */
static void covering_uris(const polidex_thesaurus_t *th, const char *text, const char *lang,
			  pdx_buf *out)
{
	size_t *ids = NULL;
	long n = pdx_concepts_covering(th, text, lang, &ids);

	for (long i = 0; i < n; i++)
		pdx_buf_addf(out, "%s\n", pdx_concepts_uri(th, ids[i]));
	free(ids);
}

/* Matched against only the groups of its words' forms, a query is widened by the concepts the
 * whole scheme gives it, whatever its case, language or punctuation. */
static void test_cover_groups_match_whole_scheme(void **state)
{
	static const char *const queries[] = {
		"Moscow", "moscow", "United States", "U.S.", "US", "us", "the US", "power",
		"balance of power", "Balance of Power", "均势", "权力", "UN", "the UN",
		"United Nations General Assembly", "General Assembly", "Moscow State Institute of "
		"International Relations", "BITs", "bits", "bilateral treaties", "sanctions",
		"Sanktionen", "will", "meadows", "Viet Nam", "Vietnam", "freedom of the press",
		"press freedom", "EIB", "17+1", "China-CEEC cooperation", "developing countries",
		"developed countries", "nations unies", "cooperation power", "nothing here", "",
		NULL};
	static const char *const langs[] = {"en", "fr", "de", "zh-Hans", NULL};
	polidex_thesaurus_t *th = load("tests/thesauri/tagger.ttl");
	struct groups *g = calloc(1, sizeof *g);

	(void)state;
	assert_int_equal(pdx_concepts_cover_groups(th, keep_group, g), 0);
	assert_true(g->n > 10);
	for (size_t l = 0; langs[l]; l++)
		for (size_t q = 0; queries[q]; q++) {
			pdx_buf whole = PDX_BUF_INIT, part = PDX_BUF_INIT;
			char **uris = NULL;
			long n;

			covering_uris(th, queries[q], langs[l], &whole);
			g->n_picked = 0;
			assert_int_equal(
				pdx_concepts_cover_forms(queries[q], langs[l], pick_group, g), 0);
			n = pdx_concepts_cover_match(g->picked, g->n_picked, queries[q],
						     langs[l], &uris);
			assert_true(n >= 0);
			for (long i = 0; i < n; i++) {
				pdx_buf_addf(&part, "%s\n", uris[i]);
				free(uris[i]);
			}
			free(uris);
			if (strcmp(whole.data ? whole.data : "", part.data ? part.data : "") != 0)
				fail_msg("'%s' (%s): whole scheme gives\n%s, groups give\n%s",
					 queries[q], langs[l], whole.data ? whole.data : "",
					 part.data ? part.data : "");
			pdx_buf_release(&whole);
			pdx_buf_release(&part);
		}
	for (size_t i = 0; i < g->n; i++) {
		free(g->form[i]);
		free(g->data[i]);
	}
	/* Damaged bytes are said to be so, never read past. */
	{
		struct pdx_cover_group bad = {"moscow", "\x05\x00\x00\x00ab", 6};
		char **uris = NULL;

		assert_int_equal(pdx_concepts_cover_match(&bad, 1, "Moscow", "en", &uris), -2);
		assert_null(uris);
	}
	free(g);
	polidex_thesaurus_destroy(th);
}

/* A search widens a query from the groups the index keeps, not from its scheme's block: with
 * the block gone, "realpolitik" still finds what is tagged Realism. */
static void test_db_widens_from_groups(void **state)
{
	struct test_db_dir *d = *state;
	polidex_thesaurus_t *mini = load("tests/thesauri/mini.ttl");
	polidex_db_t *db = test_db_open_writable(d->path, 0);
	polidex_query_t *q = polidex_query_new("realpolitik");
	polidex_results_t *r = NULL;
	int holds = 0;

	assert_int_equal(polidex_db_holds_thesaurus(db, &holds), POLIDEX_STATUS_SUCCESS);
	assert_false(holds);
	assert_int_equal(polidex_db_set_thesaurus(db, mini), POLIDEX_STATUS_SUCCESS);
	assert_int_equal(pdx_db_set_metadata(db, "polidex.scheme", "", 0),
			 POLIDEX_STATUS_SUCCESS);
	assert_int_equal(polidex_db_commit(db), POLIDEX_STATUS_SUCCESS);
	assert_int_equal(polidex_db_holds_thesaurus(db, &holds), POLIDEX_STATUS_SUCCESS);
	assert_true(holds);
	assert_int_equal(polidex_search(db, q, &r), POLIDEX_STATUS_SUCCESS);
	assert_non_null(strstr(polidex_results_get_parsed_query(r),
			       "XChttps://example.org/concept/realism"));
	polidex_results_destroy(r);
	polidex_query_destroy(q);
	assert_int_equal(polidex_db_close(db), POLIDEX_STATUS_SUCCESS);
	polidex_thesaurus_destroy(mini);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compiled_round_trip_mini),
		cmocka_unit_test(test_compiled_round_trip_default),
		cmocka_unit_test(test_compiled_damage_is_refused),
		cmocka_unit_test(test_compiled_other_version_is_named),
		cmocka_unit_test_setup_teardown(test_db_keeps_its_scheme, test_db_setup,
						test_db_teardown),
		cmocka_unit_test_setup_teardown(test_db_keeps_named_schemes, test_db_setup,
						test_db_teardown),
		cmocka_unit_test(test_cover_groups_match_whole_scheme),
		cmocka_unit_test_setup_teardown(test_db_widens_from_groups, test_db_setup,
						test_db_teardown),
	};

	return cmocka_run_group_tests_name("compiled", tests, NULL, NULL);
}
