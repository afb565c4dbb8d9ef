/* raptor.c: loading raptor2 on first use (see raptor.h). */
#include "config.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "concepts/raptor.h"

static struct pdx_raptor table;
static const struct pdx_raptor *loaded;
static char why[512];
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* Set *SLOT to the function NAME of LIB; 0, or -1 when LIB lacks it. */
static int find(void *lib, const char *name, void *slot)
{
	void *fn = dlsym(lib, name);

	if (!fn) {
		snprintf(why, sizeof why, "%s lacks %s", PDX_RAPTOR_SONAME, name);
		return -1;
	}
	memcpy(slot, &fn, sizeof fn);
	return 0;
}

static void load(void)
{
	void *lib = dlopen(PDX_RAPTOR_SONAME, RTLD_NOW | RTLD_LOCAL);
	int rc = 0;

	if (!lib) {
		const char *e = dlerror();

		snprintf(why, sizeof why, "cannot load the RDF parser: %s",
			 e ? e : PDX_RAPTOR_SONAME);
		return;
	}
	rc |= find(lib, "raptor_new_world_internal", &table.new_world_internal);
	rc |= find(lib, "raptor_world_open", &table.world_open);
	rc |= find(lib, "raptor_world_set_log_handler", &table.world_set_log_handler);
	rc |= find(lib, "raptor_new_parser", &table.new_parser);
	rc |= find(lib, "raptor_new_uri_from_uri_or_file_string",
		   &table.new_uri_from_uri_or_file_string);
	rc |= find(lib, "raptor_parser_set_option", &table.parser_set_option);
	rc |= find(lib, "raptor_parser_set_statement_handler",
		   &table.parser_set_statement_handler);
	rc |= find(lib, "raptor_parser_parse_file_stream", &table.parser_parse_file_stream);
	rc |= find(lib, "raptor_uri_as_string", &table.uri_as_string);
	rc |= find(lib, "raptor_free_parser", &table.free_parser);
	rc |= find(lib, "raptor_free_uri", &table.free_uri);
	rc |= find(lib, "raptor_free_world", &table.free_world);
	if (rc == 0)
		loaded = &table;
}

const struct pdx_raptor *pdx_raptor(char *error, size_t error_len)
{
	pthread_once(&once, load);
	if (!loaded)
		snprintf(error, error_len, "%s", why);
	return loaded;
}
