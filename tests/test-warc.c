/* test-warc.c: coded bodies and web archives written byte by byte, for the unit tests. */
#include "config.h"

#include "tests/test-warc.h"

#include <brotli/encode.h>
#include <libdeflate.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zstd.h>

#include "tests/test-util.h"

const char test_page[] =
	"<!doctype html><html><head><title>Balance of power</title></head><body><p>The "
	"balance of power in Asia shifts as alliances form and dissolve.</p></body></html>";

/* The bodies are coded with libdeflate, Brotli's and Zstandard's own encoders: other code
 * than the decoders that read them. */
void test_deflate(pdx_buf *out, const char *data, size_t len, enum test_deflate_format format)
{
	struct libdeflate_compressor *c = libdeflate_alloc_compressor(6);
	size_t bound, n;
	char *buf;

	assert_non_null(c);
	bound = format == TEST_GZIP   ? libdeflate_gzip_compress_bound(c, len)
		: format == TEST_ZLIB ? libdeflate_zlib_compress_bound(c, len)
				      : libdeflate_deflate_compress_bound(c, len);
	buf = malloc(bound);
	assert_non_null(buf);
	n = format == TEST_GZIP	  ? libdeflate_gzip_compress(c, data, len, buf, bound)
	    : format == TEST_ZLIB ? libdeflate_zlib_compress(c, data, len, buf, bound)
				  : libdeflate_deflate_compress(c, data, len, buf, bound);
	assert_true(n > 0);
	pdx_buf_add(out, buf, n);
	free(buf);
	libdeflate_free_compressor(c);
}

void test_brotli(pdx_buf *out, const char *data, size_t len)
{
	size_t n = BrotliEncoderMaxCompressedSize(len);
	uint8_t *buf = malloc(n);

	assert_non_null(buf);
	assert_true(BrotliEncoderCompress(5, 22, BROTLI_MODE_TEXT, len, (const uint8_t *)data, &n,
					  buf));
	pdx_buf_add(out, (char *)buf, n);
	free(buf);
}

void test_zstd(pdx_buf *out, const char *data, size_t len)
{
	size_t n = ZSTD_compressBound(len);
	char *buf = malloc(n);

	assert_non_null(buf);
	n = ZSTD_compress(buf, n, data, len, 3);
	assert_false(ZSTD_isError(n));
	pdx_buf_add(out, buf, n);
	free(buf);
}

void test_http_response(pdx_buf *out, const char *status, const char *headers, const char *body,
			size_t len)
{
	pdx_buf_addf(out, "HTTP/1.1 %s\r\n%s\r\n", status, headers);
	pdx_buf_add(out, body, len);
}

void test_warc_record(pdx_buf *out, const char *version, const char *type, const char *uri,
		      const char *date, const char *extra, const char *block, size_t len)
{
	pdx_buf_addf(out, "%s\r\nWARC-Type: %s\r\n", version, type);
	if (uri)
		pdx_buf_addf(out, "WARC-Target-URI: %s\r\n", uri);
	pdx_buf_addf(out, "WARC-Date: %s\r\nWARC-Record-ID: <urn:uuid:%s-%s>\r\n%s"
			  "Content-Length: %zu\r\n\r\n",
		     date, type, date, extra ? extra : "", len);
	pdx_buf_add(out, block, len);
	pdx_buf_adds(out, "\r\n\r\n");
}

/* test_page coded by CODING into BODY; returns the Content-Encoding that says so. */
static const char *code_page(pdx_buf *body, const char *coding)
{
	size_t len = strlen(test_page);
	pdx_buf first = PDX_BUF_INIT;

	if (strcmp(coding, "gzip") == 0) {
		test_deflate(body, test_page, len, TEST_GZIP);
	} else if (strcmp(coding, "deflate") == 0) {
		test_deflate(body, test_page, len, TEST_ZLIB);
	} else if (strcmp(coding, "deflate-raw") == 0) {
		test_deflate(body, test_page, len, TEST_RAW_DEFLATE);
		return "deflate";
	} else if (strcmp(coding, "br") == 0) {
		test_brotli(body, test_page, len);
	} else if (strcmp(coding, "zstd") == 0) {
		test_zstd(body, test_page, len);
	} else {
		test_deflate(&first, test_page, len, TEST_GZIP);
		test_brotli(body, first.data, first.len);
		pdx_buf_release(&first);
		return "gzip, br";
	}
	return coding;
}

void test_coded_response(pdx_buf *out, const char *uri, const char *date, const char *coding,
			 int chunked)
{
	pdx_buf body = PDX_BUF_INIT, coded = PDX_BUF_INIT, http = PDX_BUF_INIT;
	char headers[256];
	const char *encoding = code_page(&body, coding);

	if (chunked) {
		/* Chunks of 7 bytes, with an extension on the first. */
		for (size_t at = 0; at < body.len; at += 7) {
			size_t n = body.len - at < 7 ? body.len - at : 7;

			pdx_buf_addf(&coded, at ? "%zx\r\n" : "%zx;name=value\r\n", n);
			pdx_buf_add(&coded, body.data + at, n);
			pdx_buf_adds(&coded, "\r\n");
		}
		pdx_buf_adds(&coded, "0\r\n\r\n");
	} else {
		pdx_buf_add(&coded, body.data, body.len);
	}
	snprintf(headers, sizeof headers, "Content-Type: text/html; charset=utf-8\r\n"
		 "Content-Encoding: %s\r\n%s", encoding,
		 chunked ? "Transfer-Encoding: chunked\r\n" : "");
	test_http_response(&http, "200 OK", headers, coded.data, coded.len);
	test_warc_record(out, "WARC/1.1", "response", uri, date, NULL, http.data, http.len);
	pdx_buf_release(&body);
	pdx_buf_release(&coded);
	pdx_buf_release(&http);
}

void test_gzip_members(pdx_buf *out, int count, const char *coding, size_t *starts)
{
	for (int i = 0; i < count; i++) {
		pdx_buf one = PDX_BUF_INIT;
		char uri[64];

		snprintf(uri, sizeof uri, "https://think.example/%d", i);
		test_coded_response(&one, uri, "2024-03-01T10:00:00Z", coding, 0);
		if (starts)
			starts[i] = out->len;
		test_deflate(out, one.data, one.len, TEST_GZIP);
		pdx_buf_release(&one);
	}
}

char *test_write_temp(const char *dir, const char *name, const char *data, size_t len)
{
	char *path = malloc(strlen(dir) + strlen(name) + 2);
	FILE *fh;

	assert_non_null(path);
	sprintf(path, "%s/%s", dir, name);
	fh = fopen(path, "wb");
	assert_non_null(fh);
	assert_int_equal(fwrite(data, 1, len, fh), len);
	fclose(fh);
	return path;
}
