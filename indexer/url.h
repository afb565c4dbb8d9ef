/* url.h: which bytes of a file path a URL cannot carry as they are. */
#ifndef PDX_URL_H
#define PDX_URL_H

/* Nonzero when byte C of a path is percent-encoded ("%XX") in a URL made from it: controls,
 * space, '%', '#', '?', DEL and every byte of a multibyte character. */
static inline int pdx_url_must_escape(unsigned char c)
{
	return c <= 0x20 || c == '%' || c == '#' || c == '?' || c >= 0x7f;
}

#endif
