/* output.h: search results written for people (text) and for spreadsheets (CSV). */
#ifndef PDX_OUTPUT_H
#define PDX_OUTPUT_H

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

/* The results as readable text. Matched words are shown in bold when COLOUR, else between
 * asterisks. */
void pdx_output_text(FILE *out, polidex_results_t *results, const struct pdx_output_request *req,
		     int colour);

/* The hits as CSV (RFC 4180): a header line, then rank, docid, score, date, title, authors
 * (joined by "; "), section, language, url and the snippet without its marks. */
void pdx_output_csv(FILE *out, polidex_results_t *results, const struct pdx_output_request *req);

#endif
