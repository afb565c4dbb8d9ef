/* test_archive.c: the web archive reader, the content decoders, WACZ, and which records are
 * pages, on archives written here byte by byte. */
#include "config.h"

#include <brotli/encode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>
#include <zlib.h>
#include <zstd.h>

#include "indexer/archive.h"
#include "util/buf.h"
#include "indexer/decode.h"
#include "indexer/records.h"
#include "tests/test-util.h"
#include "indexer/wacz.h"

static const char page[] =
	"<!doctype html><html><head><title>Balance of power</title></head><body><p>The "
	"balance of power in Asia shifts as alliances form and dissolve.</p></body></html>";

/* ----- encoders, for bodies and files ------------------------------------------------- */

/* DATA deflated: WINDOW 16+15 gzip, 15 zlib, -15 raw. */
static void deflate_into(pdx_buf *out, const char *data, size_t len, int window)
{
	z_stream z;
	unsigned char chunk[4096];
	int rc;

	memset(&z, 0, sizeof z);
	assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, window, 8, Z_DEFAULT_STRATEGY), Z_OK);
	z.next_in = (unsigned char *)data;
	z.avail_in = (uInt)len;
	do {
		z.next_out = chunk;
		z.avail_out = sizeof chunk;
		rc = deflate(&z, Z_FINISH);
		pdx_buf_add(out, (char *)chunk, sizeof chunk - z.avail_out);
	} while (rc == Z_OK);
	assert_int_equal(rc, Z_STREAM_END);
	deflateEnd(&z);
}

static void brotli_into(pdx_buf *out, const char *data, size_t len)
{
	size_t n = BrotliEncoderMaxCompressedSize(len);
	uint8_t *buf = malloc(n);

	assert_non_null(buf);
	assert_true(BrotliEncoderCompress(5, 22, BROTLI_MODE_TEXT, len, (const uint8_t *)data, &n,
					  buf));
	pdx_buf_add(out, (char *)buf, n);
	free(buf);
}

static void zstd_into(pdx_buf *out, const char *data, size_t len)
{
	size_t n = ZSTD_compressBound(len);
	char *buf = malloc(n);

	assert_non_null(buf);
	n = ZSTD_compress(buf, n, data, len, 3);
	assert_false(ZSTD_isError(n));
	pdx_buf_add(out, buf, n);
	free(buf);
}

/* An HTTP response around BODY (LEN bytes), with extra header lines HEADERS. */
static void http_response(pdx_buf *out, const char *status, const char *headers,
			  const char *body, size_t len)
{
	pdx_buf_addf(out, "HTTP/1.1 %s\r\n%s\r\n", status, headers);
	pdx_buf_add(out, body, len);
}

/* A WARC record of VERSION and TYPE for URI at DATE, with BLOCK; EXTRA header lines. */
static void warc_record(pdx_buf *out, const char *version, const char *type, const char *uri,
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

/* A response record for URI at DATE whose body is PAGE coded by CODING (gzip, deflate,
 * deflate-raw, br, zstd, gzip+br: gzip then br), perhaps CHUNKED in transfer. */
static void coded_response(pdx_buf *out, const char *uri, const char *date, const char *coding,
			   int chunked)
{
	pdx_buf body = PDX_BUF_INIT, coded = PDX_BUF_INIT, http = PDX_BUF_INIT;
	char headers[256];
	const char *encoding = coding;

	if (strcmp(coding, "gzip") == 0) {
		deflate_into(&body, page, strlen(page), 16 + 15);
	} else if (strcmp(coding, "deflate") == 0) {
		deflate_into(&body, page, strlen(page), 15);
	} else if (strcmp(coding, "deflate-raw") == 0) {
		deflate_into(&body, page, strlen(page), -15);
		encoding = "deflate";
	} else if (strcmp(coding, "br") == 0) {
		brotli_into(&body, page, strlen(page));
	} else if (strcmp(coding, "zstd") == 0) {
		zstd_into(&body, page, strlen(page));
	} else {
		pdx_buf first = PDX_BUF_INIT;

		deflate_into(&first, page, strlen(page), 16 + 15);
		brotli_into(&body, first.data, first.len);
		pdx_buf_release(&first);
		encoding = "gzip, br";
	}
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
	http_response(&http, "200 OK", headers, coded.data, coded.len);
	warc_record(out, "WARC/1.1", "response", uri, date, NULL, http.data, http.len);
	pdx_buf_release(&body);
	pdx_buf_release(&coded);
	pdx_buf_release(&http);
}

static char *write_temp(const char *dir, const char *name, const char *data, size_t len)
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

/* Read the next record of A, expecting one. */
static void next_record(pdx_archive_t *a, struct pdx_archive_record *rec)
{
	enum pdx_archive_event ev = pdx_archive_next(a, rec);

	if (ev != PDX_ARCHIVE_RECORD)
		fail_msg("expected a record, got event %d: %s", ev, pdx_archive_message(a));
}

/* The payload of the record just read, which must decode to PAGE. */
static void expect_page(pdx_archive_t *a)
{
	const char *payload;
	char why[256];
	size_t len;
	int cut;

	assert_int_equal(pdx_archive_read_payload(a, 1 << 20, 1, &payload, &len, &cut, why,
						  sizeof why),
			 PDX_DECODE_OK);
	assert_int_equal(len, strlen(page));
	assert_memory_equal(payload, page, len);
}

static int setup(void **state)
{
	*state = test_make_tmpdir();
	return *state ? 0 : -1;
}

static int teardown(void **state)
{
	test_remove_tree(*state);
	free(*state);
	return 0;
}

/* ----- decoders ----------------------------------------------------------------------- */

static void decode_expect(const char *coding, const char *body, size_t len,
			  enum pdx_decode_status want, const char *want_out)
{
	char *out, why[256];
	size_t out_len;
	enum pdx_decode_status st =
		pdx_decode_content(coding, body, len, 1 << 20, &out, &out_len, why, sizeof why);

	if (st != want)
		fail_msg("%s: status %d, want %d (%s)", coding, st, want, why);
	if (want_out) {
		assert_int_equal(out_len, strlen(want_out));
		assert_memory_equal(out, want_out, out_len);
	}
	free(out);
}

static void test_decode_each_coding(void **state)
{
	pdx_buf b = PDX_BUF_INIT;

	(void)state;
	deflate_into(&b, page, strlen(page), 16 + 15);
	decode_expect("gzip", b.data, b.len, PDX_DECODE_OK, page);
	decode_expect("x-gzip", b.data, b.len, PDX_DECODE_OK, page);
	decode_expect(" GZIP ", b.data, b.len, PDX_DECODE_OK, page);
	pdx_buf_truncate(&b, 0);
	deflate_into(&b, page, strlen(page), 15);
	decode_expect("deflate", b.data, b.len, PDX_DECODE_OK, page);
	pdx_buf_truncate(&b, 0);
	deflate_into(&b, page, strlen(page), -15);
	decode_expect("deflate", b.data, b.len, PDX_DECODE_OK, page);
	pdx_buf_truncate(&b, 0);
	brotli_into(&b, page, strlen(page));
	decode_expect("br", b.data, b.len, PDX_DECODE_OK, page);
	pdx_buf_truncate(&b, 0);
	zstd_into(&b, page, strlen(page));
	decode_expect("zstd", b.data, b.len, PDX_DECODE_OK, page);
	decode_expect("identity", page, strlen(page), PDX_DECODE_OK, page);
	decode_expect(NULL, page, strlen(page), PDX_DECODE_OK, page);
	decode_expect("gzip", "", 0, PDX_DECODE_OK, "");
	pdx_buf_release(&b);
}

static void test_decode_list_undone_in_reverse(void **state)
{
	pdx_buf gz = PDX_BUF_INIT, both = PDX_BUF_INIT;

	(void)state;
	deflate_into(&gz, page, strlen(page), 16 + 15);
	brotli_into(&both, gz.data, gz.len);
	decode_expect("gzip, br", both.data, both.len, PDX_DECODE_OK, page);
	decode_expect("identity, gzip,br", both.data, both.len, PDX_DECODE_OK, page);
	/* In the wrong order the brotli data is no gzip. */
	decode_expect("br, gzip", both.data, both.len, PDX_DECODE_DAMAGED, NULL);
	pdx_buf_release(&gz);
	pdx_buf_release(&both);
}

static void test_decode_problems(void **state)
{
	pdx_buf b = PDX_BUF_INIT;
	char *big;

	(void)state;
	decode_expect("compress", "\x1f\x9d\x90", 3, PDX_DECODE_UNSUPPORTED, NULL);
	/* A body the crawler stored decoded under its coded header is read as it is. */
	decode_expect("gzip", page, strlen(page), PDX_DECODE_OK, page);
	decode_expect("br", page, strlen(page), PDX_DECODE_OK, page);
	decode_expect("compress", page, strlen(page), PDX_DECODE_OK, page);
	/* Binary that is no gzip, and bodies shorter than any gzip member (its trailer is not
	 * read before its start: found by fuzz-warc). */
	decode_expect("gzip", "\x01\x02\x03\x04\x05\x06", 6, PDX_DECODE_DAMAGED, NULL);
	decode_expect("gzip", "\x01\x02", 2, PDX_DECODE_DAMAGED, NULL);
	decode_expect("gzip", "\x1f\x8b\x08", 3, PDX_DECODE_TRUNCATED, "");
	/* A gzip stream cut short gives what it held. */
	deflate_into(&b, page, strlen(page), 16 + 15);
	{
		char *out, why[256];
		size_t out_len;

		assert_int_equal(pdx_decode_content("gzip", b.data, b.len - 6, 1 << 20, &out,
						    &out_len, why, sizeof why),
				 PDX_DECODE_TRUNCATED);
		assert_true(out_len > 0 && out_len <= strlen(page));
		assert_memory_equal(out, page, out_len);
		assert_non_null(strstr(why, "gzip"));
		free(out);
	}
	/* Damage inside the stream, after a good start. */
	b.data[b.len / 2] ^= 0x55;
	b.data[b.len / 2 + 1] ^= 0x55;
	{
		char *out, why[256];
		size_t out_len;
		enum pdx_decode_status st = pdx_decode_content("gzip", b.data, b.len, 1 << 20, &out,
							       &out_len, why, sizeof why);

		assert_true(st == PDX_DECODE_DAMAGED || st == PDX_DECODE_TRUNCATED);
		if (st == PDX_DECODE_TRUNCATED)
			free(out);
	}
	/* A decompression bomb is held to the limit. */
	pdx_buf_truncate(&b, 0);
	big = calloc(1, 4 << 20);
	assert_non_null(big);
	deflate_into(&b, big, 4 << 20, 16 + 15);
	free(big);
	{
		char *out, why[256];
		size_t out_len;

		assert_int_equal(pdx_decode_content("gzip", b.data, b.len, 1 << 20, &out, &out_len,
						    why, sizeof why),
				 PDX_DECODE_TOO_LARGE);
		assert_null(out);
	}
	pdx_buf_release(&b);
}

static void test_dechunk_forms(void **state)
{
	char ok[] = "4;ext=1\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nX-Trailer: 1\r\n\r\n";
	char lf[] = "3\nabc\n0\n\n";
	char cut[] = "4\r\nWiki\r\n10\r\nped";
	char plain[] = "<html>not chunked</html>";
	size_t n;

	(void)state;
	assert_int_equal(pdx_dechunk(ok, strlen(ok), &n), PDX_DECODE_OK);
	assert_int_equal(n, strlen("Wikipedia in\r\n\r\nchunks."));
	assert_memory_equal(ok, "Wikipedia in\r\n\r\nchunks.", n);
	assert_int_equal(pdx_dechunk(lf, strlen(lf), &n), PDX_DECODE_OK);
	assert_memory_equal(lf, "abc", n);
	assert_int_equal(pdx_dechunk(cut, strlen(cut), &n), PDX_DECODE_TRUNCATED);
	assert_int_equal(n, 7);
	assert_memory_equal(cut, "Wikiped", n);
	assert_int_equal(pdx_dechunk(plain, strlen(plain), &n), PDX_DECODE_DAMAGED);
	assert_string_equal(plain, "<html>not chunked</html>");
}

/* ----- WARC and ARC ------------------------------------------------------------------- */

static void test_archive_brotli_deflate_zstd_bodies(void **state)
{
	pdx_buf w = PDX_BUF_INIT;
	const char *codings[] = {"br", "deflate", "deflate-raw", "zstd", "gzip+br"};
	struct pdx_archive_record rec;
	char why[256], *path;
	pdx_archive_t *a;

	for (size_t i = 0; i < 5; i++)
		coded_response(&w, "https://think.example/power", "2024-03-01T10:00:00Z",
			       codings[i], 0);
	path = write_temp(*state, "coded.warc", w.data, w.len);
	a = pdx_archive_open(path, why, sizeof why);
	assert_non_null(a);
	for (size_t i = 0; i < 5; i++) {
		next_record(a, &rec);
		assert_int_equal(rec.type, PDX_RECORD_RESPONSE);
		assert_int_equal(rec.status, 200);
		assert_string_equal(rec.payload_type, "text/html");
		assert_string_equal(rec.charset, "utf-8");
		assert_string_equal(rec.date, "20240301100000");
		expect_page(a);
	}
	assert_int_equal(pdx_archive_next(a, &rec), PDX_ARCHIVE_END);
	pdx_archive_close(a);
	free(path);
	pdx_buf_release(&w);
}

static void test_archive_chunked_and_gzip(void **state)
{
	pdx_buf w = PDX_BUF_INIT, gz = PDX_BUF_INIT;
	struct pdx_archive_record rec;
	char why[256], *path;
	pdx_archive_t *a;

	coded_response(&w, "https://think.example/a", "2024-03-01T10:00:00Z", "gzip", 1);
	coded_response(&w, "https://think.example/b", "2024-03-01T10:00:01Z", "br", 1);
	/* The same file gzipped as one member: records no longer start members. */
	deflate_into(&gz, w.data, w.len, 16 + 15);
	path = write_temp(*state, "chunked.warc.gz", gz.data, gz.len);
	a = pdx_archive_open(path, why, sizeof why);
	assert_non_null(a);
	next_record(a, &rec);
	assert_string_equal(rec.transfer_encoding, "chunked");
	assert_string_equal(rec.content_encoding, "gzip");
	expect_page(a);
	next_record(a, &rec);
	assert_string_equal(rec.uri, "https://think.example/b");
	assert_int_equal(rec.offset, 0);
	expect_page(a);
	/* Said once, after the record that showed it. */
	assert_int_equal(pdx_archive_next(a, &rec), PDX_ARCHIVE_NOTICE);
	assert_non_null(strstr(pdx_archive_message(a), "one gzip member holds several records"));
	assert_int_equal(pdx_archive_next(a, &rec), PDX_ARCHIVE_END);
	pdx_archive_close(a);
	free(path);
	pdx_buf_release(&w);
	pdx_buf_release(&gz);
}

static void test_archive_members_give_offsets(void **state)
{
	pdx_buf file = PDX_BUF_INIT;
	unsigned long long starts[3];
	struct pdx_archive_record rec;
	char why[256], *path;
	pdx_archive_t *a;

	for (int i = 0; i < 3; i++) {
		pdx_buf one = PDX_BUF_INIT;
		char uri[64];

		snprintf(uri, sizeof uri, "https://think.example/%d", i);
		coded_response(&one, uri, "2024-03-01T10:00:00Z", "gzip", 0);
		starts[i] = file.len;
		deflate_into(&file, one.data, one.len, 16 + 15);
		pdx_buf_release(&one);
	}
	path = write_temp(*state, "members.warc.gz", file.data, file.len);
	a = pdx_archive_open(path, why, sizeof why);
	assert_non_null(a);
	for (int i = 0; i < 3; i++) {
		next_record(a, &rec);
		assert_int_equal(rec.number, i + 1);
		assert_int_equal(rec.offset, starts[i]);
		if (i == 1)
			expect_page(a); /* read or skipped, the next offset is the same */
	}
	assert_int_equal(pdx_archive_next(a, &rec), PDX_ARCHIVE_END);
	pdx_archive_close(a);
	free(path);
	pdx_buf_release(&file);
}

static void test_archive_warc_017_and_018(void **state)
{
	pdx_buf w = PDX_BUF_INIT, http = PDX_BUF_INIT;
	struct pdx_archive_record rec;
	char why[256], *path;
	pdx_archive_t *a;

	http_response(&http, "200 OK", "Content-Type: text/html\r\n", page, strlen(page));
	warc_record(&w, "WARC/0.17", "warcinfo", NULL, "2008-04-30T20:48:25Z",
		    "Content-Type: application/warc-fields\r\n", "software: Heritrix/1.14.0\r\n",
		    27);
	warc_record(&w, "WARC/0.17", "response", "http://www.example.org/", "2008-04-30T20:48:26Z",
		    NULL, http.data, http.len);
	warc_record(&w, "WARC/0.18", "revisit", "http://www.example.org/", "2009-05-01T00:00:00Z",
		    "WARC-Profile: http://netpreserve.org/warc/0.18/revisit/identical-payload-digest\r\n",
		    "", 0);
	path = write_temp(*state, "heritrix.warc", w.data, w.len);
	a = pdx_archive_open(path, why, sizeof why);
	assert_non_null(a);
	next_record(a, &rec);
	assert_int_equal(rec.type, PDX_RECORD_WARCINFO);
	next_record(a, &rec);
	assert_int_equal(rec.type, PDX_RECORD_RESPONSE);
	assert_string_equal(rec.date, "20080430204826");
	expect_page(a);
	next_record(a, &rec);
	assert_int_equal(rec.type, PDX_RECORD_REVISIT);
	assert_int_equal(pdx_archive_next(a, &rec), PDX_ARCHIVE_END);
	pdx_archive_close(a);
	free(path);
	/* WARC/0.9 had another layout: refused by name. */
	path = write_temp(*state, "old.warc", "WARC/0.9 123 response http://a/ 2006\r\n", 38);
	assert_null(pdx_archive_open(path, why, sizeof why));
	assert_non_null(strstr(why, "WARC version 0.9"));
	free(path);
	pdx_buf_release(&w);
	pdx_buf_release(&http);
}

/* An ARC record: the header line, the block, a line end. */
static void arc_record(pdx_buf *out, const char *url, const char *date, const char *type,
		       const char *block, size_t len)
{
	pdx_buf_addf(out, "%s 192.0.2.1 %s %s %zu\n", url, date, type, len);
	pdx_buf_add(out, block, len);
	pdx_buf_addc(out, '\n');
}

static void test_archive_arc_records(void **state)
{
	static const char desc[] = "1 0 Test Crawl\nURL IP-address Archive-date Content-type "
				   "Archive-length\n";
	pdx_buf arc = PDX_BUF_INIT, http = PDX_BUF_INIT, img = PDX_BUF_INIT, gz = PDX_BUF_INIT;
	struct pdx_archive_record rec;
	enum pdx_skip why_skip;
	const char *problem;
	unsigned long long second;
	char why[256], *path;
	pdx_archive_t *a;

	unsigned long long gz_offsets[4];
	const char *p;

	http_response(&http, "200 OK", "Content-Type: text/html\r\n", page, strlen(page));
	http_response(&img, "200 OK", "Content-Type: image/png\r\n", "\x89PNG\r\n", 6);
	/* Each record also gzipped as a member of its own, as the Internet Archive wrote them. */
	for (int i = 0; i < 4; i++) {
		pdx_buf one = PDX_BUF_INIT;

		if (i == 0)
			arc_record(&one, "filedesc://test.arc", "20040101000000", "text/plain", desc,
				   strlen(desc));
		else if (i == 1)
			arc_record(&one, "http://www.example.org/a page with spaces.html",
				   "20040102030405", "text/html", http.data, http.len);
		else if (i == 2)
			arc_record(&one, "http://www.example.org/logo.png", "20040102030406",
				   "image/png", img.data, img.len);
		else
			arc_record(&one, "dns:www.example.org", "20040102030400", "text/dns",
				   "192.0.2.1\n", 10);
		if (i == 1)
			second = arc.len;
		gz_offsets[i] = gz.len;
		pdx_buf_add(&arc, one.data, one.len);
		deflate_into(&gz, one.data, one.len, 16 + 15);
		pdx_buf_release(&one);
	}
	for (int round = 0; round < 2; round++) {
		path = round ? write_temp(*state, "crawl.arc.gz", gz.data, gz.len)
			     : write_temp(*state, "crawl.arc", arc.data, arc.len);
		a = pdx_archive_open(path, why, sizeof why);
		assert_non_null(a);
		assert_int_equal(pdx_archive_format(a), PDX_ARCHIVE_ARC);
		next_record(a, &rec);
		assert_int_equal(rec.type, PDX_RECORD_ARC_FILEDESC);
		assert_int_equal(pdx_record_judge(&rec, &why_skip, &problem), PDX_VERDICT_SKIP);
		next_record(a, &rec);
		assert_int_equal(rec.type, PDX_RECORD_ARC);
		assert_int_equal(rec.offset, round ? gz_offsets[1] : second);
		assert_string_equal(rec.uri, "http://www.example.org/a page with spaces.html");
		assert_string_equal(rec.date, "20040102030405");
		assert_int_equal(rec.status, 200);
		assert_int_equal(pdx_record_judge(&rec, &why_skip, &problem), PDX_VERDICT_PAGE);
		expect_page(a);
		next_record(a, &rec);
		assert_int_equal(pdx_record_judge(&rec, &why_skip, &problem), PDX_VERDICT_SKIP);
		assert_int_equal(why_skip, PDX_SKIP_NOT_HTML);
		next_record(a, &rec);
		if (round)
			assert_int_equal(rec.offset, gz_offsets[3]);
		assert_int_equal(pdx_record_judge(&rec, &why_skip, &problem), PDX_VERDICT_SKIP);
		assert_int_equal(why_skip, PDX_SKIP_NOT_WEB);
		assert_int_equal(pdx_archive_next(a, &rec), PDX_ARCHIVE_END);
		pdx_archive_close(a);
		free(path);
	}
	(void)p;
	pdx_buf_release(&arc);
	pdx_buf_release(&http);
	pdx_buf_release(&img);
	pdx_buf_release(&gz);
}

static void test_archive_damage_is_named_and_reading_goes_on(void **state)
{
	pdx_buf w = PDX_BUF_INIT;
	struct pdx_archive_record rec;
	char why[256], *path;
	pdx_archive_t *a;

	coded_response(&w, "https://think.example/1", "2024-03-01T10:00:00Z", "gzip", 0);
	/* No Content-Length. */
	pdx_buf_adds(&w, "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://x/\r\n\r\n"
			 "HTTP/1.1 200 OK\r\n\r\nlost\r\n\r\n");
	coded_response(&w, "https://think.example/2", "2024-03-01T10:00:00Z", "br", 0);
	/* Garbage between records. */
	pdx_buf_adds(&w, "garbage where a record should be\r\nmore of it\r\n");
	coded_response(&w, "https://think.example/3", "2024-03-01T10:00:00Z", "zstd", 0);
	/* A last record cut short. */
	{
		pdx_buf last = PDX_BUF_INIT;

		coded_response(&last, "https://think.example/4", "2024-03-01T10:00:00Z", "gzip", 0);
		pdx_buf_add(&w, last.data, last.len - 40);
		pdx_buf_release(&last);
	}
	path = write_temp(*state, "damaged.warc", w.data, w.len);
	a = pdx_archive_open(path, why, sizeof why);
	assert_non_null(a);
	next_record(a, &rec);
	expect_page(a);
	assert_int_equal(pdx_archive_next(a, &rec), PDX_ARCHIVE_DAMAGED);
	assert_non_null(strstr(pdx_archive_message(a), "record 2"));
	assert_non_null(strstr(pdx_archive_message(a), "no Content-Length"));
	next_record(a, &rec);
	assert_string_equal(rec.uri, "https://think.example/2");
	expect_page(a);
	assert_int_equal(pdx_archive_next(a, &rec), PDX_ARCHIVE_DAMAGED);
	assert_non_null(strstr(pdx_archive_message(a), "garbage where"));
	next_record(a, &rec);
	assert_string_equal(rec.uri, "https://think.example/3");
	expect_page(a);
	next_record(a, &rec);
	assert_string_equal(rec.uri, "https://think.example/4");
	assert_true(rec.cut);
	{
		const char *payload;
		size_t len;
		int cut;

		assert_int_equal(pdx_archive_read_payload(a, 1 << 20, 1, &payload, &len, &cut, why,
							  sizeof why),
				 PDX_DECODE_TRUNCATED);
		assert_true(cut);
		assert_non_null(strstr(why, "truncated record"));
	}
	assert_int_equal(pdx_archive_next(a, &rec), PDX_ARCHIVE_END);
	pdx_archive_close(a);
	free(path);
	pdx_buf_release(&w);
}

static void test_archive_damaged_gzip_member_is_stepped_over(void **state)
{
	pdx_buf file = PDX_BUF_INIT;
	size_t second = 0;
	struct pdx_archive_record rec;
	char why[256], *path;
	pdx_archive_t *a;

	for (int i = 0; i < 3; i++) {
		pdx_buf one = PDX_BUF_INIT;
		char uri[64];

		snprintf(uri, sizeof uri, "https://think.example/%d", i);
		coded_response(&one, uri, "2024-03-01T10:00:00Z", "br", 0);
		if (i == 1)
			second = file.len;
		deflate_into(&file, one.data, one.len, 16 + 15);
		pdx_buf_release(&one);
	}
	/* Damage the middle of the second member's deflate data. */
	for (size_t k = second + 40; k < second + 60; k++)
		file.data[k] ^= 0x5a;
	path = write_temp(*state, "broken.warc.gz", file.data, file.len);
	a = pdx_archive_open(path, why, sizeof why);
	assert_non_null(a);
	next_record(a, &rec);
	assert_string_equal(rec.uri, "https://think.example/0");
	assert_int_equal(pdx_archive_next(a, &rec), PDX_ARCHIVE_DAMAGED);
	assert_non_null(strstr(pdx_archive_message(a), "gzip"));
	next_record(a, &rec);
	assert_string_equal(rec.uri, "https://think.example/2");
	expect_page(a);
	assert_int_equal(pdx_archive_next(a, &rec), PDX_ARCHIVE_END);
	pdx_archive_close(a);
	free(path);
	pdx_buf_release(&file);
}

static void test_archive_refuses_what_is_no_archive(void **state)
{
	char why[256], *path;

	path = write_temp(*state, "page.warc", page, strlen(page));
	assert_null(pdx_archive_open(path, why, sizeof why));
	assert_non_null(strstr(why, "not a WARC or ARC file"));
	free(path);
	assert_null(pdx_archive_open("/nonexistent/x.warc", why, sizeof why));
	assert_non_null(strstr(why, "No such file"));
	assert_int_equal(pdx_archive_sniff("WARC/1.0\r\n", 10), PDX_KIND_WARC);
	assert_int_equal(pdx_archive_sniff("filedesc://x.arc", 16), PDX_KIND_ARC);
	assert_int_equal(pdx_archive_sniff("PK\x03\x04", 4), PDX_KIND_ZIP);
	assert_int_equal(pdx_archive_sniff(page, strlen(page)), PDX_KIND_OTHER);
}

static void test_archive_timestamps(void **state)
{
	char ts[15];

	(void)state;
	assert_int_equal(pdx_archive_timestamp("2017-03-06T04:02:06Z", ts), 0);
	assert_string_equal(ts, "20170306040206");
	assert_int_equal(pdx_archive_timestamp("2017-03-06T04:02:06.123456Z", ts), 0);
	assert_string_equal(ts, "20170306040206");
	assert_int_equal(pdx_archive_timestamp("2017-03-06", ts), 0);
	assert_string_equal(ts, "20170306000000");
	assert_int_equal(pdx_archive_timestamp("2017", ts), 0);
	assert_string_equal(ts, "20170101000000");
	assert_int_equal(pdx_archive_timestamp("201404010000000000", ts), 0);
	assert_string_equal(ts, "20140401000000");
	assert_int_equal(pdx_archive_timestamp("2017-13-01", ts), -1);
	assert_int_equal(pdx_archive_timestamp("yesterday", ts), -1);
	assert_int_equal(pdx_archive_timestamp("", ts), -1);
}

/* ----- which records are pages -------------------------------------------------------- */

static void test_record_judge_reasons(void **state)
{
	struct {
		enum pdx_record_type type;
		const char *uri;
		int http, status;
		const char *payload_type;
		enum pdx_verdict want;
		enum pdx_skip why;
	} cases[] = {
		{PDX_RECORD_RESPONSE, "https://a.example/", 1, 200, "text/html", PDX_VERDICT_PAGE, 0},
		{PDX_RECORD_RESPONSE, "https://a.example/", 1, 203, "application/xhtml+xml",
		 PDX_VERDICT_PAGE, 0},
		{PDX_RECORD_RESPONSE, "https://a.example/", 1, 200, NULL, PDX_VERDICT_PAGE_IF_HTML, 0},
		{PDX_RECORD_RESPONSE, "https://a.example/", 1, 200, "application/octet-stream",
		 PDX_VERDICT_PAGE_IF_HTML, 0},
		{PDX_RECORD_RESPONSE, "https://a.example/x.png", 1, 200, "image/png",
		 PDX_VERDICT_SKIP, PDX_SKIP_NOT_HTML},
		{PDX_RECORD_RESPONSE, "https://a.example/", 1, 301, "text/html", PDX_VERDICT_SKIP,
		 PDX_SKIP_REDIRECT},
		{PDX_RECORD_RESPONSE, "https://a.example/", 1, 404, "text/html", PDX_VERDICT_SKIP,
		 PDX_SKIP_CLIENT_ERROR},
		{PDX_RECORD_RESPONSE, "https://a.example/", 1, 503, "text/html", PDX_VERDICT_SKIP,
		 PDX_SKIP_SERVER_ERROR},
		{PDX_RECORD_RESPONSE, "https://a.example/", 1, 206, "text/html", PDX_VERDICT_SKIP,
		 PDX_SKIP_OTHER_STATUS},
		{PDX_RECORD_RESPONSE, "https://a.example/robots.txt", 1, 200, "text/plain",
		 PDX_VERDICT_SKIP, PDX_SKIP_ROBOTS},
		{PDX_RECORD_RESPONSE, "dns:a.example", 0, 0, "text/dns", PDX_VERDICT_SKIP,
		 PDX_SKIP_NOT_WEB},
		{PDX_RECORD_RESPONSE, "whois://whois.example/a.example", 0, 0, "text/plain",
		 PDX_VERDICT_SKIP, PDX_SKIP_NOT_WEB},
		{PDX_RECORD_RESPONSE, "https://a.example/", 0, 0, NULL, PDX_VERDICT_SKIP,
		 PDX_SKIP_NO_HTTP},
		{PDX_RECORD_RESOURCE, "https://a.example/", 0, 0, "text/html", PDX_VERDICT_PAGE, 0},
		{PDX_RECORD_RESOURCE, "urn:pageinfo:https://a.example/", 0, 0, "application/json",
		 PDX_VERDICT_SKIP, PDX_SKIP_NOT_WEB},
		{PDX_RECORD_REVISIT, "https://a.example/", 1, 200, "text/html", PDX_VERDICT_REVISIT, 0},
		{PDX_RECORD_REVISIT, "https://a.example/", 0, 0, NULL, PDX_VERDICT_REVISIT, 0},
		{PDX_RECORD_REVISIT, "https://a.example/", 1, 304, NULL, PDX_VERDICT_REVISIT, 0},
		{PDX_RECORD_REVISIT, "https://a.example/a.js", 1, 200, "application/javascript",
		 PDX_VERDICT_SKIP, PDX_SKIP_NOT_HTML},
		{PDX_RECORD_REQUEST, "https://a.example/", 1, 0, NULL, PDX_VERDICT_SKIP,
		 PDX_SKIP_REQUEST},
		{PDX_RECORD_WARCINFO, NULL, 0, 0, NULL, PDX_VERDICT_SKIP, PDX_SKIP_WARCINFO},
		{PDX_RECORD_METADATA, "https://a.example/", 0, 0, NULL, PDX_VERDICT_SKIP,
		 PDX_SKIP_METADATA},
		{PDX_RECORD_CONVERSION, "https://a.example/", 0, 0, NULL, PDX_VERDICT_SKIP,
		 PDX_SKIP_OTHER_RECORD},
		{PDX_RECORD_RESPONSE, NULL, 1, 200, "text/html", PDX_VERDICT_DAMAGED, 0},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct pdx_archive_record rec;
		enum pdx_skip why = PDX_SKIP_N;
		const char *problem;
		enum pdx_verdict got;

		memset(&rec, 0, sizeof rec);
		rec.type = cases[i].type;
		rec.uri = cases[i].uri;
		rec.http = cases[i].http;
		rec.status = cases[i].status;
		rec.payload_type = cases[i].payload_type;
		rec.date = "20240301100000";
		got = pdx_record_judge(&rec, &why, &problem);
		if (got != cases[i].want || (got == PDX_VERDICT_SKIP && why != cases[i].why))
			fail_msg("case %zu (%s): verdict %d reason %d, want %d reason %d", i,
				 cases[i].uri ? cases[i].uri : "-", got, why, cases[i].want,
				 cases[i].why);
	}
}

/* ----- WACZ --------------------------------------------------------------------------- */

static void add_to_zip(zip_t *z, const char *name, const char *data, size_t len, int store)
{
	zip_source_t *src = zip_source_buffer(z, data, len, 0);
	zip_int64_t at;

	assert_non_null(src);
	at = zip_file_add(z, name, src, ZIP_FL_OVERWRITE);
	assert_true(at >= 0);
	if (store)
		assert_int_equal(zip_set_file_compression(z, (zip_uint64_t)at, ZIP_CM_STORE, 0), 0);
}

static void test_wacz_archives_read_in_place(void **state)
{
	static const char datapackage[] =
		"{\"profile\": \"data-package\", \"wacz_version\": \"1.1.1\", \"resources\": "
		"[{\"name\": \"data.warc.gz\", \"path\": \"archive/data.warc.gz\"}]}";
	static const char pages[] = "{\"format\": \"json-pages-1.0\"}\n";
	pdx_buf warc = PDX_BUF_INIT, gz = PDX_BUF_INIT;
	struct pdx_archive_record rec;
	char why[512], path[4096];
	zip_t *z;
	int err;
	pdx_wacz_t *w;
	pdx_archive_t *a;

	coded_response(&warc, "https://think.example/wacz", "2024-03-01T10:00:00Z", "br", 0);
	deflate_into(&gz, warc.data, warc.len, 16 + 15);
	snprintf(path, sizeof path, "%s/crawl.wacz", (char *)*state);
	z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	assert_non_null(z);
	add_to_zip(z, "datapackage.json", datapackage, strlen(datapackage), 0);
	add_to_zip(z, "pages/pages.jsonl", pages, strlen(pages), 0);
	add_to_zip(z, "archive/data.warc.gz", gz.data, gz.len, 1);
	assert_int_equal(zip_close(z), 0);

	w = pdx_wacz_open(path, why, sizeof why);
	assert_non_null(w);
	assert_int_equal(pdx_wacz_count(w), 1);
	assert_string_equal(pdx_wacz_name(w, 0), "archive/data.warc.gz");
	a = pdx_wacz_open_archive(w, 0, "crawl.wacz: archive/data.warc.gz", why, sizeof why);
	assert_non_null(a);
	next_record(a, &rec);
	assert_string_equal(rec.uri, "https://think.example/wacz");
	assert_int_equal(rec.offset, 0);
	expect_page(a);
	assert_int_equal(pdx_archive_next(a, &rec), PDX_ARCHIVE_END);
	pdx_archive_close(a);
	pdx_wacz_close(w);

	/* A zip that is no WACZ. */
	snprintf(path, sizeof path, "%s/other.zip", (char *)*state);
	z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	assert_non_null(z);
	add_to_zip(z, "archive/data.warc.gz", gz.data, gz.len, 1);
	assert_int_equal(zip_close(z), 0);
	assert_null(pdx_wacz_open(path, why, sizeof why));
	assert_non_null(strstr(why, "not a WACZ (no datapackage.json)"));
	/* A WACZ without archives, and a file that is no zip. */
	snprintf(path, sizeof path, "%s/empty.wacz", (char *)*state);
	z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	assert_non_null(z);
	add_to_zip(z, "datapackage.json", datapackage, strlen(datapackage), 0);
	assert_int_equal(zip_close(z), 0);
	assert_null(pdx_wacz_open(path, why, sizeof why));
	assert_non_null(strstr(why, "no WARC or ARC file under archive/"));
	{
		static const char not_zip[] = "PK\x03\x04 not really";
		char *bad = write_temp(*state, "bad.wacz", not_zip, sizeof not_zip - 1);

		assert_null(pdx_wacz_open(bad, why, sizeof why));
		assert_non_null(strstr(why, "not a zip file"));
		free(bad);
	}
	pdx_buf_release(&warc);
	pdx_buf_release(&gz);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_each_coding),
		cmocka_unit_test(test_decode_list_undone_in_reverse),
		cmocka_unit_test(test_decode_problems),
		cmocka_unit_test(test_dechunk_forms),
		cmocka_unit_test_setup_teardown(test_archive_brotli_deflate_zstd_bodies, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_archive_chunked_and_gzip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_archive_members_give_offsets, setup, teardown),
		cmocka_unit_test_setup_teardown(test_archive_warc_017_and_018, setup, teardown),
		cmocka_unit_test_setup_teardown(test_archive_arc_records, setup, teardown),
		cmocka_unit_test_setup_teardown(test_archive_damage_is_named_and_reading_goes_on,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_archive_damaged_gzip_member_is_stepped_over,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_archive_refuses_what_is_no_archive, setup,
						teardown),
		cmocka_unit_test(test_archive_timestamps),
		cmocka_unit_test(test_record_judge_reasons),
		cmocka_unit_test_setup_teardown(test_wacz_archives_read_in_place, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
