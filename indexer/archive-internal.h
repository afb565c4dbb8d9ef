/* archive-internal.h: the web archive reader's state, shared by its parts (private). */
#ifndef PDX_ARCHIVE_INTERNAL_H
#define PDX_ARCHIVE_INTERNAL_H

#include <stddef.h>
#include <sys/types.h>
#include <zlib.h>

#include "indexer/archive.h"
#include "indexer/decode.h"
#include "util/buf.h"

#define CHUNK (1u << 16)  /* bytes read or inflated at a time */
#define ZIN_CAP (1u << 20) /* compressed bytes held: a member this long is inflated whole */
#define BUF_CAP (2u << 20) /* decoded bytes held: what a member inflated whole may make */
#define MAX_LINE 65536    /* a longer header line is cut */
#define MAX_HEADERS 256   /* header lines of a record read at most */
#define PEEK (1u << 16)   /* bytes of a block read before the caller decides on it */

/* Where the fields of a record are kept in a->fields, until they are pointers in the record. */
enum pdx_archive_field {
	F_TYPE, F_URI, F_DATE, F_ID, F_CONTENT_TYPE, F_REFERS_URI, F_REFERS_DATE,
	F_PAYLOAD_TYPE, F_CHARSET, F_CONTENT_ENCODING, F_TRANSFER_ENCODING, N_FIELDS
};

struct pdx_archive {
	/* The source. */
	pdx_archive_read_fn read;
	void *handle;
	int fd; /* a file of our own, which can also seek; -1 for a stream */
	char name[1024];
	int src_eof, src_failed, src_errno;

	/* Gzip: compressed bytes waiting, and the member being inflated. */
	int gz;
	z_stream z;
	int z_ready;
	unsigned char *zin;
	unsigned long long zin_offset;   /* file offset of zin[0] */
	unsigned char *zin_own;          /* zin's buffer, when the file is not mapped */
	void *map;                       /* a gzipped file of our own, mapped: read in place */
	size_t map_len;
	size_t map_released;             /* bytes at its start handed back: they are read */
	int member_open;
	unsigned long long member_start; /* file offset of the member being (or last) inflated */
	unsigned long member_seq;        /* members opened so far */
	int gz_broke;                    /* damaged gzip data skipped since last looked at */
	struct libdeflate_decompressor *whole; /* for members held whole in zin */
	char gz_message[256];

	/* Bytes read (or inflated) and not yet consumed. */
	char *buf;
	size_t pos, end;
	unsigned long long buf_dpos;   /* position in the decoded stream of buf[0] */
	unsigned long long buf_member; /* gzip: offset of the member buf came from */
	unsigned long buf_seq;         /* gzip: its number */
	unsigned long long seq_dstart; /* decoded position where member buf_seq began */
	unsigned long last_seq;        /* the member of the last byte consumed */

	enum pdx_archive_format format;
	int arc_version;
	unsigned long records;
	int resyncing; /* looking for the next record after a damaged one */
	int noticed;   /* the gzip members notice was given */

	/* The current record. */
	pdx_buf fields;  /* its header values, NUL-separated */
	pdx_buf peek;    /* the first bytes of its block */
	size_t http_len; /* of the HTTP header at the start of peek */
	unsigned long long block_left; /* bytes of the block not yet read */
	unsigned long long length;     /* of the block */
	unsigned long number, start_seq;
	unsigned long long offset;
	int open;        /* a record was given and not yet finished */
	int after_record; /* nothing but blank lines read since the last record's block */
	int cut;         /* the file ends inside the record's block */
	int transfer_chunked;
	const char *content_encoding;
	char *body;      /* a payload longer than what was peeked at, read whole */
	size_t body_cap;
	struct pdx_decode_buffers decoded; /* where payloads are decoded, kept */
	int late_damage, notice_due;
	char late_message[1024];
	char *line;
	size_t line_len;
	int line_pending; /* a->line starts the next record, found past damage */
	unsigned long long pending_offset;
	char message[1024];
};

/* ---- the stream of bytes (archive-stream.c) --------------------------------------------- */

/* A pdx_archive_read_fn for a file descriptor, *HANDLE an int. */
ssize_t pdx_archive_read_fd(void *handle, char *buf, size_t len);

/* Top up the compressed bytes; returns how many are waiting. */
size_t pdx_archive_zin_fill(pdx_archive_t *a);

/* Map a gzipped file of our own, to inflate it where it lies rather than copy it in; a file
 * that cannot be mapped is read. */
void pdx_archive_map_file(pdx_archive_t *a);

/* Refill the buffer, which is empty; returns the bytes in it, 0 at the end. Damaged gzip data
 * is stepped over to the next member, and flagged in a->gz_broke. */
size_t pdx_archive_fill(pdx_archive_t *a);

/* Have a byte to read; returns 0 at the end. */
static inline int pdx_archive_ensure(pdx_archive_t *a)
{
	return a->pos < a->end || pdx_archive_fill(a) > 0;
}

/* The position in the decoded stream of the next byte to read. */
static inline unsigned long long pdx_archive_dpos(const pdx_archive_t *a)
{
	return a->buf_dpos + a->pos;
}

/* Read a line into a->line, without its end; returns its length, or -1 at the end. A line
 * ends also where damaged gzip data was stepped over. */
long pdx_archive_get_line(pdx_archive_t *a);

/* Copy LEN bytes into DST (NULL: skip them); returns the bytes read, fewer at the end of the
 * file or where damaged gzip data cut the stream. */
unsigned long long pdx_archive_read_bytes(pdx_archive_t *a, char *dst, unsigned long long len);

/* ---- headers (archive-headers.c) -------------------------------------------------------- */

/* The WARC versions polidex reads: 0.17 and 0.18 (Heritrix 1 and 2) have the fields of 1.0. */
int pdx_archive_warc_version_known(const char *version);

/* The record type a WARC-Type names. */
enum pdx_record_type pdx_archive_record_type(const char *name);

/* Keep the media type (lower-cased) and charset of the Content-Type value V (LEN bytes) as
 * fields of the record, at OFF. */
void pdx_archive_keep_media_type(pdx_archive_t *a, long off[N_FIELDS], const char *v,
				 size_t len);

/* Parse the HTTP response header at the start of the peeked block, setting a->http_len. */
void pdx_archive_parse_http(pdx_archive_t *a, struct pdx_archive_record *rec,
			    long off[N_FIELDS]);

/* The WARC header lines after the version line; returns 0, or a DAMAGED event. */
int pdx_archive_read_warc_headers(pdx_archive_t *a, struct pdx_archive_record *rec,
				  long off[N_FIELDS], long long *length);

/* An ARC record's header LINE; returns 0, or a DAMAGED event. */
int pdx_archive_parse_arc_header(pdx_archive_t *a, struct pdx_archive_record *rec,
				 long off[N_FIELDS], const char *line, long long *length);

/* ---- records (archive.c) ---------------------------------------------------------------- */

/* A DAMAGED event for record NUMBER at OFFSET; reading goes on at the next record found. */
enum pdx_archive_event pdx_archive_damaged(pdx_archive_t *a, unsigned long number,
					   unsigned long long offset, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* After damaged gzip data, a line read from the next member may start a record: keep it for
 * the next look for one. */
void pdx_archive_keep_line_if_record(pdx_archive_t *a);

#endif
