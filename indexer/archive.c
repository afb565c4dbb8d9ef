/* archive.c: WARC and ARC records read from a stream that may be gzipped. */
#include "config.h"

#include "indexer/archive.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>
#include <libdeflate.h>
#include <zlib.h>

#include "indexer/archive-internal.h"
#include "util/buf.h"

/* A gzipped file holds one member a record (as crawlers write them) or one member for the
 * whole file; archive-stream.c inflates the members, this file finds the records in what
 * they give. */

/* Tell the format by the first bytes that are not white space, without consuming any. */
static int sniff_format(pdx_archive_t *a, char *why, size_t why_len)
{
	for (;;) {
		const char *p;
		size_t left;

		if (!pdx_archive_ensure(a))
			break;
		p = a->buf + a->pos;
		left = a->end - a->pos;
		while (left && (*p == '\r' || *p == '\n' || *p == ' ' || *p == '\t')) {
			p++;
			left--;
		}
		if (!left) {
			a->pos = a->end; /* only white space so far */
			continue;
		}
		if (left >= 5 && memcmp(p, "WARC/", 5) == 0) {
			char version[16];
			size_t n = 0;

			while (n + 5 < left && n < sizeof version - 1 && p[5 + n] != '\r' &&
			       p[5 + n] != '\n')
				n++;
			memcpy(version, p + 5, n);
			version[n] = '\0';
			if (!pdx_archive_warc_version_known(version)) {
				snprintf(why, why_len,
					 "%s: WARC version %s is not one polidex reads (0.17, "
					 "0.18, 1.0, 1.1)",
					 a->name, version);
				return -1;
			}
			a->format = PDX_ARCHIVE_WARC;
			return 0;
		}
		if (left >= 11 && memcmp(p, "filedesc://", 11) == 0) {
			a->format = PDX_ARCHIVE_ARC;
			a->arc_version = 1;
			return 0;
		}
		break;
	}
	if (a->src_failed)
		snprintf(why, why_len, "%s: %s", a->name, strerror(a->src_errno));
	else if (a->gz_broke)
		snprintf(why, why_len, "%s: %s", a->name, a->gz_message);
	else
		snprintf(why, why_len, "%s: not a WARC or ARC file (it starts with no WARC/ or "
			 "filedesc:// line)", a->name);
	return -1;
}

static pdx_archive_t *open_common(pdx_archive_t *a, char *why, size_t why_len)
{
	a->zin = a->zin_own = malloc(ZIN_CAP);
	a->buf = malloc(BUF_CAP);
	a->line = malloc(MAX_LINE);
	if (!a->zin || !a->buf || !a->line) {
		snprintf(why, why_len, "%s: out of memory", a->name);
		pdx_archive_close(a);
		return NULL;
	}
	/* Gzip or not, by the first two bytes. */
	a->z.next_in = a->zin;
	pdx_archive_zin_fill(a);
	if (a->src_failed) {
		snprintf(why, why_len, "%s: %s", a->name, strerror(a->src_errno));
		pdx_archive_close(a);
		return NULL;
	}
	if (a->z.avail_in >= 2 && a->zin[0] == 0x1f && a->zin[1] == 0x8b) {
		if (inflateInit2(&a->z, 16 + 15) != Z_OK) {
			snprintf(why, why_len, "%s: out of memory", a->name);
			pdx_archive_close(a);
			return NULL;
		}
		a->z_ready = 1;
		a->gz = 1;
		a->whole = libdeflate_alloc_decompressor(); /* NULL: zlib does it all */
		pdx_archive_map_file(a);
	} else {
		/* Plain: the bytes read so far are the buffer's first. */
		memcpy(a->buf, a->zin, a->z.avail_in);
		a->end = a->z.avail_in;
		a->z.avail_in = 0;
	}
	if (sniff_format(a, why, why_len) < 0) {
		pdx_archive_close(a);
		return NULL;
	}
	a->gz_broke = 0;
	return a;
}

pdx_archive_t *pdx_archive_open_stream(pdx_archive_read_fn fn, void *handle, const char *name,
				       char *why, size_t why_len)
{
	pdx_archive_t *a = calloc(1, sizeof *a);

	if (!a) {
		snprintf(why, why_len, "%s: out of memory", name);
		return NULL;
	}
	a->read = fn;
	a->handle = handle;
	a->fd = -1;
	snprintf(a->name, sizeof a->name, "%s", name);
	return open_common(a, why, why_len);
}

pdx_archive_t *pdx_archive_open(const char *path, char *why, size_t why_len)
{
	pdx_archive_t *a = calloc(1, sizeof *a);

	if (!a) {
		snprintf(why, why_len, "%s: out of memory", path);
		return NULL;
	}
	a->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (a->fd < 0) {
		snprintf(why, why_len, "%s: %s", path, strerror(errno));
		free(a);
		return NULL;
	}
	a->read = pdx_archive_read_fd;
	a->handle = &a->fd;
	snprintf(a->name, sizeof a->name, "%s", path);
	return open_common(a, why, why_len);
}

void pdx_archive_close(pdx_archive_t *a)
{
	if (!a)
		return;
	if (a->z_ready)
		inflateEnd(&a->z);
	if (a->whole)
		libdeflate_free_decompressor(a->whole);
	if (a->fd >= 0)
		close(a->fd);
	if (a->map)
		munmap(a->map, a->map_len);
	free(a->zin_own);
	free(a->buf);
	free(a->line);
	pdx_buf_release(&a->fields);
	pdx_buf_release(&a->peek);
	free(a->body);
	pdx_decode_buffers_release(&a->decoded);
	free(a);
}

enum pdx_archive_format pdx_archive_format(const pdx_archive_t *a)
{
	return a->format;
}

const char *pdx_archive_message(const pdx_archive_t *a)
{
	return a->message;
}

static void say(char *out, size_t size, unsigned long number, unsigned long long offset,
		const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));

/* Write the message FMT of record NUMBER at OFFSET to OUT (SIZE bytes), the record named
 * first. */
static void say(char *out, size_t size, unsigned long number, unsigned long long offset,
		const char *fmt, va_list ap)
{
	int n = snprintf(out, size, "record %lu (offset %llu): ", number, offset);

	if (n >= 0 && (size_t)n < size)
		vsnprintf(out + n, size - (size_t)n, fmt, ap);
}

static void say_of(char *out, size_t size, unsigned long number, unsigned long long offset,
		   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void say_of(char *out, size_t size, unsigned long number, unsigned long long offset,
		   const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(out, size, number, offset, fmt, ap);
	va_end(ap);
}

enum pdx_archive_event pdx_archive_damaged(pdx_archive_t *a, unsigned long number,
					   unsigned long long offset, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(a->message, sizeof a->message, number, offset, fmt, ap);
	va_end(ap);
	a->resyncing = 1;
	a->block_left = 0;
	return PDX_ARCHIVE_DAMAGED;
}

/* Read up to PEEK bytes of the block into a->peek. Returns the bytes read. */
static size_t peek_block(pdx_archive_t *a)
{
	unsigned long long want = a->length < PEEK ? a->length : PEEK, got;

	pdx_buf_truncate(&a->peek, 0);
	if (a->peek.alloc < want + 1) {
		char *p = realloc(a->peek.data, (size_t)want + 1);

		if (!p)
			return 0;
		a->peek.data = p;
		a->peek.alloc = (size_t)want + 1;
	}
	got = pdx_archive_read_bytes(a, a->peek.data, want);
	a->peek.len = (size_t)got;
	a->peek.data[got] = '\0';
	a->block_left = a->length - got;
	return (size_t)got;
}

/* The start of LINE for a message: at most 40 bytes, control bytes as '?'. */
static const char *snippet(const char *line, size_t len, char out[41])
{
	size_t n = 0;

	for (; n < len && n < 40; n++)
		out[n] = (unsigned char)line[n] < 0x20 || line[n] == 0x7f ? '?' : line[n];
	out[n] = '\0';
	return out;
}

/* A line where a record starts: "WARC/" and a version, or an ARC header. */
static int is_record_start(const pdx_archive_t *a, const char *line)
{
	const char *sp;

	if (a->format == PDX_ARCHIVE_WARC)
		return strncmp(line, "WARC/", 5) == 0 && isdigit((unsigned char)line[5]);
	sp = strchr(line, ' ');
	return sp && sp > line && memchr(line, ':', (size_t)(sp - line)) && strchr(sp + 1, ' ');
}

void pdx_archive_keep_line_if_record(pdx_archive_t *a)
{
	if (is_record_start(a, a->line)) {
		a->line_pending = 1;
		a->pending_offset = a->buf_member;
		a->start_seq = a->buf_seq;
	}
}

/* Read what is left of the record last given, and look at how it lay in the gzip members. */
static void finish_record(pdx_archive_t *a)
{
	unsigned long long want = a->block_left;
	int broke = a->gz_broke;

	if (!a->open)
		return;
	a->open = 0;
	if (want && pdx_archive_read_bytes(a, NULL, want) < want) {
		a->late_damage = 1;
		if (a->gz_broke != broke)
			say_of(a->late_message, sizeof a->late_message, a->number, a->offset, "%s",
			       a->gz_message);
		else
			say_of(a->late_message, sizeof a->late_message, a->number, a->offset,
			       "truncated record (the file ends inside its %llu bytes)", a->length);
		a->resyncing = 1;
	}
	a->block_left = 0;
	a->after_record = 1;
	if (a->gz && !a->noticed && !a->late_damage && a->last_seq != a->start_seq) {
		a->noticed = a->notice_due = 1;
		snprintf(a->message, sizeof a->message,
			 "record %lu spans several gzip members, which do not line up with "
			 "records: its offset names the member where it starts",
			 a->number);
	}
}

/* Find the line where the next record starts, past blank lines and, after damage, past what
 * is left of the damaged record. Returns PDX_ARCHIVE_RECORD with the line in a->line and its
 * offset in *OFFSET, or another event. */
static enum pdx_archive_event find_record(pdx_archive_t *a, unsigned long long *offset,
					  int *aligned)
{
	for (;;) {
		int broke = a->gz_broke;
		unsigned long long skip_from = pdx_archive_dpos(a);
		long n;
		int pending = a->line_pending;

		if (a->line_pending) {
			/* The line read when damage was found starts the next record. */
			a->line_pending = 0;
			n = (long)a->line_len;
			*offset = a->pending_offset;
		} else {
			do {
				if (!pdx_archive_ensure(a))
					return PDX_ARCHIVE_END;
				*offset = a->gz ? a->buf_member : pdx_archive_dpos(a);
				a->start_seq = a->buf_seq;
				n = pdx_archive_get_line(a);
			} while (n == 0 && a->gz_broke == broke);
		}
		if (n < 0)
			return PDX_ARCHIVE_END;
		if (a->gz_broke != broke) {
			pdx_archive_keep_line_if_record(a);
			if (a->resyncing)
				continue;
			return pdx_archive_damaged(a, a->records + 1, *offset,
						   "%s; read on from the next gzip member",
						   a->gz_message);
		}
		if (is_record_start(a, a->line)) {
			/* A record found past damage starts the member gzip resumed at. */
			*aligned =
				!a->gz || a->records == 0 || pending || a->seq_dstart >= skip_from;
			a->resyncing = 0;
			a->after_record = 0;
			return PDX_ARCHIVE_RECORD;
		}
		if (a->resyncing)
			continue;
		if (a->after_record) {
			char shown[41];

			/* Bytes right after a block: that record's length was wrong. */
			a->after_record = 0;
			a->resyncing = 1;
			say_of(a->message, sizeof a->message, a->number, a->offset,
			       "its block is followed by bytes that end no record (\"%.20s\", its "
			       "Content-Length may be wrong); read on from the next record",
			       snippet(a->line, a->line_len, shown));
			return PDX_ARCHIVE_DAMAGED;
		}
		{
			char shown[41];

			return pdx_archive_damaged(a, a->records + 1, *offset,
						   "malformed record (\"%s\" where a record should "
						   "start); read on from the next record",
						   snippet(a->line, a->line_len, shown));
		}
	}
}

/* Forget the record before: REC and the fields' places OFF empty. */
static void start_record(pdx_archive_t *a, struct pdx_archive_record *rec, long off[N_FIELDS])
{
	memset(rec, 0, sizeof *rec);
	for (int i = 0; i < N_FIELDS; i++)
		off[i] = -1;
	pdx_buf_truncate(&a->fields, 0);
	pdx_buf_truncate(&a->peek, 0);
	a->http_len = 0;
}

/* Read the header of the record that a->line starts into REC and its fields at OFF, the
 * length of its block into *LENGTH. Returns 0, or a DAMAGED event. */
static int read_record_header(pdx_archive_t *a, struct pdx_archive_record *rec,
			      long off[N_FIELDS], long long *length)
{
	if (a->format == PDX_ARCHIVE_WARC) {
		if (!pdx_archive_warc_version_known(a->line + 5))
			return pdx_archive_damaged(a, rec->number, rec->offset,
						   "WARC version %.16s is not one polidex reads "
						   "(0.17, 0.18, 1.0, 1.1)",
						   a->line + 5);
		if (pdx_archive_read_warc_headers(a, rec, off, length))
			return PDX_ARCHIVE_DAMAGED;
		rec->type = off[F_TYPE] >= 0 ? pdx_archive_record_type(a->fields.data + off[F_TYPE])
					     : PDX_RECORD_OTHER;
	} else {
		if (pdx_archive_parse_arc_header(a, rec, off, a->line, length))
			return PDX_ARCHIVE_DAMAGED;
		rec->type = strncmp(a->fields.data + off[F_URI], "filedesc:", 9) == 0
				    ? PDX_RECORD_ARC_FILEDESC
				    : PDX_RECORD_ARC;
	}
	return 0;
}

/* Read the block's first bytes: an HTTP header for responses, revisits and ARC captures, and
 * what they say of the payload. Returns 0, or a DAMAGED event. */
static int read_block_start(pdx_archive_t *a, struct pdx_archive_record *rec, long off[N_FIELDS])
{
	int broke = a->gz_broke;
	size_t got = peek_block(a);

	if (a->gz_broke != broke)
		return pdx_archive_damaged(a, rec->number, rec->offset, "%s", a->gz_message);
	if (a->peek.alloc <= (a->length < PEEK ? a->length : PEEK))
		return pdx_archive_damaged(a, rec->number, rec->offset, "out of memory");
	/* The file ends inside the block: the caller is given what there is. */
	rec->cut = got < (a->length < PEEK ? a->length : PEEK);
	if (rec->cut)
		a->block_left = 0;
	if (rec->type == PDX_RECORD_RESPONSE || rec->type == PDX_RECORD_REVISIT ||
	    rec->type == PDX_RECORD_ARC)
		pdx_archive_parse_http(a, rec, off);
	if (off[F_PAYLOAD_TYPE] < 0 && !rec->http && off[F_CONTENT_TYPE] >= 0) {
		/* A resource (or an ARC record without HTTP header) declares its own type. */
		char ct[256];

		snprintf(ct, sizeof ct, "%s", a->fields.data + off[F_CONTENT_TYPE]);
		pdx_archive_keep_media_type(a, off, ct, strlen(ct));
	}
	if (rec->type == PDX_RECORD_ARC_FILEDESC)
		a->arc_version = a->peek.len && a->peek.data[0] == '2' ? 2 : 1;
	if (a->fields.oom)
		return pdx_archive_damaged(a, rec->number, rec->offset, "out of memory");
	return 0;
}

/* Point REC's strings at the fields kept at OFF, now that the fields no longer move. */
static void point_at_fields(const pdx_archive_t *a, struct pdx_archive_record *rec,
			    const long off[N_FIELDS])
{
	const char *f = a->fields.data;
	const char **dest[N_FIELDS] = {
		&rec->type_name,	&rec->uri,	    &rec->date,
		&rec->record_id,	&rec->content_type, &rec->refers_to_uri,
		&rec->refers_to_date,	&rec->payload_type, &rec->charset,
		&rec->content_encoding, &rec->transfer_encoding};

	for (int i = 0; i < N_FIELDS; i++)
		*dest[i] = off[i] >= 0 ? f + off[i] : NULL;
	if (a->format == PDX_ARCHIVE_ARC)
		rec->type_name = "arc";
	else if (!rec->type_name)
		rec->type_name = "";
}

enum pdx_archive_event pdx_archive_next(pdx_archive_t *a, struct pdx_archive_record *rec)
{
	long off[N_FIELDS];
	long long length = -1;
	unsigned long long offset = 0;
	int aligned = 1;
	enum pdx_archive_event ev;

	finish_record(a);
	if (a->late_damage) {
		a->late_damage = 0;
		memcpy(a->message, a->late_message, sizeof a->message);
		return PDX_ARCHIVE_DAMAGED;
	}
	if (a->notice_due) {
		a->notice_due = 0;
		return PDX_ARCHIVE_NOTICE;
	}
	start_record(a, rec, off);
	ev = find_record(a, &offset, &aligned);
	if (ev != PDX_ARCHIVE_RECORD)
		return ev;
	rec->offset = a->offset = offset;
	rec->number = a->number = ++a->records;
	rec->format = a->format;
	if (read_record_header(a, rec, off, &length))
		return PDX_ARCHIVE_DAMAGED;
	a->length = rec->length = (unsigned long long)length;
	if (read_block_start(a, rec, off))
		return PDX_ARCHIVE_DAMAGED;
	point_at_fields(a, rec, off);
	a->transfer_chunked = rec->transfer_encoding &&
			      strcasestr(rec->transfer_encoding, "chunked") != NULL;
	a->content_encoding = rec->content_encoding;
	a->cut = rec->cut;
	a->open = 1;
	if (!aligned && !a->noticed) {
		a->noticed = a->notice_due = 1;
		snprintf(a->message, sizeof a->message,
			 "record %lu starts inside the gzip member of the record before it (one "
			 "gzip member holds several records): offsets name the member, not the "
			 "record", rec->number);
	}
	return PDX_ARCHIVE_RECORD;
}

enum pdx_decode_status pdx_archive_read_payload(pdx_archive_t *a, size_t limit, int decode,
						const char **out, size_t *out_len, int *cut,
						char *why, size_t why_len)
{
	size_t have = a->peek.len - a->http_len, len;
	unsigned long long total = have + a->block_left, got = 0;
	char *body;
	int broke = a->gz_broke;
	enum pdx_decode_status st = PDX_DECODE_OK, coded;

	*out = NULL;
	*out_len = 0;
	*cut = 0;
	why[0] = '\0';
	if (!a->open) {
		snprintf(why, why_len, "no record to read");
		return PDX_DECODE_DAMAGED;
	}
	if (total > limit) {
		snprintf(why, why_len, "payload of %llu bytes, more than the %zu bytes read",
			 total, limit);
		return PDX_DECODE_TOO_LARGE;
	}
	if (a->block_left == 0) {
		/* The whole block was peeked at: read it where it is. */
		body = a->peek.data + a->http_len;
	} else {
		if (a->body_cap < total + 1) {
			char *p = realloc(a->body, (size_t)total + 1);

			if (!p) {
				snprintf(why, why_len, "out of memory for a payload of %llu bytes",
					 total);
				return PDX_DECODE_NO_MEMORY;
			}
			a->body = p;
			a->body_cap = (size_t)total + 1;
		}
		body = a->body;
		memcpy(body, a->peek.data + a->http_len, have);
		got = pdx_archive_read_bytes(a, body + have, a->block_left);
	}
	len = have + (size_t)got;
	body[len] = '\0';
	if (a->cut || got < a->block_left) {
		*cut = 1;
		st = PDX_DECODE_TRUNCATED;
		if (a->gz_broke != broke)
			snprintf(why, why_len, "%s", a->gz_message);
		else
			snprintf(why, why_len, "truncated record (the file ends after %llu of its "
				 "%llu bytes)", (unsigned long long)a->peek.len + got, a->length);
		a->resyncing = 1;
	}
	a->block_left = 0;
	/* Chunked transfer coding first, then the content codings under it. */
	if (a->transfer_chunked) {
		size_t n;

		if (pdx_dechunk(body, len, &n) != PDX_DECODE_DAMAGED)
			len = n; /* a body stored de-chunked is read as it is */
		body[len] = '\0';
	}
	if (!decode) {
		*out = body;
		*out_len = len;
		return st;
	}
	{
		char coded_why[256];

		coded = pdx_decode_reuse(a->content_encoding, body, len, limit, &a->decoded, out,
					 out_len, coded_why, sizeof coded_why);
		if (coded != PDX_DECODE_OK && st == PDX_DECODE_OK) {
			snprintf(why, why_len, "%s", coded_why);
			st = coded;
		}
		if (coded != PDX_DECODE_OK && coded != PDX_DECODE_TRUNCATED) {
			*out = NULL;
			*out_len = 0;
		}
	}
	return st;
}
