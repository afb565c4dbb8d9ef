/* fuzz-query: libFuzzer target for the query front end: the query checker, the normaliser,
 * filters and facet requests, and a search of a small index built at start-up. An input is a
 * byte choosing the stemming strategy and the sort, then the query text, then lines of
 * "f FIELD:VALUE" (a filter) or "F FIELD[:N]" (a facet). */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "polidex.h"
#include "query/query-internal.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static polidex_db_t *db;
static polidex_thesaurus_t *thesaurus;

static const char *const pages[] = {
	"<html lang=en><head><title>Balancing Power in Asia</title>"
	"<meta name=author content='Jane Doe, Li Wei'><meta property=article:tag content=Realism>"
	"<meta property=article:published_time content=2015-05-21></head><body><article>"
	"<p>Win-win cooperation and the balance of power shape the Belt and Road Initiative.</p>"
	"</article></body></html>",
	"<html lang=zh-Hans><head><title>\xe4\xba\x92\xe5\x88\xa9\xe5\x85\xb1\xe8\xb5\xa2</title>"
	"</head><body><p>\xe4\xb8\x80\xe5\xb8\xa6\xe4\xb8\x80\xe8\xb7\xaf\xe5\x80\xa1\xe8\xae\xae"
	"\xe4\xb8\x8e\xe5\xa4\x9a\xe8\xbe\xb9\xe5\x90\x88\xe4\xbd\x9c\xe3\x80\x82</p>"
	"</body></html>",
	"<html lang=fr><head><title>Sanctions et diplomatie</title>"
	"<meta property=article:published_time content=2019-02-01></head><body>"
	"<p>Les sanctions contre la Russie et la diplomatie europ\xc3\xa9\x65nne.</p>"
	"</body></html>",
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char dir[] = "/tmp/polidex-fuzz-query.XXXXXX", path[64];
	polidex_db_t *w = NULL;
	const char *th = getenv("POLIDEX_THESAURUS");

	(void)argc;
	(void)argv;
	if (!mkdtemp(dir))
		abort();
	snprintf(path, sizeof path, "%s/db", dir);
	if (polidex_db_open(path, POLIDEX_DB_WRITABLE, &w, NULL) != POLIDEX_STATUS_SUCCESS)
		abort();
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		char url[64];
		polidex_article_t *a;

		snprintf(url, sizeof url, "https://fuzz.example/%zu", i);
		a = polidex_article_new(url);
		if (!a || polidex_article_set_url(a, url) != POLIDEX_STATUS_SUCCESS ||
		    polidex_article_parse_html(a, pages[i], strlen(pages[i])) !=
			POLIDEX_STATUS_SUCCESS)
			abort();
		if (thesaurus || (th && polidex_thesaurus_load(th, &thesaurus, NULL) ==
					       POLIDEX_STATUS_SUCCESS))
			polidex_article_tag(a, thesaurus, 1);
		if (polidex_db_add_article(w, a, NULL) != POLIDEX_STATUS_SUCCESS)
			abort();
		polidex_article_destroy(a);
	}
	if (polidex_db_close(w) != POLIDEX_STATUS_SUCCESS ||
	    polidex_db_open(path, POLIDEX_DB_READ_ONLY, &db, NULL) != POLIDEX_STATUS_SUCCESS)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text, *line, *save = NULL, message[256];
	polidex_query_t *q;
	polidex_results_t *r = NULL;

	if (size < 1 || size > 4096)
		return 0;
	text = malloc(size);
	if (!text)
		return 0;
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	line = strtok_r(text, "\n", &save);
	q = polidex_query_new(line ? line : "");
	if (q) {
		char *n = pdx_query_normalise(line ? line : "");

		free(n);
		pdx_query_check(line ? line : "", message, sizeof message);
		polidex_query_set_stem_strategy(q, (polidex_stem_strategy_t)(data[0] % 3));
		polidex_query_set_sort(q, (polidex_sort_t)((data[0] >> 2) % 3));
		polidex_query_set_thesaurus(q, thesaurus);
		polidex_query_set_limit(q, 5);
		while ((line = strtok_r(NULL, "\n", &save))) {
			char *colon = strchr(line, ':');

			if (line[0] == 'F' && line[1] == ' ')
				polidex_query_add_facet(q, line + 2);
			else if (line[0] == 'f' && line[1] == ' ' && colon) {
				*colon = '\0';
				polidex_query_add_filter(q, line + 2, colon + 1);
			}
		}
		if (polidex_search(db, q, &r) == POLIDEX_STATUS_SUCCESS) {
			polidex_hits_t *h = polidex_results_get_hits(r);

			for (; polidex_hits_valid(h); polidex_hits_move_to_next(h))
				(void)polidex_hit_get_snippet(polidex_hits_get(h));
		}
		polidex_results_destroy(r);
		polidex_query_destroy(q);
	}
	free(text);
	return 0;
}
