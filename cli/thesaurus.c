/* thesaurus.c: loading the thesaurus for a program, with messages for its user. */
#include "config.h"

#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

int pdx_cli_index_thesaurus(const char *program, polidex_db_t *db, const char *path,
			    enum pdx_cli_without_thesaurus without, polidex_thesaurus_t **out)
{
	polidex_thesaurus_t *held = NULL, *given = *out;
	int holds = 0;

	*out = NULL;
	/* A search process reads of the index's own scheme only what its query needs. */
	if (without == PDX_CLI_WITHOUT_LABELS && !path && !given) {
		if (polidex_db_holds_thesaurus(db, &holds) != POLIDEX_STATUS_SUCCESS) {
			pdx_cli_error(program, "%s", polidex_db_error(db));
			return -1;
		}
		if (holds)
			return 0;
	}
	if (polidex_db_get_thesaurus(db, &held) != POLIDEX_STATUS_SUCCESS) {
		pdx_cli_error(program, "%s", polidex_db_error(db));
		polidex_thesaurus_destroy(given);
		return -1;
	}
	if (!held) {
		*out = given;
		return given ? 0 : pdx_cli_load_thesaurus(program, path, without, out);
	}
	if (path) {
		int same;

		if (!given && pdx_cli_load_thesaurus(program, path, without, &given) < 0)
			goto fail;
		same = polidex_thesaurus_same(held, given);
		polidex_thesaurus_destroy(given);
		if (!same) {
			pdx_cli_error(program,
				      "--thesaurus %s: the index was tagged with another concept "
				      "scheme, that of %s (%zu concepts), which it holds; leave "
				      "--thesaurus out to use it, or index into a new database to "
				      "change it",
				      path, polidex_thesaurus_get_source(held),
				      polidex_thesaurus_count_concepts(held));
			goto fail;
		}
	}
	polidex_thesaurus_destroy(given);
	*out = held;
	return 0;
fail:
	polidex_thesaurus_destroy(held);
	return -1;
}

int pdx_cli_thesaurus_arg(const char *program, const char *arg, const char **unnamed,
			  struct pdx_cli_scheme *schemes, size_t *n)
{
	const char *eq = strchr(arg, '=');
	char name[32];

	if (eq && (size_t)(eq - arg) < sizeof name) {
		memcpy(name, arg, (size_t)(eq - arg));
		name[eq - arg] = '\0';
	}
	if (eq && eq > arg && access(arg, F_OK) != 0 &&
	    ((size_t)(eq - arg) >= sizeof name || !polidex_scheme_name_valid(name))) {
		/* Neither a file nor NAME=FILE: say what a name may be. */
		pdx_cli_error(program,
			      "--thesaurus %s: no such file, and '%.*s' cannot name a scheme: a "
			      "name is a small letter and up to 30 more small letters, digits, "
			      "'-' or '_', and not the name of another field",
			      arg, (int)(eq - arg), arg);
		return -1;
	}
	if (!eq || (size_t)(eq - arg) >= sizeof name || !polidex_scheme_name_valid(name) ||
	    strcmp(name, POLIDEX_UNNAMED_SCHEME) == 0) {
		*unnamed = eq && strncmp(arg, "concept=", 8) == 0 ? eq + 1 : arg;
		return 0;
	}
	for (size_t i = 0; i < *n; i++)
		if (strcmp(schemes[i].name, name) == 0) {
			pdx_cli_error(program,
				      "--thesaurus %s: a scheme called %s is given already", arg,
				      name);
			return -1;
		}
	if (*n == PDX_CLI_SCHEMES_MAX) {
		pdx_cli_error(program, "--thesaurus %s: at most %d named schemes", arg,
			      PDX_CLI_SCHEMES_MAX);
		return -1;
	}
	memcpy(schemes[*n].name, name, sizeof name);
	schemes[(*n)++].path = eq + 1;
	return 0;
}

int pdx_cli_held_schemes(const char *program, polidex_db_t *db,
			 int (*want)(void *ctx, const char *name),
			 void (*keep)(void *ctx, const char *name, polidex_thesaurus_t *th),
			 void *ctx)
{
	char *names = NULL, *p, *nl;
	polidex_status_t status = polidex_db_get_scheme_names(db, &names);

	for (p = names; status == POLIDEX_STATUS_SUCCESS && p && (nl = strchr(p, '\n'));
	     p = nl + 1) {
		polidex_thesaurus_t *th = NULL;

		*nl = '\0';
		if (!polidex_scheme_name_valid(p) || !want(ctx, p))
			continue;
		status = polidex_db_get_scheme(db, p, &th);
		if (status == POLIDEX_STATUS_SUCCESS && th)
			keep(ctx, p, th);
	}
	free(names);
	if (status == POLIDEX_STATUS_SUCCESS)
		return 0;
	if (status == POLIDEX_STATUS_OUT_OF_MEMORY)
		pdx_cli_error(program, "out of memory");
	else
		pdx_cli_error(program, "%s", polidex_db_error(db));
	return -1;
}
