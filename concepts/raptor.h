/* raptor.h: raptor2, loaded when the first scheme file is parsed, not when polidex is. Its
 * dependencies (a network and TLS stack among them) take several milliseconds to load and
 * initialise, which a program that searches an index carrying its compiled scheme never
 * needs to spend. */
#ifndef PDX_RAPTOR_H
#define PDX_RAPTOR_H

#include <stddef.h>

#include <raptor2.h>

/* The functions of raptor2 that concepts/thesaurus.c calls. */
struct pdx_raptor {
	raptor_world *(*new_world_internal)(unsigned int version);
	int (*world_open)(raptor_world *world);
	int (*world_set_log_handler)(raptor_world *world, void *user_data,
				     raptor_log_handler handler);
	raptor_parser *(*new_parser)(raptor_world *world, const char *name);
	raptor_uri *(*new_uri_from_uri_or_file_string)(raptor_world *world,
						       raptor_uri *base_uri,
						       const unsigned char *uri_or_file_string);
	int (*parser_set_option)(raptor_parser *parser, raptor_option option,
				 const char *string, int integer);
	void (*parser_set_statement_handler)(raptor_parser *parser, void *user_data,
					     raptor_statement_handler handler);
	int (*parser_parse_file_stream)(raptor_parser *rdf_parser, FILE *stream,
					const char *filename, raptor_uri *base_uri);
	unsigned char *(*uri_as_string)(raptor_uri *uri);
	void (*free_parser)(raptor_parser *parser);
	void (*free_uri)(raptor_uri *uri);
	void (*free_world)(raptor_world *world);
};

/* raptor2's functions, loaded on the first call (any thread; the library stays loaded);
 * NULL with the reason in ERROR (ERROR_LEN bytes) when it cannot be loaded. */
const struct pdx_raptor *pdx_raptor(char *error, size_t error_len);

#endif
