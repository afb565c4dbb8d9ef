/* cli.h: what the four programs share: how they end reading their options, their exit statuses
 * and "PROGRAM: message" style, the thesaurus they load, and the option values more than one of
 * them reads. */
#ifndef PDX_CLI_H
#define PDX_CLI_H

#include <getopt.h>
#include <stddef.h>
#include <stdio.h>

#include "polidex.h"

/* ---- exit statuses and messages --------------------------------------------------------- */

/* What the programs exit with. */
enum pdx_cli_exit {
	PDX_CLI_EXIT_SUCCESS = 0, /* everything was done */
	PDX_CLI_EXIT_PARTIAL = 1, /* some inputs failed, and each was reported */
	PDX_CLI_EXIT_FAILURE = 2, /* a usage error, or an error that stopped the program */
};

/* What a program's function reading its options returns when the program is to go on;
 * anything else is the status to exit with (after --help, --version or a usage error). */
#define PDX_CLI_GO_ON (-1)

/* Print "PROGRAM: " and the message FMT makes (as printf() does) on a line of standard error. */
void pdx_cli_error(const char *program, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A usage error: "PROGRAM: MESSAGE" (unless MESSAGE is NULL) and where to find help, on standard
 * error. Returns PDX_CLI_EXIT_FAILURE. */
int pdx_cli_usage_error(const char *program, const char *message);

/* The options more than one program takes, declared here once: a program names those it
 * takes in the COMMON argument of pdx_cli_read_options(), which hands them to it as it does
 * its own. Every program takes -h (--help) and -V (--version), which pdx_cli_read_options()
 * answers itself. */
enum pdx_cli_common_option {
	PDX_CLI_DB = 1 << 0,	     /* -d, --db DIR: 'd' */
	PDX_CLI_THESAURUS = 1 << 1,  /* -t, --thesaurus FILE: 't' */
	PDX_CLI_REPLAY_URL = 1 << 2, /* --replay-url PATTERN: PDX_CLI_OPT_REPLAY_URL */
	PDX_CLI_QUIET = 1 << 3,	     /* -q, --quiet: 'q' */
};

/* What getopt_long() returns for --replay-url, an option with no short form; a program's own
 * options without one take values from 256 up, below it. */
#define PDX_CLI_OPT_REPLAY_URL 0x1000

/* What a program does with one of its options, OPT as getopt_long() returns it, with its
 * argument ARG (or NULL). Returns PDX_CLI_GO_ON, or the status to exit with. */
typedef int (*pdx_cli_option_fn)(int opt, const char *arg, void *ctx);

/* Read the options of ARGV with getopt_long(): the program's own (SHORT_OPTIONS and the table
 * OPTIONS, ended by an entry of NULL name, as getopt_long() takes them), followed by the
 * COMMON ones it takes and by -h and -V. Hands each to READ with CTX, but -h (--help), which
 * prints USAGE on standard output, -V (--version), which prints the version, and what
 * getopt_long() did not take (an option it does not know, or one without its argument: it
 * said so), a usage error. Returns PDX_CLI_GO_ON with optind at the first operand, or the
 * status to exit with. */
int pdx_cli_read_options(const char *program, int argc, char **argv, const char *short_options,
			 const struct option *options, unsigned common, void (*usage)(FILE *out),
			 pdx_cli_option_fn read, void *ctx);

/* Flush standard output at the end of a program. Returns 0, or -1 after saying why it failed. */
int pdx_cli_flush_stdout(const char *program);

/* ---- option values ---------------------------------------------------------------------- */

/* Read S as a whole number from MIN to MAX, as strtoul() reads a decimal number (leading blanks
 * and a '+' are taken) but without a '-'. ULONG_MAX itself, what strtoul() gives a number too
 * large, is never taken. Returns 0 with *OUT set, or -1. */
int pdx_cli_parse_number(const char *s, unsigned long min, unsigned long max, unsigned long *out);

/* Say that S, given to OPTION, is not a number from MIN to MAX: "PROGRAM: OPTION: 'S' is not a
 * number from MIN to MAX"; when MIN is 0, "... is not a number up to MAX" (or "is not a number"
 * when S is empty or negative); when MIN is 1 and MAX is ULONG_MAX, "... is not a positive
 * number". Returns PDX_CLI_EXIT_FAILURE. */
int pdx_cli_bad_number(const char *program, const char *option, const char *s, unsigned long min,
		       unsigned long max);

/* pdx_cli_parse_number() of S, given to OPTION, and pdx_cli_bad_number() when it fails.
 * Returns 0 with *OUT set, or -1. */
int pdx_cli_option_number(const char *program, const char *option, const char *s,
			  unsigned long min, unsigned long max, unsigned long *out);

/* Parse a --min-score value: a number of 0 or more. Returns 0, or -1 after printing why. */
int pdx_cli_parse_score(const char *program, const char *s, double *out);

/* A name an option takes, and the value it stands for. A table of them ends with a NULL name. */
struct pdx_cli_choice {
	const char *name;
	int value;
};

/* The orders of hits (polidex_sort_t) by name: relevance, date (newest first), -date. */
extern const struct pdx_cli_choice pdx_cli_sorts[];

/* The stemming strategies (polidex_stem_strategy_t) by name: none, some, all. */
extern const struct pdx_cli_choice pdx_cli_stem_strategies[];

/* The value NAME stands for in CHOICES. Returns 0 with *VALUE set, or -1 for another name. */
int pdx_cli_choose(const struct pdx_cli_choice *choices, const char *name, int *value);

/* The names of CHOICES joined by ", " ("none, some, all") in OUT, of SIZE bytes. Returns OUT. */
const char *pdx_cli_choice_names(const struct pdx_cli_choice *choices, char *out, size_t size);

/* pdx_cli_choose() of NAME, given to OPTION; when NAME is none of CHOICES, prints "PROGRAM:
 * OPTION: 'NAME' is not one of A, B, C". Returns 0 with *VALUE set, or -1. */
int pdx_cli_option_choice(const char *program, const char *option,
			  const struct pdx_cli_choice *choices, const char *name, int *value);

/* Add VALUE, given to the repeatable OPTION, to the *N strings of LIST, which has room for MAX;
 * when it is full, prints "PROGRAM: OPTION: at most MAX WHAT". Returns 0, or -1. */
int pdx_cli_add_repeated(const char *program, const char *option, const char *what,
			 const char **list, size_t *n, size_t max, const char *value);

/* Say that the --replay-url PATTERN names a placeholder polidex does not know, and which it
 * knows. */
void pdx_cli_bad_replay_url(const char *program, const char *pattern);

/* Check a --replay-url PATTERN. Returns 0, or -1 after pdx_cli_bad_replay_url(). */
int pdx_cli_check_replay_url(const char *program, const char *pattern);

/* The file named by an option that reads lines: PATH, or standard input for "-". NULL when it
 * cannot be opened (errno says why). */
FILE *pdx_cli_open_lines(const char *path);

/* Cut the line ending ("\n", "\r\n") off LINE, LEN bytes long. Returns its new length. */
size_t pdx_cli_cut_line_end(char *line, size_t len);

/* ---- the thesaurus ---------------------------------------------------------------------- */

/* What a program does when the default thesaurus cannot be loaded (one named with --thesaurus
 * must load, whatever the program). */
enum pdx_cli_without_thesaurus {
	PDX_CLI_THESAURUS_NEEDED, /* it stops: its work would be incomplete without concepts */
	PDX_CLI_WITHOUT_CONCEPTS, /* it goes on without tagging concepts */
	PDX_CLI_WITHOUT_LABELS,	  /* it searches by words alone, and says how to name one */
	PDX_CLI_SERVICE_WITHOUT_LABELS, /* the same, said on one line of a service's log */
};

/* A scheme named on the command line: --thesaurus NAME=FILE. */
#define PDX_CLI_SCHEMES_MAX 16
struct pdx_cli_scheme {
	char name[32];
	const char *path;
};

/* Read the argument ARG of --thesaurus: FILE, the unnamed scheme's, into *UNNAMED; or
 * NAME=FILE, when what comes before the first '=' may name a scheme (polidex_scheme_name_valid()
 * and not "concept", which names the unnamed one), added to the *N SCHEMES. Returns 0, or -1
 * after saying why not (a name given twice, more than PDX_CLI_SCHEMES_MAX). */
int pdx_cli_thesaurus_arg(const char *program, const char *arg, const char **unnamed,
			  struct pdx_cli_scheme *schemes, size_t *n);

/* Load each named scheme DB holds, in name order, that WANT (with CTX) asks for, and hand it
 * to KEEP with its name (KEEP takes it). Returns 0, or -1 after saying why not (DB could not
 * be read, or memory ran out). */
int pdx_cli_held_schemes(const char *program, polidex_db_t *db,
			 int (*want)(void *ctx, const char *name),
			 void (*keep)(void *ctx, const char *name, polidex_thesaurus_t *th),
			 void *ctx);

/* Load the thesaurus at PATH, or the default one when PATH is NULL, into *OUT: once, for every
 * thread of the program to share. When it cannot be loaded, prints "PROGRAM: reason" on standard
 * error, and what the program does for WITHOUT, and sets *OUT to NULL. Returns 0 (with or
 * without a thesaurus), or -1 when the program is to stop. */
int pdx_cli_load_thesaurus(const char *program, const char *path,
			   enum pdx_cli_without_thesaurus without, polidex_thesaurus_t **out);

/* The thesaurus to search or tag DB with, into *OUT: the scheme DB holds when it holds one
 * (PATH, when given, must be that scheme: another is refused, the message saying which one DB
 * holds); else the one pdx_cli_load_thesaurus() loads. For PDX_CLI_WITHOUT_LABELS (a search
 * process) with neither PATH nor a thesaurus on entry, *OUT is left NULL when DB holds a
 * scheme: its searches read of it what they need. A thesaurus in *OUT on entry is the
 * one already loaded from PATH (or the default): it is not loaded again, and is taken (freed
 * when DB's own is used). Returns 0, or -1 after saying why the program is to stop. */
int pdx_cli_index_thesaurus(const char *program, polidex_db_t *db, const char *path,
			    enum pdx_cli_without_thesaurus without, polidex_thesaurus_t **out);

#endif
