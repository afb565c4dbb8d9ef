/* search.c: the smallest program that embeds polidex: open an index, run a faceted search,
 * print the hits and the counts of one facet.
 *
 *   cc -o search search.c $(pkg-config --cflags --libs polidex)
 *   ./search INDEX 'win-win cooperation'
 */
#include <polidex.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	polidex_db_t *db = NULL;
	polidex_query_t *query = NULL;
	polidex_results_t *results = NULL;
	polidex_thesaurus_t *thesaurus = NULL;
	char *message = NULL;
	int rc = 1;

	if (argc != 3) {
		fprintf(stderr, "usage: %s INDEX QUERY\n", argv[0]);
		return 2;
	}
	if (polidex_db_open(argv[1], POLIDEX_DB_READ_ONLY, &db, &message) !=
	    POLIDEX_STATUS_SUCCESS) {
		fprintf(stderr, "%s\n", message ? message : "cannot open the index");
		free(message);
		return 1;
	}
	/* The thesaurus gives concept facets their labels; without it they show URIs. */
	if (polidex_thesaurus_load(polidex_thesaurus_default_path(), &thesaurus, NULL) !=
	    POLIDEX_STATUS_SUCCESS)
		thesaurus = NULL;

	query = polidex_query_new(argv[2]);
	if (!query || polidex_query_add_facet(query, "concept") != POLIDEX_STATUS_SUCCESS ||
	    polidex_query_add_filter(query, "language", "en") != POLIDEX_STATUS_SUCCESS)
		goto out;
	polidex_query_set_thesaurus(query, thesaurus);
	polidex_query_set_limit(query, 5);

	if (polidex_search(db, query, &results) != POLIDEX_STATUS_SUCCESS) {
		fprintf(stderr, "%s\n", polidex_db_error(db));
		goto out;
	}
	printf("%lu matches\n", polidex_results_get_total(results));
	for (polidex_hits_t *h = polidex_results_get_hits(results); polidex_hits_valid(h);
	     polidex_hits_move_to_next(h)) {
		polidex_hit_t *hit = polidex_hits_get(h);

		printf("%s  %s\n",
		       polidex_hit_get_date(hit) ? polidex_hit_get_date(hit) : "----------",
		       polidex_hit_get_title(hit) ? polidex_hit_get_title(hit) : "(untitled)");
	}
	for (polidex_facet_values_t *v = polidex_results_get_facet(results, "concept");
	     polidex_facet_values_valid(v); polidex_facet_values_move_to_next(v))
		printf("%6lu  %s\n", polidex_facet_values_get_count(v),
		       polidex_facet_values_get_label(v));
	rc = 0;
out:
	polidex_results_destroy(results);
	polidex_query_destroy(query);
	polidex_thesaurus_destroy(thesaurus);
	polidex_db_close(db);
	return rc;
}
