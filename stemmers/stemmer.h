/* stemmer.h: Snowball stemming (libstemmer) for a language, on normalised words. */
#ifndef PDX_STEMMER_H
#define PDX_STEMMER_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pdx_stemmer pdx_stemmer_t;

/* The Snowball algorithm for LANGUAGE, a BCP 47 tag ("en", "el-GR", "sr-Latn") or an
 * algorithm name ("english", "greek"); NULL when libstemmer has none. The string is
 * static. */
const char *pdx_stemmer_algorithm(const char *language);

/* A stemmer for LANGUAGE; NULL when there is no algorithm for it or memory runs out. One
 * stemmer must not be used by two threads at once. */
pdx_stemmer_t *pdx_stemmer_new(const char *language);
void pdx_stemmer_destroy(pdx_stemmer_t *stemmer);

/* The algorithm name this stemmer runs. */
const char *pdx_stemmer_name(const pdx_stemmer_t *stemmer);

/* Stem the LEN-byte word WORD, normalising it first (NFKC, case folded). Returns the stem,
 * valid until the next call on STEMMER, with its length in *OUT_LEN; NULL when memory runs
 * out. */
const char *pdx_stemmer_stem(pdx_stemmer_t *stemmer, const char *word, size_t len,
			     size_t *out_len);

#ifdef __cplusplus
}
#endif

#endif
