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

#include "cli/cli.h"
#include "query/output.h"
#include "polidex.h"

#define PROGRAM "polidex-query"
#define MAX_FACETS 16
#define MAX_FILTERS 64
#define MAX_DATABASES 64
#define MAX_HITS 100000 /* the most --limit and --offset take */

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
	      "      --no-stem         every word as written (--stem-strategy=none); one word\n"
	      "                        alone: =word or =\"word\"\n"
	      "  -l, --lang LANG       stem the query in LANG only, and label concepts in it\n"
	      "                        (default: every language of the index, labels in en)\n"
	      "  -t, --thesaurus FILE  the SKOS scheme of the index's concepts: not needed, the\n"
	      "                        index keeps it (for an index without one: the\n"
	      "                        installed one, or $POLIDEX_THESAURUS)\n"
	      "      --no-expand       do not widen concept labels to their concepts\n"
	      "      --no-spelling     do not suggest a spelling correction\n"
	      "      --explain         print the query as parsed, with its expansion\n"
	      "      --replay-url PATTERN  give each hit of a web archive, in JSON, "
	      "the link to its\n"
	      "                        replay: http://localhost:8080/COLL/{timestamp}/{url}\n"
	      "  -f, --format=FORMAT   text (default), json, jsonl (one object a line) or csv\n"
	      "                        (the hits only)\n"
	      "  -n, --limit N         hits to show (default 10; 0: counts only); all: every\n"
	      "                        match, as JSON Lines or CSV with every stored field,\n"
	      "                        in the index's order (a progress line on a terminal)\n"
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

/* What every query of the run shares, and what the command line names. */
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
	int export_all; /* --limit all */
	enum format format;
	polidex_thesaurus_t *thesaurus;
	const char *replay_url; /* --replay-url */
	const char *dbs[MAX_DATABASES];
	size_t n_dbs;
	const char *thesaurus_path; /* NULL: the default */
	const char *queries_from;   /* --queries-from, or NULL */
	int first_word;		    /* the index in argv of the first word of QUERY */
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
		pdx_cli_error(PROGRAM, "%s: '%s' is not FIELD:VALUE", where, spec);
		return -1;
	}
	if (st != POLIDEX_STATUS_SUCCESS) {
		pdx_cli_error(PROGRAM, "%s: '%s': %s", where, spec,
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
		pdx_cli_error(PROGRAM, "out of memory");
		return NULL;
	}
	if (s->lang && polidex_query_set_language(q, s->lang) != POLIDEX_STATUS_SUCCESS) {
		pdx_cli_error(PROGRAM, "--lang: '%s' is not a language polidex knows", s->lang);
		goto fail;
	}
	for (size_t i = 0; i < s->n_facets; i++) {
		if (polidex_query_add_facet(q, s->facets[i]) != POLIDEX_STATUS_SUCCESS) {
			fprintf(stderr, PROGRAM ": --facet: unknown field or size '%s'",
				s->facets[i]);
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
	if (s->replay_url &&
	    polidex_query_set_replay_url(q, s->replay_url) != POLIDEX_STATUS_SUCCESS) {
		pdx_cli_bad_replay_url(PROGRAM, s->replay_url);
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
		pdx_cli_error(PROGRAM, "parsed query: %s",
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

/* The latencies of the queries of a batch, in milliseconds. */
struct latencies {
	double *ms;
	size_t n, alloc;
	double total;
};

/* Add the latency T to L. Returns 0, or -1 when memory ran out. */
static int add_latency(struct latencies *l, double t)
{
	if (l->n == l->alloc) {
		size_t alloc = l->alloc ? l->alloc * 2 : 256;
		double *grown = realloc(l->ms, alloc * sizeof *l->ms);

		if (!grown)
			return -1;
		l->ms = grown;
		l->alloc = alloc;
	}
	l->ms[l->n++] = t;
	l->total += t;
	return 0;
}

/* Say how long the queries of L took: the total, the mean, percentiles and the longest. */
static void report_latencies(struct latencies *l)
{
	double *ms = l->ms;
	size_t n = l->n;

	if (n == 0)
		return;
	qsort(ms, n, sizeof *ms, by_double);
	pdx_cli_error(PROGRAM,
		      "%zu queries in %.1f ms: mean %.2f ms, p50 %.2f ms, p90 %.2f ms, "
		      "p99 %.2f ms, max %.2f ms",
		      n, l->total, l->total / (double)n, percentile(ms, n, 50),
		      percentile(ms, n, 90), percentile(ms, n, 99), ms[n - 1]);
}

/* Run LINE, line LINENO of PATH, as a query: its text, then filters after tabs. Returns 0; -1
 * when the search failed (and was reported); or the status to stop the batch with. */
static int run_line(const struct settings *s, polidex_db_t *db, char *line, const char *path,
		    unsigned long lineno, struct latencies *l)
{
	char *tab = strchr(line, '\t');
	polidex_query_t *q;
	polidex_results_t *results = NULL;
	double t0;
	int rc = 0;

	if (tab)
		*tab++ = '\0';
	t0 = now_ms();
	q = make_query(s, line, tab);
	if (!q)
		return PDX_CLI_EXIT_FAILURE;
	if (polidex_search(db, q, &results) != POLIDEX_STATUS_SUCCESS) {
		pdx_cli_error(PROGRAM, "%s:%lu: %s", path, lineno, polidex_db_error(db));
		rc = -1;
	} else if (add_latency(l, now_ms() - t0) < 0 ||
		   (!s->quiet && print_results(s, q, line, results) < 0)) {
		pdx_cli_error(PROGRAM, "out of memory");
		rc = PDX_CLI_EXIT_FAILURE;
	}
	polidex_results_destroy(results);
	polidex_query_destroy(q);
	return rc;
}

/* Run each line of PATH as a query; report latencies. Returns the exit status. */
static int run_batch(const struct settings *s, polidex_db_t *db, const char *path)
{
	FILE *in = pdx_cli_open_lines(path);
	char *line = NULL;
	size_t cap = 0;
	struct latencies l = {NULL, 0, 0, 0};
	ssize_t len;
	unsigned long lineno = 0, failed = 0;
	int rc = 0;

	if (!in) {
		pdx_cli_error(PROGRAM, "--queries-from %s: %s", path, strerror(errno));
		return PDX_CLI_EXIT_FAILURE;
	}
	while (rc == 0) {
		len = getline(&line, &cap, in);
		if (len < 0)
			break;
		pdx_cli_cut_line_end(line, (size_t)len);
		rc = run_line(s, db, line, path, ++lineno, &l);
		if (rc < 0) {
			failed++;
			rc = 0;
		}
	}
	if (ferror(in)) {
		pdx_cli_error(PROGRAM, "--queries-from %s: %s", path, strerror(errno));
		rc = PDX_CLI_EXIT_FAILURE;
	}
	if (in != stdin)
		fclose(in);
	free(line);
	report_latencies(&l);
	if (failed)
		pdx_cli_error(PROGRAM, "%lu quer%s failed", failed, failed == 1 ? "y" : "ies");
	free(l.ms);
	return rc ? rc : failed ? PDX_CLI_EXIT_FAILURE : PDX_CLI_EXIT_SUCCESS;
}

static const struct pdx_cli_choice formats[] = {
	{"text", FORMAT_TEXT},
	{"json", FORMAT_JSON},
	{"jsonl", FORMAT_JSONL},
	{"csv", FORMAT_CSV},
	{NULL, 0},
};

enum {
	OPT_NO_EXPAND = 256,
	OPT_EXPLAIN,
	OPT_FILTER,
	OPT_STEM,
	OPT_NO_STEM,
	OPT_NO_SPELLING,
	OPT_QUERIES_FROM,
};

/* Read the option OPT, with the argument ARG, into the settings CTX. Returns PDX_CLI_GO_ON, or
 * the status to exit with. */
static int read_option(int opt, const char *arg, void *ctx)
{
	struct settings *s = ctx;
	unsigned long n;
	int value;

	switch (opt) {
	case 't':
		s->thesaurus_path = arg;
		break;
	case OPT_NO_EXPAND:
		s->expand = 0;
		break;
	case OPT_NO_SPELLING:
		s->spelling = 0;
		break;
	case OPT_EXPLAIN:
		s->explain = 1;
		break;
	case OPT_QUERIES_FROM:
		s->queries_from = arg;
		break;
	case PDX_CLI_OPT_REPLAY_URL:
		s->replay_url = arg;
		break;
	case 'q':
		s->quiet = 1;
		break;
	case 'd':
		if (pdx_cli_add_repeated(PROGRAM, "--db", "databases", s->dbs, &s->n_dbs,
					 MAX_DATABASES, arg) < 0)
			return PDX_CLI_EXIT_FAILURE;
		break;
	case 'F':
		if (pdx_cli_add_repeated(PROGRAM, "--facet", "facets", s->facets, &s->n_facets,
					 MAX_FACETS, arg) < 0)
			return PDX_CLI_EXIT_FAILURE;
		break;
	case OPT_FILTER:
		if (pdx_cli_add_repeated(PROGRAM, "--filter", "filters", s->filters, &s->n_filters,
					 MAX_FILTERS, arg) < 0)
			return PDX_CLI_EXIT_FAILURE;
		break;
	case 's':
		if (pdx_cli_option_choice(PROGRAM, "--sort", pdx_cli_sorts, arg, &value) < 0)
			return PDX_CLI_EXIT_FAILURE;
		s->sort = (polidex_sort_t)value;
		break;
	case OPT_STEM:
		if (pdx_cli_option_choice(PROGRAM, "--stem-strategy", pdx_cli_stem_strategies, arg,
					  &value) < 0)
			return PDX_CLI_EXIT_FAILURE;
		s->stem = (polidex_stem_strategy_t)value;
		break;
	case OPT_NO_STEM:
		s->stem = POLIDEX_STEM_NONE;
		break;
	case 'f':
		if (pdx_cli_option_choice(PROGRAM, "--format", formats, arg, &value) < 0)
			return PDX_CLI_EXIT_FAILURE;
		s->format = (enum format)value;
		break;
	case 'n':
		s->export_all = strcmp(arg, "all") == 0;
		if (s->export_all)
			break;
		if (pdx_cli_option_number(PROGRAM, "--limit", arg, 0, MAX_HITS, &n) < 0)
			return PDX_CLI_EXIT_FAILURE;
		s->limit = (unsigned)n;
		break;
	case 'o':
		if (pdx_cli_option_number(PROGRAM, "--offset", arg, 0, MAX_HITS, &n) < 0)
			return PDX_CLI_EXIT_FAILURE;
		s->offset = (unsigned)n;
		break;
	case 'l':
		s->lang = arg;
		break;
	}
	return PDX_CLI_GO_ON;
}

/* Read the command line into S. Returns PDX_CLI_GO_ON, or the status to exit with. */
static int read_options(int argc, char **argv, struct settings *s)
{
	static const struct option options[] = {
		{"no-expand", no_argument, NULL, OPT_NO_EXPAND},
		{"no-spelling", no_argument, NULL, OPT_NO_SPELLING},
		{"explain", no_argument, NULL, OPT_EXPLAIN},
		{"filter", required_argument, NULL, OPT_FILTER},
		{"stem-strategy", required_argument, NULL, OPT_STEM},
		{"no-stem", no_argument, NULL, OPT_NO_STEM},
		{"queries-from", required_argument, NULL, OPT_QUERIES_FROM},
		{"sort", required_argument, NULL, 's'},
		{"facet", required_argument, NULL, 'F'},
		{"format", required_argument, NULL, 'f'},
		{"limit", required_argument, NULL, 'n'},
		{"offset", required_argument, NULL, 'o'},
		{"lang", required_argument, NULL, 'l'},
		{NULL, 0, NULL, 0}};
	const unsigned common = PDX_CLI_DB | PDX_CLI_THESAURUS | PDX_CLI_REPLAY_URL | PDX_CLI_QUIET;
	const char *no_colour = getenv("NO_COLOR");
	int rc = pdx_cli_read_options(PROGRAM, argc, argv, "F:f:n:o:l:s:", options, common, usage,
				      read_option, s);

	if (rc != PDX_CLI_GO_ON)
		return rc;
	if (s->n_dbs == 0)
		return pdx_cli_usage_error(PROGRAM, "no database given (--db DIR)");
	if (s->queries_from && optind < argc) {
		pdx_cli_error(PROGRAM, "give the queries on the command line or with "
				       "--queries-from, not both");
		return PDX_CLI_EXIT_FAILURE;
	}
	s->colour = isatty(STDOUT_FILENO) && !(no_colour && *no_colour);
	s->first_word = optind;
	return PDX_CLI_GO_ON;
}

/* Run the query Q (text TEXT), or the queries of --queries-from, on the databases. Returns
 * the exit status. */
/* polidex_export_fn: LINE to standard output, and on a terminal a line of progress on
 * standard error (CTX points to whether it is one). */
static int write_line(const char *line, size_t len, unsigned long done, unsigned long total,
		      void *ctx)
{
	const int *tty = ctx;

	if (fwrite(line, 1, len, stdout) != len)
		return -1;
	if (*tty && done && (done % 1000 == 0 || done == total))
		fprintf(stderr, "\r%s: %lu of %lu exported%s", PROGRAM, done, total,
			done == total ? "\n" : "");
	return 0;
}

/* Write every match of Q on DB to standard output as JSON Lines or CSV. Returns the exit
 * status. */
static int run_export(const struct settings *s, polidex_db_t *db, const polidex_query_t *q)
{
	int tty = isatty(STDERR_FILENO);
	polidex_status_t status = polidex_export(
	    db, q, s->format == FORMAT_CSV ? POLIDEX_EXPORT_CSV : POLIDEX_EXPORT_JSONL, 0,
	    write_line, &tty);

	if (status != POLIDEX_STATUS_SUCCESS) {
		pdx_cli_error(PROGRAM, "%s", polidex_db_error(db));
		return PDX_CLI_EXIT_FAILURE;
	}
	return pdx_cli_flush_stdout(PROGRAM) < 0 ? PDX_CLI_EXIT_FAILURE : PDX_CLI_EXIT_SUCCESS;
}

static int run(const struct settings *s, polidex_db_t *db, polidex_query_t *q,
	       const char *text)
{
	polidex_results_t *results = NULL;
	int rc = PDX_CLI_EXIT_SUCCESS;

	if (s->export_all && s->format != FORMAT_JSONL && s->format != FORMAT_CSV) {
		pdx_cli_error(PROGRAM, "--limit all exports JSON Lines or CSV: add --format=jsonl "
				       "or --format=csv");
		return PDX_CLI_EXIT_FAILURE;
	}
	if (s->export_all && s->queries_from) {
		pdx_cli_error(PROGRAM, "--limit all exports one query, not --queries-from");
		return PDX_CLI_EXIT_FAILURE;
	}
	if (s->export_all)
		return run_export(s, db, q);
	if (s->queries_from) {
		rc = run_batch(s, db, s->queries_from);
	} else if (polidex_search(db, q, &results) != POLIDEX_STATUS_SUCCESS) {
		pdx_cli_error(PROGRAM, "%s", polidex_db_error(db));
		return PDX_CLI_EXIT_FAILURE;
	} else if (print_results(s, q, text, results) < 0) {
		pdx_cli_error(PROGRAM, "out of memory");
		rc = PDX_CLI_EXIT_FAILURE;
	}
	if (pdx_cli_flush_stdout(PROGRAM) < 0)
		rc = PDX_CLI_EXIT_FAILURE;
	polidex_results_destroy(results);
	return rc;
}

int main(int argc, char **argv)
{
	struct settings s = {.limit = 10,
			     .sort = POLIDEX_SORT_RELEVANCE,
			     .stem = POLIDEX_STEM_SOME,
			     .expand = 1,
			     .spelling = 1};
	polidex_query_t *q;
	polidex_db_t *db = NULL;
	char *text, *message = NULL;
	polidex_status_t status;
	int rc = read_options(argc, argv, &s);

	if (rc != PDX_CLI_GO_ON)
		return rc;
	text = join_words(argc - s.first_word, argv + s.first_word);
	if (!text) {
		pdx_cli_error(PROGRAM, "out of memory");
		return PDX_CLI_EXIT_FAILURE;
	}
	/* Check the settings before loading anything. */
	q = make_query(&s, text, NULL);
	if (!q) {
		free(text);
		return PDX_CLI_EXIT_FAILURE;
	}
	status = polidex_db_open_many(s.dbs, s.n_dbs, &db, &message);
	if (status != POLIDEX_STATUS_SUCCESS) {
		pdx_cli_error(PROGRAM, "%s", message ? message : polidex_status_to_string(status));
		free(message);
		rc = PDX_CLI_EXIT_FAILURE;
	} else if (pdx_cli_index_thesaurus(PROGRAM, db, s.thesaurus_path, PDX_CLI_WITHOUT_LABELS,
					   &s.thesaurus) < 0) {
		rc = PDX_CLI_EXIT_FAILURE;
	} else {
		polidex_query_set_thesaurus(q, s.thesaurus);
		rc = run(&s, db, q, text);
	}
	polidex_db_close(db);
	polidex_query_destroy(q);
	polidex_thesaurus_destroy(s.thesaurus);
	free(text);
	return rc;
}
