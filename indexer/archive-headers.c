/* archive-headers.c: the header lines of WARC and ARC records, and of HTTP responses. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "indexer/archive-internal.h"
#include "util/array.h"

int pdx_archive_timestamp(const char *date, char out[15])
{
	int n = 0, month, day;

	if (!date)
		return -1;
	for (const char *p = date; *p && n < 14; p++) {
		if (isdigit((unsigned char)*p))
			out[n++] = *p;
		else if (n > 0 && *p != '-' && *p != ':' && *p != 'T' && *p != ' ')
			break; /* a fraction, a zone */
	}
	if (n < 4 || n % 2)
		return -1;
	/* A month or a day left out is the first; a time left out is midnight. */
	for (; n < 14; n += 2) {
		out[n] = '0';
		out[n + 1] = n == 4 || n == 6 ? '1' : '0';
	}
	out[14] = '\0';
	month = (out[4] - '0') * 10 + (out[5] - '0');
	day = (out[6] - '0') * 10 + (out[7] - '0');
	if (month < 1 || month > 12 || day < 1 || day > 31 || out[8] > '2' ||
	    (out[8] == '2' && out[9] > '3') || out[10] > '5' || out[12] > '6')
		return -1;
	return 0;
}

int pdx_archive_warc_version_known(const char *version)
{
	return (strncmp(version, "1.", 2) == 0 && isdigit((unsigned char)version[2])) ||
	       strcmp(version, "0.17") == 0 || strcmp(version, "0.18") == 0;
}

static const char *header_value(const char *line, size_t len, const char *name, size_t *vlen)
{
	size_t n = strlen(name);
	const char *v;

	if (len <= n || strncasecmp(line, name, n) != 0 || line[n] != ':')
		return NULL;
	v = line + n + 1;
	while (v < line + len && (*v == ' ' || *v == '\t'))
		v++;
	*vlen = (size_t)(line + len - v);
	while (*vlen && (v[*vlen - 1] == ' ' || v[*vlen - 1] == '\t'))
		(*vlen)--;
	return v;
}

enum pdx_record_type pdx_archive_record_type(const char *name)
{
	static const struct {
		const char *name;
		enum pdx_record_type type;
	} types[] = {
		{"warcinfo", PDX_RECORD_WARCINFO},     {"response", PDX_RECORD_RESPONSE},
		{"resource", PDX_RECORD_RESOURCE},     {"request", PDX_RECORD_REQUEST},
		{"metadata", PDX_RECORD_METADATA},     {"revisit", PDX_RECORD_REVISIT},
		{"conversion", PDX_RECORD_CONVERSION}, {"continuation", PDX_RECORD_CONTINUATION},
	};

	for (size_t i = 0; i < PDX_COUNT(types); i++)
		if (strcasecmp(name, types[i].name) == 0)
			return types[i].type;
	return PDX_RECORD_OTHER;
}

/* Keep VALUE (LEN bytes) as field F of the record. */
static void keep(pdx_archive_t *a, long off[N_FIELDS], enum pdx_archive_field f, const char *value,
		 size_t len)
{
	off[f] = (long)a->fields.len;
	pdx_buf_add(&a->fields, value, len);
	pdx_buf_addc(&a->fields, '\0');
}

void pdx_archive_keep_media_type(pdx_archive_t *a, long off[N_FIELDS], const char *v,
				 size_t len)
{
	size_t tn = 0;
	const char *cs;

	while (tn < len && v[tn] != ';' && v[tn] != ' ' && v[tn] != '\t')
		tn++;
	off[F_PAYLOAD_TYPE] = (long)a->fields.len;
	for (size_t i = 0; i < tn; i++)
		pdx_buf_addc(&a->fields, (char)tolower((unsigned char)v[i]));
	pdx_buf_addc(&a->fields, '\0');
	for (cs = v; cs + 8 <= v + len; cs++) {
		if (strncasecmp(cs, "charset=", 8) == 0) {
			size_t n;

			cs += 8;
			while (cs < v + len && (*cs == '"' || *cs == '\'' || *cs == ' '))
				cs++;
			for (n = 0; cs + n < v + len && !strchr("\"'; \t", cs[n]); n++)
				;
			if (n)
				keep(a, off, F_CHARSET, cs, n);
			break;
		}
	}
}

void pdx_archive_parse_http(pdx_archive_t *a, struct pdx_archive_record *rec,
			    long off[N_FIELDS])
{
	const char *p = a->peek.data, *end = p + a->peek.len, *eol, *q;
	const char *blank = NULL;

	a->http_len = 0;
	if (a->peek.len < 12 || strncmp(p, "HTTP/", 5) != 0)
		return;
	/* The header ends at the first empty line. */
	for (q = p; q < end; q = eol + 1) {
		eol = memchr(q, '\n', (size_t)(end - q));
		if (!eol)
			return; /* no end within what was read: no HTTP header to use */
		if (eol == q || (eol == q + 1 && *q == '\r')) {
			blank = eol + 1;
			break;
		}
	}
	if (!blank)
		return;
	rec->http = 1;
	a->http_len = (size_t)(blank - p);
	q = memchr(p, ' ', (size_t)(blank - p));
	rec->status = q && isdigit((unsigned char)q[1]) ? atoi(q + 1) : 0;
	for (q = memchr(p, '\n', (size_t)(blank - p)) + 1; q < blank; q = eol + 1) {
		size_t n, vlen;
		const char *v;

		eol = memchr(q, '\n', (size_t)(blank - q));
		n = (size_t)(eol - q);
		if (n && q[n - 1] == '\r')
			n--;
		v = header_value(q, n, "Content-Type", &vlen);
		if (v) {
			pdx_archive_keep_media_type(a, off, v, vlen);
			continue;
		}
		v = header_value(q, n, "Content-Encoding", &vlen);
		if (v) {
			keep(a, off, F_CONTENT_ENCODING, v, vlen);
			continue;
		}
		v = header_value(q, n, "Transfer-Encoding", &vlen);
		if (v)
			keep(a, off, F_TRANSFER_ENCODING, v, vlen);
	}
}

/* A URI (V, *LEN bytes) without the angle brackets GNU wget writes around it. */
static const char *without_angles(const char *v, size_t *len)
{
	if (*len >= 2 && v[0] == '<' && v[*len - 1] == '>') {
		*len -= 2;
		return v + 1;
	}
	return v;
}

/* How the WARC headers the reader keeps are kept: as they are, as URIs (without wget's
 * angle brackets) or as dates (YYYYMMDDhhmmss). */
enum warc_value { WARC_TEXT, WARC_URI, WARC_DATE };

static const struct {
	const char *name;
	enum pdx_archive_field field;
	enum warc_value kind;
} warc_fields[] = {
	{"WARC-Type", F_TYPE, WARC_TEXT},
	{"WARC-Target-URI", F_URI, WARC_URI},
	{"WARC-Date", F_DATE, WARC_DATE},
	{"WARC-Record-ID", F_ID, WARC_TEXT},
	{"Content-Type", F_CONTENT_TYPE, WARC_TEXT},
	{"WARC-Refers-To-Target-URI", F_REFERS_URI, WARC_URI},
	{"WARC-Refers-To-Date", F_REFERS_DATE, WARC_DATE},
};

/* Read the WARC header LINE (LEN bytes) into REC, its fields at OFF and its block's length
 * *LENGTH (-2 for one that is no length), when it is one the reader keeps. */
static void read_warc_header(pdx_archive_t *a, struct pdx_archive_record *rec,
			     long off[N_FIELDS], const char *line, size_t len, long long *length)
{
	size_t vlen;
	const char *v = header_value(line, len, "Content-Length", &vlen);
	char ts[15];

	if (v) {
		char *end;

		errno = 0;
		*length = strtoll(v, &end, 10);
		if (end == v || errno || *length < 0 || end != v + vlen)
			*length = -2;
		return;
	}
	if (header_value(line, len, "WARC-Truncated", &vlen)) {
		rec->truncated = 1;
		return;
	}
	for (size_t i = 0; i < PDX_COUNT(warc_fields); i++) {
		v = header_value(line, len, warc_fields[i].name, &vlen);
		if (!v)
			continue;
		if (warc_fields[i].kind == WARC_URI)
			v = without_angles(v, &vlen);
		if (warc_fields[i].kind != WARC_DATE)
			keep(a, off, warc_fields[i].field, v, vlen);
		else if (pdx_archive_timestamp(v, ts) == 0)
			keep(a, off, warc_fields[i].field, ts, 14);
		return;
	}
}

int pdx_archive_read_warc_headers(pdx_archive_t *a, struct pdx_archive_record *rec,
				  long off[N_FIELDS], long long *length)
{
	long n = 0;
	int broke = a->gz_broke;

	for (int h = 0; h < MAX_HEADERS; h++) {
		n = pdx_archive_get_line(a);
		if (n <= 0 || a->gz_broke != broke)
			break;
		read_warc_header(a, rec, off, a->line, (size_t)n, length);
	}
	if (a->gz_broke != broke) {
		if (n > 0)
			pdx_archive_keep_line_if_record(a);
		return pdx_archive_damaged(a, rec->number, rec->offset, "%s", a->gz_message);
	}
	if (n < 0)
		return pdx_archive_damaged(a, rec->number, rec->offset,
					   "truncated record (the file ends in its header)");
	if (n > 0)
		return pdx_archive_damaged(a, rec->number, rec->offset,
					   "malformed record (more than %d header lines)",
					   MAX_HEADERS);
	if (*length == -1)
		return pdx_archive_damaged(a, rec->number, rec->offset,
					   "malformed record (no Content-Length)");
	if (*length < 0)
		return pdx_archive_damaged(a, rec->number, rec->offset,
					   "malformed record (its Content-Length is no length)");
	return 0;
}

/* An ARC header line: "URL IP DATE TYPE LENGTH" (version 1) or "URL IP DATE TYPE STATUS
 * CHECKSUM LOCATION OFFSET FILENAME LENGTH" (version 2), read from the right since a URL may
 * hold spaces. Returns 0, or a DAMAGED event. */
int pdx_archive_parse_arc_header(pdx_archive_t *a, struct pdx_archive_record *rec,
			    long off[N_FIELDS], const char *line, long long *length)
{
	const char *tok[10];
	size_t len[10];
	int n = 0, want = a->arc_version == 2 ? 10 : 5;
	const char *end = line + strlen(line), *url_end;
	char *stop;
	char ts[15];

	while (n < want - 1 && end > line) {
		const char *start;

		while (end > line && end[-1] == ' ')
			end--;
		start = end;
		while (start > line && start[-1] != ' ')
			start--;
		if (start == end)
			break;
		tok[n] = start;
		len[n++] = (size_t)(end - start);
		end = start;
	}
	url_end = end;
	while (url_end > line && url_end[-1] == ' ')
		url_end--;
	if (n < want - 1 || url_end == line)
		return pdx_archive_damaged(a, rec->number, rec->offset,
					   "bad ARC record header (too few fields): \"%.80s\"",
					   line);
	keep(a, off, F_URI, line, (size_t)(url_end - line));
	keep(a, off, F_CONTENT_TYPE, tok[want - 4], len[want - 4]);
	if (len[want - 3] < sizeof ts) {
		char date[15];

		memcpy(date, tok[want - 3], len[want - 3]);
		date[len[want - 3]] = '\0';
		if (pdx_archive_timestamp(date, ts) == 0)
			keep(a, off, F_DATE, ts, 14);
	} else if (pdx_archive_timestamp(tok[want - 3], ts) == 0) {
		/* More than 14 digits (seen in the wild): the first 14 are the date. */
		keep(a, off, F_DATE, ts, 14);
	}
	errno = 0;
	*length = strtoll(tok[0], &stop, 10);
	if (stop != tok[0] + len[0] || stop == tok[0] || errno || *length < 0)
		return pdx_archive_damaged(a, rec->number, rec->offset,
					   "bad ARC record header (length \"%.*s\" is no length)",
					   (int)len[0], tok[0]);
	return 0;
}
