/* decode.c: chunked transfer coding, and the content codings of HTTP (gzip and deflate with
 * zlib, br with Brotli, zstd with Zstandard), undone as a browser would before reading a page. */
#include "config.h"

#include "indexer/decode.h"

#include <brotli/decode.h>
#include <libdeflate.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>
#include <zstd.h>

#define MAX_CODINGS 8

/* The value of hexadecimal digit C, or -1. */
static int hex_value(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (unsigned char)tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

enum pdx_decode_status pdx_dechunk(char *data, size_t len, size_t *out_len)
{
	size_t r = 0, w = 0;

	*out_len = len;
	if (len == 0 || hex_value((unsigned char)data[0]) < 0)
		return PDX_DECODE_DAMAGED;
	for (;;) {
		unsigned long long size = 0;
		int digits = 0, v;

		while (r < len && (v = hex_value((unsigned char)data[r])) >= 0) {
			if (size > (~0ULL >> 4))
				return w ? (*out_len = w, PDX_DECODE_TRUNCATED)
					 : PDX_DECODE_DAMAGED;
			size = size << 4 | (unsigned)v;
			digits++;
			r++;
		}
		if (!digits) {
			/* Not a size where one should be: what came before is the payload. */
			if (w == 0)
				return PDX_DECODE_DAMAGED;
			*out_len = w;
			return PDX_DECODE_TRUNCATED;
		}
		/* Chunk extensions and the line end. */
		while (r < len && data[r] != '\n')
			r++;
		if (r >= len) {
			*out_len = w;
			return size == 0 ? PDX_DECODE_OK : PDX_DECODE_TRUNCATED;
		}
		r++;
		if (size == 0) {
			*out_len = w;
			return PDX_DECODE_OK; /* trailers, if any, are not payload */
		}
		if (size > len - r) {
			memmove(data + w, data + r, len - r);
			*out_len = w + (len - r);
			return PDX_DECODE_TRUNCATED;
		}
		memmove(data + w, data + r, (size_t)size);
		w += (size_t)size;
		r += (size_t)size;
		if (r < len && data[r] == '\r')
			r++;
		if (r < len && data[r] == '\n')
			r++;
	}
}

/* Where decoded bytes go: a buffer that grows up to a limit. */
struct sink {
	char *data;
	size_t len, cap, limit;
	int too_large, no_memory;
	struct libdeflate_decompressor **whole; /* kept from one body to the next, or NULL */
};

/* Make room for at least one more byte; returns the free space, 0 on failure (flagged). */
static size_t sink_room(struct sink *s)
{
	if (s->cap - s->len > 1)
		return s->cap - s->len - 1;
	if (s->len >= s->limit) {
		s->too_large = 1;
		return 0;
	}
	{
		size_t cap = s->cap ? s->cap * 2 : 16384;
		char *p;

		if (cap > s->limit + 2)
			cap = s->limit + 2;
		p = realloc(s->data, cap);
		if (!p) {
			s->no_memory = 1;
			return 0;
		}
		s->data = p;
		s->cap = cap;
	}
	return s->cap - s->len - 1;
}

static enum pdx_decode_status sink_failure(const struct sink *s)
{
	return s->no_memory ? PDX_DECODE_NO_MEMORY : PDX_DECODE_TOO_LARGE;
}

/* A gzip body of one member inflated whole by libdeflate, two to three times as fast as zlib,
 * its size known from the member's trailer. Returns 0 when done, -1 to leave it to zlib (more
 * members, a size the trailer does not tell, damage: zlib says what is wrong). */
static int gunzip_whole(struct sink *s, const char *in, size_t len)
{
	const unsigned char *t;
	size_t size, used, made;
	struct libdeflate_decompressor *d;
	enum libdeflate_result rc;

	/* The shortest member is 18 bytes; its last four give the size. */
	if (len < 18 || s->len)
		return -1;
	t = (const unsigned char *)in + len - 4;
	size = (size_t)t[0] | (size_t)t[1] << 8 | (size_t)t[2] << 16 | (size_t)t[3] << 24;
	if (size == 0 || size > s->limit)
		return -1;
	if (s->cap < size + 1) {
		char *p = realloc(s->data, size + 1);

		if (!p)
			return -1;
		s->data = p;
		s->cap = size + 1;
	}
	d = s->whole && *s->whole ? *s->whole : libdeflate_alloc_decompressor();
	rc = d ? libdeflate_gzip_decompress_ex(d, in, len, s->data, size, &used, &made)
	       : LIBDEFLATE_BAD_DATA;
	if (s->whole)
		*s->whole = d;
	else
		libdeflate_free_decompressor(d);
	if (rc != LIBDEFLATE_SUCCESS || used != len || made != size)
		return -1;
	s->len = made;
	return 0;
}

/* Inflate zlib data of window bits BITS (16+15 gzip, 15 zlib, -15 raw). A gzip stream of
 * several members is read whole; bytes after the last member are ignored, as browsers do. */
static enum pdx_decode_status inflate_into(struct sink *s, const char *in, size_t len, int bits)
{
	z_stream z;
	int rc = Z_OK;

	memset(&z, 0, sizeof z);
	if (inflateInit2(&z, bits) != Z_OK)
		return PDX_DECODE_NO_MEMORY;
	z.next_in = (unsigned char *)in;
	z.avail_in = (uInt)(len > 0x7fffffffu ? 0x7fffffffu : len);
	for (;;) {
		size_t room = sink_room(s);

		if (!room) {
			inflateEnd(&z);
			return sink_failure(s);
		}
		z.next_out = (unsigned char *)s->data + s->len;
		z.avail_out = (uInt)(room > 0x7fffffffu ? 0x7fffffffu : room);
		rc = inflate(&z, Z_NO_FLUSH);
		s->len = (size_t)((char *)z.next_out - s->data);
		if (rc == Z_STREAM_END) {
			if (bits > 15 && z.avail_in >= 2 && z.next_in[0] == 0x1f &&
			    z.next_in[1] == 0x8b && inflateReset(&z) == Z_OK)
				continue;
			break;
		}
		if (rc == Z_BUF_ERROR && z.avail_in == 0)
			break; /* the input ended inside the stream */
		if (rc != Z_OK) {
			inflateEnd(&z);
			return rc == Z_MEM_ERROR ? PDX_DECODE_NO_MEMORY : PDX_DECODE_DAMAGED;
		}
		if (z.avail_in == 0 && z.avail_out > 0) {
			rc = Z_BUF_ERROR;
			break;
		}
	}
	inflateEnd(&z);
	return rc == Z_STREAM_END ? PDX_DECODE_OK : PDX_DECODE_TRUNCATED;
}

static enum pdx_decode_status brotli_into(struct sink *s, const char *in, size_t len)
{
	BrotliDecoderState *d = BrotliDecoderCreateInstance(NULL, NULL, NULL);
	const uint8_t *next_in = (const uint8_t *)in;
	size_t avail_in = len;
	BrotliDecoderResult rc;

	if (!d)
		return PDX_DECODE_NO_MEMORY;
	for (;;) {
		size_t room = sink_room(s), avail_out = room;
		uint8_t *next_out = (uint8_t *)s->data + s->len;

		if (!room) {
			BrotliDecoderDestroyInstance(d);
			return sink_failure(s);
		}
		rc = BrotliDecoderDecompressStream(d, &avail_in, &next_in, &avail_out, &next_out,
						   NULL);
		s->len += room - avail_out;
		if (rc != BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT)
			break;
	}
	BrotliDecoderDestroyInstance(d);
	if (rc == BROTLI_DECODER_RESULT_SUCCESS)
		return PDX_DECODE_OK;
	return rc == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT ? PDX_DECODE_TRUNCATED
							    : PDX_DECODE_DAMAGED;
}

static enum pdx_decode_status zstd_into(struct sink *s, const char *in, size_t len)
{
	ZSTD_DStream *d = ZSTD_createDStream();
	ZSTD_inBuffer input = {in, len, 0};
	size_t rc = 1;

	if (!d)
		return PDX_DECODE_NO_MEMORY;
	/* A window as large as the limit allows: the format lets a frame ask for more. */
	ZSTD_DCtx_setParameter(d, ZSTD_d_windowLogMax, 27);
	while (input.pos < input.size || rc != 0) {
		size_t room = sink_room(s);
		ZSTD_outBuffer output = {s->data + s->len, room, 0};

		if (!room) {
			ZSTD_freeDStream(d);
			return sink_failure(s);
		}
		rc = ZSTD_decompressStream(d, &output, &input);
		s->len += output.pos;
		if (ZSTD_isError(rc)) {
			ZSTD_freeDStream(d);
			return PDX_DECODE_DAMAGED;
		}
		if (input.pos == input.size && output.pos < output.size)
			break; /* everything given was read; rc says whether a frame is
				* unfinished */
	}
	ZSTD_freeDStream(d);
	return rc == 0 ? PDX_DECODE_OK : PDX_DECODE_TRUNCATED;
}

/* Nonzero when DATA starts like a page's text: markup after any byte order mark and space. */
static int looks_like_markup(const char *data, size_t len)
{
	size_t i = 0;

	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
		i++;
	return i < len && data[i] == '<';
}

static int coding_is(const char *coding, size_t n, const char *name)
{
	return strlen(name) == n && strncasecmp(coding, name, n) == 0;
}

/* Undo one coding (NAME, N bytes) of IN into S. */
static enum pdx_decode_status undo_coding(const char *name, size_t n, const char *in, size_t len,
					  struct sink *s)
{
	if (coding_is(name, n, "gzip") || coding_is(name, n, "x-gzip"))
		return gunzip_whole(s, in, len) == 0 ? PDX_DECODE_OK
						     : inflate_into(s, in, len, 16 + 15);
	if (coding_is(name, n, "deflate")) {
		/* "deflate" is meant to be zlib's format, but servers also send raw deflate. */
		enum pdx_decode_status st = inflate_into(s, in, len, 15);

		if (st == PDX_DECODE_DAMAGED && s->len == 0)
			st = inflate_into(s, in, len, -15);
		return st;
	}
	if (coding_is(name, n, "br"))
		return brotli_into(s, in, len);
	if (coding_is(name, n, "zstd"))
		return zstd_into(s, in, len);
	return PDX_DECODE_UNSUPPORTED;
}

/* Split CODINGS at commas into NAMES (start, length), skipping "identity" and empty items.
 * Returns the number of codings, or -1 when there are more than MAX_CODINGS. */
static int split_codings(const char *codings, const char *names[], size_t lens[])
{
	int n = 0;
	const char *p = codings ? codings : "";

	while (*p) {
		size_t len;

		p += strspn(p, " \t,");
		len = strcspn(p, ",");
		while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		if (len && !coding_is(p, len, "identity")) {
			if (n == MAX_CODINGS)
				return -1;
			names[n] = p;
			lens[n++] = len;
		}
		p += strcspn(p, ",");
	}
	return n;
}

int pdx_decode_is_identity(const char *codings)
{
	const char *names[MAX_CODINGS];
	size_t lens[MAX_CODINGS];

	return split_codings(codings, names, lens) == 0;
}

enum pdx_decode_status pdx_decode_reuse(const char *codings, const char *body, size_t len,
				       size_t limit, struct pdx_decode_buffers *keep,
				       const char **out, size_t *out_len, char *why,
				       size_t why_len)
{
	const char *names[MAX_CODINGS];
	size_t lens[MAX_CODINGS];
	int n = split_codings(codings, names, lens), k = 0;
	const char *cur = body;
	size_t cur_len = len;
	enum pdx_decode_status result = PDX_DECODE_OK;

	*out = body;
	*out_len = len;
	if (n < 0) {
		snprintf(why, why_len, "Content-Encoding '%s' lists too many codings", codings);
		return PDX_DECODE_UNSUPPORTED;
	}
	for (int i = n - 1; i >= 0 && cur_len > 0; i--) {
		/* Each step writes into the buffer the step before did not. */
		struct sink s = {keep->data[k], 0, keep->cap[k], limit, 0, 0,
				 (struct libdeflate_decompressor **)&keep->whole};
		enum pdx_decode_status st = undo_coding(names[i], lens[i], cur, cur_len, &s);

		keep->data[k] = s.data;
		keep->cap[k] = s.cap;
		if (s.len > limit)
			st = PDX_DECODE_TOO_LARGE;
		if (st == PDX_DECODE_UNSUPPORTED || (st == PDX_DECODE_DAMAGED && s.len == 0)) {
			/* Stored decoded under the header of the coded body: read it as it is. */
			if (looks_like_markup(cur, cur_len))
				break;
			if (st == PDX_DECODE_UNSUPPORTED)
				snprintf(why, why_len, "Content-Encoding '%.*s' is not supported",
					 (int)lens[i], names[i]);
			else
				snprintf(why, why_len, "body is not valid %.*s data", (int)lens[i],
					 names[i]);
			return st;
		}
		if (st != PDX_DECODE_OK && st != PDX_DECODE_TRUNCATED) {
			if (st == PDX_DECODE_TOO_LARGE)
				snprintf(why, why_len,
					 "body larger than %zu bytes once %.*s-decoded", limit,
					 (int)lens[i], names[i]);
			else if (st == PDX_DECODE_DAMAGED)
				snprintf(why, why_len, "damaged %.*s data after %zu decoded bytes",
					 (int)lens[i], names[i], s.len);
			else
				snprintf(why, why_len, "out of memory decoding %.*s", (int)lens[i],
					 names[i]);
			return st;
		}
		if (st == PDX_DECODE_TRUNCATED) {
			result = st;
			snprintf(why, why_len, "%.*s data cut short after %zu decoded bytes",
				 (int)lens[i], names[i], s.len);
		}
		if (!s.data && !(s.data = keep->data[k] = malloc(keep->cap[k] = 1)))
			return PDX_DECODE_NO_MEMORY;
		s.data[s.len] = '\0';
		cur = s.data;
		cur_len = s.len;
		k = 1 - k;
	}
	*out = cur;
	*out_len = cur_len;
	return result;
}

void pdx_decode_buffers_release(struct pdx_decode_buffers *keep)
{
	free(keep->data[0]);
	free(keep->data[1]);
	libdeflate_free_decompressor(keep->whole);
	memset(keep, 0, sizeof *keep);
}

enum pdx_decode_status pdx_decode_content(const char *codings, const char *body, size_t len,
					  size_t limit, char **out, size_t *out_len, char *why,
					  size_t why_len)
{
	struct pdx_decode_buffers keep = {{NULL, NULL}, {0, 0}, NULL};
	const char *got;
	enum pdx_decode_status st =
		pdx_decode_reuse(codings, body, len, limit, &keep, &got, out_len, why, why_len);

	*out = NULL;
	if (st == PDX_DECODE_OK || st == PDX_DECODE_TRUNCATED) {
		*out = malloc(*out_len + 1);
		if (*out) {
			memcpy(*out, got, *out_len);
			(*out)[*out_len] = '\0';
		} else {
			st = PDX_DECODE_NO_MEMORY;
		}
	}
	if (!*out)
		*out_len = 0;
	pdx_decode_buffers_release(&keep);
	return st;
}
