/* cli-thesaurus.c: loading the thesaurus for a program, with messages for its user. */
#include "config.h"

#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>

polidex_thesaurus_t *pdx_cli_load_thesaurus(const char *program, const char *path,
					    int optional_default, int *fatal)
{
	polidex_thesaurus_t *th = NULL;
	char *message = NULL;
	const char *file = path ? path : polidex_thesaurus_default_path();
	polidex_status_t status = polidex_thesaurus_load(file, &th, &message);

	*fatal = 0;
	if (status != POLIDEX_STATUS_SUCCESS) {
		fprintf(stderr, "%s: %s\n", program,
			message ? message : polidex_status_to_string(status));
		if (!path)
			fprintf(stderr, "%s: that is the default thesaurus; name another with "
					"--thesaurus FILE or the environment variable "
					"POLIDEX_THESAURUS%s\n",
				program, optional_default ? "; going on without concepts" : "");
		free(message);
		*fatal = path || !optional_default;
		return NULL;
	}
	return th;
}

int pdx_cli_parse_score(const char *program, const char *s, double *out)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || *end || v < 0 || v > 1e6) {
		fprintf(stderr, "%s: --min-score: '%s' is not a number of 0 or more\n", program, s);
		return -1;
	}
	*out = v;
	return 0;
}
