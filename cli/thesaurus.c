/* thesaurus.c: loading the thesaurus for a program, with messages for its user. */
#include "config.h"

#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>

/* Say, after the reason the default thesaurus did not load, what the program does without it. */
static void say_without_default(const char *program, const char *reason,
				enum pdx_cli_without_thesaurus without)
{
	switch (without) {
	case PDX_CLI_THESAURUS_NEEDED:
	case PDX_CLI_WITHOUT_CONCEPTS:
		pdx_cli_error(program, "%s", reason);
		pdx_cli_error(program,
			      "that is the default thesaurus; name another with --thesaurus "
			      "FILE or the environment variable POLIDEX_THESAURUS%s",
			      without == PDX_CLI_WITHOUT_CONCEPTS ? "; going on without concepts"
								  : "");
		break;
	case PDX_CLI_WITHOUT_LABELS:
		pdx_cli_error(program, "%s", reason);
		pdx_cli_error(program, "searching without concept labels; name a thesaurus with "
				       "--thesaurus FILE or POLIDEX_THESAURUS");
		break;
	case PDX_CLI_SERVICE_WITHOUT_LABELS:
		pdx_cli_error(program, "%s; searching without concept labels", reason);
		break;
	}
}

int pdx_cli_load_thesaurus(const char *program, const char *path,
			   enum pdx_cli_without_thesaurus without, polidex_thesaurus_t **out)
{
	char *message = NULL;
	const char *file = path ? path : polidex_thesaurus_default_path();
	polidex_status_t status = polidex_thesaurus_load(file, out, &message);
	const char *reason = message ? message : polidex_status_to_string(status);

	if (status == POLIDEX_STATUS_SUCCESS)
		return 0;
	*out = NULL;
	if (path)
		pdx_cli_error(program, "%s", reason);
	else
		say_without_default(program, reason, without);
	free(message);
	return path || without == PDX_CLI_THESAURUS_NEEDED ? -1 : 0;
}
