/* test_captures.c: captures of web archives through the public API: one document per URL with
 * the text of the latest capture whatever the order, revisits, reruns, each capture kept,
 * pruning, shards, and the captured: filter. */
#include "config.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "polidex.h"
#include "tests/test-db-util.h"

#define URL "https://think.example/balance-of-power"

static const char old_page[] =
	"<html lang=en><head><title>Balance of power, first draft</title></head><body><article>"
	"<p>An early draft on the balance of power among the Gulf states, written in winter.</p>"
	"</article></body></html>";
static const char new_page[] =
	"<html lang=en><head><title>Balance of power, final</title></head><body><article>"
	"<p>The final text on the balance of power among the Gulf states, revised in spring.</p>"
	"</article></body></html>";

struct fixture {
	struct test_db_dir base; /* its database: base.path */
	char a_warc[4096], b_warc[4096];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	FILE *fh;

	if (!f || test_db_dir_make(&f->base) < 0)
		return -1;
	snprintf(f->a_warc, sizeof f->a_warc, "%s/a.warc.gz", f->base.dir);
	snprintf(f->b_warc, sizeof f->b_warc, "%s/b.warc.gz", f->base.dir);
	/* The archives only need to exist, for pruning. */
	if (!(fh = fopen(f->a_warc, "w")) || fclose(fh) || !(fh = fopen(f->b_warc, "w")) ||
	    fclose(fh))
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	test_db_dir_remove(&f->base);
	free(f);
	return 0;
}

/* What polidex_db_capture_counts() says of DB. */
struct counts {
	unsigned long merged, revisits, unchanged, waiting;
};

static struct counts counts_of(polidex_db_t *db)
{
	struct counts c;

	polidex_db_capture_counts(db, &c.merged, &c.revisits, &c.unchanged, &c.waiting);
	return c;
}

/* A capture of URL at DATE from FILE: PAGE's text, or with PAGE NULL a revisit (of the
 * capture at REFERS, when not NULL). */
static polidex_article_t *capture(const char *url, const char *date, const char *file,
				  const char *page, const char *refers, int each)
{
	polidex_article_t *a = polidex_article_new(file);
	polidex_capture_t c = {0};

	assert_non_null(a);
	c.date = date;
	c.file = file;
	c.offset = 1234;
	c.record_id = "<urn:uuid:0000>";
	c.format = "warc";
	c.revisit = page == NULL;
	c.refers_to_date = refers;
	c.each = each;
	assert_int_equal(polidex_article_set_url(a, url), POLIDEX_STATUS_SUCCESS);
	assert_int_equal(polidex_article_set_capture(a, &c), POLIDEX_STATUS_SUCCESS);
	if (page) {
		assert_int_equal(polidex_article_read_memory(a, page, strlen(page)),
				 POLIDEX_STATUS_SUCCESS);
		assert_int_equal(polidex_article_parse(a), POLIDEX_STATUS_SUCCESS);
	}
	return a;
}

static void add_capture(polidex_db_t *db, const char *url, const char *date, const char *file,
			const char *page, const char *refers, int each)
{
	polidex_article_t *a = capture(url, date, file, page, refers, each);

	if (polidex_db_add_article(db, a, NULL) != POLIDEX_STATUS_SUCCESS)
		fail_msg("adding the capture of %s at %s: %s", url, date, polidex_db_error(db));
	polidex_article_destroy(a);
}

/* The stored fields of the one document matching QUERY in the database at PATH. */
static json_object *only_document(const char *path, const char *query)
{
	polidex_db_t *db;
	polidex_query_t *q = polidex_query_new(query);
	polidex_results_t *r;
	polidex_hits_t *hits;
	char *json;
	json_object *o;

	assert_int_equal(polidex_db_open(path, POLIDEX_DB_READ_ONLY, &db, NULL),
			 POLIDEX_STATUS_SUCCESS);
	assert_int_equal(polidex_search(db, q, &r), POLIDEX_STATUS_SUCCESS);
	assert_int_equal(polidex_results_get_total(r), 1);
	hits = polidex_results_get_hits(r);
	assert_int_equal(polidex_db_get_document(db, polidex_hit_get_docid(polidex_hits_get(hits)),
						 &json),
			 POLIDEX_STATUS_SUCCESS);
	o = json_tokener_parse(json);
	assert_non_null(o);
	free(json);
	polidex_results_destroy(r);
	polidex_query_destroy(q);
	polidex_db_close(db);
	return o;
}

static const char *field(json_object *o, const char *key)
{
	json_object *v;

	return json_object_object_get_ex(o, key, &v) ? json_object_get_string(v) : NULL;
}

static int int_field(json_object *o, const char *key)
{
	json_object *v;

	return json_object_object_get_ex(o, key, &v) ? json_object_get_int(v) : -1;
}

static unsigned long total(const char *path, const char *query)
{
	polidex_db_t *db;
	polidex_query_t *q = polidex_query_new(query);
	polidex_results_t *r;
	unsigned long n;

	assert_int_equal(polidex_db_open(path, POLIDEX_DB_READ_ONLY, &db, NULL),
			 POLIDEX_STATUS_SUCCESS);
	if (polidex_search(db, q, &r) != POLIDEX_STATUS_SUCCESS)
		fail_msg("%s: %s", query, polidex_db_error(db));
	n = polidex_results_get_total(r);
	polidex_results_destroy(r);
	polidex_query_destroy(q);
	polidex_db_close(db);
	return n;
}

static void check_two_captures(const char *path)
{
	json_object *o = only_document(path, "gulf");

	assert_string_equal(field(o, "id"), URL);
	assert_string_equal(field(o, "title"), "Balance of power, final");
	assert_int_equal(int_field(o, "captures"), 2);
	assert_string_equal(field(o, "first_captured"), "2020-01-15T08:00:00Z");
	assert_string_equal(field(o, "last_captured"), "2024-05-01T12:30:00Z");
	{
		json_object *c;

		assert_true(json_object_object_get_ex(o, "capture", &c));
		assert_string_equal(field(c, "date"), "2024-05-01T12:30:00Z");
		assert_string_equal(field(c, "url"), URL);
		assert_int_equal(int_field(c, "offset"), 1234);
	}
	json_object_put(o);
	assert_int_equal(total(path, "winter"), 0);
	assert_int_equal(total(path, "spring"), 1);
}

static void captures_in_either_order(struct fixture *f, unsigned shards, int newer_first)
{
	polidex_db_t *db;

	static const char *const dates[] = {"2020-01-15T08:00:00Z", "2024-05-01T12:30:00Z"};

	db = test_db_open_writable(f->base.path, shards);
	for (int k = 0; k < 2; k++) {
		int newer = newer_first ? k == 0 : k == 1;

		add_capture(db, URL, dates[newer], newer ? f->b_warc : f->a_warc,
			    newer ? new_page : old_page, NULL, 0);
	}
	assert_int_equal(polidex_db_close(db), POLIDEX_STATUS_SUCCESS);
	check_two_captures(f->base.path);
}

static void test_captures_latest_text_in_date_order(void **state)
{
	captures_in_either_order(*state, 0, 0);
}

static void test_captures_latest_text_in_reverse_order(void **state)
{
	struct fixture *f = *state;
	polidex_db_t *db;

	captures_in_either_order(f, 0, 1);
	/* The same captures again (another copy of the archives): nothing new. */
	db = test_db_open_writable(f->base.path, 0);
	add_capture(db, URL, "2020-01-15T08:00:00Z", f->a_warc, old_page, NULL, 0);
	assert_int_equal(counts_of(db).unchanged, 1);
	assert_int_equal(counts_of(db).merged, 0);
	assert_int_equal(polidex_db_close(db), POLIDEX_STATUS_SUCCESS);
	check_two_captures(f->base.path);
}

static void test_captures_sharded(void **state)
{
	captures_in_either_order(*state, 3, 1);
}

static void test_captures_revisit_waits_for_its_page(void **state)
{
	struct fixture *f = *state;
	polidex_db_t *db = test_db_open_writable(f->base.path, 2);
	json_object *o;

	add_capture(db, URL, "2025-02-02T00:00:00Z", f->b_warc, NULL, "2024-05-01T12:30:00Z", 0);
	assert_int_equal(counts_of(db).waiting, 1);
	assert_int_equal(test_db_count(db), 0);
	assert_int_equal(polidex_db_close(db), POLIDEX_STATUS_SUCCESS);
	/* Its page comes in a later run, and a revisit of it after that. */
	db = test_db_open_writable(f->base.path, 0);
	add_capture(db, URL, "2024-05-01T12:30:00Z", f->a_warc, new_page, NULL, 0);
	add_capture(db, URL, "2025-06-01T00:00:00Z", f->a_warc, NULL, NULL, 0);
	assert_int_equal(counts_of(db).revisits, 1);
	assert_int_equal(counts_of(db).waiting, 0); /* the first revisit found its page too */
	assert_int_equal(polidex_db_close(db), POLIDEX_STATUS_SUCCESS);
	o = only_document(f->base.path, "gulf");
	assert_int_equal(int_field(o, "captures"), 3);
	assert_string_equal(field(o, "first_captured"), "2024-05-01T12:30:00Z");
	assert_string_equal(field(o, "last_captured"), "2025-06-01T00:00:00Z");
	json_object_put(o);
}

static void test_captures_rerun_reads_nothing_again(void **state)
{
	struct fixture *f = *state;
	polidex_db_t *db;
	polidex_article_t *a;
	int unchanged = -1;

	captures_in_either_order(f, 0, 0);
	db = test_db_open_writable(f->base.path, 0);
	add_capture(db, URL, "2026-01-01T00:00:00Z", f->a_warc, NULL, NULL, 0);
	assert_int_equal(polidex_db_close(db), POLIDEX_STATUS_SUCCESS);
	db = test_db_open_writable(f->base.path, 0);
	/* Known: the older capture, the text's own, the revisit. */
	a = capture(URL, "2020-01-15T08:00:00Z", f->a_warc, old_page, NULL, 0);
	assert_int_equal(polidex_db_is_unchanged(db, a, NULL, 1, &unchanged),
			 POLIDEX_STATUS_SUCCESS);
	assert_int_equal(unchanged, 1);
	polidex_article_destroy(a);
	a = capture(URL, "2024-05-01T12:30:00Z", f->b_warc, new_page, NULL, 0);
	assert_int_equal(polidex_db_is_unchanged(db, a, NULL, 1, &unchanged),
			 POLIDEX_STATUS_SUCCESS);
	assert_int_equal(unchanged, 1);
	/* The text's own capture, to be tagged with a thesaurus now, is read again. */
	{
		polidex_thesaurus_t *th;

		assert_int_equal(polidex_thesaurus_load(test_src_path("tests/thesauri/mini.ttl"),
							&th, NULL),
				 POLIDEX_STATUS_SUCCESS);
		assert_int_equal(polidex_db_is_unchanged(db, a, th, 1, &unchanged),
				 POLIDEX_STATUS_SUCCESS);
		assert_int_equal(unchanged, 0);
		polidex_article_destroy(a);
		/* An older capture is known by its date, whatever the tagging. */
		a = capture(URL, "2020-01-15T08:00:00Z", f->a_warc, old_page, NULL, 0);
		assert_int_equal(polidex_db_is_unchanged(db, a, th, 1, &unchanged),
				 POLIDEX_STATUS_SUCCESS);
		assert_int_equal(unchanged, 1);
		polidex_thesaurus_destroy(th);
	}
	polidex_article_destroy(a);
	a = capture(URL, "2026-01-01T00:00:00Z", f->a_warc, NULL, NULL, 0);
	assert_int_equal(polidex_db_is_unchanged(db, a, NULL, 1, &unchanged),
			 POLIDEX_STATUS_SUCCESS);
	assert_int_equal(unchanged, 1);
	polidex_article_destroy(a);
	/* Not known: a new capture. */
	a = capture(URL, "2026-02-01T00:00:00Z", f->a_warc, new_page, NULL, 0);
	assert_int_equal(polidex_db_is_unchanged(db, a, NULL, 1, &unchanged),
			 POLIDEX_STATUS_SUCCESS);
	assert_int_equal(unchanged, 0);
	polidex_article_destroy(a);
	assert_int_equal(polidex_db_close(db), POLIDEX_STATUS_SUCCESS);
}

static void test_captures_each_kept(void **state)
{
	struct fixture *f = *state;
	polidex_db_t *db;
	json_object *o;

	db = test_db_open_writable(f->base.path, 0);
	assert_int_equal(polidex_db_set_capture_mode(db, 1), POLIDEX_STATUS_SUCCESS);
	add_capture(db, URL, "2024-05-01T12:30:00Z", f->b_warc, new_page, NULL, 1);
	add_capture(db, URL, "2020-01-15T08:00:00Z", f->a_warc, old_page, NULL, 1);
	/* Revisits: of the older capture by its date, and one after both naming none. */
	add_capture(db, URL, "2021-01-01T00:00:00Z", f->a_warc, NULL, "2020-01-15T08:00:00Z", 1);
	add_capture(db, URL, "2025-01-01T00:00:00Z", f->a_warc, NULL, NULL, 1);
	assert_int_equal(test_db_count(db), 2);
	/* A database that keeps each capture is not written the other way. */
	assert_int_equal(polidex_db_set_capture_mode(db, 0), POLIDEX_STATUS_INVALID_ARGUMENT);
	assert_non_null(strstr(polidex_db_error(db), "--captures=latest"));
	assert_int_equal(polidex_db_close(db), POLIDEX_STATUS_SUCCESS);
	o = only_document(f->base.path, "winter");
	assert_string_equal(field(o, "id"), "20200115080000/" URL);
	assert_int_equal(int_field(o, "captures"), 2);
	assert_string_equal(field(o, "last_captured"), "2021-01-01T00:00:00Z");
	json_object_put(o);
	o = only_document(f->base.path, "spring");
	assert_string_equal(field(o, "id"), "20240501123000/" URL);
	assert_int_equal(int_field(o, "captures"), 2);
	assert_string_equal(field(o, "last_captured"), "2025-01-01T00:00:00Z");
	json_object_put(o);
}

static void test_captures_pruned_with_their_archives(void **state)
{
	struct fixture *f = *state;
	polidex_db_t *db;
	unsigned long removed = 99;
	json_object *o;

	captures_in_either_order(f, 0, 0);
	/* The archive of the older capture goes: the page keeps its text, loses that date. */
	assert_int_equal(unlink(f->a_warc), 0);
	db = test_db_open_writable(f->base.path, 0);
	assert_int_equal(polidex_db_prune_missing_files(db, &removed), POLIDEX_STATUS_SUCCESS);
	assert_int_equal(removed, 0);
	assert_int_equal(polidex_db_close(db), POLIDEX_STATUS_SUCCESS);
	o = only_document(f->base.path, "gulf");
	assert_int_equal(int_field(o, "captures"), 1);
	assert_string_equal(field(o, "first_captured"), "2024-05-01T12:30:00Z");
	json_object_put(o);
	assert_int_equal(total(f->base.path, "captured:2020"), 0);
	/* The archive of its text goes: the page goes. */
	assert_int_equal(unlink(f->b_warc), 0);
	db = test_db_open_writable(f->base.path, 0);
	assert_int_equal(polidex_db_prune_missing_files(db, &removed), POLIDEX_STATUS_SUCCESS);
	assert_int_equal(removed, 1);
	assert_int_equal(test_db_count(db), 0);
	assert_int_equal(polidex_db_close(db), POLIDEX_STATUS_SUCCESS);
}

static void test_captured_filter_and_facet(void **state)
{
	struct fixture *f = *state;
	polidex_db_t *db;
	polidex_query_t *q;
	polidex_results_t *r;
	polidex_facet_values_t *v;
	polidex_hits_t *hits;

	captures_in_either_order(f, 0, 0);
	assert_int_equal(total(f->base.path, "captured:2020"), 1);
	assert_int_equal(total(f->base.path, "captured:2020-01"), 1);
	assert_int_equal(total(f->base.path, "captured:2020-02"), 0);
	assert_int_equal(total(f->base.path, "captured:2021..2023"), 0);
	assert_int_equal(total(f->base.path, "captured:2019-12-31..2020-01-15"), 1);
	assert_int_equal(total(f->base.path, "captured:2024-05.. gulf"), 1);
	assert_int_equal(total(f->base.path, "captured:..2019"), 0);
	assert_int_equal(total(f->base.path, "captured:2024-06.."), 0);
	assert_int_equal(polidex_db_open(f->base.path, POLIDEX_DB_READ_ONLY, &db, NULL),
			 POLIDEX_STATUS_SUCCESS);
	q = polidex_query_new("captured:1999-13");
	assert_int_equal(polidex_search(db, q, &r), POLIDEX_STATUS_QUERY_SYNTAX);
	assert_non_null(strstr(polidex_db_error(db), "is not a date"));
	polidex_query_destroy(q);
	q = polidex_query_new("");
	assert_int_equal(polidex_query_add_facet(q, "capture-year"), POLIDEX_STATUS_SUCCESS);
	assert_int_equal(
	    polidex_query_set_replay_url(q, "http://localhost:8080/c/{timestamp}/{url}"),
	    POLIDEX_STATUS_SUCCESS);
	assert_int_equal(polidex_query_set_replay_url(q, "http://x/{when}"),
			 POLIDEX_STATUS_INVALID_ARGUMENT);
	assert_int_equal(polidex_search(db, q, &r), POLIDEX_STATUS_SUCCESS);
	v = polidex_results_get_facet(r, "capture-year");
	assert_true(polidex_facet_values_valid(v));
	assert_string_equal(polidex_facet_values_get_value(v), "2024");
	polidex_facet_values_move_to_next(v);
	assert_string_equal(polidex_facet_values_get_value(v), "2020");
	hits = polidex_results_get_hits(r);
	{
		const polidex_hit_t *h = polidex_hits_get(hits);
		char *link = polidex_hit_replay_url(h, "http://localhost:8080/c/{timestamp}/{url}");

		assert_string_equal(link, "http://localhost:8080/c/20240501123000/" URL);
		free(link);
		assert_int_equal(polidex_hit_count_captures(h), 2);
		assert_string_equal(polidex_hit_get_source(h), f->b_warc);
		assert_int_equal(polidex_hit_get_capture_offset(h), 1234);
		assert_string_equal(polidex_hit_get_capture_record_id(h), "<urn:uuid:0000>");
	}
	polidex_results_destroy(r);
	polidex_query_destroy(q);
	polidex_db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_captures_latest_text_in_date_order, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_captures_latest_text_in_reverse_order, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_captures_sharded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_captures_revisit_waits_for_its_page, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_captures_rerun_reads_nothing_again, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_captures_each_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_captures_pruned_with_their_archives, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_captured_filter_and_facet, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
