/* warc.c: WARC records through zlib's gzip reader, which reads plain files as they are and
 * gzip files of one member per record as one stream. */
#include "config.h"

#include "warc.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "buf.h"

#define MAX_LINE 65536
#define MAX_HEADERS 256
#define MAX_BLOCK (64u * 1024 * 1024) /* a larger record is skipped */

int pdx_warc_is_name(const char *name)
{
	size_t n = strlen(name);

	return (n > 5 && strcasecmp(name + n - 5, ".warc") == 0) ||
	       (n > 8 && strcasecmp(name + n - 8, ".warc.gz") == 0);
}

/* Read a line into LINE without its end; returns its length, or -1 at the end of the file. */
static long read_line(gzFile gz, char *line, size_t size)
{
	size_t n;

	if (!gzgets(gz, line, (int)size))
		return -1;
	n = strlen(line);
	/* A line longer than the buffer: drop the rest of it. */
	if (n == size - 1 && line[n - 1] != '\n') {
		char rest[4096];

		while (gzgets(gz, rest, sizeof rest) && rest[strlen(rest) - 1] != '\n')
			;
	}
	while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	return (long)n;
}

/* The value of header NAME in "Name: value" LINE, or NULL. */
static const char *header_value(const char *line, const char *name)
{
	size_t n = strlen(name);

	if (strncasecmp(line, name, n) != 0 || line[n] != ':')
		return NULL;
	line += n + 1;
	while (*line == ' ' || *line == '\t')
		line++;
	return line;
}

/* Undo chunked transfer coding in place; returns the payload's length, or -1 when the chunks
 * run past the end. */
static long dechunk(char *data, size_t len)
{
	size_t r = 0, w = 0;

	for (;;) {
		char *end;
		unsigned long size;

		if (r >= len)
			return -1;
		size = strtoul(data + r, &end, 16);
		if (end == data + r)
			return -1;
		while ((size_t)(end - data) < len && *end != '\n')
			end++;
		r = (size_t)(end - data) + 1;
		if (size == 0)
			return (long)w;
		if (size > len - r)
			return -1;
		memmove(data + w, data + r, size);
		w += size;
		r += size;
		while (r < len && (data[r] == '\r' || data[r] == '\n'))
			r++;
	}
}

/* Parse the HTTP response in BLOCK and give it to FN. Returns FN's answer (nonzero to stop),
 * or -1 for a block that is no HTTP response. */
static int give_response(char *block, size_t len, const char *uri, const char *date,
			 unsigned long record, pdx_warc_response_fn fn, void *ctx)
{
	struct pdx_warc_response r;
	char *p = block, *end = block + len, *eol;
	char content_type[256] = "", charset[64] = "";
	int chunked = 0;

	memset(&r, 0, sizeof r);
	if (len < 12 || strncmp(block, "HTTP/", 5) != 0)
		return -1;
	r.status = atoi(strchr(block, ' ') ? strchr(block, ' ') + 1 : "0");
	/* Headers up to the blank line. */
	for (;;) {
		const char *v;

		eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			return -1;
		*eol = '\0';
		if (eol > p && eol[-1] == '\r')
			eol[-1] = '\0';
		if (!*p && p != block) {
			p = eol + 1;
			break;
		}
		if ((v = header_value(p, "Content-Type"))) {
			const char *cs = strcasestr(v, "charset=");
			size_t n = strcspn(v, ";");

			snprintf(content_type, sizeof content_type, "%.*s", (int)n, v);
			if (cs) {
				cs += 8;
				cs += strspn(cs, "\"' ");
				snprintf(charset, sizeof charset, "%.*s", (int)strcspn(cs, "\"'; "), cs);
			}
		} else if ((v = header_value(p, "Transfer-Encoding"))) {
			chunked = strcasestr(v, "chunked") != NULL;
		}
		p = eol + 1;
	}
	r.body = p;
	r.body_len = (size_t)(end - p);
	if (chunked) {
		long n = dechunk(p, r.body_len);

		if (n >= 0)
			r.body_len = (size_t)n;
	}
	r.target_uri = uri;
	r.date = date;
	r.charset = *charset ? charset : NULL;
	r.content_type = *content_type ? content_type : NULL;
	r.record = record;
	return fn(&r, ctx) != 0;
}

long pdx_warc_read(const char *path, pdx_warc_response_fn on_response,
		   pdx_warc_error_fn on_error, void *ctx, char *error, size_t error_len)
{
	gzFile gz = gzopen(path, "rb");
	char *line = malloc(MAX_LINE);
	unsigned long record = 0;
	long given = 0;
	int stop = 0, resync = 0;

	if (!gz || !line) {
		snprintf(error, error_len, "%s: %s", path, gz ? "out of memory" : strerror(errno));
		if (gz)
			gzclose(gz);
		free(line);
		return -1;
	}
	gzbuffer(gz, 1 << 16);
	while (!stop) {
		char type[64] = "", uri[8192] = "", date[64] = "";
		long length = -1, n;
		char *block;

		/* The version line, after the blank lines ending the previous record. */
		do
			n = read_line(gz, line, MAX_LINE);
		while (n == 0);
		if (n < 0)
			break;
		if (strncmp(line, "WARC/1.", 7) != 0) {
			if (record == 0 && !resync) {
				snprintf(error, error_len, "%s: not a WARC file (no WARC/1.x header)",
					 path);
				gzclose(gz);
				free(line);
				return -1;
			}
			/* Lost in a damaged record: look for the next one. */
			if (!resync)
				on_error(record + 1, "malformed record, skipped to the next", ctx);
			resync = 1;
			continue;
		}
		resync = 0;
		record++;
		for (int h = 0; h < MAX_HEADERS; h++) {
			const char *v;

			n = read_line(gz, line, MAX_LINE);
			if (n <= 0)
				break;
			if ((v = header_value(line, "WARC-Type")))
				snprintf(type, sizeof type, "%s", v);
			else if ((v = header_value(line, "WARC-Target-URI")))
				snprintf(uri, sizeof uri, "%s", v);
			else if ((v = header_value(line, "WARC-Date")))
				snprintf(date, sizeof date, "%s", v);
			else if ((v = header_value(line, "Content-Length")))
				length = strtol(v, NULL, 10);
		}
		if (n < 0) {
			on_error(record, "truncated record (its header is cut off)", ctx);
			break;
		}
		if (length < 0) {
			on_error(record, "malformed record (no Content-Length)", ctx);
			resync = 1;
			continue;
		}
		if ((unsigned long)length > MAX_BLOCK) {
			on_error(record, "record too large, skipped", ctx);
			gzseek(gz, length, SEEK_CUR);
			continue;
		}
		/* Only responses hold pages: skip the others without keeping them. */
		if (strcasecmp(type, "response") != 0) {
			if (gzseek(gz, length, SEEK_CUR) < 0) {
				on_error(record, "truncated record", ctx);
				break;
			}
			continue;
		}
		block = malloc((size_t)length + 1);
		if (!block) {
			on_error(record, "out of memory, skipped", ctx);
			gzseek(gz, length, SEEK_CUR);
			continue;
		}
		n = gzread(gz, block, (unsigned)length);
		if (n < length) {
			char why[96];

			snprintf(why, sizeof why, "truncated record (%ld of %ld bytes)", n < 0 ? 0 : n,
				 length);
			on_error(record, why, ctx);
			free(block);
			break;
		}
		block[length] = '\0';
		if (!*uri) {
			on_error(record, "response without WARC-Target-URI, skipped", ctx);
		} else {
			int rc = give_response(block, (size_t)length, uri, date, record, on_response,
					       ctx);

			if (rc < 0)
				on_error(record, "response record without an HTTP response, skipped",
					 ctx);
			else
				given++;
			stop = rc > 0;
		}
		free(block);
	}
	gzclose(gz);
	free(line);
	return given;
}
