/* function-words.h: the function words of English. */
#ifndef PDX_FUNCTION_WORDS_H
#define PDX_FUNCTION_WORDS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Whether WORD (LEN bytes, any case) is an English function word: a pronoun, determiner,
 * auxiliary, preposition or conjunction ("will", "us", "of"). Safe from any thread. */
int pdx_is_function_word(const char *word, size_t len);

#ifdef __cplusplus
}
#endif

#endif
