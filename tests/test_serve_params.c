/* test_serve_params.c: what polidex-serve reads of a request: UTF-8 text and numbers. */
#include "config.h"

#include <string.h>

#include "serve/serve.h"
#include "stemmers/normalise.h"
#include "tests/test-util.h"

/* Whether S is UTF-8 by the rules of the normaliser's sequence reader, the index's own. */
static int valid_by_normaliser(const unsigned char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		long n = pdx_utf8_sequence(s + i, len - i);

		if (n <= 0)
			return 0;
		i += (size_t)n;
	}
	return 1;
}

static void test_utf8_valid_every_three_bytes(void **state)
{
	unsigned char s[3];

	(void)state;
	/* Every string of three bytes holds every one- and two-byte form, and cut ones. */
	for (unsigned v = 0; v < 1u << 24; v++) {
		s[0] = (unsigned char)(v >> 16);
		s[1] = (unsigned char)(v >> 8);
		s[2] = (unsigned char)v;
		if (pdx_serve_utf8_valid((const char *)s, 3) != valid_by_normaliser(s, 3))
			fail_msg("%02x %02x %02x", s[0], s[1], s[2]);
	}
}

static void test_utf8_valid_four_byte_forms(void **state)
{
	static const unsigned char later[] = {0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90,
					      0x9f, 0xa0, 0xbf, 0xc0, 0xf4, 0xff};
	unsigned char s[4];

	(void)state;
	for (unsigned first = 0xc0; first <= 0xff; first++) {
		for (unsigned second = 0; second <= 0xff; second++) {
			for (size_t k = 0; k < sizeof later * sizeof later; k++) {
				s[0] = (unsigned char)first;
				s[1] = (unsigned char)second;
				s[2] = later[k / sizeof later];
				s[3] = later[k % sizeof later];
				for (size_t len = 1; len <= 4; len++)
					if (pdx_serve_utf8_valid((const char *)s, len) !=
					    valid_by_normaliser(s, len))
						fail_msg("%02x %02x %02x %02x (%zu bytes)", s[0],
							 s[1], s[2], s[3], len);
			}
		}
	}
}

static void test_utf8_valid_text(void **state)
{
	const char *ok = "caf\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80", *surrogate = "\xed\xa0\x80";

	(void)state;
	assert_true(pdx_serve_utf8_valid(ok, strlen(ok)));
	assert_true(pdx_serve_utf8_valid("", 0));
	assert_false(pdx_serve_utf8_valid(surrogate, 3));
	assert_false(pdx_serve_utf8_valid("\xc0\xaf", 2));	   /* overlong '/' */
	assert_false(pdx_serve_utf8_valid("\xf4\x90\x80\x80", 4)); /* past U+10FFFF */
	assert_false(pdx_serve_utf8_valid("\xe4\xb8", 2));	   /* cut short */
}

static void test_parse_number_digits_only(void **state)
{
	unsigned long n = 0;

	(void)state;
	assert_int_equal(pdx_serve_parse_number("8080", 0, 65535, &n), 0);
	assert_int_equal(n, 8080);
	assert_int_equal(pdx_serve_parse_number("0", 0, 100, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(pdx_serve_parse_number(" 5", 0, 100, &n), -1);
	assert_int_equal(pdx_serve_parse_number("+5", 0, 100, &n), -1);
	assert_int_equal(pdx_serve_parse_number("-5", 0, 100, &n), -1);
	assert_int_equal(pdx_serve_parse_number("", 0, 100, &n), -1);
	assert_int_equal(pdx_serve_parse_number("101", 0, 100, &n), -1);
	assert_int_equal(pdx_serve_parse_number("0", 1, 100, &n), -1);
	assert_int_equal(pdx_serve_parse_number(NULL, 0, 100, &n), -1);
	assert_int_equal(pdx_serve_parse_number("99999999999999999999999", 0, 100, &n), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_valid_every_three_bytes),
		cmocka_unit_test(test_utf8_valid_four_byte_forms),
		cmocka_unit_test(test_utf8_valid_text),
		cmocka_unit_test(test_parse_number_digits_only),
	};

	return cmocka_run_group_tests_name("serve_params", tests, NULL, NULL);
}
