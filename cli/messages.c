/* messages.c: the programs' messages in one style, and the reading of their options. */
#include "config.h"

#include "cli/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pdx_cli_error(const char *program, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", program);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int pdx_cli_usage_error(const char *program, const char *message)
{
	if (message)
		pdx_cli_error(program, "%s", message);
	fprintf(stderr, "Try '%s --help' for more information.\n", program);
	return PDX_CLI_EXIT_FAILURE;
}

/* The options of several programs, in the order they follow a program's own: the order in
 * which getopt_long() lists the options an abbreviation could be. */
static const struct {
	struct option option;
	const char *short_option;
	unsigned common; /* 0: every program's */
} common_options[] = {
	{{"db", required_argument, NULL, 'd'}, "d:", PDX_CLI_DB},
	{{"thesaurus", required_argument, NULL, 't'}, "t:", PDX_CLI_THESAURUS},
	{{"replay-url", required_argument, NULL, PDX_CLI_OPT_REPLAY_URL}, "", PDX_CLI_REPLAY_URL},
	{{"quiet", no_argument, NULL, 'q'}, "q", PDX_CLI_QUIET},
	{{"help", no_argument, NULL, 'h'}, "h", 0},
	{{"version", no_argument, NULL, 'V'}, "V", 0},
};

#define N_COMMON (sizeof common_options / sizeof common_options[0])

/* The options getopt_long() is to take: the program's own, then the COMMON ones it takes and
 * -h and -V. Returns 0 with *LONG_OUT and *SHORT_OUT to be freed, or -1 when memory ran out. */
static int all_options(const char *short_options, const struct option *options, unsigned common,
		       struct option **long_out, char **short_out)
{
	size_t n = 0, at;
	struct option *all;
	char *short_all;

	while (options[n].name)
		n++;
	all = calloc(n + N_COMMON + 1, sizeof *all);
	short_all = malloc(strlen(short_options) + 3 * N_COMMON + 1);
	if (!all || !short_all) {
		free(all);
		free(short_all);
		return -1;
	}
	memcpy(all, options, n * sizeof *all);
	strcpy(short_all, short_options);
	at = n;
	for (size_t i = 0; i < N_COMMON; i++) {
		if (common_options[i].common && !(common & common_options[i].common))
			continue;
		all[at++] = common_options[i].option;
		strcat(short_all, common_options[i].short_option);
	}
	*long_out = all;
	*short_out = short_all;
	return 0;
}

/* What the option OPT, with the argument ARG, makes of the program: PDX_CLI_GO_ON, or the
 * status to exit with. */
static int take_option(const char *program, int opt, const char *arg, void (*usage)(FILE *out),
		       pdx_cli_option_fn read, void *ctx)
{
	if (opt == 'h') {
		usage(stdout);
		return PDX_CLI_EXIT_SUCCESS;
	}
	if (opt == 'V') {
		printf("%s (polidex) %s\n", program, polidex_version());
		return PDX_CLI_EXIT_SUCCESS;
	}
	/* getopt_long() has said what was wrong with the option. */
	if (opt == '?' || opt == ':')
		return pdx_cli_usage_error(program, NULL);
	return read(opt, arg, ctx);
}

int pdx_cli_read_options(const char *program, int argc, char **argv, const char *short_options,
			 const struct option *options, unsigned common, void (*usage)(FILE *out),
			 pdx_cli_option_fn read, void *ctx)
{
	struct option *all;
	char *short_all;
	int rc = PDX_CLI_GO_ON;

	if (all_options(short_options, options, common, &all, &short_all) < 0) {
		pdx_cli_error(program, "out of memory");
		return PDX_CLI_EXIT_FAILURE;
	}
	while (rc == PDX_CLI_GO_ON) {
		int opt = getopt_long(argc, argv, short_all, all, NULL);

		if (opt == -1)
			break;
		rc = take_option(program, opt, optarg, usage, read, ctx);
	}
	free(all);
	free(short_all);
	return rc;
}

int pdx_cli_flush_stdout(const char *program)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		pdx_cli_error(program, "standard output: %s", strerror(errno));
		return -1;
	}
	return 0;
}
