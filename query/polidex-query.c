/* polidex-query: stemmed, faceted search of polidex databases from the command line. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "query/output.h"
#include "polidex.h"

#define PROGRAM "polidex-query"
#define MAX_FACETS 16
#define MAX_FILTERS 64
#define MAX_DATABASES 64

static void usage(FILE *out)
{
	fputs("Usage: " PROGRAM " --db DIR [OPTION]... [QUERY]...\n"
	      "Search the polidex database DIR. The words of QUERY are joined by spaces and\n"
	      "parsed by Xapian's query parser with the polidex stemmer: every word must match\n"
	      "(stemmed), \"quoted phrases\" match in order, AND, OR, NOT, XOR, NEAR, ADJ,\n"
	      "brackets and +/- combine them, a trailing * matches any ending, and these fields\n"
	      "filter: title:WORD, author:\"NAME\", section:\"NAME\", lang:TAG, tag:\"TAG\",\n"
	      "site:HOST, url:URL, concept:\"LABEL\" (a concept's label in any language, or its\n"
	      "URI; narrower concepts included) and date:FROM..TO (YYYY, YYYY-MM or\n"
	      "YYYY-MM-DD, either end optional). A query whose words are all labels of concepts\n"
	      "also finds what is tagged with them. An empty query matches every document.\n"
	      "\n"
	      "  -d, --db DIR          a database to search: a folder, a folder of shards or a\n"
	      "                        stub file (repeatable: all are searched as one)\n"
	      "  -F, --facet FIELD[:N] count FIELD over all matches and show its N most\n"
	      "                        frequent values (default 10; years and months: all):\n"
	      "                        concept (top concepts), concept:LABEL|URI (its narrower\n"
	      "                        concepts), author, section, site, language, tag, year,\n"
	      "                        month (repeatable)\n"
	      "      --filter FIELD:VALUE  keep only documents whose FIELD (a facet field) is\n"
	      "                        VALUE; values of one field are ORed, fields ANDed, and a\n"
	      "                        facet is counted without its own field's filters\n"
	      "                        (repeatable)\n"
	      "  -s, --sort=ORDER      relevance (default), date (newest first) or -date\n"
	      "      --stem-strategy=S none, some (default: words outside phrases, unless\n"
	      "                        written with a capital) or all (words outside phrases)\n"
	      "  -l, --lang LANG       stemming language of the query, and of concept labels\n"
	      "                        (default en)\n"
	      "  -t, --thesaurus FILE  the SKOS scheme of the index's concepts (default: the\n"
	      "                        installed one, or $POLIDEX_THESAURUS)\n"
	      "      --no-expand       do not widen concept labels to their concepts\n"
	      "      --no-spelling     do not suggest a spelling correction\n"
	      "      --explain         print the query as parsed, with its expansion\n"
	      "      --replay-url PATTERN  give each hit of a web archive, in JSON, the link to its\n"
	      "                        replay: http://localhost:8080/COLL/{timestamp}/{url}\n"
	      "  -f, --format=FORMAT   text (default), json, jsonl (one object a line) or csv\n"
	      "                        (the hits only)\n"
	      "  -n, --limit N         hits to show (default 10)\n"
	      "  -o, --offset N        hits to skip first (default 0)\n"
	      "      --queries-from FILE  run each line of FILE ('-': standard input) as a query,\n"
	      "                        with the other options; a line may add filters after\n"
	      "                        tabs (QUERY<TAB>FIELD:VALUE...); latency percentiles go\n"
	      "                        to standard error\n"
	      "  -q, --quiet           with --queries-from, print no results\n"
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

enum format { FORMAT_TEXT, FORMAT_JSON, FORMAT_JSONL, FORMAT_CSV };

/* What every query of the run shares. */
struct settings {
	const char *facets[MAX_FACETS];
	size_t n_facets;
	const char *filters[MAX_FILTERS]; /* FIELD:VALUE */
	size_t n_filters;
	const char *lang;
	unsigned offset, limit;
	polidex_sort_t sort;
	polidex_stem_strategy_t stem;
	int expand, spelling, explain, quiet, colour;
	enum format format;
	polidex_thesaurus_t *thesaurus;
	const char *replay_url; /* --replay-url */
};

static void print_known_fields(void)
{
	const char *const *known = polidex_facet_fields();

	fputs(" (known:", stderr);
	for (size_t k = 0; known[k]; k++)
		fprintf(stderr, " %s", known[k]);
	fputs(")\n", stderr);
}

/* Add the filter "FIELD:VALUE" to Q; WHERE names it in messages. */
static int add_filter(polidex_query_t *q, const char *spec, const char *where)
{
	polidex_status_t st = polidex_query_add_filter_spec(q, spec);
	const char *colon = strchr(spec, ':');

	if (st == POLIDEX_STATUS_UNKNOWN_FIELD) {
		fprintf(stderr, PROGRAM ": %s: unknown field '%.*s'", where,
			(int)(colon ? colon - spec : 0), spec);
		print_known_fields();
		return -1;
	}
	if (st == POLIDEX_STATUS_INVALID_ARGUMENT && (!colon || colon == spec)) {
		fprintf(stderr, PROGRAM ": %s: '%s' is not FIELD:VALUE\n", where, spec);
		return -1;
	}
	if (st != POLIDEX_STATUS_SUCCESS) {
		fprintf(stderr, PROGRAM ": %s: '%s': %s\n", where, spec,
			st == POLIDEX_STATUS_INVALID_ARGUMENT ? "no value"
							      : polidex_status_to_string(st));
		return -1;
	}
	return 0;
}

/* The query for TEXT with the settings, and EXTRA filters (tab-separated FIELD:VALUE, or
 * NULL). NULL after a message on a bad setting. */
static polidex_query_t *make_query(const struct settings *s, const char *text, char *extra)
{
	polidex_query_t *q = polidex_query_new(text);

	if (!q) {
		fprintf(stderr, PROGRAM ": out of memory\n");
		return NULL;
	}
	if (polidex_query_set_language(q, s->lang) != POLIDEX_STATUS_SUCCESS) {
		fprintf(stderr, PROGRAM ": --lang: '%s' is not a language polidex knows\n", s->lang);
		goto fail;
	}
	for (size_t i = 0; i < s->n_facets; i++) {
		if (polidex_query_add_facet(q, s->facets[i]) != POLIDEX_STATUS_SUCCESS) {
			fprintf(stderr, PROGRAM ": --facet: unknown field or size '%s'", s->facets[i]);
			print_known_fields();
			goto fail;
		}
	}
	for (size_t i = 0; i < s->n_filters; i++)
		if (add_filter(q, s->filters[i], "--filter") < 0)
			goto fail;
	for (char *save = NULL, *f = extra ? strtok_r(extra, "\t", &save) : NULL; f;
	     f = strtok_r(NULL, "\t", &save))
		if (*f && add_filter(q, f, "filter") < 0)
			goto fail;
	polidex_query_set_thesaurus(q, s->thesaurus);
	polidex_query_set_expansion(q, s->expand);
	polidex_query_set_spelling(q, s->spelling);
	polidex_query_set_sort(q, s->sort);
	polidex_query_set_stem_strategy(q, s->stem);
	polidex_query_set_offset(q, s->offset);
	polidex_query_set_limit(q, s->limit);
	if (s->replay_url && polidex_query_set_replay_url(q, s->replay_url) != POLIDEX_STATUS_SUCCESS) {
		fprintf(stderr, PROGRAM ": --replay-url: '%s' has a placeholder polidex does not know "
			"(known: {timestamp} {url} {url_escaped} {date} {file} {member} {offset} "
			"{record_id})\n", s->replay_url);
		goto fail;
	}
	return q;
fail:
	polidex_query_destroy(q);
	return NULL;
}

/* Print RESULTS of the query Q (text TEXT) in the chosen format. Returns -1 when memory ran
 * out. */
static int print_results(const struct settings *s, const polidex_query_t *q, const char *text,
			 polidex_results_t *results)
{
	struct pdx_output_request req = {text, s->offset, s->limit, s->facets, s->n_facets};
	char *json;

	if (s->explain)
		fprintf(stderr, PROGRAM ": parsed query: %s\n",
			polidex_results_get_parsed_query(results));
	switch (s->format) {
	case FORMAT_TEXT:
		pdx_output_text(stdout, results, &req, s->colour);
		return 0;
	case FORMAT_CSV:
		pdx_output_csv(stdout, results, &req);
		return 0;
	default:
		json = polidex_results_to_json(results, q,
					       s->format == FORMAT_JSON ? POLIDEX_JSON_PRETTY : 0);
		if (!json)
			return -1;
		puts(json);
		free(json);
		return 0;
	}
}

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The latency at percentile P of the N sorted latencies MS (nearest rank). */
static double percentile(const double *ms, size_t n, double p)
{
	size_t rank = (size_t)(p / 100.0 * (double)n + 0.999999);

	return ms[rank ? rank - 1 : 0];
}

/* Run each line of PATH as a query; report latencies. Returns the exit status. */
static int run_batch(struct settings *s, polidex_db_t *db, const char *path)
{
	FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	char *line = NULL;
	size_t cap = 0, n = 0, alloc = 0;
	double *ms = NULL, total = 0;
	ssize_t len;
	unsigned long lineno = 0, failed = 0;
	int rc = 0;

	if (!in) {
		fprintf(stderr, PROGRAM ": --queries-from %s: %s\n", path, strerror(errno));
		return 2;
	}
	while ((len = getline(&line, &cap, in)) >= 0) {
		char *tab;
		polidex_query_t *q;
		polidex_results_t *results = NULL;
		double t0;

		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		tab = strchr(line, '\t');
		if (tab)
			*tab++ = '\0';
		t0 = now_ms();
		q = make_query(s, line, tab);
		if (!q) {
			rc = 2;
			break;
		}
		if (polidex_search(db, q, &results) != POLIDEX_STATUS_SUCCESS) {
			fprintf(stderr, PROGRAM ": %s:%lu: %s\n", path, lineno, polidex_db_error(db));
			failed++;
		} else {
			double t = now_ms() - t0;

			if (n == alloc) {
				double *grown = realloc(ms, (alloc = alloc ? alloc * 2 : 256) * sizeof *ms);

				if (!grown) {
					fprintf(stderr, PROGRAM ": out of memory\n");
					rc = 2;
				} else {
					ms = grown;
				}
			}
			if (rc == 0) {
				ms[n++] = t;
				total += t;
			}
			if (rc == 0 && !s->quiet && print_results(s, q, line, results) < 0) {
				fprintf(stderr, PROGRAM ": out of memory\n");
				rc = 2;
			}
		}
		polidex_results_destroy(results);
		polidex_query_destroy(q);
		if (rc)
			break;
	}
	if (ferror(in)) {
		fprintf(stderr, PROGRAM ": --queries-from %s: %s\n", path, strerror(errno));
		rc = 2;
	}
	if (in != stdin)
		fclose(in);
	free(line);
	if (n > 0) {
		qsort(ms, n, sizeof *ms, by_double);
		fprintf(stderr,
			PROGRAM ": %zu queries in %.1f ms: mean %.2f ms, p50 %.2f ms, p90 %.2f ms, "
				"p99 %.2f ms, max %.2f ms\n",
			n, total, total / (double)n, percentile(ms, n, 50), percentile(ms, n, 90),
			percentile(ms, n, 99), ms[n - 1]);
	}
	if (failed)
		fprintf(stderr, PROGRAM ": %lu quer%s failed\n", failed, failed == 1 ? "y" : "ies");
	free(ms);
	return rc ? rc : failed ? 2 : 0;
}

int main(int argc, char **argv)
{
	enum {
		OPT_NO_EXPAND = 256,
		OPT_EXPLAIN,
		OPT_FILTER,
		OPT_STEM,
		OPT_NO_SPELLING,
		OPT_QUERIES_FROM,
		OPT_REPLAY_URL
	};
	static const struct option options[] = {
		{"thesaurus", required_argument, NULL, 't'},
		{"no-expand", no_argument, NULL, OPT_NO_EXPAND},
		{"no-spelling", no_argument, NULL, OPT_NO_SPELLING},
		{"explain", no_argument, NULL, OPT_EXPLAIN},
		{"filter", required_argument, NULL, OPT_FILTER},
		{"stem-strategy", required_argument, NULL, OPT_STEM},
		{"queries-from", required_argument, NULL, OPT_QUERIES_FROM},
		{"replay-url", required_argument, NULL, OPT_REPLAY_URL},
		{"sort", required_argument, NULL, 's'},
		{"quiet", no_argument, NULL, 'q'},
		{"db", required_argument, NULL, 'd'},     {"facet", required_argument, NULL, 'F'},
		{"format", required_argument, NULL, 'f'}, {"limit", required_argument, NULL, 'n'},
		{"offset", required_argument, NULL, 'o'}, {"lang", required_argument, NULL, 'l'},
		{"help", no_argument, NULL, 'h'},         {"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0}};
	static const char *const formats[] = {"text", "json", "jsonl", "csv"};
	struct settings s = {.lang = "en",
			     .limit = 10,
			     .sort = POLIDEX_SORT_RELEVANCE,
			     .stem = POLIDEX_STEM_SOME,
			     .expand = 1,
			     .spelling = 1};
	const char *dbs[MAX_DATABASES], *thesaurus_path = NULL, *queries_from = NULL;
	size_t n_dbs = 0;
	int opt, rc = 0;
	polidex_query_t *q = NULL;
	polidex_db_t *db = NULL;
	polidex_results_t *results = NULL;
	polidex_status_t status;
	char *text = NULL, *message = NULL;

	while ((opt = getopt_long(argc, argv, "d:F:f:n:o:l:t:s:qhV", options, NULL)) != -1) {
		switch (opt) {
		case 't':
			thesaurus_path = optarg;
			break;
		case OPT_NO_EXPAND:
			s.expand = 0;
			break;
		case OPT_NO_SPELLING:
			s.spelling = 0;
			break;
		case OPT_EXPLAIN:
			s.explain = 1;
			break;
		case OPT_QUERIES_FROM:
			queries_from = optarg;
			break;
		case OPT_REPLAY_URL:
			s.replay_url = optarg;
			break;
		case 'q':
			s.quiet = 1;
			break;
		case 'd':
			if (n_dbs == MAX_DATABASES) {
				fprintf(stderr, PROGRAM ": --db: at most %d databases\n", MAX_DATABASES);
				return 2;
			}
			dbs[n_dbs++] = optarg;
			break;
		case 'F':
			if (s.n_facets == MAX_FACETS) {
				fprintf(stderr, PROGRAM ": --facet: at most %d facets\n", MAX_FACETS);
				return 2;
			}
			s.facets[s.n_facets++] = optarg;
			break;
		case OPT_FILTER:
			if (s.n_filters == MAX_FILTERS) {
				fprintf(stderr, PROGRAM ": --filter: at most %d filters\n", MAX_FILTERS);
				return 2;
			}
			s.filters[s.n_filters++] = optarg;
			break;
		case 's':
			if (strcmp(optarg, "relevance") == 0) {
				s.sort = POLIDEX_SORT_RELEVANCE;
			} else if (strcmp(optarg, "date") == 0) {
				s.sort = POLIDEX_SORT_NEWEST;
			} else if (strcmp(optarg, "-date") == 0) {
				s.sort = POLIDEX_SORT_OLDEST;
			} else {
				fprintf(stderr,
					PROGRAM ": --sort: '%s' is not one of relevance, date, -date\n",
					optarg);
				return 2;
			}
			break;
		case OPT_STEM:
			if (strcmp(optarg, "none") == 0) {
				s.stem = POLIDEX_STEM_NONE;
			} else if (strcmp(optarg, "some") == 0) {
				s.stem = POLIDEX_STEM_SOME;
			} else if (strcmp(optarg, "all") == 0) {
				s.stem = POLIDEX_STEM_ALL;
			} else {
				fprintf(stderr,
					PROGRAM ": --stem-strategy: '%s' is not one of none, some, all\n",
					optarg);
				return 2;
			}
			break;
		case 'f': {
			size_t i = 0;

			while (i < sizeof formats / sizeof formats[0] && strcmp(optarg, formats[i]) != 0)
				i++;
			if (i == sizeof formats / sizeof formats[0]) {
				fprintf(stderr,
					PROGRAM ": --format: '%s' is not one of text, json, jsonl, csv\n",
					optarg);
				return 2;
			}
			s.format = (enum format)i;
			break;
		}
		case 'n':
			if (parse_number("--limit", optarg, &s.limit) < 0)
				return 2;
			break;
		case 'o':
			if (parse_number("--offset", optarg, &s.offset) < 0)
				return 2;
			break;
		case 'l':
			s.lang = optarg;
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
	if (n_dbs == 0) {
		fprintf(stderr, PROGRAM ": no database given (--db DIR)\nTry '" PROGRAM
					" --help' for more information.\n");
		return 2;
	}
	if (queries_from && optind < argc) {
		fprintf(stderr, PROGRAM ": give the queries on the command line or with "
					"--queries-from, not both\n");
		return 2;
	}
	{
		const char *no_colour = getenv("NO_COLOR");

		s.colour = isatty(STDOUT_FILENO) && !(no_colour && *no_colour);
	}
	text = join_words(argc - optind, argv + optind);
	if (!text) {
		fprintf(stderr, PROGRAM ": out of memory\n");
		return 2;
	}
	/* Check the settings before loading anything. */
	q = make_query(&s, text, NULL);
	if (!q) {
		rc = 2;
		goto out;
	}
	{
		char *why = NULL;
		const char *path = thesaurus_path ? thesaurus_path : polidex_thesaurus_default_path();
		polidex_status_t ts = polidex_thesaurus_load(path, &s.thesaurus, &why);

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
		polidex_query_set_thesaurus(q, s.thesaurus);
	}
	status = polidex_db_open_many(dbs, n_dbs, &db, &message);
	if (status != POLIDEX_STATUS_SUCCESS) {
		fprintf(stderr, PROGRAM ": %s\n",
			message ? message : polidex_status_to_string(status));
		rc = 2;
		goto out;
	}
	if (queries_from) {
		rc = run_batch(&s, db, queries_from);
	} else {
		status = polidex_search(db, q, &results);
		if (status != POLIDEX_STATUS_SUCCESS) {
			fprintf(stderr, PROGRAM ": %s\n", polidex_db_error(db));
			rc = 2;
			goto out;
		}
		if (print_results(&s, q, text, results) < 0) {
			fprintf(stderr, PROGRAM ": out of memory\n");
			rc = 2;
		}
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror(PROGRAM ": standard output");
		rc = 2;
	}
out:
	polidex_results_destroy(results);
	polidex_db_close(db);
	polidex_query_destroy(q);
	polidex_thesaurus_destroy(s.thesaurus);
	free(message);
	free(text);
	return rc;
}
