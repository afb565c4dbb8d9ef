/* archive.h: reading the records of web archives: WARC (versions 0.17 to 1.1) and ARC
 * (versions 1 and 2) files, plain or gzipped, from a file or any stream of bytes (a member of a
 * WACZ). */
#ifndef PDX_ARCHIVE_H
#define PDX_ARCHIVE_H

#include <stddef.h>
#include <sys/types.h>

#include "indexer/decode.h"

typedef struct pdx_archive pdx_archive_t;

enum pdx_archive_format { PDX_ARCHIVE_WARC = 1, PDX_ARCHIVE_ARC };

enum pdx_record_type {
	PDX_RECORD_WARCINFO,
	PDX_RECORD_RESPONSE,
	PDX_RECORD_RESOURCE,
	PDX_RECORD_REQUEST,
	PDX_RECORD_METADATA,
	PDX_RECORD_REVISIT,
	PDX_RECORD_CONVERSION,
	PDX_RECORD_CONTINUATION,
	PDX_RECORD_OTHER,         /* a WARC-Type this reader does not know */
	PDX_RECORD_ARC_FILEDESC,  /* an ARC file's own header record */
	PDX_RECORD_ARC            /* an ARC record: a capture, like a WARC response */
};

/* One record. Strings are valid until the next pdx_archive_next() call; a field the record
 * lacks is NULL (strings) or 0. */
struct pdx_archive_record {
	enum pdx_archive_format format;
	enum pdx_record_type type;
	const char *type_name;     /* the WARC-Type as written, "arc" for an ARC record */
	unsigned long number;      /* in its file, from 1 */
	unsigned long long offset; /* where it starts: its gzip member in a gzipped file */
	unsigned long long length; /* of its block (WARC Content-Length, ARC length) */
	const char *uri;           /* WARC-Target-URI (without wget's <...>) or the ARC URL */
	const char *date;          /* YYYYMMDDhhmmss, from WARC-Date or the ARC date */
	const char *record_id;     /* WARC-Record-ID */
	const char *content_type;  /* the record's Content-Type (WARC) or the ARC type */
	const char *refers_to_uri; /* revisits: WARC-Refers-To-Target-URI */
	const char *refers_to_date; /* revisits: WARC-Refers-To-Date, as YYYYMMDDhhmmss */
	int truncated;             /* WARC-Truncated: the crawler stored part of the body */
	int cut;                   /* the file ends inside the block's first bytes */

	/* The HTTP response at the start of the block (responses, revisits, ARC records of
	 * http URLs), when there is one. */
	int http;
	int status;
	const char *content_encoding;
	const char *transfer_encoding;

	/* The payload's media type, lower-cased, and charset, as declared: by the HTTP header
	 * when there is one, else by the record's own Content-Type (resources) or ARC type. */
	const char *payload_type;
	const char *charset;
};

enum pdx_archive_event {
	PDX_ARCHIVE_END = 0,  /* no more records */
	PDX_ARCHIVE_RECORD,   /* a record, in *REC */
	PDX_ARCHIVE_DAMAGED,  /* a record that cannot be read (pdx_archive_message() says why);
			       * reading goes on at the next record found */
	PDX_ARCHIVE_NOTICE    /* something a user should know that loses nothing (gzip members
			       * that do not line up with records), once a file */
};

/* Reads up to LEN bytes into BUF: the count, 0 at the end, -1 on an error. */
typedef ssize_t (*pdx_archive_read_fn)(void *handle, char *buf, size_t len);

/* Open the archive at PATH, or the stream FN reads from HANDLE (named NAME in messages).
 * Returns NULL when it cannot be read or holds no WARC or ARC record at its start, with the
 * reason in WHY (WHY_LEN bytes). */
pdx_archive_t *pdx_archive_open(const char *path, char *why, size_t why_len);
pdx_archive_t *pdx_archive_open_stream(pdx_archive_read_fn fn, void *handle, const char *name,
				       char *why, size_t why_len);
void pdx_archive_close(pdx_archive_t *a);

/* The archive's format. */
enum pdx_archive_format pdx_archive_format(const pdx_archive_t *a);

/* Read the next record into *REC. */
enum pdx_archive_event pdx_archive_next(pdx_archive_t *a, struct pdx_archive_record *rec);

/* The message of the last DAMAGED or NOTICE event, naming the record and the reason. */
const char *pdx_archive_message(const pdx_archive_t *a);

/* Read the payload of the record pdx_archive_next() gave last (the block after any HTTP
 * header), its transfer coding undone, and with DECODE its content codings too (without, the
 * record's content_encoding says what is left to undo, on another thread perhaps): *OUT
 * (*OUT_LEN bytes, NUL-terminated) is the reader's, valid until the next call on A; at most
 * LIMIT bytes. Returns the decoding's status (decode.h), the reason in WHY when it is not
 * PDX_DECODE_OK. PDX_DECODE_TRUNCATED gives what could be read: *CUT is then
 * 1 when the file ends inside the block (a damaged record), 0 when only the coded stream
 * stops early. Once per record. */
enum pdx_decode_status pdx_archive_read_payload(pdx_archive_t *a, size_t limit, int decode,
						const char **out, size_t *out_len, int *cut,
						char *why, size_t why_len);

/* What the LEN bytes at DATA, the start of a file, hold. */
enum pdx_archive_kind {
	PDX_KIND_OTHER = 0,
	PDX_KIND_WARC,
	PDX_KIND_ARC,
	PDX_KIND_ZIP /* perhaps a WACZ */
};
enum pdx_archive_kind pdx_archive_sniff(const char *data, size_t len);

/* The same for the file at PATH (PDX_KIND_OTHER when it cannot be read). */
enum pdx_archive_kind pdx_archive_sniff_file(const char *path);

/* Nonzero when NAME ends in one of EXTS (a NULL-terminated list), in any case. */
int pdx_name_has_extension(const char *name, const char *const *exts);

/* Nonzero for a name that says web archive: *.warc, *.arc, *.warc.gz, *.arc.gz, *.wacz. */
int pdx_archive_is_name(const char *name);

/* Turn a WARC or ARC date (2017-03-06T04:02:06Z, 20170306040206, a shorter form) into
 * YYYYMMDDhhmmss in OUT; returns 0, or -1 when it is no date. */
int pdx_archive_timestamp(const char *date, char out[15]);

#endif
