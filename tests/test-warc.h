/* test-warc.h: coded bodies and web archives written byte by byte, for the unit tests. */
#ifndef PDX_TEST_WARC_H
#define PDX_TEST_WARC_H

#include <stddef.h>

#include "util/buf.h"

/* The page the bodies and records carry. */
extern const char test_page[];

/* The deflate formats: a gzip member, a zlib stream, raw deflate data. */
enum test_deflate_format { TEST_GZIP, TEST_ZLIB, TEST_RAW_DEFLATE };

/* LEN bytes of DATA coded in FORMAT, or by Brotli or Zstandard, appended to OUT. */
void test_deflate(pdx_buf *out, const char *data, size_t len, enum test_deflate_format format);
void test_brotli(pdx_buf *out, const char *data, size_t len);
void test_zstd(pdx_buf *out, const char *data, size_t len);

/* An HTTP response around BODY (LEN bytes), with extra header lines HEADERS. */
void test_http_response(pdx_buf *out, const char *status, const char *headers, const char *body,
			size_t len);

/* A WARC record of VERSION and TYPE for URI (or NULL) at DATE, with BLOCK (LEN bytes) and the
 * extra header lines EXTRA (or NULL). */
void test_warc_record(pdx_buf *out, const char *version, const char *type, const char *uri,
		      const char *date, const char *extra, const char *block, size_t len);

/* A response record for URI at DATE whose body is test_page coded by CODING (gzip, deflate,
 * deflate-raw, br, zstd, gzip+br: gzip then br), perhaps CHUNKED in transfer. */
void test_coded_response(pdx_buf *out, const char *uri, const char *date, const char *coding,
			 int chunked);

/* COUNT response records of test_page coded by CODING, for https://think.example/0, /1...,
 * each gzipped as a member of its own and appended to OUT; STARTS (or NULL) gets the offset
 * in OUT of each member. */
void test_gzip_members(pdx_buf *out, int count, const char *coding, size_t *starts);

/* Write LEN bytes of DATA to the file NAME in DIR; returns its path, which the caller frees. */
char *test_write_temp(const char *dir, const char *name, const char *data, size_t len);

#endif
