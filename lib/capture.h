/* capture.h: how a capture of a page from a web archive is written in the index: one entry
 * of the multi-value in slot PDX_SLOT_CAPTURES, its fields separated by tabs. */
#ifndef PDX_CAPTURE_H
#define PDX_CAPTURE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The fields of an entry, in order. The first three (date, kind, hash) are its key: the same
 * capture read again from another copy of its file is the same capture. */
enum pdx_capture_field {
	PDX_CAP_DATE,   /* YYYYMMDDhhmmss */
	PDX_CAP_KIND,   /* "c" a capture with content, "r" a revisit */
	PDX_CAP_HASH,   /* 16 hex digits: a hash of the WARC-Record-ID, else (ARC) of the
			 * content; "" for a revisit without a record id */
	PDX_CAP_FILE,   /* the archive file, absolute */
	PDX_CAP_MEMBER, /* the archive inside a WACZ, or "" */
	PDX_CAP_OFFSET, /* of the record, decimal */
	PDX_CAP_ID,     /* WARC-Record-ID, or "" */
	PDX_CAP_FORMAT, /* "warc" or "arc" */
	PDX_CAP_REFERS, /* a revisit's WARC-Refers-To-Date, or "" */
	PDX_CAP_N_FIELDS
};

struct pdx_capture_fields {
	const char *value[PDX_CAP_N_FIELDS];
	size_t len[PDX_CAP_N_FIELDS];
};

/* A new entry (the caller frees it), or NULL when memory ran out. HASH identifies the capture
 * (see PDX_CAP_HASH); a revisit's is written only when it has a RECORD_ID. Tabs and line ends in
 * the strings become spaces. NULL strings are empty fields. */
char *pdx_capture_entry(const char *date, int revisit, unsigned long long hash, const char *file,
			const char *member, unsigned long long offset, const char *record_id,
			const char *format, const char *refers_to);

/* Split the LEN-byte ENTRY into its fields; returns 0, or -1 when it has too few. */
int pdx_capture_split(const char *entry, size_t len, struct pdx_capture_fields *out);

/* The length of the key (date, kind, hash) at the start of ENTRY. */
size_t pdx_capture_key_len(const char *entry, size_t len);

/* The boolean terms a capture gives its document, into TERMS (the caller frees each): its
 * day, month and year (PDX_PREFIX_CAPTURE_*) and its archive file (PDX_PREFIX_ARCHIVE).
 * Returns how many (4), or -1 when the entry is malformed or memory ran out. */
int pdx_capture_terms(const char *entry, size_t len, char *terms[4]);

/* YYYYMMDDhhmmss as ISO 8601 in UTC: 2017-03-06T04:02:06Z (21 bytes with the NUL). */
void pdx_capture_iso(const char *timestamp, char out[21]);

#ifdef __cplusplus
}
#endif

#endif
