/* term.h: building index terms that fit Xapian's length limit. */
#ifndef PDX_TERM_H
#define PDX_TERM_H

#include <stddef.h>

/* Xapian terms are limited to 245 bytes; longer ids and URLs are shortened to this many
 * bytes followed by a hash of the whole. */
#define PDX_MAX_TERM_BYTES 240

#ifdef __cplusplus
extern "C" {
#endif

/* PREFIX followed by VALUE, or, when that would pass PDX_MAX_TERM_BYTES, PREFIX followed by
 * the start of VALUE (cut at a character boundary), '#' and a 64-bit hash of all of VALUE in
 * hex. Returns a string the caller frees, or NULL when memory runs out. */
char *pdx_term_make(const char *prefix, const char *value);

/* 64-bit FNV-1a hash of LEN bytes of S. */
unsigned long long pdx_hash64(const char *s, size_t len);

#ifdef __cplusplus
}
#endif

#endif
