/* warc.h: reading the response records of WARC 1.0 and 1.1 files, plain or gzipped. */
#ifndef PDX_WARC_H
#define PDX_WARC_H

#include <stddef.h>

/* One HTTP response from a WARC file. Strings are valid during the callback only. */
struct pdx_warc_response {
	const char *target_uri; /* WARC-Target-URI */
	const char *date;       /* WARC-Date, as written */
	const char *charset;    /* from the HTTP Content-Type, or NULL */
	const char *content_type; /* the HTTP Content-Type's media type, or NULL */
	int status;             /* HTTP status code */
	const char *body;       /* the HTTP payload, after any transfer decoding */
	size_t body_len;
	unsigned long record;   /* the record's number in the file, from 1 */
};

/* Called for each response record; returns nonzero to stop reading. */
typedef int (*pdx_warc_response_fn)(const struct pdx_warc_response *response, void *ctx);

/* Called for each record that cannot be read (truncated, malformed), with its number and the
 * reason; reading goes on at the next record. */
typedef void (*pdx_warc_error_fn)(unsigned long record, const char *reason, void *ctx);

/* Read the WARC file at PATH (a .warc, or a .warc.gz of one gzip member per record, or of
 * one member for the whole file), calling ON_RESPONSE for each response record with an
 * HTTP response in it; request, metadata, revisit, resource and warcinfo records are
 * skipped. Returns the number of responses given, or -1 when the file cannot be opened or
 * is not a WARC file (the reason in ERROR, ERROR_LEN bytes). */
long pdx_warc_read(const char *path, pdx_warc_response_fn on_response,
		   pdx_warc_error_fn on_error, void *ctx, char *error, size_t error_len);

/* Nonzero for a file name that says WARC: *.warc or *.warc.gz. */
int pdx_warc_is_name(const char *name);

#endif
