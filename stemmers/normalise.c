/* normalise.c: Unicode NFKC and case folding with utf8proc, after UTF-8 repair. */
#include "config.h"

#include "normalise.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "buf.h"

static const char replacement_char[] = "\xef\xbf\xbd";

char *pdx_utf8_sanitise(const char *s, size_t len, size_t *out_len)
{
	pdx_buf out = PDX_BUF_INIT;
	size_t i = 0;

	if (pdx_buf_add(&out, "", 0) < 0)
		return NULL;
	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n;

		if (s[i] == '\0') {
			i++;
			continue;
		}
		n = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i),
				     &cp);
		if (n < 1) {
			pdx_buf_add(&out, replacement_char, 3);
			i++;
		} else {
			pdx_buf_add(&out, s + i, (size_t)n);
			i += (size_t)n;
		}
	}
	if (out_len)
		*out_len = out.len;
	return pdx_buf_detach(&out);
}

int pdx_is_normal_ascii(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x80 || (c >= 'A' && c <= 'Z') || c == 0)
			return 0;
	}
	return 1;
}

char *pdx_normalise(const char *s, size_t len, size_t *out_len)
{
	utf8proc_uint8_t *mapped = NULL;
	utf8proc_ssize_t n;
	char *clean;
	size_t clean_len;

	if (pdx_is_normal_ascii(s, len)) {
		if (out_len)
			*out_len = len;
		return pdx_strndup(s, len);
	}
	clean = pdx_utf8_sanitise(s, len, &clean_len);
	if (!clean)
		return NULL;
	n = utf8proc_map((const utf8proc_uint8_t *)clean, (utf8proc_ssize_t)clean_len, &mapped,
			 UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
	free(clean);
	if (n < 0) {
		/* Only memory can fail here: the input was repaired above. */
		return NULL;
	}
	if (out_len)
		*out_len = (size_t)n;
	return (char *)mapped;
}
