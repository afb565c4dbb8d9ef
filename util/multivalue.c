/* multivalue.c: several strings in one value slot (length-prefixed entries). */
#include "config.h"

#include "util/multivalue.h"

int pdx_multivalue_add(pdx_buf *out, const char *value, size_t len)
{
	size_t n = len;

	do {
		unsigned char byte = n & 0x7f;

		n >>= 7;
		if (n)
			byte |= 0x80;
		if (pdx_buf_addc(out, (char)byte) < 0)
			return -1;
	} while (n);
	return pdx_buf_add(out, value, len);
}

int pdx_multivalue_next(const char *enc, size_t len, size_t *pos, const char **value,
			size_t *value_len)
{
	size_t p = *pos, n = 0;
	unsigned shift = 0;

	if (p >= len)
		return 0;
	for (;;) {
		unsigned char byte;

		if (p >= len || shift > 28)
			return -1;
		byte = (unsigned char)enc[p++];
		n |= (size_t)(byte & 0x7f) << shift;
		if (!(byte & 0x80))
			break;
		shift += 7;
	}
	if (n > len - p)
		return -1;
	*value = enc + p;
	*value_len = n;
	*pos = p + n;
	return 1;
}
