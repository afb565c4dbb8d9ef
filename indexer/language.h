/* language.h: a text's language, detected with Google's CLD2. */
#ifndef PDX_LANGUAGE_H
#define PDX_LANGUAGE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Detect the language of LEN bytes of UTF-8 TEXT. Writes a BCP 47 tag ("en", "zh-Hans",
 * "zh-Hant", "fr") to OUT and returns the share of the text in that language, in percent, when
 * CLD2 is confident; returns 0 when it is not or the text is too short to tell. */
int pdx_language_detect(const char *text, size_t len, char *out, size_t out_len);

#ifdef __cplusplus
}
#endif

#endif
