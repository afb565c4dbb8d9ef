/* options.c: option values more than one program reads: numbers, names, repeated options,
 * scores, replay URLs and files of lines. */
#include "config.h"

#include "cli/cli.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct pdx_cli_choice pdx_cli_sorts[] = {
	{"relevance", POLIDEX_SORT_RELEVANCE},
	{"date", POLIDEX_SORT_NEWEST},
	{"-date", POLIDEX_SORT_OLDEST},
	{NULL, 0},
};

const struct pdx_cli_choice pdx_cli_stem_strategies[] = {
	{"none", POLIDEX_STEM_NONE},
	{"some", POLIDEX_STEM_SOME},
	{"all", POLIDEX_STEM_ALL},
	{NULL, 0},
};

int pdx_cli_parse_number(const char *s, unsigned long min, unsigned long max, unsigned long *out)
{
	char *end;
	unsigned long v;

	/* strtoul() would take "-1" as the largest numbers. */
	if (!s || !*s || *s == '-')
		return -1;
	v = strtoul(s, &end, 10);
	if (end == s || *end || v == ULONG_MAX || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int pdx_cli_bad_number(const char *program, const char *option, const char *s, unsigned long min,
		       unsigned long max)
{
	if (min == 0 && (!*s || *s == '-'))
		pdx_cli_error(program, "%s: '%s' is not a number", option, s);
	else if (min == 0)
		pdx_cli_error(program, "%s: '%s' is not a number up to %lu", option, s, max);
	else if (min == 1 && max == ULONG_MAX)
		pdx_cli_error(program, "%s: '%s' is not a positive number", option, s);
	else
		pdx_cli_error(program, "%s: '%s' is not a number from %lu to %lu", option, s, min,
			      max);
	return PDX_CLI_EXIT_FAILURE;
}

int pdx_cli_option_number(const char *program, const char *option, const char *s,
			  unsigned long min, unsigned long max, unsigned long *out)
{
	if (pdx_cli_parse_number(s, min, max, out) == 0)
		return 0;
	pdx_cli_bad_number(program, option, s, min, max);
	return -1;
}

int pdx_cli_parse_score(const char *program, const char *s, double *out)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || *end || v < 0 || v > 1e6) {
		pdx_cli_error(program, "--min-score: '%s' is not a number of 0 or more", s);
		return -1;
	}
	*out = v;
	return 0;
}

int pdx_cli_choose(const struct pdx_cli_choice *choices, const char *name, int *value)
{
	for (size_t i = 0; choices[i].name; i++) {
		if (strcmp(name, choices[i].name) == 0) {
			*value = choices[i].value;
			return 0;
		}
	}
	return -1;
}

const char *pdx_cli_choice_names(const struct pdx_cli_choice *choices, char *out, size_t size)
{
	size_t at = 0;

	out[0] = '\0';
	for (size_t i = 0; choices[i].name && at < size; i++) {
		int n = snprintf(out + at, size - at, "%s%s", i ? ", " : "", choices[i].name);

		if (n < 0)
			break;
		at += (size_t)n;
	}
	return out;
}

int pdx_cli_option_choice(const char *program, const char *option,
			  const struct pdx_cli_choice *choices, const char *name, int *value)
{
	char names[256];

	if (pdx_cli_choose(choices, name, value) == 0)
		return 0;
	pdx_cli_error(program, "%s: '%s' is not one of %s", option, name,
		      pdx_cli_choice_names(choices, names, sizeof names));
	return -1;
}

int pdx_cli_add_repeated(const char *program, const char *option, const char *what,
			 const char **list, size_t *n, size_t max, const char *value)
{
	if (*n == max) {
		pdx_cli_error(program, "%s: at most %zu %s", option, max, what);
		return -1;
	}
	list[(*n)++] = value;
	return 0;
}

void pdx_cli_bad_replay_url(const char *program, const char *pattern)
{
	pdx_cli_error(program,
		      "--replay-url: '%s' has a placeholder polidex does not know (known: "
		      "{timestamp} {url} {url_escaped} {date} {file} {member} {offset} "
		      "{record_id})",
		      pattern);
}

int pdx_cli_check_replay_url(const char *program, const char *pattern)
{
	/* The library knows its placeholders: a query is told the pattern, and says. */
	polidex_query_t *check = polidex_query_new("");
	int ok = check && polidex_query_set_replay_url(check, pattern) == POLIDEX_STATUS_SUCCESS;

	polidex_query_destroy(check);
	if (ok)
		return 0;
	pdx_cli_bad_replay_url(program, pattern);
	return -1;
}

FILE *pdx_cli_open_lines(const char *path)
{
	return strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
}

size_t pdx_cli_cut_line_end(char *line, size_t len)
{
	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		line[--len] = '\0';
	return len;
}
