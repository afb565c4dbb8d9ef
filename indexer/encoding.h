/* encoding.h: a page's character encoding, found and converted to UTF-8. */
#ifndef PDX_ENCODING_H
#define PDX_ENCODING_H

#include <stddef.h>

/* The iconv name for an encoding label as pages write it ("gb2312", "ISO-8859-1", "utf8"),
 * following browsers in reading legacy labels as their supersets; NULL for a label polidex
 * does not know. */
const char *pdx_encoding_from_label(const char *label, size_t len);

/* Decode LEN bytes of a page to UTF-8. The encoding is, in order: a byte order mark; the
 * TRANSPORT charset (from the HTTP Content-Type, or NULL); the page's <meta> charset or XML
 * declaration, unless the page is valid UTF-8 with non-ASCII text, which it then is; UTF-8
 * when valid; else a guess (GB18030 or Big5 for text that reads as Chinese, windows-1252
 * otherwise). Bytes that do not decode become U+FFFD and NUL bytes are dropped. Returns the
 * text, which the caller frees, with its length in *OUT_LEN and the encoding used in *USED
 * (a static string); NULL when memory runs out. */
char *pdx_decode_page(const char *data, size_t len, const char *transport, size_t *out_len,
		      const char **used);

#endif
