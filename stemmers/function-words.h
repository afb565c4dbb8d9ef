/* function-words.h: the function words of English and of other languages. */
#ifndef PDX_FUNCTION_WORDS_H
#define PDX_FUNCTION_WORDS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Whether WORD (LEN bytes, any case) is an English function word: a pronoun, determiner,
 * auxiliary, preposition or conjunction ("will", "us", "of"). Safe from any thread. */
int pdx_is_function_word(const char *word, size_t len);

/* Whether WORD (LEN bytes, ASCII capitals folded) is one of the commonest function words of
 * LANGUAGE (a BCP 47 tag: German, English, Spanish, French, Italian, Dutch, Portuguese and
 * Russian have them; English for NULL or ""): "de", "und", "les". Safe from any thread. */
int pdx_is_function_word_of(const char *language, const char *word, size_t len);

#ifdef __cplusplus
}
#endif

#endif
