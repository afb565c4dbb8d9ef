/* test_archive.c: the web archive reader, WACZ, and which records are pages, on archives
 * written here byte by byte. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "indexer/archive.h"
#include "indexer/decode.h"
#include "indexer/records.h"
#include "indexer/wacz.h"
#include "tests/test-util.h"
#include "tests/test-warc.h"
#include "util/buf.h"

/* Read the next record of A, expecting one. */
static void next_record(pdx_archive_t *a, struct pdx_archive_record *rec)
{
	enum pdx_archive_event ev = pdx_archive_next(a, rec);

	if (ev != PDX_ARCHIVE_RECORD)
		fail_msg("expected a record, got event %d: %s", ev, pdx_archive_message(a));
}

/* The payload of the record just read, which must decode to test_page. */
static void expect_page(pdx_archive_t *a)
{
	const char *payload;
	char why[256];
	size_t len;
	int cut;

	assert_int_equal(pdx_archive_read_payload(a, 1 << 20, 1, &payload, &len, &cut, why,
						  sizeof why),
			 PDX_DECODE_OK);
	assert_int_equal(len, strlen(test_page));
	assert_memory_equal(payload, test_page, len);
}

/* Write DATA to the file NAME in DIR and open it as an archive; *PATH gets the file's path,
 * which expect_end() frees. */
static pdx_archive_t *open_written(const char *dir, const char *name, const pdx_buf *data,
				   char **path)
{
	char why[256];
	pdx_archive_t *a;

	*path = test_write_temp(dir, name, data->data, data->len);
	a = pdx_archive_open(*path, why, sizeof why);
	if (!a)
		fail_msg("%s", why);
	return a;
}

/* The archive A, opened from PATH, holds no more records: close it and free PATH. */
static void expect_end(pdx_archive_t *a, char *path)
{
	struct pdx_archive_record rec;

	assert_int_equal(pdx_archive_next(a, &rec), PDX_ARCHIVE_END);
	pdx_archive_close(a);
	free(path);
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

/* ----- WARC and ARC ------------------------------------------------------------------- */

static void test_archive_brotli_deflate_zstd_bodies(void **state)
{
	pdx_buf w = PDX_BUF_INIT;
	const char *codings[] = {"br", "deflate", "deflate-raw", "zstd", "gzip+br"};
	struct pdx_archive_record rec;
	char *path;
	pdx_archive_t *a;

	for (size_t i = 0; i < 5; i++)
		test_coded_response(&w, "https://think.example/power", "2024-03-01T10:00:00Z",
			       codings[i], 0);
	a = open_written(*state, "coded.warc", &w, &path);
	for (size_t i = 0; i < 5; i++) {
		next_record(a, &rec);
		assert_int_equal(rec.type, PDX_RECORD_RESPONSE);
		assert_int_equal(rec.status, 200);
		assert_string_equal(rec.payload_type, "text/html");
		assert_string_equal(rec.charset, "utf-8");
		assert_string_equal(rec.date, "20240301100000");
		expect_page(a);
	}
	expect_end(a, path);
	pdx_buf_release(&w);
}

static void test_archive_chunked_and_gzip(void **state)
{
	pdx_buf w = PDX_BUF_INIT, gz = PDX_BUF_INIT;
	struct pdx_archive_record rec;
	char *path;
	pdx_archive_t *a;

	test_coded_response(&w, "https://think.example/a", "2024-03-01T10:00:00Z", "gzip", 1);
	test_coded_response(&w, "https://think.example/b", "2024-03-01T10:00:01Z", "br", 1);
	/* The same file gzipped as one member: records no longer start members. */
	test_deflate(&gz, w.data, w.len, TEST_GZIP);
	a = open_written(*state, "chunked.warc.gz", &gz, &path);
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
	expect_end(a, path);
	pdx_buf_release(&w);
	pdx_buf_release(&gz);
}

/* Three records, a gzip member each, written with CODEC as their bodies' encoding. */
struct members {
	pdx_buf file;
	size_t starts[3]; /* the offset of each member */
	char *path;
};

/* Damage the middle of the second member's deflate data. */
static void damage_second(struct members *m)
{
	for (size_t k = m->starts[1] + 40; k < m->starts[1] + 60; k++)
		m->file.data[k] ^= 0x5a;
}

/* Write M's members with CODEC to NAME, after CHANGE (when not NULL), and open them. */
static pdx_archive_t *open_members(void *state, const char *codec, const char *name,
				   struct members *m, void (*change)(struct members *))
{
	m->file = (pdx_buf)PDX_BUF_INIT;
	test_gzip_members(&m->file, 3, codec, m->starts);
	if (change)
		change(m);
	return open_written(state, name, &m->file, &m->path);
}

static void test_archive_members_give_offsets(void **state)
{
	struct members m;
	struct pdx_archive_record rec;
	pdx_archive_t *a = open_members(*state, "gzip", "members.warc.gz", &m, NULL);
	for (int i = 0; i < 3; i++) {
		next_record(a, &rec);
		assert_int_equal(rec.number, i + 1);
		assert_int_equal(rec.offset, m.starts[i]);
		if (i == 1)
			expect_page(a); /* read or skipped, the next offset is the same */
	}
	expect_end(a, m.path);
	pdx_buf_release(&m.file);
}

static void test_archive_warc_017_and_018(void **state)
{
	pdx_buf w = PDX_BUF_INIT, http = PDX_BUF_INIT;
	struct pdx_archive_record rec;
	char why[256], *path;
	pdx_archive_t *a;

	test_http_response(&http, "200 OK", "Content-Type: text/html\r\n", test_page,
			   strlen(test_page));
	test_warc_record(&w, "WARC/0.17", "warcinfo", NULL, "2008-04-30T20:48:25Z",
			 "Content-Type: application/warc-fields\r\n",
			 "software: Heritrix/1.14.0\r\n", 27);
	test_warc_record(&w, "WARC/0.17", "response", "http://www.example.org/",
			 "2008-04-30T20:48:26Z", NULL, http.data, http.len);
	test_warc_record(&w, "WARC/0.18", "revisit", "http://www.example.org/",
			 "2009-05-01T00:00:00Z",
			 "WARC-Profile: http://netpreserve.org/warc/0.18/revisit/"
			 "identical-payload-digest\r\n",
			 "", 0);
	a = open_written(*state, "heritrix.warc", &w, &path);
	next_record(a, &rec);
	assert_int_equal(rec.type, PDX_RECORD_WARCINFO);
	next_record(a, &rec);
	assert_int_equal(rec.type, PDX_RECORD_RESPONSE);
	assert_string_equal(rec.date, "20080430204826");
	expect_page(a);
	next_record(a, &rec);
	assert_int_equal(rec.type, PDX_RECORD_REVISIT);
	expect_end(a, path);
	/* WARC/0.9 had another layout: refused by name. */
	path = test_write_temp(*state, "old.warc", "WARC/0.9 123 response http://a/ 2006\r\n", 38);
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
	unsigned long long gz_offsets[4];
	pdx_archive_t *a;

	test_http_response(&http, "200 OK", "Content-Type: text/html\r\n", test_page,
			   strlen(test_page));
	test_http_response(&img, "200 OK", "Content-Type: image/png\r\n", "\x89PNG\r\n", 6);
	/* Each record also gzipped as a member of its own, as the Internet Archive wrote them. */
	for (int i = 0; i < 4; i++) {
		pdx_buf one = PDX_BUF_INIT;

		if (i == 0)
			arc_record(&one, "filedesc://test.arc", "20040101000000", "text/plain",
				   desc, strlen(desc));
		else if (i == 1)
			arc_record(&one, "http://www.example.org/a test_page with spaces.html",
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
		test_deflate(&gz, one.data, one.len, TEST_GZIP);
		pdx_buf_release(&one);
	}
	for (int round = 0; round < 2; round++) {
		path = round ? test_write_temp(*state, "crawl.arc.gz", gz.data, gz.len)
			     : test_write_temp(*state, "crawl.arc", arc.data, arc.len);
		a = pdx_archive_open(path, why, sizeof why);
		assert_non_null(a);
		assert_int_equal(pdx_archive_format(a), PDX_ARCHIVE_ARC);
		next_record(a, &rec);
		assert_int_equal(rec.type, PDX_RECORD_ARC_FILEDESC);
		assert_int_equal(pdx_record_judge(&rec, &why_skip, &problem), PDX_VERDICT_SKIP);
		next_record(a, &rec);
		assert_int_equal(rec.type, PDX_RECORD_ARC);
		assert_int_equal(rec.offset, round ? gz_offsets[1] : second);
		assert_string_equal(rec.uri, "http://www.example.org/a test_page with spaces.html");
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
		expect_end(a, path);
	}
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

	test_coded_response(&w, "https://think.example/1", "2024-03-01T10:00:00Z", "gzip", 0);
	/* No Content-Length. */
	pdx_buf_adds(&w, "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://x/\r\n\r\n"
			 "HTTP/1.1 200 OK\r\n\r\nlost\r\n\r\n");
	test_coded_response(&w, "https://think.example/2", "2024-03-01T10:00:00Z", "br", 0);
	/* Garbage between records. */
	pdx_buf_adds(&w, "garbage where a record should be\r\nmore of it\r\n");
	test_coded_response(&w, "https://think.example/3", "2024-03-01T10:00:00Z", "zstd", 0);
	/* A last record cut short. */
	{
		pdx_buf last = PDX_BUF_INIT;

		test_coded_response(&last, "https://think.example/4", "2024-03-01T10:00:00Z",
				    "gzip", 0);
		pdx_buf_add(&w, last.data, last.len - 40);
		pdx_buf_release(&last);
	}
	a = open_written(*state, "damaged.warc", &w, &path);
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
	expect_end(a, path);
	pdx_buf_release(&w);
}

static void test_archive_damaged_gzip_member_is_stepped_over(void **state)
{
	struct members m;
	struct pdx_archive_record rec;
	pdx_archive_t *a = open_members(*state, "br", "broken.warc.gz", &m, damage_second);
	next_record(a, &rec);
	assert_string_equal(rec.uri, "https://think.example/0");
	assert_int_equal(pdx_archive_next(a, &rec), PDX_ARCHIVE_DAMAGED);
	assert_non_null(strstr(pdx_archive_message(a), "gzip"));
	next_record(a, &rec);
	assert_string_equal(rec.uri, "https://think.example/2");
	expect_page(a);
	expect_end(a, m.path);
	pdx_buf_release(&m.file);
}

static void test_archive_refuses_what_is_no_archive(void **state)
{
	char why[256], *path;

	path = test_write_temp(*state, "test_page.warc", test_page, strlen(test_page));
	assert_null(pdx_archive_open(path, why, sizeof why));
	assert_non_null(strstr(why, "not a WARC or ARC file"));
	free(path);
	assert_null(pdx_archive_open("/nonexistent/x.warc", why, sizeof why));
	assert_non_null(strstr(why, "No such file"));
	assert_int_equal(pdx_archive_sniff("WARC/1.0\r\n", 10), PDX_KIND_WARC);
	assert_int_equal(pdx_archive_sniff("filedesc://x.arc", 16), PDX_KIND_ARC);
	assert_int_equal(pdx_archive_sniff("PK\x03\x04", 4), PDX_KIND_ZIP);
	assert_int_equal(pdx_archive_sniff(test_page, strlen(test_page)), PDX_KIND_OTHER);
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
		{PDX_RECORD_RESPONSE, "https://a.example/", 1, 200, "text/html", PDX_VERDICT_PAGE,
		 0},
		{PDX_RECORD_RESPONSE, "https://a.example/", 1, 203, "application/xhtml+xml",
		 PDX_VERDICT_PAGE, 0},
		{PDX_RECORD_RESPONSE, "https://a.example/", 1, 200, NULL, PDX_VERDICT_PAGE_IF_HTML,
		 0},
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
		{PDX_RECORD_REVISIT, "https://a.example/", 1, 200, "text/html", PDX_VERDICT_REVISIT,
		 0},
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

	test_coded_response(&warc, "https://think.example/wacz", "2024-03-01T10:00:00Z", "br", 0);
	test_deflate(&gz, warc.data, warc.len, TEST_GZIP);
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
		char *bad = test_write_temp(*state, "bad.wacz", not_zip, sizeof not_zip - 1);

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
