/* polidex-extract: show what the extractor makes of pages, as JSON Lines, JSON or text. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indexer/article-json.h"
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
	      "      --min-score N    keep concepts scoring N or more (default 1: one mention)\n"
	      "      --no-concepts    do not tag concepts\n"
	      "  -h, --help           show this help and exit\n"
	      "  -V, --version        show the version and exit\n"
	      "\n"
	      "Exit status: 0 when every page was extracted, 1 when some could not be (each is\n"
	      "reported on standard error), 2 on a usage error.\n",
	      out);
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
	for (size_t i = 0; i < polidex_article_count_authors(a); i++) {
		const char *role = polidex_article_get_author_role(a, i);

		printf("author    %s%s%s\n", polidex_article_get_author_name(a, i),
		       role ? " / " : "", role ? role : "");
	}
	for (size_t i = 0; i < polidex_article_count_tags(a); i++)
		printf("tag       %s\n", polidex_article_get_tag(a, i));
	for (size_t i = 0; i < polidex_article_count_translations(a); i++)
		printf("translation %s %s\n", polidex_article_get_translation_language(a, i),
		       polidex_article_get_translation_url(a, i));
	for (size_t i = 0; i < polidex_article_count_concepts(a); i++)
		printf("concept   %s (%u) <%s>\n", polidex_article_get_concept_label(a, i),
		       polidex_article_get_concept_count(a, i), polidex_article_get_concept_id(a, i));
	printf("\n%s\n\n", polidex_article_get_body(a) ? polidex_article_get_body(a) : "");
}

int main(int argc, char **argv)
{
	enum { OPT_MIN_SCORE = 256, OPT_NO_CONCEPTS };
	static const struct option options[] = {{"format", required_argument, NULL, 'f'},
						{"thesaurus", required_argument, NULL, 't'},
						{"min-score", required_argument, NULL, OPT_MIN_SCORE},
						{"no-concepts", no_argument, NULL, OPT_NO_CONCEPTS},
						{"help", no_argument, NULL, 'h'},
						{"version", no_argument, NULL, 'V'},
						{NULL, 0, NULL, 0}};
	const char *thesaurus_path = NULL;
	polidex_thesaurus_t *thesaurus = NULL;
	double min_score = 1;
	int concepts = 1;
	enum format format = FORMAT_JSONL;
	json_object *array = NULL;
	int opt, failed = 0;

	while ((opt = getopt_long(argc, argv, "f:t:hV", options, NULL)) != -1) {
		switch (opt) {
		case 't':
			thesaurus_path = optarg;
			break;
		case OPT_MIN_SCORE:
			if (pdx_cli_parse_score(PROGRAM, optarg, &min_score) < 0)
				return 2;
			break;
		case OPT_NO_CONCEPTS:
			concepts = 0;
			break;
		case 'f':
			if (strcmp(optarg, "jsonl") == 0)
				format = FORMAT_JSONL;
			else if (strcmp(optarg, "json") == 0)
				format = FORMAT_JSON;
			else if (strcmp(optarg, "text") == 0)
				format = FORMAT_TEXT;
			else {
				fprintf(stderr,
					PROGRAM ": --format: '%s' is not one of jsonl, json, text\n",
					optarg);
				return 2;
			}
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
	if (optind >= argc) {
		fprintf(stderr, PROGRAM ": no files given\nTry '" PROGRAM
					" --help' for more information.\n");
		return 2;
	}
	/* Showing a page's fields needs no thesaurus: without the default one, say so and go
	 * on; a thesaurus named on the command line must load. */
	if (concepts) {
		int fatal;

		thesaurus = pdx_cli_load_thesaurus(PROGRAM, thesaurus_path, 1, &fatal);
		if (!thesaurus && fatal)
			return 2;
	}
	if (format == FORMAT_JSON)
		array = json_object_new_array();

	for (int i = optind; i < argc; i++) {
		polidex_article_t *a = polidex_article_new(argv[i]);
		json_object *o;

		if (!a || polidex_article_load_file(a, argv[i]) != POLIDEX_STATUS_SUCCESS ||
		    (thesaurus && polidex_article_tag(a, thesaurus, min_score) != POLIDEX_STATUS_SUCCESS)) {
			fprintf(stderr, PROGRAM ": %s\n",
				a ? polidex_article_error(a) : "out of memory");
			polidex_article_destroy(a);
			failed = 1;
			continue;
		}
		if (format == FORMAT_TEXT) {
			print_text(a, argv[i]);
		} else {
			o = pdx_article_to_json(a, argv[i]);
			if (!o) {
				fprintf(stderr, PROGRAM ": %s: out of memory\n", argv[i]);
				failed = 1;
			} else if (format == FORMAT_JSON) {
				json_object_array_add(array, o);
			} else {
				puts(json_object_to_json_string_ext(
					o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
				json_object_put(o);
			}
		}
		polidex_article_destroy(a);
		fflush(stdout);
	}
	if (array) {
		puts(json_object_to_json_string_ext(array, JSON_C_TO_STRING_PRETTY |
								   JSON_C_TO_STRING_SPACED |
								   JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(array);
	}
	polidex_thesaurus_destroy(thesaurus);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror(PROGRAM ": standard output");
		return 2;
	}
	return failed;
}
