/* test_concepts.c: one loaded thesaurus shared between threads: articles tagged and queries
 * covered from four threads at once give each thread the single-threaded answers, and a
 * thesaurus destroyed while the threads that used it live leaves them free to use the next. */
#include "config.h"

#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "concepts/concepts.h"
#include "polidex.h"
#include "tests/test-util.h"
#include "util/buf.h"

#define THREADS 4
#define ROUNDS 3
#define MAX_PAGES 64

/* Queries for covering: labels in several languages and scripts, derived words, acronyms,
 * and words that are no label's. */
static const char *const queries[] = {
	"balance of power",
	"hegemonic",
	"\xe5\x9d\x87\xe5\x8a\xbf", /* 均势 */
	"sanctions hegemony",
	"WTO",
	"United Nations Security Council",
	"developing countries",
	"functional",
	"balance of power theory",
	"Belt and Road Initiative",
};

#define N_QUERIES (sizeof queries / sizeof queries[0])

/* The pages: each thread's own copies of the same articles, and what tagging alone gives. */
struct fixture {
	polidex_thesaurus_t *th;
	size_t n_pages;
	char *paths[MAX_PAGES];
	char *tagged[MAX_PAGES];   /* one thread's answer for each page */
	char *covered[N_QUERIES];  /* one thread's answer for each query */
};

/* What ARTICLE is tagged with, as text: each concept with its mentions and score, then the
 * broader concepts. The caller frees it. */
static char *tags_of(const polidex_article_t *a)
{
	pdx_buf b = PDX_BUF_INIT;
	polidex_concepts_t *c = polidex_article_get_concepts(a);

	for (; polidex_concepts_valid(c); polidex_concepts_move_to_next(c))
		pdx_buf_addf(&b, "%s %s %u %.17g\n", polidex_concepts_get_id(c),
			     polidex_concepts_get_label(c), polidex_concepts_get_count(c),
			     polidex_concepts_get_score(c));
	polidex_concepts_destroy(c);
	c = polidex_article_get_broader(a);
	for (; polidex_concepts_valid(c); polidex_concepts_move_to_next(c))
		pdx_buf_addf(&b, "broader %s %s\n", polidex_concepts_get_id(c),
			     polidex_concepts_get_label(c));
	polidex_concepts_destroy(c);
	return pdx_buf_detach(&b);
}

/* The concepts covering QUERY, as text (NULL when memory ran out). */
static char *cover_of(const polidex_thesaurus_t *th, const char *query)
{
	pdx_buf b = PDX_BUF_INIT;
	size_t *ids = NULL;
	long n = pdx_concepts_covering(th, query, "en", &ids);

	pdx_buf_addf(&b, "%ld", n);
	for (long i = 0; i < n; i++)
		pdx_buf_addf(&b, " %s", pdx_concepts_uri(th, ids[i]));
	free(ids);
	return pdx_buf_detach(&b);
}

/* Add the HTML pages of the folder DIR to F. */
static void add_pages(struct fixture *f, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		char path[4096];

		if (len < 5 || strcmp(e->d_name + len - 5, ".html") != 0)
			continue;
		assert_true(f->n_pages < MAX_PAGES);
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		f->paths[f->n_pages++] = strdup(path);
	}
	closedir(d);
}

static polidex_article_t *load_page(const char *path)
{
	polidex_article_t *a = polidex_article_new(path);

	assert_non_null(a);
	assert_int_equal(polidex_article_load_file(a, path), POLIDEX_STATUS_SUCCESS);
	return a;
}

static polidex_thesaurus_t *load_thesaurus(void)
{
	polidex_thesaurus_t *th = NULL;
	char *error = NULL;

	if (polidex_thesaurus_load(test_src_path("data/thesaurus/polidex-ir.ttl"), &th,
				   &error) != POLIDEX_STATUS_SUCCESS)
		fail_msg("%s", error);
	return th;
}

/* The single-threaded answers. */
static void answer_alone(struct fixture *f)
{
	for (size_t p = 0; p < f->n_pages; p++) {
		polidex_article_t *a = load_page(f->paths[p]);

		if (polidex_article_tag(a, f->th, 1) == POLIDEX_STATUS_SUCCESS)
			f->tagged[p] = tags_of(a);
		polidex_article_destroy(a);
	}
	for (size_t q = 0; q < N_QUERIES; q++)
		f->covered[q] = cover_of(f->th, queries[q]);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	const char *seed = test_shared_path("corpus/seed");

	if (!f)
		return -1;
	add_pages(f, test_src_path("tests/pages"));
	add_pages(f, test_src_path("data/sample"));
	if (seed)
		add_pages(f, seed);
	f->th = load_thesaurus();
	answer_alone(f);
	*state = f;
	for (size_t p = 0; p < f->n_pages; p++)
		if (!f->tagged[p])
			return -1;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	polidex_thesaurus_destroy(f->th);
	for (size_t p = 0; p < f->n_pages; p++) {
		free(f->paths[p]);
		free(f->tagged[p]);
	}
	for (size_t q = 0; q < N_QUERIES; q++)
		free(f->covered[q]);
	free(f);
	return 0;
}

/* A thread under test: its own articles of the pages, tagged with the shared thesaurus
 * ROUNDS times, each thread starting at another page, and the queries covered between. */
struct worker {
	const struct fixture *f;
	const polidex_thesaurus_t *th;
	size_t first;
	polidex_article_t *articles[MAX_PAGES];
	pthread_barrier_t *start;
	unsigned wrong; /* answers unlike the single-threaded ones */
	unsigned done;  /* answers checked */
};

static void check_pages(struct worker *w)
{
	const struct fixture *f = w->f;

	for (size_t k = 0; k < f->n_pages; k++) {
		size_t p = (w->first + k) % f->n_pages;
		polidex_article_t *a = w->articles[p];
		char *got = NULL;

		if (polidex_article_tag(a, w->th, 1) == POLIDEX_STATUS_SUCCESS)
			got = tags_of(a);
		w->wrong += !got || strcmp(got, f->tagged[p]) != 0;
		w->done++;
		free(got);
		if (k % 4 == 0) {
			size_t q = (w->first + k) % N_QUERIES;
			char *cover = cover_of(w->th, queries[q]);

			w->wrong += !cover || strcmp(cover, f->covered[q]) != 0;
			w->done++;
			free(cover);
		}
	}
}

static void *work(void *arg)
{
	struct worker *w = arg;

	pthread_barrier_wait(w->start);
	for (int r = 0; r < ROUNDS; r++)
		check_pages(w);
	return NULL;
}

/* Run THREADS workers on TH at once, and return how many answers were wrong. */
static unsigned run_workers(const struct fixture *f, const polidex_thesaurus_t *th)
{
	struct worker w[THREADS];
	pthread_t threads[THREADS];
	pthread_barrier_t start;
	unsigned wrong = 0;

	assert_int_equal(pthread_barrier_init(&start, NULL, THREADS), 0);
	for (size_t i = 0; i < THREADS; i++) {
		memset(&w[i], 0, sizeof w[i]);
		w[i].f = f;
		w[i].th = th;
		w[i].first = i * f->n_pages / THREADS;
		w[i].start = &start;
		for (size_t p = 0; p < f->n_pages; p++)
			w[i].articles[p] = load_page(f->paths[p]);
	}
	for (size_t i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&threads[i], NULL, work, &w[i]), 0);
	for (size_t i = 0; i < THREADS; i++) {
		assert_int_equal(pthread_join(threads[i], NULL), 0);
		assert_int_equal(w[i].done, ROUNDS * (f->n_pages + (f->n_pages + 3) / 4));
		wrong += w[i].wrong;
		for (size_t p = 0; p < f->n_pages; p++)
			polidex_article_destroy(w[i].articles[p]);
	}
	pthread_barrier_destroy(&start);
	return wrong;
}

static void test_polidex_article_tag_on_four_threads(void **state)
{
	struct fixture *f = *state;

	assert_true(f->n_pages >= 20);
	assert_int_equal(run_workers(f, f->th), 0);
	/* The threads' ends freed their caches; a second run makes them anew. */
	assert_int_equal(run_workers(f, f->th), 0);
}

/* Threads that tag with a thesaurus, then wait while it is destroyed and another loaded
 * (quite possibly at the same address), then tag with that one. */
struct outliving {
	const struct fixture *f;
	polidex_thesaurus_t *const *th;
	pthread_barrier_t *phase;
	unsigned wrong;
};

static void *outlive(void *arg)
{
	struct outliving *o = arg;
	const struct fixture *f = o->f;

	for (int round = 0; round < 2; round++) {
		for (size_t q = 0; q < N_QUERIES; q++) {
			char *cover = cover_of(*o->th, queries[q]);

			o->wrong += !cover || strcmp(cover, f->covered[q]) != 0;
			free(cover);
		}
		pthread_barrier_wait(o->phase); /* done with this thesaurus */
		pthread_barrier_wait(o->phase); /* the next is loaded */
	}
	return NULL;
}

static void test_polidex_thesaurus_destroy_with_threads_alive(void **state)
{
	struct fixture *f = *state;
	polidex_thesaurus_t *th = load_thesaurus();
	struct outliving o[THREADS];
	pthread_t threads[THREADS];
	pthread_barrier_t phase;

	assert_int_equal(pthread_barrier_init(&phase, NULL, THREADS + 1), 0);
	for (size_t i = 0; i < THREADS; i++) {
		o[i] = (struct outliving){f, &th, &phase, 0};
		assert_int_equal(pthread_create(&threads[i], NULL, outlive, &o[i]), 0);
	}
	for (int round = 0; round < 2; round++) {
		pthread_barrier_wait(&phase);
		/* Every thread has a state for TH: destroying it frees them all. */
		polidex_thesaurus_destroy(th);
		th = round == 0 ? load_thesaurus() : NULL;
		pthread_barrier_wait(&phase);
	}
	for (size_t i = 0; i < THREADS; i++) {
		assert_int_equal(pthread_join(threads[i], NULL), 0);
		assert_int_equal(o[i].wrong, 0);
	}
	pthread_barrier_destroy(&phase);
}

/* ThreadSanitizer frees a thread's allocator before the later rounds of its key destructors,
 * so any allocation there crashes it: this test is left out of a build under it. */
#ifndef __SANITIZE_THREAD__
/* A thread that covers a query in the destructor of a key of its own, made after the first
 * use of a thesaurus (so after the tagger's own end of the thread has run), and again in each
 * round of destructors: the answers stay right, and destroying the thesaurus afterwards frees
 * the states made so late without touching the ended thread. */
static pthread_key_t late_key;
static const struct fixture *late_fixture;
static unsigned late_calls, late_wrong;

static void late_destructor(void *value)
{
	char *cover = cover_of(late_fixture->th, queries[0]);

	late_wrong += !cover || strcmp(cover, late_fixture->covered[0]) != 0;
	free(cover);
	if (++late_calls < 8)
		pthread_setspecific(late_key, value); /* one more round, as glibc allows */
}

static void *late_thread(void *arg)
{
	char *cover = cover_of(late_fixture->th, queries[1]);

	late_wrong += !cover || strcmp(cover, late_fixture->covered[1]) != 0;
	free(cover);
	pthread_setspecific(late_key, arg);
	return NULL;
}

static void test_polidex_thesaurus_used_by_a_late_destructor(void **state)
{
	struct fixture *f = *state;
	pthread_t thread;

	late_fixture = f;
	late_calls = late_wrong = 0;
	assert_int_equal(pthread_key_create(&late_key, late_destructor), 0);
	assert_int_equal(pthread_create(&thread, NULL, late_thread, f), 0);
	assert_int_equal(pthread_join(thread, NULL), 0);
	assert_true(late_calls >= 1);
	assert_int_equal(late_wrong, 0);
	pthread_key_delete(late_key);
}

#endif

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_polidex_article_tag_on_four_threads, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_polidex_thesaurus_destroy_with_threads_alive,
						setup, teardown),
#ifndef __SANITIZE_THREAD__
		cmocka_unit_test_setup_teardown(test_polidex_thesaurus_used_by_a_late_destructor,
						setup, teardown),
#endif
	};

	return cmocka_run_group_tests_name("concepts", tests, NULL, NULL);
}
