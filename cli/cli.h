/* cli-thesaurus.h: the --thesaurus and --min-score options the programs share. */
#ifndef PDX_CLI_THESAURUS_H
#define PDX_CLI_THESAURUS_H

#include "polidex.h"

/* Load the thesaurus at PATH, or the default one when PATH is NULL. On failure prints
 * "PROGRAM: reason" on stderr (saying how to name another when the default is missing) and
 * returns NULL; *FATAL is set unless the default was missing and OPTIONAL_DEFAULT allows going
 * on without concepts. */
polidex_thesaurus_t *pdx_cli_load_thesaurus(const char *program, const char *path,
					    int optional_default, int *fatal);

/* Parse a --min-score value: a number of 0 or more. Returns 0, or -1 after printing why. */
int pdx_cli_parse_score(const char *program, const char *s, double *out);

#endif
