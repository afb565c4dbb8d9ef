/* buf.h: a growable byte buffer, always NUL-terminated, for building strings. */
#ifndef PDX_BUF_H
#define PDX_BUF_H

#include <stdarg.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pdx_buf {
	char *data;   /* NUL-terminated; NULL until something is added */
	size_t len;   /* bytes used, not counting the NUL */
	size_t alloc; /* bytes allocated */
	int oom;      /* set once an allocation failed; later appends do nothing */
} pdx_buf;

#define PDX_BUF_INIT {NULL, 0, 0, 0}

/* Append LEN bytes of S. Returns 0, or -1 when memory ran out (and sets oom). */
int pdx_buf_add(pdx_buf *b, const char *s, size_t len);
int pdx_buf_adds(pdx_buf *b, const char *s);
int pdx_buf_addc(pdx_buf *b, char c);
int pdx_buf_addf(pdx_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Append S (NULL: nothing) as one CSV field, in double quotes, its quotes doubled, when it
 * holds a comma, a quote or a line break (RFC 4180). Returns as pdx_buf_add(). */
int pdx_buf_add_csv(pdx_buf *b, const char *s);

/* Shorten to LEN bytes (LEN <= len). */
void pdx_buf_truncate(pdx_buf *b, size_t len);

/* Hand the string to the caller (who frees it) and reset B; "" for an empty buffer; NULL when
 * memory ran out at any point. */
char *pdx_buf_detach(pdx_buf *b);

/* Free the contents and reset. */
void pdx_buf_release(pdx_buf *b);

/* The string so far ("" when empty). */
const char *pdx_buf_str(const pdx_buf *b);

/* strdup that accepts NULL, and a bounded version. */
char *pdx_strdup(const char *s);
char *pdx_strndup(const char *s, size_t len);

#ifdef __cplusplus
}
#endif

#endif
