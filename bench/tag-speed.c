/* tag-speed: load SKOS schemes and time concept tagging of pages' text with each, in one run:
 * load time and memory per scheme, tagging throughput in MB of text per second, on one thread
 * or on several sharing one tagger. */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "polidex.h"
#include "concepts/tagger.h"
#include "concepts/thesaurus.h"

#define MAX_THREADS 64

/* The English pages' text, extracted once: only tagging is timed. */
struct pages {
	char **bodies;
	size_t n, bytes;
};

/* One thread's share of a run: every page, ROUNDS times. */
struct job {
	const pdx_tagger_t *tagger;
	const struct pages *pages;
	int rounds;
	size_t tags;
};

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static long rss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static void read_pages(struct pages *pages, char **paths, int n)
{
	for (int i = 0; i < n; i++) {
		polidex_article_t *a = polidex_article_new(paths[i]);

		if (a && polidex_article_load_file(a, paths[i]) == POLIDEX_STATUS_SUCCESS &&
		    polidex_article_get_body(a) && polidex_article_get_language(a) &&
		    strncmp(polidex_article_get_language(a), "en", 2) == 0) {
			char **bodies = realloc(pages->bodies, (pages->n + 1) * sizeof *bodies);

			pages->bodies = bodies;
			bodies[pages->n] = strdup(polidex_article_get_body(a));
			pages->bytes += strlen(bodies[pages->n]);
			pages->n++;
		}
		polidex_article_destroy(a);
	}
}

static void *tag_pages(void *arg)
{
	struct job *job = arg;

	const struct pages *pages = job->pages;

	for (int r = 0; r < job->rounds; r++) {
		for (size_t i = 0; i < pages->n; i++) {
			struct pdx_tag *tags;
			size_t n;

			pdx_tagger_tag(job->tagger, NULL, pages->bodies[i], "en", 1, &tags, &n);
			job->tags += n;
			free(tags);
		}
	}
	return NULL;
}

/* Load SCHEME, compile it and tag the pages on THREADS threads at once; print the times. */
static int run_scheme(const char *scheme, const struct pages *pages, int rounds, int threads)
{
	struct job jobs[MAX_THREADS];
	pthread_t ids[MAX_THREADS];
	char error[1024];
	double t0 = now(), t1, t2, t3;
	pdx_thesaurus_t *th = pdx_thesaurus_load(scheme, error, sizeof error);
	pdx_tagger_t *tagger;
	size_t tags_total = 0;

	if (!th) {
		fprintf(stderr, "tag-speed: %s\n", error);
		return 1;
	}
	t1 = now();
	tagger = pdx_tagger_new(th);
	t2 = now();
	for (int j = 0; j < threads; j++) {
		jobs[j] = (struct job){tagger, pages, rounds, 0};
		if (threads > 1)
			pthread_create(&ids[j], NULL, tag_pages, &jobs[j]);
		else
			tag_pages(&jobs[j]);
	}
	for (int j = 0; j < threads; j++) {
		if (threads > 1)
			pthread_join(ids[j], NULL);
		tags_total += jobs[j].tags;
	}
	t3 = now();
	printf("%s: %zu concepts; load %.3f s, compile %.3f s, peak RSS %.1f MB", scheme,
	       th->n_concepts, t1 - t0, t2 - t1, rss_kb() / 1024.0);
	if (pages->n)
		printf("; tagging %.1f MB/s (%.1f tags a page)",
		       pages->bytes * (double)rounds * threads / (t3 - t2) / 1e6,
		       (double)tags_total / rounds / threads / (double)pages->n);
	printf("\n");
	pdx_tagger_free(tagger);
	pdx_thesaurus_free(th);
	return 0;
}

int main(int argc, char **argv)
{
	struct pages pages = {NULL, 0, 0};
	int first = 1, first_page = 0, rounds = 20, threads = 1;

	/* tag-speed [-r ROUNDS] [-j THREADS] SCHEME... -- PAGE... */
	while (first + 1 < argc && (strcmp(argv[first], "-r") == 0 ||
				    strcmp(argv[first], "-j") == 0)) {
		*(argv[first][1] == 'r' ? &rounds : &threads) = atoi(argv[first + 1]);
		first += 2;
	}
	for (int i = first; i < argc; i++)
		if (strcmp(argv[i], "--") == 0)
			first_page = i + 1;
	/* With no pages, only loading is measured (run it under /usr/bin/time for memory). */
	if (!first_page || rounds < 1 || threads < 1 || threads > MAX_THREADS) {
		fputs("usage: tag-speed [-r ROUNDS] [-j THREADS] SCHEME... -- PAGE...\n", stderr);
		return 2;
	}
	read_pages(&pages, argv + first_page, argc - first_page);
	printf("%zu English pages, %.2f MB of text, %d rounds", pages.n, pages.bytes / 1e6,
	       rounds);
	if (threads > 1)
		printf(", %d threads sharing each tagger", threads);
	printf("\n");
	for (int s = first; s < first_page - 1; s++)
		if (run_scheme(argv[s], &pages, rounds, threads) != 0)
			return 1;
	return 0;
}
