/* decode.h: undoing the transfer and content codings of an HTTP body, as archived. */
#ifndef PDX_DECODE_H
#define PDX_DECODE_H

#include <stddef.h>

enum pdx_decode_status {
	PDX_DECODE_OK = 0,
	PDX_DECODE_TRUNCATED,   /* the coded stream stops early: the output is what it held */
	PDX_DECODE_DAMAGED,     /* the data is not valid in its coding */
	PDX_DECODE_UNSUPPORTED, /* a coding polidex does not know */
	PDX_DECODE_TOO_LARGE,   /* the decoded body would pass the limit */
	PDX_DECODE_NO_MEMORY
};

/* Undo chunked transfer coding of the LEN bytes at DATA in place, and set *OUT_LEN to the
 * payload's length. Returns PDX_DECODE_OK; PDX_DECODE_TRUNCATED when the chunks run past the
 * end (*OUT_LEN holds what the complete chunks and the start of the cut one gave); or
 * PDX_DECODE_DAMAGED when DATA does not start with a chunk size, which is how a body that
 * the crawler stored already de-chunked looks (DATA is then untouched). */
enum pdx_decode_status pdx_dechunk(char *data, size_t len, size_t *out_len);

/* Decode the LEN bytes at BODY from the codings of a Content-Encoding header, CODINGS ("gzip",
 * "x-gzip", "deflate" with a zlib header or raw, "br", "zstd", "identity", or a list of
 * several, applied in the order written and so undone in reverse). On PDX_DECODE_OK or
 * PDX_DECODE_TRUNCATED, *OUT is a new NUL-terminated buffer of *OUT_LEN bytes the caller
 * frees. A body that is plainly not in its coding but starts like markup (a crawler that
 * stored the decoded body and kept the header) is taken as it is. The decoded size is held
 * to LIMIT bytes. On failure, WHY (WHY_LEN bytes) says what went wrong, naming the coding. */
enum pdx_decode_status pdx_decode_content(const char *codings, const char *body, size_t len,
					  size_t limit, char **out, size_t *out_len, char *why,
					  size_t why_len);

/* Buffers a reader keeps from one body to the next, so that decoding allocates (and the
 * system zeroes) no new memory for each. Zero-initialised before the first use. */
struct pdx_decode_buffers {
	char *data[2];
	size_t cap[2];
	void *whole; /* libdeflate's decompressor */
};

/* pdx_decode_content() into KEEP's buffers: *OUT is borrowed, valid until the next call with
 * KEEP or BODY's end (it may be BODY itself, when there was nothing to undo), NUL-terminated
 * when decoded. */
enum pdx_decode_status pdx_decode_reuse(const char *codings, const char *body, size_t len,
				       size_t limit, struct pdx_decode_buffers *keep,
				       const char **out, size_t *out_len, char *why,
				       size_t why_len);
void pdx_decode_buffers_release(struct pdx_decode_buffers *keep);

/* Nonzero when CODINGS has nothing to undo (NULL, empty, or only "identity"). */
int pdx_decode_is_identity(const char *codings);

#endif
