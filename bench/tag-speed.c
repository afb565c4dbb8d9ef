/* tag-speed: load SKOS schemes and time concept tagging of pages' text with each, in one run:
 * load time and memory per scheme, tagging throughput in MB of text per second. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "polidex.h"
#include "concepts/tagger.h"
#include "concepts/thesaurus.h"

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

int main(int argc, char **argv)
{
	char **bodies = NULL;
	size_t n_bodies = 0, bytes = 0;
	int first_page = 0, rounds = 20;

	/* tag-speed [-r ROUNDS] SCHEME... -- PAGE... */
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--") == 0)
			first_page = i + 1;
	if (argc > 2 && strcmp(argv[1], "-r") == 0)
		rounds = atoi(argv[2]);
	/* With no pages, only loading is measured (run it under /usr/bin/time for memory). */
	if (!first_page || rounds < 1) {
		fprintf(stderr, "usage: tag-speed [-r ROUNDS] SCHEME... -- PAGE...\n");
		return 2;
	}
	/* The text, extracted once: only tagging is timed. */
	for (int i = first_page; i < argc; i++) {
		polidex_article_t *a = polidex_article_new(argv[i]);

		if (a && polidex_article_load_file(a, argv[i]) == POLIDEX_STATUS_SUCCESS &&
		    polidex_article_get_body(a) && polidex_article_get_language(a) &&
		    strncmp(polidex_article_get_language(a), "en", 2) == 0) {
			bodies = realloc(bodies, (n_bodies + 1) * sizeof *bodies);
			bodies[n_bodies] = strdup(polidex_article_get_body(a));
			bytes += strlen(bodies[n_bodies]);
			n_bodies++;
		}
		polidex_article_destroy(a);
	}
	printf("%zu English pages, %.2f MB of text, %d rounds\n", n_bodies, bytes / 1e6, rounds);
	for (int s = (strcmp(argv[1], "-r") == 0 ? 3 : 1); s < first_page - 1; s++) {
		char error[1024];
		double t0 = now(), t1, t2, t3;
		pdx_thesaurus_t *th = pdx_thesaurus_load(argv[s], error, sizeof error);
		pdx_tagger_t *tagger;
		size_t tags_total = 0;

		if (!th) {
			fprintf(stderr, "tag-speed: %s\n", error);
			return 1;
		}
		t1 = now();
		tagger = pdx_tagger_new(th);
		t2 = now();
		for (int r = 0; r < rounds; r++) {
			for (size_t i = 0; i < n_bodies; i++) {
				struct pdx_tag *tags;
				size_t n;

				pdx_tagger_tag(tagger, NULL, bodies[i], "en", 1, &tags, &n);
				tags_total += n;
				free(tags);
			}
		}
		t3 = now();
		printf("%s: %zu concepts; load %.3f s, compile %.3f s, peak RSS %.1f MB", argv[s],
		       th->n_concepts, t1 - t0, t2 - t1, rss_kb() / 1024.0);
		if (n_bodies)
			printf("; tagging %.1f MB/s (%.1f tags a page)",
			       bytes * (double)rounds / (t3 - t2) / 1e6,
			       (double)tags_total / rounds / (double)n_bodies);
		printf("\n");
		pdx_tagger_free(tagger);
		pdx_thesaurus_free(th);
	}
	return 0;
}
