/* term.c: index terms within Xapian's length limit. */
#include "config.h"

#include "util/term.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"


unsigned long long pdx_hash64(const char *s, size_t len)
{
	unsigned long long h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

char *pdx_term_make(const char *prefix, const char *value)
{
	size_t plen = strlen(prefix), vlen = strlen(value), keep;
	pdx_buf b = PDX_BUF_INIT;

	pdx_buf_add(&b, prefix, plen);
	if (plen + vlen <= PDX_MAX_TERM_BYTES) {
		pdx_buf_add(&b, value, vlen);
		return pdx_buf_detach(&b);
	}
	keep = PDX_MAX_TERM_BYTES - plen - 17;
	/* Do not cut inside a UTF-8 sequence. */
	while (keep > 0 && ((unsigned char)value[keep] & 0xc0) == 0x80)
		keep--;
	pdx_buf_add(&b, value, keep);
	pdx_buf_addf(&b, "#%016llx", pdx_hash64(value, vlen));
	return pdx_buf_detach(&b);
}
