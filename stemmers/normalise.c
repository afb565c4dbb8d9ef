/* normalise.c: Unicode NFKC and case folding with utf8proc, after UTF-8 repair. */
#include "config.h"

#include "stemmers/normalise.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "util/buf.h"

static const char replacement_char[] = "\xef\xbf\xbd";

long pdx_utf8_sequence(const unsigned char *s, size_t len)
{
	unsigned char c = s[0];
	size_t n;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4;
	else
		return 0;
	if (n > len)
		return -1;
	for (size_t k = 1; k < n; k++)
		if ((s[k] & 0xc0) != 0x80)
			return 0;
	if ((c == 0xe0 && s[1] < 0xa0) || (c == 0xed && s[1] > 0x9f) ||
	    (c == 0xf0 && s[1] < 0x90) || (c == 0xf4 && s[1] > 0x8f))
		return 0;
	return (long)n;
}

char *pdx_utf8_sanitise(const char *s, size_t len, size_t *out_len)
{
	const unsigned char *u = (const unsigned char *)s;
	pdx_buf out = PDX_BUF_INIT;
	size_t i = 0, run = 0;

	if (pdx_buf_add(&out, "", 0) < 0)
		return NULL;
	/* Valid stretches are copied whole; only the bad bytes are handled one by one. */
	while (i < len) {
		long n = u[i] == 0 ? 0 : pdx_utf8_sequence(u + i, len - i);

		if (n > 0) {
			i += (size_t)n;
			continue;
		}
		pdx_buf_add(&out, s + run, i - run);
		if (u[i] != 0)
			pdx_buf_add(&out, replacement_char, 3);
		i++;
		run = i;
	}
	pdx_buf_add(&out, s + run, i - run);
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

/* Append to OUT the normal form of LEN bytes of S by utf8proc, after UTF-8 repair. */
static void map_segment(pdx_buf *out, const char *s, size_t len)
{
	utf8proc_uint8_t *mapped = NULL;
	utf8proc_ssize_t n;
	size_t clean_len;
	char *clean = pdx_utf8_sanitise(s, len, &clean_len);

	if (!clean) {
		out->oom = 1;
		return;
	}
	n = utf8proc_map((const utf8proc_uint8_t *)clean, (utf8proc_ssize_t)clean_len, &mapped,
			 UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
	free(clean);
	/* Only memory can fail here: the input was repaired above. */
	if (n < 0)
		out->oom = 1;
	else
		pdx_buf_add(out, (const char *)mapped, (size_t)n);
	free(mapped);
}

/* Whether the byte at U[I] (of LEN) is an ASCII character that normalises on its own: one
 * no combining mark follows, which could compose with it (NUL bytes, which are dropped,
 * between them too). */
static int lone_ascii(const unsigned char *u, size_t i, size_t len)
{
	size_t next = i + 1;

	while (next < len && u[next] == 0)
		next++;
	return u[i] < 0x80 && (next == len || u[next] < 0x80);
}

char *pdx_normalise(const char *s, size_t len, size_t *out_len)
{
	const unsigned char *u = (const unsigned char *)s;
	pdx_buf out = PDX_BUF_INIT;
	size_t i = 0;

	if (pdx_is_normal_ascii(s, len)) {
		if (out_len)
			*out_len = len;
		return pdx_strndup(s, len);
	}
	pdx_buf_add(&out, "", 0);
	/* ASCII is folded here, a byte at a time (NFKC leaves it as it is, case folding is
	 * A-Z to a-z); only stretches holding other characters go through utf8proc, so that
	 * English text with a few curly quotes costs little more than a copy. A stretch
	 * starts at the ASCII character before a non-ASCII one, which a combining mark may
	 * compose with, and ends before ASCII that stands alone. */
	while (i < len && !out.oom) {
		size_t start;
		char low[256];
		size_t n = 0;

		/* NUL bytes are dropped, as pdx_utf8_sanitise() does, and stepped over without a
		 * look ahead each, which a long run of them would make slow. */
		for (; i < len && (u[i] == 0 || lone_ascii(u, i, len)); i++) {
			if (u[i] == 0)
				continue;
			low[n++] = (char)(u[i] >= 'A' && u[i] <= 'Z' ? u[i] + ('a' - 'A') : u[i]);
			if (n == sizeof low) {
				pdx_buf_add(&out, low, n);
				n = 0;
			}
		}
		pdx_buf_add(&out, low, n);
		start = i;
		while (i < len && (u[i] == 0 || !lone_ascii(u, i, len)))
			i++;
		if (i > start)
			map_segment(&out, s + start, i - start);
	}
	if (out.oom) {
		pdx_buf_release(&out);
		return NULL;
	}
	if (out_len)
		*out_len = out.len;
	return pdx_buf_detach(&out);
}
