/* normalise.h: the text normaliser shared by the index, the query parser and the tagger. */
#ifndef PDX_NORMALISE_H
#define PDX_NORMALISE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The length of the valid UTF-8 sequence at S (at most LEN bytes, LEN > 0): 1 to 4; 0 when
 * it is not valid UTF-8 (overlong forms and surrogates included); -1 when its first byte
 * announces more bytes than LEN holds. */
long pdx_utf8_sequence(const unsigned char *s, size_t len);

/* Copy LEN bytes of S with every invalid UTF-8 sequence replaced by U+FFFD and NUL bytes
 * dropped. Returns a string the caller frees (length in *OUT_LEN when not NULL), or NULL when
 * memory runs out. */
char *pdx_utf8_sanitise(const char *s, size_t len, size_t *out_len);

/* Normalise LEN bytes of UTF-8 text S for matching: Unicode NFKC with case folding, by
 * utf8proc. Invalid bytes are replaced first. Returns a string the caller frees (length in
 * *OUT_LEN when not NULL), or NULL when memory runs out. */
char *pdx_normalise(const char *s, size_t len, size_t *out_len);

/* Nonzero when the LEN bytes at S are plain ASCII with no upper-case letters, which
 * normalisation leaves as they are. */
int pdx_is_normal_ascii(const char *s, size_t len);

#ifdef __cplusplus
}
#endif

#endif
