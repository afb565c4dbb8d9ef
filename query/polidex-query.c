/* polidex-query: stemmed, faceted search of a polidex database from the command line. */
#include "config.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output.h"
#include "polidex.h"

#define PROGRAM "polidex-query"
#define MAX_FACETS 16

static void usage(FILE *out)
{
	fputs("Usage: " PROGRAM " --db DIR [OPTION]... [QUERY]...\n"
	      "Search the polidex database DIR. The words of QUERY are joined by spaces and\n"
	      "parsed by Xapian's query parser with the polidex stemmer: every word must match\n"
	      "(stemmed), \"quoted phrases\" match in order, AND, OR, NOT and +/- combine them,\n"
	      "and these fields filter: title:WORD, author:\"NAME\", section:\"NAME\", lang:TAG,\n"
	      "tag:\"TAG\", site:HOST, concept:\"LABEL\" (a concept's label in any language, or\n"
	      "its URI; narrower concepts included) and date:FROM..TO (YYYY, YYYY-MM or\n"
	      "YYYY-MM-DD, either end optional). A query whose words are all labels of concepts\n"
	      "also finds what is tagged with them. An empty query matches every document.\n"
	      "\n"
	      "  -d, --db DIR          the database to search\n"
	      "  -F, --facet FIELD     count FIELD over all matches: section, author, language,\n"
	      "                        year, concept (top concepts) or concept:LABEL|URI (its\n"
	      "                        narrower concepts) (repeatable)\n"
	      "  -t, --thesaurus FILE  the SKOS scheme of the index's concepts (default: the\n"
	      "                        installed one, or $POLIDEX_THESAURUS)\n"
	      "      --no-expand       do not widen concept labels to their concepts\n"
	      "      --explain         print the query as parsed, with its expansion\n"
	      "  -f, --format=FORMAT   text (default) or json\n"
	      "  -n, --limit N         hits to show (default 10)\n"
	      "  -o, --offset N        hits to skip first (default 0)\n"
	      "  -l, --lang LANG       stemming language of the query (default en)\n"
	      "  -h, --help            show this help and exit\n"
	      "  -V, --version         show the version and exit\n"
	      "\n"
	      "Exit status: 0 on success (with or without matches), 2 on a usage error, a bad\n"
	      "query, or a database that cannot be opened.\n",
	      out);
}

static int parse_number(const char *opt, const char *s, unsigned *out)
{
	char *end;
	unsigned long v;

	if (!*s || *s == '-') {
		fprintf(stderr, PROGRAM ": %s: '%s' is not a number\n", opt, s);
		return -1;
	}
	v = strtoul(s, &end, 10);
	if (*end || v > 100000) {
		fprintf(stderr, PROGRAM ": %s: '%s' is not a number up to 100000\n", opt, s);
		return -1;
	}
	*out = (unsigned)v;
	return 0;
}

static char *join_words(int n, char **words)
{
	size_t len = 1;
	char *s;

	for (int i = 0; i < n; i++)
		len += strlen(words[i]) + 1;
	s = malloc(len);
	if (!s)
		return NULL;
	s[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (i)
			strcat(s, " ");
		strcat(s, words[i]);
	}
	return s;
}

int main(int argc, char **argv)
{
	enum { OPT_NO_EXPAND = 256, OPT_EXPLAIN };
	static const struct option options[] = {
		{"thesaurus", required_argument, NULL, 't'},
		{"no-expand", no_argument, NULL, OPT_NO_EXPAND},
		{"explain", no_argument, NULL, OPT_EXPLAIN},
		{"db", required_argument, NULL, 'd'},     {"facet", required_argument, NULL, 'F'},
		{"format", required_argument, NULL, 'f'}, {"limit", required_argument, NULL, 'n'},
		{"offset", required_argument, NULL, 'o'}, {"lang", required_argument, NULL, 'l'},
		{"help", no_argument, NULL, 'h'},         {"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0}};
	const char *facets[MAX_FACETS], *db_path = NULL, *lang = "en";
	struct pdx_output_request req = {NULL, 0, 10, facets, 0};
	int json = 0, opt, rc = 0, expand = 1, explain = 0;
	const char *thesaurus_path = NULL;
	polidex_thesaurus_t *thesaurus = NULL;
	polidex_query_t *q = NULL;
	polidex_db_t *db = NULL;
	polidex_results_t *results = NULL;
	polidex_status_t status;
	char *text = NULL, *message = NULL;

	while ((opt = getopt_long(argc, argv, "d:F:f:n:o:l:t:hV", options, NULL)) != -1) {
		switch (opt) {
		case 't':
			thesaurus_path = optarg;
			break;
		case OPT_NO_EXPAND:
			expand = 0;
			break;
		case OPT_EXPLAIN:
			explain = 1;
			break;
		case 'd':
			db_path = optarg;
			break;
		case 'F':
			if (req.n_facets == MAX_FACETS) {
				fprintf(stderr, PROGRAM ": --facet: at most %d facets\n", MAX_FACETS);
				return 2;
			}
			facets[req.n_facets++] = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "json") == 0) {
				json = 1;
			} else if (strcmp(optarg, "text") == 0) {
				json = 0;
			} else {
				fprintf(stderr, PROGRAM ": --format: '%s' is not one of text, json\n",
					optarg);
				return 2;
			}
			break;
		case 'n':
			if (parse_number("--limit", optarg, &req.limit) < 0)
				return 2;
			break;
		case 'o':
			if (parse_number("--offset", optarg, &req.offset) < 0)
				return 2;
			break;
		case 'l':
			lang = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf(PROGRAM " (polidex) %s\n", polidex_version());
			return 0;
		default:
			fprintf(stderr, "Try '" PROGRAM " --help' for more information.\n");
			return 2;
		}
	}
	if (!db_path) {
		fprintf(stderr, PROGRAM ": no database given (--db DIR)\nTry '" PROGRAM
					" --help' for more information.\n");
		return 2;
	}
	text = join_words(argc - optind, argv + optind);
	q = text ? polidex_query_new(text) : NULL;
	if (!q) {
		fprintf(stderr, PROGRAM ": out of memory\n");
		free(text);
		return 2;
	}
	req.query = text;
	if (polidex_query_set_language(q, lang) != POLIDEX_STATUS_SUCCESS) {
		fprintf(stderr, PROGRAM ": --lang: '%s' is not a language polidex knows\n", lang);
		rc = 2;
		goto out;
	}
	for (size_t i = 0; i < req.n_facets; i++) {
		if (polidex_query_add_facet(q, facets[i]) != POLIDEX_STATUS_SUCCESS) {
			const char *const *known = polidex_facet_fields();

			fprintf(stderr, PROGRAM ": --facet: unknown field '%s' (known:", facets[i]);
			for (size_t k = 0; known[k]; k++)
				fprintf(stderr, " %s", known[k]);
			fputs(")\n", stderr);
			rc = 2;
			goto out;
		}
	}
	{
		char *why = NULL;
		const char *path = thesaurus_path ? thesaurus_path : polidex_thesaurus_default_path();
		polidex_status_t ts = polidex_thesaurus_load(path, &thesaurus, &why);

		if (ts != POLIDEX_STATUS_SUCCESS) {
			fprintf(stderr, PROGRAM ": %s\n", why ? why : polidex_status_to_string(ts));
			free(why);
			if (thesaurus_path) {
				rc = 2;
				goto out;
			}
			/* Without the default scheme the search still runs, by words alone. */
			fprintf(stderr, PROGRAM ": searching without concept labels; name a thesaurus "
					"with --thesaurus FILE or POLIDEX_THESAURUS\n");
		}
		polidex_query_set_thesaurus(q, thesaurus);
		polidex_query_set_expansion(q, expand);
	}
	polidex_query_set_offset(q, req.offset);
	polidex_query_set_limit(q, req.limit);

	status = polidex_db_open(db_path, POLIDEX_DB_READ_ONLY, &db, &message);
	if (status != POLIDEX_STATUS_SUCCESS) {
		fprintf(stderr, PROGRAM ": %s\n",
			message ? message : polidex_status_to_string(status));
		rc = 2;
		goto out;
	}
	status = polidex_search(db, q, &results);
	if (status != POLIDEX_STATUS_SUCCESS) {
		fprintf(stderr, PROGRAM ": %s\n", polidex_db_error(db));
		rc = 2;
		goto out;
	}
	if (explain)
		fprintf(stderr, PROGRAM ": parsed query: %s\n", polidex_results_get_parsed_query(results));
	if (json) {
		json_object *o = pdx_output_json(results, &req);

		if (!o) {
			fprintf(stderr, PROGRAM ": out of memory\n");
			rc = 2;
			goto out;
		}
		puts(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY |
							       JSON_C_TO_STRING_SPACED |
							       JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(o);
	} else {
		const char *no_colour = getenv("NO_COLOR");
		int colour = isatty(STDOUT_FILENO) && !(no_colour && *no_colour);

		pdx_output_text(stdout, results, &req, colour);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror(PROGRAM ": standard output");
		rc = 2;
	}
out:
	polidex_results_destroy(results);
	polidex_db_close(db);
	polidex_query_destroy(q);
	polidex_thesaurus_destroy(thesaurus);
	free(message);
	free(text);
	return rc;
}
