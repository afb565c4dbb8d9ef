/* buf.c: a growable NUL-terminated byte buffer. */
#include "config.h"

#include "util/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int buf_grow(pdx_buf *b, size_t extra)
{
	size_t need, alloc;
	char *p;

	if (b->oom)
		return -1;
	if (extra > (size_t)-1 / 2 - b->len) {
		b->oom = 1;
		return -1;
	}
	need = b->len + extra + 1;
	if (need <= b->alloc)
		return 0;
	alloc = b->alloc ? b->alloc : 64;
	while (alloc < need)
		alloc *= 2;
	p = realloc(b->data, alloc);
	if (!p) {
		b->oom = 1;
		return -1;
	}
	b->data = p;
	b->alloc = alloc;
	return 0;
}

int pdx_buf_add(pdx_buf *b, const char *s, size_t len)
{
	if (buf_grow(b, len) < 0)
		return -1;
	if (len)
		memcpy(b->data + b->len, s, len);
	b->len += len;
	b->data[b->len] = '\0';
	return 0;
}

int pdx_buf_adds(pdx_buf *b, const char *s)
{
	return pdx_buf_add(b, s, strlen(s));
}

int pdx_buf_addc(pdx_buf *b, char c)
{
	return pdx_buf_add(b, &c, 1);
}

int pdx_buf_addf(pdx_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || buf_grow(b, (size_t)n) < 0)
		return -1;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

int pdx_buf_add_csv(pdx_buf *b, const char *s)
{
	if (!s)
		return b->oom ? -1 : 0;
	if (!strpbrk(s, ",\"\r\n"))
		return pdx_buf_adds(b, s);
	pdx_buf_addc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			pdx_buf_addc(b, '"');
		pdx_buf_addc(b, *s);
	}
	return pdx_buf_addc(b, '"');
}

void pdx_buf_truncate(pdx_buf *b, size_t len)
{
	if (b->data && len < b->len) {
		b->len = len;
		b->data[len] = '\0';
	}
}

char *pdx_buf_detach(pdx_buf *b)
{
	char *s;

	if (b->oom) {
		pdx_buf_release(b);
		return NULL;
	}
	s = b->data ? b->data : strdup("");
	b->data = NULL;
	b->len = b->alloc = 0;
	return s;
}

void pdx_buf_release(pdx_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->alloc = 0;
	b->oom = 0;
}

const char *pdx_buf_str(const pdx_buf *b)
{
	return b->data ? b->data : "";
}

char *pdx_strdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

char *pdx_strndup(const char *s, size_t len)
{
	char *p = malloc(len + 1);

	if (!p)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}
