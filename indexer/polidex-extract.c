/* polidex-extract: show what the extractor makes of pages, as JSON Lines, JSON or text. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indexer/article-json.h"
#include "indexer/article.h"
#include "cli/cli.h"
#include "polidex.h"

#define PROGRAM "polidex-extract"

enum format { FORMAT_JSONL, FORMAT_JSON, FORMAT_TEXT };

static void usage(FILE *out)
{
	fputs("Usage: " PROGRAM " [--format=jsonl|json|text] FILE...\n"
	      "Extract the article of each HTML page FILE and print its fields: path, url, title,\n"
	      "authors (name and role), canonical_url, description, date, modified, language,\n"
	      "section, site_name, tags, translations, encoding and body (paragraphs separated by\n"
	      "blank lines).\n"
	      "\n"
	      "  -f, --format=FORMAT  jsonl: one JSON object per line (default)\n"
	      "                       json: one JSON array of the objects\n"
	      "                       text: the fields as readable text\n"
	      "  -t, --thesaurus FILE tag concepts of this SKOS scheme (default: the installed\n"
	      "                       international relations thesaurus, or $POLIDEX_THESAURUS)\n"
	      "  -t, --thesaurus NAME=FILE  tag concepts of this scheme too, shown under\n"
	      "                       \"schemes\" by NAME; repeatable\n"
	      "      --min-score N    keep concepts scoring N or more (default 0.05)\n"
	      "      --no-concepts    do not tag concepts\n"
	      "  -h, --help           show this help and exit\n"
	      "  -V, --version        show the version and exit\n"
	      "\n"
	      "Exit status: 0 when every page was extracted, 1 when some could not be (each is\n"
	      "reported on standard error), 2 on a usage error.\n",
	      out);
}

/* The authors, tags, translations and concepts of A, a line each, as the text format shows
 * them. */
static void print_lists(const polidex_article_t *a)
{
	polidex_authors_t *au = polidex_article_get_authors(a);
	polidex_strings_t *tags = polidex_article_get_tags(a);
	polidex_translations_t *tr = polidex_article_get_translations(a);
	polidex_concepts_t *c = polidex_article_get_concepts(a);

	for (; polidex_authors_valid(au); polidex_authors_move_to_next(au)) {
		const char *role = polidex_authors_get_role(au);

		printf("author    %s%s%s\n", polidex_authors_get_name(au), role ? " / " : "",
		       role ? role : "");
	}
	for (; polidex_strings_valid(tags); polidex_strings_move_to_next(tags))
		printf("tag       %s\n", polidex_strings_get(tags));
	for (; polidex_translations_valid(tr); polidex_translations_move_to_next(tr))
		printf("translation %s %s\n", polidex_translations_get_language(tr),
		       polidex_translations_get_url(tr));
	for (; polidex_concepts_valid(c); polidex_concepts_move_to_next(c))
		printf("concept   %s (%u) <%s>\n", polidex_concepts_get_label(c),
		       polidex_concepts_get_count(c), polidex_concepts_get_id(c));
	for (size_t i = 0; i < a->n_schemes; i++) {
		polidex_concepts_t *n = polidex_article_get_scheme_concepts(a, a->schemes[i].name);

		for (; polidex_concepts_valid(n); polidex_concepts_move_to_next(n))
			printf("%s %s (%u) <%s>\n", a->schemes[i].name,
			       polidex_concepts_get_label(n), polidex_concepts_get_count(n),
			       polidex_concepts_get_id(n));
		polidex_concepts_destroy(n);
	}
	polidex_authors_destroy(au);
	polidex_strings_destroy(tags);
	polidex_translations_destroy(tr);
	polidex_concepts_destroy(c);
}

static void print_text(const polidex_article_t *a, const char *path)
{
	const char *fields[][2] = {
		{"url", polidex_article_get_url(a)},
		{"title", polidex_article_get_title(a)},
		{"date", polidex_article_get_date(a)},
		{"language", polidex_article_get_language(a)},
		{"section", polidex_article_get_section(a)},
		{"site", polidex_article_get_site_name(a)},
	};

	printf("== %s\n", path);
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (fields[i][1])
			printf("%-9s %s\n", fields[i][0], fields[i][1]);
	print_lists(a);
	printf("\n%s\n\n", polidex_article_get_body(a) ? polidex_article_get_body(a) : "");
}

/* What the command line asks for. */
struct extract_settings {
	enum format format;
	const char *thesaurus_path; /* NULL: the default */
	struct pdx_cli_scheme named[PDX_CLI_SCHEMES_MAX]; /* --thesaurus NAME=FILE */
	size_t n_named;
	int concepts; /* 0: --no-concepts */
	double min_score;
	int first_file; /* the index in argv of the first FILE */
};

static const struct pdx_cli_choice formats[] = {
	{"jsonl", FORMAT_JSONL},
	{"json", FORMAT_JSON},
	{"text", FORMAT_TEXT},
	{NULL, 0},
};

enum { OPT_MIN_SCORE = 256, OPT_NO_CONCEPTS };

/* Read the option OPT, with the argument ARG, into the settings CTX. Returns PDX_CLI_GO_ON, or
 * the status to exit with. */
static int read_option(int opt, const char *arg, void *ctx)
{
	struct extract_settings *s = ctx;
	int format;

	switch (opt) {
	case 't':
		if (pdx_cli_thesaurus_arg(PROGRAM, arg, &s->thesaurus_path, s->named, &s->n_named) <
		    0)
			return PDX_CLI_EXIT_FAILURE;
		break;
	case OPT_MIN_SCORE:
		if (pdx_cli_parse_score(PROGRAM, arg, &s->min_score) < 0)
			return PDX_CLI_EXIT_FAILURE;
		break;
	case OPT_NO_CONCEPTS:
		s->concepts = 0;
		break;
	case 'f':
		if (pdx_cli_option_choice(PROGRAM, "--format", formats, arg, &format) < 0)
			return PDX_CLI_EXIT_FAILURE;
		s->format = (enum format)format;
		break;
	}
	return PDX_CLI_GO_ON;
}

/* Read the command line into S. Returns PDX_CLI_GO_ON, or the status to exit with. */
static int read_options(int argc, char **argv, struct extract_settings *s)
{
	static const struct option options[] = {
		{"format", required_argument, NULL, 'f'},
		{"min-score", required_argument, NULL, OPT_MIN_SCORE},
		{"no-concepts", no_argument, NULL, OPT_NO_CONCEPTS},
		{NULL, 0, NULL, 0}};
	int rc = pdx_cli_read_options(PROGRAM, argc, argv, "f:", options, PDX_CLI_THESAURUS, usage,
				      read_option, s);

	if (rc != PDX_CLI_GO_ON)
		return rc;
	if (optind >= argc)
		return pdx_cli_usage_error(PROGRAM, "no files given");
	s->first_file = optind;
	return PDX_CLI_GO_ON;
}

/* Extract the page PATH and print it in the chosen format, or add it to ARRAY for --format
 * json. Returns 0, or -1 when it failed (and was reported). */
/* Tag A with the named schemes of S, NAMED. Returns 0, or -1 when memory ran out. */
static int tag_named(const struct extract_settings *s, polidex_thesaurus_t *const *named,
		     polidex_article_t *a)
{
	for (size_t i = 0; i < s->n_named; i++)
		if (polidex_article_tag_scheme(a, s->named[i].name, named[i], s->min_score) !=
		    POLIDEX_STATUS_SUCCESS)
			return -1;
	return 0;
}

static int extract_page(const struct extract_settings *s, const polidex_thesaurus_t *thesaurus,
			polidex_thesaurus_t *const *named, const char *path, json_object *array)
{
	polidex_article_t *a = polidex_article_new(path);
	json_object *o;
	int rc = 0;

	if (!a || polidex_article_load_file(a, path) != POLIDEX_STATUS_SUCCESS ||
	    (thesaurus &&
	     polidex_article_tag(a, thesaurus, s->min_score) != POLIDEX_STATUS_SUCCESS) ||
	    tag_named(s, named, a) < 0) {
		pdx_cli_error(PROGRAM, "%s", a ? polidex_article_error(a) : "out of memory");
		polidex_article_destroy(a);
		return -1;
	}
	if (s->format == FORMAT_TEXT) {
		print_text(a, path);
	} else {
		o = pdx_article_to_json(a, path);
		if (!o) {
			pdx_cli_error(PROGRAM, "%s: out of memory", path);
			rc = -1;
		} else if (s->format == FORMAT_JSON) {
			json_object_array_add(array, o);
		} else {
			puts(json_object_to_json_string_ext(
				o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
			json_object_put(o);
		}
	}
	polidex_article_destroy(a);
	fflush(stdout);
	return rc;
}

int main(int argc, char **argv)
{
	struct extract_settings s = {.format = FORMAT_JSONL, .concepts = 1,
				     .min_score = POLIDEX_MIN_SCORE_DEFAULT};
	polidex_thesaurus_t *thesaurus = NULL, *named[PDX_CLI_SCHEMES_MAX] = {NULL};
	json_object *array = NULL;
	int rc = read_options(argc, argv, &s), failed = 0;

	if (rc != PDX_CLI_GO_ON)
		return rc;
	if (!s.concepts)
		s.n_named = 0;
	/* Showing a page's fields needs no thesaurus: without the default one, say so and go
	 * on; a thesaurus named on the command line must load. */
	if (s.concepts && pdx_cli_load_thesaurus(PROGRAM, s.thesaurus_path,
						 PDX_CLI_WITHOUT_CONCEPTS, &thesaurus) < 0)
		return PDX_CLI_EXIT_FAILURE;
	for (size_t i = 0; i < s.n_named; i++)
		if (pdx_cli_load_thesaurus(PROGRAM, s.named[i].path, PDX_CLI_THESAURUS_NEEDED,
					   &named[i]) < 0) {
			while (i-- > 0)
				polidex_thesaurus_destroy(named[i]);
			polidex_thesaurus_destroy(thesaurus);
			return PDX_CLI_EXIT_FAILURE;
		}
	if (s.format == FORMAT_JSON)
		array = json_object_new_array();
	for (int i = s.first_file; i < argc; i++)
		if (extract_page(&s, thesaurus, named, argv[i], array) < 0)
			failed = 1;
	if (array) {
		puts(json_object_to_json_string_ext(array, JSON_C_TO_STRING_PRETTY |
								   JSON_C_TO_STRING_SPACED |
								   JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(array);
	}
	polidex_thesaurus_destroy(thesaurus);
	for (size_t i = 0; i < s.n_named; i++)
		polidex_thesaurus_destroy(named[i]);
	if (pdx_cli_flush_stdout(PROGRAM) < 0)
		return PDX_CLI_EXIT_FAILURE;
	return failed ? PDX_CLI_EXIT_PARTIAL : PDX_CLI_EXIT_SUCCESS;
}
