/* querytext.c: normalising a query string without breaking its operators. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "normalise.h"
#include "query-internal.h"

static const char *const operators[] = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};

static int is_operator(const char *s, size_t len)
{
	for (size_t i = 0; i < sizeof operators / sizeof operators[0]; i++)
		if (strlen(operators[i]) == len && memcmp(s, operators[i], len) == 0)
			return 1;
	return 0;
}

/* A byte that ends a word: ASCII space, punctuation of the query syntax, or a NUL. */
static int is_break(unsigned char c)
{
	return c <= ' ' || c == '"' || c == '(' || c == ')' || c == '/';
}

char *pdx_query_normalise(const char *text)
{
	pdx_buf out = PDX_BUF_INIT;
	const char *p = text;

	pdx_buf_add(&out, "", 0);
	while (*p) {
		size_t n = 0;

		if (is_break((unsigned char)*p)) {
			pdx_buf_addc(&out, *p++);
			continue;
		}
		while (p[n] && !is_break((unsigned char)p[n]))
			n++;
		/* NEAR/5 and ADJ/3 keep their operator; everything else is folded. */
		if (is_operator(p, n)) {
			pdx_buf_add(&out, p, n);
		} else {
			size_t len;
			char *norm = pdx_normalise(p, n, &len);

			if (!norm) {
				pdx_buf_release(&out);
				return NULL;
			}
			pdx_buf_add(&out, norm, len);
			free(norm);
		}
		p += n;
	}
	return pdx_buf_detach(&out);
}
