/* test_decode.c: the content decoders (gzip, deflate, Brotli, Zstandard, lists of codings) and
 * chunked transfer coding. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indexer/decode.h"
#include "tests/test-util.h"
#include "tests/test-warc.h"
#include "util/buf.h"

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
	test_deflate(&b, test_page, strlen(test_page), TEST_GZIP);
	decode_expect("gzip", b.data, b.len, PDX_DECODE_OK, test_page);
	decode_expect("x-gzip", b.data, b.len, PDX_DECODE_OK, test_page);
	decode_expect(" GZIP ", b.data, b.len, PDX_DECODE_OK, test_page);
	pdx_buf_truncate(&b, 0);
	test_deflate(&b, test_page, strlen(test_page), TEST_ZLIB);
	decode_expect("deflate", b.data, b.len, PDX_DECODE_OK, test_page);
	pdx_buf_truncate(&b, 0);
	test_deflate(&b, test_page, strlen(test_page), TEST_RAW_DEFLATE);
	decode_expect("deflate", b.data, b.len, PDX_DECODE_OK, test_page);
	pdx_buf_truncate(&b, 0);
	test_brotli(&b, test_page, strlen(test_page));
	decode_expect("br", b.data, b.len, PDX_DECODE_OK, test_page);
	pdx_buf_truncate(&b, 0);
	test_zstd(&b, test_page, strlen(test_page));
	decode_expect("zstd", b.data, b.len, PDX_DECODE_OK, test_page);
	decode_expect("identity", test_page, strlen(test_page), PDX_DECODE_OK, test_page);
	decode_expect(NULL, test_page, strlen(test_page), PDX_DECODE_OK, test_page);
	decode_expect("gzip", "", 0, PDX_DECODE_OK, "");
	pdx_buf_release(&b);
}

static void test_decode_list_undone_in_reverse(void **state)
{
	pdx_buf gz = PDX_BUF_INIT, both = PDX_BUF_INIT;

	(void)state;
	test_deflate(&gz, test_page, strlen(test_page), TEST_GZIP);
	test_brotli(&both, gz.data, gz.len);
	decode_expect("gzip, br", both.data, both.len, PDX_DECODE_OK, test_page);
	decode_expect("identity, gzip,br", both.data, both.len, PDX_DECODE_OK, test_page);
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
	decode_expect("gzip", test_page, strlen(test_page), PDX_DECODE_OK, test_page);
	decode_expect("br", test_page, strlen(test_page), PDX_DECODE_OK, test_page);
	decode_expect("compress", test_page, strlen(test_page), PDX_DECODE_OK, test_page);
	/* Binary that is no gzip, and bodies shorter than any gzip member (its trailer is not
	 * read before its start: found by fuzz-warc). */
	decode_expect("gzip", "\x01\x02\x03\x04\x05\x06", 6, PDX_DECODE_DAMAGED, NULL);
	decode_expect("gzip", "\x01\x02", 2, PDX_DECODE_DAMAGED, NULL);
	decode_expect("gzip", "\x1f\x8b\x08", 3, PDX_DECODE_TRUNCATED, "");
	/* A gzip stream cut short gives what it held. */
	test_deflate(&b, test_page, strlen(test_page), TEST_GZIP);
	{
		char *out, why[256];
		size_t out_len;

		assert_int_equal(pdx_decode_content("gzip", b.data, b.len - 6, 1 << 20, &out,
						    &out_len, why, sizeof why),
				 PDX_DECODE_TRUNCATED);
		assert_true(out_len > 0 && out_len <= strlen(test_page));
		assert_memory_equal(out, test_page, out_len);
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
	test_deflate(&b, big, 4 << 20, TEST_GZIP);
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
	char ok[] = "4;ext=1\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\n"
		    "X-Trailer: 1\r\n\r\n";
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_each_coding),
		cmocka_unit_test(test_decode_list_undone_in_reverse),
		cmocka_unit_test(test_decode_problems),
		cmocka_unit_test(test_dechunk_forms),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
