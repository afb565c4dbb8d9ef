/* test_db.c: databases through the public API: add and replace, locks, search and facets. */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "polidex.h"
#include "tests/test-db-util.h"

static const char page_one[] =
	"<html lang=en><head><title>Balancing Power in Asia | Forum</title>"
	"<meta name=author content='Jane Doe, Li Wei'>"
	"<meta property=article:published_time content=2015-05-21>"
	"<meta property=article:section content='Foreign Policy'></head><body><article>"
	"<p>Cooperating countries build institutions, and the balance of power shifts slowly.</p>"
	"<p>Realism explains rivalry; zero-sum thinking explains little of today's trade.</p>"
	"</article></body></html>";

static const char page_two[] =
	"<html lang=en><head><title>Trade and Security</title>"
	"<meta name=author content='Jane Doe'>"
	"<meta property=article:published_time content=2016-02-10>"
	"<meta property=article:section content='Foreign Policy'></head><body><article>"
	"<p>Supply chains and security cooperation shape how countries cooperate in a crisis.</p>"
	"</article></body></html>";

static const char page_greek[] =
	"<html lang=el><head><title>\xce\x95\xce\xbe\xcf\x89\xcf\x84\xce\xb5\xcf\x81\xce\xb9\xce"
	"\xba\xce\xae \xcf\x80\xce\xbf\xce\xbb\xce\xb9\xcf\x84\xce\xb9\xce\xba\xce\xae</title>"
	"</head><body><p>\xce\x97 \xce\xb5\xce\xbe\xcf\x89\xcf\x84\xce\xb5\xcf\x81\xce\xb9\xce\xba"
	"\xce\xae \xcf\x80\xce\xbf\xce\xbb\xce\xb9\xcf\x84\xce\xb9\xce\xba\xce\xae \xcf\x84\xce"
	"\xb7\xcf\x82 \xce\x95\xce\xbb\xce\xbb\xce\xac\xce\xb4\xce\xb1\xcf\x82 \xce\xb1\xce\xbb"
	"\xce\xbb\xce\xac\xce\xb6\xce\xb5\xce\xb9 \xce\xbc\xce\xb5 \xcf\x84\xce\xbf\xce\xbd "
	"\xce\xba\xcf\x8c\xcf\x83\xce\xbc\xce\xbf.</p></body></html>";
/* Η εξωτερική πολιτική της Ελλάδας αλλάζει με τον κόσμο. */

static polidex_results_t *search(polidex_db_t *db, const char *text, const char *lang,
				 const char *facet, unsigned limit)
{
	polidex_query_t *q = polidex_query_new(text);
	polidex_results_t *r = NULL;

	assert_non_null(q);
	if (lang)
		assert_int_equal(polidex_query_set_language(q, lang), POLIDEX_STATUS_SUCCESS);
	if (facet)
		assert_int_equal(polidex_query_add_facet(q, facet), POLIDEX_STATUS_SUCCESS);
	polidex_query_set_limit(q, limit);
	if (polidex_search(db, q, &r) != POLIDEX_STATUS_SUCCESS)
		fail_msg("search \"%s\": %s", text, polidex_db_error(db));
	polidex_query_destroy(q);
	return r;
}

static unsigned long count_matches(polidex_db_t *db, const char *text, const char *lang)
{
	polidex_results_t *r = search(db, text, lang, NULL, 10);
	unsigned long n = polidex_results_get_total(r);

	polidex_results_destroy(r);
	return n;
}

static void test_db_add_article_replaces_same_url(void **state)
{
	struct test_db_dir *f = *state;
	polidex_db_t *db = test_db_open_writable(f->path, 0);

	test_db_add(db, "https://forum.example/a", page_one, 0);
	test_db_add(db, "https://forum.example/b", page_two, 0);
	test_db_add(db, "https://forum.example/a", page_one, 1);
	assert_int_equal(polidex_db_commit(db), POLIDEX_STATUS_SUCCESS);
	assert_int_equal(test_db_count(db), 2);
	assert_int_equal(polidex_db_close(db), POLIDEX_STATUS_SUCCESS);

	/* Committed work survives reopening. */
	db = test_db_open_writable(f->path, 0);
	test_db_add(db, "https://forum.example/b", page_two, 1);
	assert_int_equal(test_db_count(db), 2);
	polidex_db_close(db);
}

/* A document built on another thread is added like the article it came from. */
struct build_job {
	polidex_article_t *article;
	polidex_document_t *document;
	polidex_status_t status;
};

static void *build(void *arg)
{
	struct build_job *job = arg;

	job->status = polidex_document_new(job->article, &job->document);
	return NULL;
}

static void test_db_add_document_built_elsewhere(void **state)
{
	struct test_db_dir *f = *state;
	polidex_db_t *db = test_db_open_writable(f->path, 0);
	struct build_job jobs[2] = {
		{test_db_article("https://forum.example/a", page_one), NULL, 0},
		{test_db_article("https://forum.example/b", page_two), NULL, 0}};
	pthread_t threads[2];
	int replaced = -1;

	for (int i = 0; i < 2; i++)
		assert_int_equal(pthread_create(&threads[i], NULL, build, &jobs[i]), 0);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(pthread_join(threads[i], NULL), 0);
		assert_int_equal(jobs[i].status, POLIDEX_STATUS_SUCCESS);
		assert_int_equal(polidex_db_add_document(db, jobs[i].document, &replaced),
				 POLIDEX_STATUS_SUCCESS);
		assert_int_equal(replaced, 0);
	}
	assert_int_equal(polidex_db_add_document(db, jobs[0].document, &replaced),
			 POLIDEX_STATUS_SUCCESS);
	assert_int_equal(replaced, 1);
	assert_int_equal(polidex_db_commit(db), POLIDEX_STATUS_SUCCESS);
	assert_int_equal(test_db_count(db), 2);
	assert_int_equal(count_matches(db, "\"balance of power\"", "en"), 1);
	for (int i = 0; i < 2; i++) {
		polidex_document_destroy(jobs[i].document);
		polidex_article_destroy(jobs[i].article);
	}
	polidex_document_destroy(NULL);
	assert_int_equal(polidex_document_new(NULL, &jobs[0].document),
			 POLIDEX_STATUS_INVALID_ARGUMENT);
	assert_null(jobs[0].document);
	assert_int_equal(polidex_db_add_document(db, NULL, NULL), POLIDEX_STATUS_INVALID_ARGUMENT);
	polidex_db_close(db);
}

/* A database in shards: documents spread over the shards and are found as one index; the
 * shard count is kept, and a document's contents are taken by its shard. */
static void test_db_sharded(void **state)
{
	struct test_db_dir *f = *state;
	polidex_db_t *db = NULL, *other = (polidex_db_t *)1;
	polidex_document_t *doc;
	polidex_article_t *a;
	char *msg = NULL, url[64];
	unsigned long added, replaced;
	int flag = 0;

	assert_int_equal(polidex_db_open_writable(f->path, 3, &db, &msg), POLIDEX_STATUS_SUCCESS);
	for (int i = 0; i < 12; i++) {
		snprintf(url, sizeof url, "https://forum.example/%d", i);
		a = test_db_article(url, i % 2 ? page_one : page_two);
		assert_int_equal(polidex_document_new(a, &doc), POLIDEX_STATUS_SUCCESS);
		assert_int_equal(polidex_db_add_document(db, doc, &flag), POLIDEX_STATUS_SUCCESS);
		assert_int_equal(flag, -1);
		assert_int_equal(polidex_db_add_document(db, doc, &flag),
				 POLIDEX_STATUS_INVALID_ARGUMENT);
		polidex_document_destroy(doc);
		polidex_article_destroy(a);
	}
	test_db_add(db, "https://forum.example/0", page_one, -1);
	assert_int_equal(polidex_db_commit(db), POLIDEX_STATUS_SUCCESS);
	polidex_db_write_counts(db, &added, &replaced);
	assert_int_equal(added, 12);
	assert_int_equal(replaced, 1);
	assert_int_equal(test_db_count(db), 12);
	assert_int_equal(polidex_db_open_writable(f->path, 3, &other, &msg),
			 POLIDEX_STATUS_DB_LOCKED);
	free(msg);
	polidex_db_close(db);

	assert_int_equal(polidex_db_open_writable(f->path, 2, &other, &msg),
			 POLIDEX_STATUS_INVALID_ARGUMENT);
	assert_null(other);
	assert_non_null(strstr(msg, "holds 3 shards, not 2"));
	free(msg);
	assert_int_equal(polidex_db_open(f->path, POLIDEX_DB_READ_ONLY, &db, NULL),
			 POLIDEX_STATUS_SUCCESS);
	assert_int_equal(test_db_count(db), 12);
	assert_int_equal(count_matches(db, "\"balance of power\"", "en"), 7); /* 6 odd, and 0 */
	polidex_db_close(db);
}

/* Commits started without waiting: each shard commits what came before while later
 * documents queue behind; polidex_db_commit() and polidex_db_close() wait for them all. */
static void test_db_sharded_start_commit(void **state)
{
	struct test_db_dir *f = *state;
	polidex_db_t *db = NULL, *reader = NULL;
	char *msg = NULL, url[64], path[4200];

	for (unsigned shards = 1; shards <= 3; shards += 2) {
		snprintf(path, sizeof path, "%s-%u", f->path, shards);
		assert_int_equal(polidex_db_open_writable(path, shards, &db, &msg),
				 POLIDEX_STATUS_SUCCESS);
		for (int i = 0; i < 40; i++) {
			snprintf(url, sizeof url, "https://forum.example/%d", i);
			test_db_add(db, url, i % 2 ? page_one : page_two, shards > 1 ? -1 : 0);
			if (i % 7 == 6)
				assert_int_equal(polidex_db_start_commit(db),
						 POLIDEX_STATUS_SUCCESS);
		}
		assert_int_equal(polidex_db_start_commit(db), POLIDEX_STATUS_SUCCESS);
		test_db_add(db, "https://forum.example/0", page_two, shards > 1 ? -1 : 1);
		assert_int_equal(polidex_db_commit(db), POLIDEX_STATUS_SUCCESS);
		/* What was committed is there for a reader, the last document included. */
		assert_int_equal(polidex_db_open(path, POLIDEX_DB_READ_ONLY, &reader, NULL),
				 POLIDEX_STATUS_SUCCESS);
		assert_int_equal(test_db_count(reader), 40);
		polidex_db_close(reader);
		for (int i = 40; i < 50; i++) {
			snprintf(url, sizeof url, "https://forum.example/%d", i);
			test_db_add(db, url, page_one, shards > 1 ? -1 : 0);
		}
		assert_int_equal(polidex_db_start_commit(db), POLIDEX_STATUS_SUCCESS);
		assert_int_equal(polidex_db_close(db), POLIDEX_STATUS_SUCCESS);
		assert_int_equal(polidex_db_open(path, POLIDEX_DB_READ_ONLY, &reader, NULL),
				 POLIDEX_STATUS_SUCCESS);
		assert_int_equal(test_db_count(reader), 50);
		assert_int_equal(count_matches(reader, "\"balance of power\"", "en"), 30);
		polidex_db_close(reader);
	}
	assert_int_equal(polidex_db_start_commit(NULL), POLIDEX_STATUS_INVALID_ARGUMENT);
}

/* A document bigger than a shard's whole queue allowance (some 16 MB of built documents)
 * still goes through, one at a time, instead of waiting for room that never comes. */
static void test_db_sharded_oversized_documents(void **state)
{
	static const char head[] = "<html lang=en><head><title>A Long Report</title></head>"
				   "<body><article><p>";
	static const char tail[] = "</p></article></body></html>";
	static const char word[] = "cooperation ";
	const size_t words = 1000000; /* 12 MB of text, held twice: body and stored data */
	struct test_db_dir *f = *state;
	size_t len = sizeof head - 1 + words * (sizeof word - 1) + sizeof tail;
	char *html = malloc(len), *p = html, url[64];
	polidex_db_t *db = NULL, *reader = NULL;
	char *msg = NULL;

	assert_non_null(html);
	memcpy(p, head, sizeof head - 1);
	p += sizeof head - 1;
	for (size_t i = 0; i < words; i++, p += sizeof word - 1)
		memcpy(p, word, sizeof word - 1);
	memcpy(p, tail, sizeof tail);
	alarm(600); /* a wait that never ends fails the test */
	assert_int_equal(polidex_db_open_writable(f->path, 2, &db, &msg), POLIDEX_STATUS_SUCCESS);
	/* Three documents in two shards: one shard takes two. */
	for (int i = 0; i < 3; i++) {
		snprintf(url, sizeof url, "https://forum.example/long/%d", i);
		test_db_add(db, url, html, -1);
	}
	assert_int_equal(polidex_db_close(db), POLIDEX_STATUS_SUCCESS);
	alarm(0);
	assert_int_equal(polidex_db_open(f->path, POLIDEX_DB_READ_ONLY, &reader, NULL),
			 POLIDEX_STATUS_SUCCESS);
	assert_int_equal(test_db_count(reader), 3);
	polidex_db_close(reader);
	free(html);
}

static void test_db_open_second_writer_is_locked(void **state)
{
	struct test_db_dir *f = *state;
	polidex_db_t *db = test_db_open_writable(f->path, 0), *second = (polidex_db_t *)1;
	char *msg = NULL;

	assert_int_equal(polidex_db_open(f->path, POLIDEX_DB_WRITABLE, &second, &msg),
			 POLIDEX_STATUS_DB_LOCKED);
	assert_null(second);
	assert_non_null(msg);
	assert_non_null(strstr(msg, f->path));
	assert_non_null(strstr(msg, "locked"));
	free(msg);
	polidex_db_close(db);

	/* Once the first writer is gone the lock is free. */
	db = test_db_open_writable(f->path, 0);
	polidex_db_close(db);
}

static void test_db_open_missing_database(void **state)
{
	struct test_db_dir *f = *state;
	polidex_db_t *db = (polidex_db_t *)1;
	char *msg = NULL;

	assert_int_equal(polidex_db_open(f->path, POLIDEX_DB_READ_ONLY, &db, &msg),
			 POLIDEX_STATUS_DB_NOT_FOUND);
	assert_null(db);
	assert_non_null(strstr(msg, f->path));
	free(msg);
	/* An existing folder that holds no database. */
	assert_int_equal(polidex_db_open(f->dir, POLIDEX_DB_READ_ONLY, &db, &msg),
			 POLIDEX_STATUS_DB_NOT_FOUND);
	assert_non_null(strstr(msg, f->dir));
	free(msg);
	assert_int_equal(polidex_db_open("", POLIDEX_DB_READ_ONLY, &db, NULL),
			 POLIDEX_STATUS_INVALID_ARGUMENT);
}

static void test_db_add_article_read_only(void **state)
{
	struct test_db_dir *f = *state;
	polidex_db_t *db = test_db_open_writable(f->path, 0), *ro = NULL;
	polidex_article_t *a;

	polidex_db_close(db);
	assert_int_equal(polidex_db_open(f->path, POLIDEX_DB_READ_ONLY, &ro, NULL),
			 POLIDEX_STATUS_SUCCESS);
	a = test_db_article("https://forum.example/a", page_one);
	assert_int_equal(polidex_db_add_article(ro, a, NULL), POLIDEX_STATUS_DB_READ_ONLY);
	assert_non_null(strstr(polidex_db_error(ro), "read-only"));
	polidex_article_destroy(a);
	polidex_db_close(ro);
}

/* The database at PATH, open for writing, with pages one and two added and committed. */
static polidex_db_t *open_with_two_pages(const char *path)
{
	polidex_db_t *db = test_db_open_writable(path, 0);

	test_db_add(db, "https://forum.example/a", page_one, 0);
	test_db_add(db, "https://forum.example/b", page_two, 0);
	assert_int_equal(polidex_db_commit(db), POLIDEX_STATUS_SUCCESS);
	return db;
}

static void test_search_stems_phrases_and_filters(void **state)
{
	static const struct {
		const char *query;
		unsigned long matches;
	} cases[] = {
		{"cooperation", 2}, /* stems to cooper */
		{"\"zero-sum thinking\"", 1},
		{"\"thinking zero-sum\"", 0},
		{"realism trade", 1},
		{"realism crisis", 0}, /* every word counts */
		{"realism OR crisis", 2},
		{"title:balancing", 1},
		{"author:\"Li Wei\"", 1},
		{"author:\"jane doe\"", 2},
		{"section:\"foreign policy\" security", 1},
		{"lang:en", 2},
		{"countries date:2015-01-01..2015-12-31", 1},
		{"countries date:2016..", 1},
		{"countries date:..2014", 0},
		{"countries date:2015", 1},
		{"date:2016-02", 1},
		{"date:2016-02-11", 0},
		{"", 2},
	};
	struct test_db_dir *f = *state;
	polidex_db_t *db = open_with_two_pages(f->path);

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		unsigned long n = count_matches(db, cases[i].query, NULL);

		if (n != cases[i].matches)
			fail_msg("\"%s\": %lu matches, not %lu", cases[i].query, n,
				 cases[i].matches);
	}
	polidex_db_close(db);
}

static void test_search_facets_count_whole_match_set(void **state)
{
	struct test_db_dir *f = *state;
	polidex_db_t *db = open_with_two_pages(f->path);
	polidex_results_t *r;
	polidex_facet_values_t *v;
	polidex_hits_t *hits;
	int n = 0;


	/* One hit shown, both counted. */
	r = search(db, "countries", NULL, "author", 1);
	assert_int_equal(polidex_results_get_total(r), 2);
	hits = polidex_results_get_hits(r);
	for (; polidex_hits_valid(hits); polidex_hits_move_to_next(hits)) {
		const polidex_hit_t *h = polidex_hits_get(hits);

		assert_non_null(polidex_hit_get_title(h));
		assert_non_null(strstr(polidex_hit_get_snippet(h), "<mark>"));
		n++;
	}
	polidex_hits_destroy(hits);
	assert_int_equal(n, 1);
	v = polidex_results_get_facet(r, "author");
	assert_true(polidex_facet_values_valid(v));
	assert_string_equal(polidex_facet_values_get_value(v), "Jane Doe");
	assert_int_equal(polidex_facet_values_get_count(v), 2);
	polidex_facet_values_move_to_next(v);
	assert_string_equal(polidex_facet_values_get_value(v), "Li Wei");
	assert_int_equal(polidex_facet_values_get_count(v), 1);
	polidex_facet_values_move_to_next(v);
	assert_false(polidex_facet_values_valid(v));
	assert_null(polidex_results_get_facet(r, "section")); /* not asked for */
	polidex_results_destroy(r);

	r = search(db, "", NULL, "year", 10);
	v = polidex_results_get_facet(r, "year");
	assert_string_equal(polidex_facet_values_get_value(v), "2016"); /* newest first */
	polidex_facet_values_move_to_next(v);
	assert_string_equal(polidex_facet_values_get_value(v), "2015");
	polidex_results_destroy(r);
	polidex_db_close(db);
}

static void test_search_bad_query_and_facet(void **state)
{
	struct test_db_dir *f = *state;
	polidex_db_t *db = test_db_open_writable(f->path, 0);
	polidex_query_t *q = polidex_query_new("realism date:2015-13..2016");
	polidex_results_t *r = (polidex_results_t *)1;

	test_db_add(db, "https://forum.example/a", page_one, 0);
	assert_int_equal(polidex_search(db, q, &r), POLIDEX_STATUS_QUERY_SYNTAX);
	assert_null(r);
	assert_non_null(strstr(polidex_db_error(db), "2015-13"));
	assert_int_equal(polidex_query_set_language(q, "klingon"), POLIDEX_STATUS_INVALID_ARGUMENT);
	polidex_query_destroy(q);
	/* "colour" could name a concept scheme, so the query takes it; the index holds none
	 * of that name, so the search refuses it, naming it. */
	q = polidex_query_new("realism");
	assert_int_equal(polidex_query_add_facet(q, "colour"), POLIDEX_STATUS_SUCCESS);
	assert_int_equal(polidex_search(db, q, &r), POLIDEX_STATUS_UNKNOWN_FIELD);
	assert_null(r);
	assert_non_null(strstr(polidex_db_error(db), "colour"));
	polidex_query_destroy(q);
	q = polidex_query_new("realism");
	assert_int_equal(polidex_query_add_filter(q, "colour", "red"), POLIDEX_STATUS_SUCCESS);
	assert_int_equal(polidex_search(db, q, &r), POLIDEX_STATUS_UNKNOWN_FIELD);
	assert_non_null(strstr(polidex_db_error(db), "colour"));
	polidex_query_destroy(q);
	polidex_db_close(db);
}

static void test_search_greek_through_inflected_form(void **state)
{
	struct test_db_dir *f = *state;
	polidex_db_t *db = test_db_open_writable(f->path, 0);

	test_db_add(db, "https://example.gr/politiki", page_greek, 0);
	polidex_db_commit(db);
	/* πολιτικής (genitive) finds the page that says πολιτική (nominative): Snowball's Greek
	 * stemmer, which Xapian itself does not have, reduced both to one stem. */
	assert_int_equal(count_matches(db, "\xcf\x80\xce\xbf\xce\xbb\xce\xb9\xcf\x84\xce\xb9\xce"
					   "\xba\xce\xae\xcf\x82", "el"), 1);
	/* And upper case in the query is folded. */
	assert_int_equal(count_matches(db, "\xce\xa0\xce\x9f\xce\x9b\xce\x99\xce\xa4\xce\x99\xce"
					   "\x9a\xce\x97\xce\xa3", "el"), 1);
	polidex_db_close(db);
}

/* A test of its own database, in a temporary folder. */
#define DB_TEST(fn) cmocka_unit_test_setup_teardown(fn, test_db_setup, test_db_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		DB_TEST(test_db_add_article_replaces_same_url),
		DB_TEST(test_db_add_document_built_elsewhere),
		DB_TEST(test_db_sharded),
		DB_TEST(test_db_open_second_writer_is_locked),
		DB_TEST(test_db_sharded_start_commit),
		DB_TEST(test_db_sharded_oversized_documents),
		DB_TEST(test_db_open_missing_database),
		DB_TEST(test_db_add_article_read_only),
		DB_TEST(test_search_stems_phrases_and_filters),
		DB_TEST(test_search_facets_count_whole_match_set),
		DB_TEST(test_search_bad_query_and_facet),
		DB_TEST(test_search_greek_through_inflected_form),
	};

	return cmocka_run_group_tests_name("db", tests, NULL, NULL);
}
