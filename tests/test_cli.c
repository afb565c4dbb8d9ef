/* test_cli.c: what the programs share in cli/: option values, the reading of options, the
 * thesaurus they load and the messages they give. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "tests/test-util.h"

/* What FD (1 or 2) receives while the test runs between start_capture() and end_capture(). */
struct capture {
	int fd, saved;
	FILE *file;
};

static void start_capture(struct capture *c, int fd)
{
	c->fd = fd;
	c->file = tmpfile();
	assert_non_null(c->file);
	fflush(fd == 1 ? stdout : stderr);
	c->saved = dup(fd);
	assert_true(c->saved >= 0);
	assert_true(dup2(fileno(c->file), fd) >= 0);
}

/* What was written, as a string to free. */
static char *end_capture(struct capture *c)
{
	long len;
	char *text;

	fflush(c->fd == 1 ? stdout : stderr);
	assert_true(dup2(c->saved, c->fd) >= 0);
	close(c->saved);
	len = ftell(c->file);
	assert_true(len >= 0);
	text = calloc(1, (size_t)len + 1);
	assert_non_null(text);
	rewind(c->file);
	assert_int_equal(fread(text, 1, (size_t)len, c->file), (size_t)len);
	fclose(c->file);
	return text;
}

static void test_parse_number_takes_what_strtoul_takes(void **state)
{
	unsigned long n = 0;

	(void)state;
	assert_int_equal(pdx_cli_parse_number("42", 0, 100, &n), 0);
	assert_int_equal(n, 42);
	assert_int_equal(pdx_cli_parse_number(" 7", 0, 100, &n), 0);
	assert_int_equal(n, 7);
	assert_int_equal(pdx_cli_parse_number("+9", 0, 100, &n), 0);
	assert_int_equal(n, 9);
}

static void test_parse_number_refuses_signs_and_junk(void **state)
{
	unsigned long n = 5;

	(void)state;
	assert_int_equal(pdx_cli_parse_number("-1", 0, 100, &n), -1);
	assert_int_equal(pdx_cli_parse_number("", 0, 100, &n), -1);
	assert_int_equal(pdx_cli_parse_number("3x", 0, 100, &n), -1);
	assert_int_equal(pdx_cli_parse_number("x", 0, 100, &n), -1);
	assert_int_equal(pdx_cli_parse_number("4 ", 0, 100, &n), -1);
	assert_int_equal(pdx_cli_parse_number(NULL, 0, 100, &n), -1);
	assert_int_equal(n, 5);
}

static void test_parse_number_range_inclusive(void **state)
{
	unsigned long n = 0;

	(void)state;
	assert_int_equal(pdx_cli_parse_number("1", 1, 256, &n), 0);
	assert_int_equal(pdx_cli_parse_number("256", 1, 256, &n), 0);
	assert_int_equal(n, 256);
	assert_int_equal(pdx_cli_parse_number("0", 1, 256, &n), -1);
	assert_int_equal(pdx_cli_parse_number("257", 1, 256, &n), -1);
}

static void test_parse_number_overflow_refused(void **state)
{
	unsigned long n = 0;
	char max[32];

	(void)state;
	snprintf(max, sizeof max, "%lu", ULONG_MAX);
	assert_int_equal(pdx_cli_parse_number(max, 1, ULONG_MAX, &n), -1);
	assert_int_equal(pdx_cli_parse_number("999999999999999999999999", 1, ULONG_MAX, &n), -1);
	snprintf(max, sizeof max, "%lu", ULONG_MAX - 1);
	assert_int_equal(pdx_cli_parse_number(max, 1, ULONG_MAX, &n), 0);
	assert_true(n == ULONG_MAX - 1);
}

static void test_bad_number_message_by_range(void **state)
{
	struct capture c;
	char *text;

	(void)state;
	start_capture(&c, 2);
	assert_int_equal(pdx_cli_bad_number("prog", "--limit", "", 0, 100000), 2);
	pdx_cli_bad_number("prog", "--limit", "-3", 0, 100000);
	pdx_cli_bad_number("prog", "--limit", "x", 0, 100000);
	pdx_cli_bad_number("prog", "--batch", "0", 1, ULONG_MAX);
	pdx_cli_bad_number("prog", "--jobs", "0", 1, 256);
	text = end_capture(&c);
	assert_string_equal(text, "prog: --limit: '' is not a number\n"
				  "prog: --limit: '-3' is not a number\n"
				  "prog: --limit: 'x' is not a number up to 100000\n"
				  "prog: --batch: '0' is not a positive number\n"
				  "prog: --jobs: '0' is not a number from 1 to 256\n");
	free(text);
}

static void test_choose_sort_by_name(void **state)
{
	int v = -1;

	(void)state;
	assert_int_equal(pdx_cli_choose(pdx_cli_sorts, "date", &v), 0);
	assert_int_equal(v, POLIDEX_SORT_NEWEST);
	assert_int_equal(pdx_cli_choose(pdx_cli_sorts, "-date", &v), 0);
	assert_int_equal(v, POLIDEX_SORT_OLDEST);
	assert_int_equal(pdx_cli_choose(pdx_cli_stem_strategies, "all", &v), 0);
	assert_int_equal(v, POLIDEX_STEM_ALL);
	v = -1;
	assert_int_equal(pdx_cli_choose(pdx_cli_sorts, "Date", &v), -1);
	assert_int_equal(v, -1);
}

static void test_choice_names_joined_and_cut(void **state)
{
	char names[64], small[8];

	(void)state;
	assert_string_equal(pdx_cli_choice_names(pdx_cli_sorts, names, sizeof names),
			    "relevance, date, -date");
	assert_string_equal(pdx_cli_choice_names(pdx_cli_stem_strategies, names, sizeof names),
			    "none, some, all");
	assert_string_equal(pdx_cli_choice_names(pdx_cli_sorts, small, sizeof small), "relevan");
}

static void test_option_choice_message_names_choices(void **state)
{
	struct capture c;
	char *text;
	int v;

	(void)state;
	start_capture(&c, 2);
	assert_int_equal(pdx_cli_option_choice("prog", "--sort", pdx_cli_sorts, "x", &v), -1);
	text = end_capture(&c);
	assert_string_equal(text, "prog: --sort: 'x' is not one of relevance, date, -date\n");
	free(text);
}

static void test_add_repeated_full(void **state)
{
	const char *list[2];
	size_t n = 0;
	struct capture c;
	char *text;

	(void)state;
	assert_int_equal(pdx_cli_add_repeated("prog", "--db", "databases", list, &n, 2, "a"), 0);
	assert_int_equal(pdx_cli_add_repeated("prog", "--db", "databases", list, &n, 2, "b"), 0);
	start_capture(&c, 2);
	assert_int_equal(pdx_cli_add_repeated("prog", "--db", "databases", list, &n, 2, "c"), -1);
	text = end_capture(&c);
	assert_string_equal(text, "prog: --db: at most 2 databases\n");
	assert_int_equal(n, 2);
	assert_string_equal(list[1], "b");
	free(text);
}

static void test_cut_line_end_crlf(void **state)
{
	char line[] = "query\r\n", bare[] = "x", empty[] = "\n";

	(void)state;
	assert_int_equal(pdx_cli_cut_line_end(line, strlen(line)), 5);
	assert_string_equal(line, "query");
	assert_int_equal(pdx_cli_cut_line_end(bare, 1), 1);
	assert_int_equal(pdx_cli_cut_line_end(empty, 1), 0);
}

static void test_parse_score_range(void **state)
{
	double v = 0;
	struct capture c;
	char *text;

	(void)state;
	assert_int_equal(pdx_cli_parse_score("prog", "2.5", &v), 0);
	assert_true(v == 2.5);
	start_capture(&c, 2);
	assert_int_equal(pdx_cli_parse_score("prog", "-1", &v), -1);
	assert_int_equal(pdx_cli_parse_score("prog", "2e6", &v), -1);
	text = end_capture(&c);
	assert_string_equal(text, "prog: --min-score: '-1' is not a number of 0 or more\n"
				  "prog: --min-score: '2e6' is not a number of 0 or more\n");
	free(text);
}

static void test_check_replay_url_unknown_placeholder(void **state)
{
	struct capture c;
	char *text;

	(void)state;
	assert_int_equal(pdx_cli_check_replay_url("prog", "http://h/{timestamp}/{url}"), 0);
	start_capture(&c, 2);
	assert_int_equal(pdx_cli_check_replay_url("prog", "http://h/{nope}"), -1);
	text = end_capture(&c);
	assert_non_null(strstr(text, "prog: --replay-url: 'http://h/{nope}' has a placeholder"));
	free(text);
}

/* What a missing default thesaurus makes of a program of each kind. */
static void check_missing_default(enum pdx_cli_without_thesaurus without, int rc,
				  const char *says)
{
	polidex_thesaurus_t *th = (polidex_thesaurus_t *)1;
	struct capture c;
	char *text;

	setenv("POLIDEX_THESAURUS", "/nonexistent/thesaurus.ttl", 1);
	start_capture(&c, 2);
	assert_int_equal(pdx_cli_load_thesaurus("prog", NULL, without, &th), rc);
	text = end_capture(&c);
	assert_null(th);
	assert_non_null(strstr(text, says));
	assert_int_equal(strncmp(text, "prog: /nonexistent/thesaurus.ttl", 32), 0);
	free(text);
}

static void test_load_thesaurus_missing_default(void **state)
{
	(void)state;
	check_missing_default(PDX_CLI_THESAURUS_NEEDED, -1,
			      "\nprog: that is the default thesaurus; name another with "
			      "--thesaurus FILE or the environment variable POLIDEX_THESAURUS\n");
	check_missing_default(PDX_CLI_WITHOUT_CONCEPTS, 0,
			      "POLIDEX_THESAURUS; going on without concepts\n");
	check_missing_default(PDX_CLI_WITHOUT_LABELS, 0,
			      "\nprog: searching without concept labels; name a thesaurus with "
			      "--thesaurus FILE or POLIDEX_THESAURUS\n");
	check_missing_default(PDX_CLI_SERVICE_WITHOUT_LABELS, 0,
			      "; searching without concept labels\n");
}

static void test_load_thesaurus_named_must_load(void **state)
{
	polidex_thesaurus_t *th = NULL;
	struct capture c;
	char *text;

	(void)state;
	start_capture(&c, 2);
	assert_int_equal(pdx_cli_load_thesaurus("prog", "/nonexistent/named.ttl",
						PDX_CLI_WITHOUT_CONCEPTS, &th),
			 -1);
	text = end_capture(&c);
	assert_null(th);
	assert_null(strstr(text, "default"));
	free(text);
	assert_int_equal(pdx_cli_load_thesaurus("prog", test_src_path("tests/thesauri/mini.ttl"),
						PDX_CLI_THESAURUS_NEEDED, &th),
			 0);
	assert_non_null(th);
	assert_true(polidex_thesaurus_count_concepts(th) > 0);
	polidex_thesaurus_destroy(th);
}

/* The options the test program below was given. */
struct seen {
	char opts[16];
	const char *args[16];
	size_t n;
};

static int note_option(int opt, const char *arg, void *ctx)
{
	struct seen *s = ctx;

	s->opts[s->n] = opt == PDX_CLI_OPT_REPLAY_URL ? 'R' : (char)opt;
	s->args[s->n++] = arg;
	return opt == 'x' ? 7 : PDX_CLI_GO_ON;
}

static void usage_of_test(FILE *out)
{
	fputs("usage of the test\n", out);
}

static const struct option test_options[] = {
	{"queries-from", required_argument, NULL, 'Q'},
	{"stop", no_argument, NULL, 'x'},
	{NULL, 0, NULL, 0},
};

/* Read ARGV (ARGC words) with the test's options and the common ones COMMON. */
static int read_test_options(int argc, char **argv, unsigned common, struct seen *seen)
{
	optind = 0; /* a new scan */
	memset(seen, 0, sizeof *seen);
	return pdx_cli_read_options("prog", argc, argv, "Q:x", test_options, common,
				    usage_of_test, note_option, seen);
}

static void test_read_options_own_and_common(void **state)
{
	char *argv[] = {"prog", "-Q", "f", "--db", "d1", "-d", "d2", "--thesaurus=t",
			"--replay-url", "r", "-q", "word", NULL};
	struct seen seen;

	(void)state;
	assert_int_equal(read_test_options(12, argv, PDX_CLI_DB | PDX_CLI_THESAURUS |
							    PDX_CLI_REPLAY_URL | PDX_CLI_QUIET,
					   &seen),
			 PDX_CLI_GO_ON);
	assert_string_equal(seen.opts, "QddtRq");
	assert_string_equal(seen.args[2], "d2");
	assert_string_equal(seen.args[3], "t");
	assert_null(seen.args[5]);
	assert_int_equal(optind, 11);
	assert_string_equal(argv[optind], "word");
}

static void test_read_options_common_not_taken(void **state)
{
	char *argv[] = {"prog", "--db", "d", NULL};
	struct seen seen;
	struct capture c;
	char *text;

	(void)state;
	start_capture(&c, 2);
	assert_int_equal(read_test_options(3, argv, PDX_CLI_THESAURUS, &seen), 2);
	text = end_capture(&c);
	assert_non_null(strstr(text, "unrecognized option '--db'"));
	assert_non_null(strstr(text, "Try 'prog --help' for more information.\n"));
	assert_int_equal(seen.n, 0);
	free(text);
}

static void test_read_options_abbreviation_order(void **state)
{
	char *argv[] = {"prog", "--qu", NULL};
	struct seen seen;
	struct capture c;
	char *text;

	(void)state;
	/* The program's own options come before the common ones, as getopt_long() lists them. */
	start_capture(&c, 2);
	assert_int_equal(read_test_options(2, argv, PDX_CLI_QUIET, &seen), 2);
	text = end_capture(&c);
	assert_non_null(strstr(text, "possibilities: '--queries-from' '--quiet'"));
	free(text);
}

static void test_read_options_help_version_and_stop(void **state)
{
	char *help[] = {"prog", "--help", "-x", NULL}, *version[] = {"prog", "-V", NULL};
	char *stop[] = {"prog", "-x", "-Q", "f", NULL};
	struct seen seen;
	struct capture c;
	char *text;

	(void)state;
	start_capture(&c, 1);
	assert_int_equal(read_test_options(3, help, 0, &seen), 0);
	assert_int_equal(read_test_options(2, version, 0, &seen), 0);
	text = end_capture(&c);
	assert_string_equal(text, "usage of the test\nprog (polidex) " PACKAGE_VERSION "\n");
	free(text);
	assert_int_equal(read_test_options(4, stop, 0, &seen), 7);
	assert_int_equal(seen.n, 1);
}

static void test_usage_error_says_where_help_is(void **state)
{
	struct capture c;
	char *text;

	(void)state;
	start_capture(&c, 2);
	assert_int_equal(pdx_cli_usage_error("prog", "no database given (--db DIR)"), 2);
	assert_int_equal(pdx_cli_usage_error("prog", NULL), 2);
	text = end_capture(&c);
	assert_string_equal(text, "prog: no database given (--db DIR)\n"
				  "Try 'prog --help' for more information.\n"
				  "Try 'prog --help' for more information.\n");
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_number_takes_what_strtoul_takes),
		cmocka_unit_test(test_parse_number_refuses_signs_and_junk),
		cmocka_unit_test(test_parse_number_range_inclusive),
		cmocka_unit_test(test_parse_number_overflow_refused),
		cmocka_unit_test(test_bad_number_message_by_range),
		cmocka_unit_test(test_choose_sort_by_name),
		cmocka_unit_test(test_choice_names_joined_and_cut),
		cmocka_unit_test(test_option_choice_message_names_choices),
		cmocka_unit_test(test_add_repeated_full),
		cmocka_unit_test(test_cut_line_end_crlf),
		cmocka_unit_test(test_parse_score_range),
		cmocka_unit_test(test_check_replay_url_unknown_placeholder),
		cmocka_unit_test(test_load_thesaurus_missing_default),
		cmocka_unit_test(test_load_thesaurus_named_must_load),
		cmocka_unit_test(test_read_options_own_and_common),
		cmocka_unit_test(test_read_options_common_not_taken),
		cmocka_unit_test(test_read_options_abbreviation_order),
		cmocka_unit_test(test_read_options_help_version_and_stop),
		cmocka_unit_test(test_usage_error_says_where_help_is),
	};

	return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
