/* polidex-index-options.c: polidex-index's command line, read into its settings. */
#include "config.h"

#include "indexer/polidex-index.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: " PROGRAM " --db DIR [OPTION]... PATH...\n"
		"Extract the article of each HTML page under PATH (files, or directories walked\n"
		"recursively) and index it into the polidex database DIR, created if missing.\n"
		"A page indexed before (same URL, or same path) is replaced, unless its bytes and\n"
		"the minimum score are unchanged, when it is left as it is.\n"
		"\n"
		"  -d, --db DIR        the database to write\n"
		"  -b, --batch N       commit every N pages (default %d)\n"
		"  -j, --jobs N        extract, tag and build documents on N threads "
		"(default: the\n"
		"                      number of cores), while one more thread writes them;\n"
		"                      the index is the same whatever N\n"
		"  -t, --thesaurus FILE  tag concepts of this SKOS scheme (default: the one DIR\n"
		"                      keeps, else the installed international relations\n"
		"                      thesaurus, or $POLIDEX_THESAURUS); DIR keeps it, and\n"
		"                      refuses another\n"
		"  -t, --thesaurus NAME=FILE  tag concepts of this scheme too, as the facet and\n"
		"                      filter field NAME; repeatable; DIR keeps each\n"
		"      --min-score N   keep concepts scoring N or more (default 0.05)\n"
		"      --no-concepts   do not tag concepts\n"
		"      --shards N      create DIR as N shards written side by side, and a stub\n"
		"                      database file (DIR/XAPIANDB) that opens them as one; an\n"
		"                      existing DIR keeps its shards (default 1)\n"
		"      --captures=latest|each  a page's captures in web archives: one document\n"
		"                      per URL, the text of its latest capture and the dates\n"
		"                      of all (latest, the default), or one per capture (each)\n"
		"      --prune         first remove the documents of files, and the captures of\n"
		"                      web archives, that no longer exist\n"
		"      --max-size N    skip pages larger than N bytes (suffixes k, M, G)\n"
		"      --base-url URL  give a page read from a file the URL of its path under URL\n"
		"                      (a WARC record keeps its crawl URL)\n"
		"      --errors FILE   write failed pages as JSON Lines to FILE, not to stderr\n"
		"      --files-from FILE  read the paths to index from FILE, one a line ('-' for\n"
		"                      standard input), besides any PATH given\n"
		"  -q, --quiet         no summary at the end\n"
		"  -h, --help          show this help and exit\n"
		"  -V, --version       show the version and exit\n"
		"\n"
		"Web archives (WARC, ARC, WACZ) give their HTML pages; other records are skipped\n"
		"and counted by reason.\n"
		"\n"
		"Exit status: 0 when nothing failed, 1 when some inputs failed (each is\n"
		"reported), 2 on a usage error or when the database cannot be written.\n",
		DEFAULT_BATCH);
}

/* Read S as a size in bytes, with an optional suffix k, M or G (powers of 1024). Returns 0
 * with *OUT set, or -1. */
static int parse_size(const char *s, unsigned long long *out)
{
	char *end;
	unsigned long long v;

	if (!s || !*s || *s == '-')
		return -1;
	v = strtoull(s, &end, 10);
	if (end == s)
		return -1;
	switch (*end) {
	case 'k': case 'K': v *= 1024; end++; break;
	case 'M': v *= 1024 * 1024; end++; break;
	case 'G': v *= 1024ULL * 1024 * 1024; end++; break;
	default: break;
	}
	if (*end || v == 0)
		return -1;
	*out = v;
	return 0;
}

enum { OPT_MIN_SCORE = 256, OPT_NO_CONCEPTS, OPT_PRUNE, OPT_FILES_FROM, OPT_MAX_SIZE,
       OPT_ERRORS, OPT_BASE_URL, OPT_SHARDS, OPT_CAPTURES };

static const struct pdx_cli_choice capture_modes[] = {
	{"latest", 0},
	{"each", 1},
	{NULL, 0},
};

/* Read the option OPT, with the argument ARG, into the settings CTX. Returns PDX_CLI_GO_ON, or
 * the status to exit with. */
static int read_option(int opt, const char *arg, void *ctx)
{
	struct index_settings *s = ctx;
	int fail = 0;

	switch (opt) {
	case 'd':
		s->db_path = arg;
		break;
	case 'b':
		fail = pdx_cli_option_number(PROGRAM, "--batch", arg, 1, ULONG_MAX, &s->batch);
		break;
	case 'j':
		fail = pdx_cli_option_number(PROGRAM, "--jobs", arg, 1, 256, &s->jobs);
		break;
	case 't':
		fail = pdx_cli_thesaurus_arg(PROGRAM, arg, &s->thesaurus_path, s->named,
					     &s->n_named) < 0;
		break;
	case OPT_MIN_SCORE:
		fail = pdx_cli_parse_score(PROGRAM, arg, &s->min_score);
		break;
	case OPT_NO_CONCEPTS:
		s->concepts = 0;
		break;
	case OPT_SHARDS:
		fail = pdx_cli_option_number(PROGRAM, "--shards", arg, 1, 256, &s->shards);
		break;
	case OPT_CAPTURES:
		fail = pdx_cli_choose(capture_modes, arg, &s->each);
		if (fail)
			pdx_cli_error(PROGRAM, "--captures: '%s' is not 'latest' or 'each'", arg);
		break;
	case OPT_PRUNE:
		s->prune = 1;
		break;
	case OPT_MAX_SIZE:
		fail = parse_size(arg, &s->max_size);
		if (fail)
			pdx_cli_error(PROGRAM, "--max-size: '%s' is not a size (N, Nk, NM, NG)",
				      arg);
		break;
	case OPT_BASE_URL:
		fail = !strstr(arg, "://");
		if (fail)
			pdx_cli_error(PROGRAM, "--base-url: '%s' is not an absolute URL", arg);
		s->base_url = arg;
		break;
	case OPT_ERRORS:
		s->errors_path = arg;
		break;
	case OPT_FILES_FROM:
		s->files_from = arg;
		break;
	case 'q':
		s->quiet = 1;
		break;
	}
	return fail ? PDX_CLI_EXIT_FAILURE : PDX_CLI_GO_ON;
}

int pdx_index_read_options(int argc, char **argv, struct index_settings *s)
{
	static const struct option options[] = {
		{"batch", required_argument, NULL, 'b'},
		{"jobs", required_argument, NULL, 'j'},
		{"min-score", required_argument, NULL, OPT_MIN_SCORE},
		{"no-concepts", no_argument, NULL, OPT_NO_CONCEPTS},
		{"prune", no_argument, NULL, OPT_PRUNE},
		{"captures", required_argument, NULL, OPT_CAPTURES},
		{"max-size", required_argument, NULL, OPT_MAX_SIZE},
		{"base-url", required_argument, NULL, OPT_BASE_URL},
		{"shards", required_argument, NULL, OPT_SHARDS},
		{"errors", required_argument, NULL, OPT_ERRORS},
		{"files-from", required_argument, NULL, OPT_FILES_FROM},
		{NULL, 0, NULL, 0}};
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int rc;

	s->jobs = cores > 0 ? (unsigned long)cores : 1;
	s->batch = DEFAULT_BATCH;
	s->concepts = 1;
	s->min_score = POLIDEX_MIN_SCORE_DEFAULT;
	rc = pdx_cli_read_options(PROGRAM, argc, argv, "b:j:", options,
				  PDX_CLI_DB | PDX_CLI_THESAURUS | PDX_CLI_QUIET, usage,
				  read_option, s);
	if (rc != PDX_CLI_GO_ON)
		return rc;
	if (!s->db_path)
		return pdx_cli_usage_error(PROGRAM, "no database given (--db DIR)");
	if (optind >= argc && !s->files_from && !s->prune)
		return pdx_cli_usage_error(PROGRAM, "no pages given (PATH...)");
	s->first_path = optind;
	return PDX_CLI_GO_ON;
}
