/* output.h: search results written for people (text) and for programs (JSON). */
#ifndef PDX_OUTPUT_H
#define PDX_OUTPUT_H

#include <json-c/json.h>
#include <stdio.h>

#include "polidex.h"

/* The request the results answer, echoed in the output. */
struct pdx_output_request {
	const char *query;
	unsigned offset;
	unsigned limit;
	const char *const *facets; /* facet fields asked for */
	size_t n_facets;
};

/* Version of the JSON output's shape (doc/query-output.schema.json). */
#define PDX_OUTPUT_JSON_VERSION 1

/* The results as one JSON object: version, query, total, offset, limit, hits and facets.
 * NULL when memory runs out. */
json_object *pdx_output_json(polidex_results_t *results, const struct pdx_output_request *req);

/* The results as readable text. Matched words are shown in bold when COLOUR, else between
 * asterisks. */
void pdx_output_text(FILE *out, polidex_results_t *results, const struct pdx_output_request *req,
		     int colour);

/* The hits as CSV (RFC 4180): a header line, then rank, docid, score, date, title, authors
 * (joined by "; "), section, language, url and the snippet without its marks. */
void pdx_output_csv(FILE *out, polidex_results_t *results, const struct pdx_output_request *req);

#endif
