/* function-words.c: the closed-class words of English (pronouns, determiners, auxiliaries,
 * prepositions, conjunctions), which are grammar and name no subject. */
#include "config.h"

#include <ctype.h>
#include <pthread.h>
#include <string.h>

#include "stemmers/function-words.h"
#include "util/term.h"

/* English closed-class words, sorted: what is grammar, not a subject. */
static const char *const function_words[] = {
    "a",      "about",	"above", "after",  "again",   "against",  "all",	"am",
    "among",  "an",	"and",	 "any",	   "are",     "as",	  "at",		"be",
    "been",   "before", "being", "below",  "between", "both",	  "but",	"by",
    "can",    "could",	"did",	 "do",	   "does",    "doing",	  "down",	"during",
    "each",   "either", "for",	 "from",   "had",     "has",	  "have",	"having",
    "he",     "her",	"here",	 "hers",   "herself", "him",	  "himself",	"his",
    "how",    "i",	"if",	 "in",	   "into",    "is",	  "it",		"its",
    "itself", "may",	"me",	 "might",  "must",    "my",	  "myself",	"neither",
    "no",     "nor",	"not",	 "of",	   "off",     "on",	  "once",	"only",
    "onto",   "or",	"other", "ought",  "our",     "ours",	  "ourselves",	"out",
    "over",   "shall",	"she",	 "should", "since",   "so",	  "some",	"such",
    "than",   "that",	"the",	 "their",  "theirs",  "them",	  "themselves", "then",
    "there",  "these",	"they",	 "this",   "those",   "though",	  "through",	"to",
    "too",    "under",	"until", "up",	   "upon",    "us",	  "very",	"was",
    "we",     "were",	"what",	 "when",   "where",   "whether",  "which",	"while",
    "who",    "whom",	"whose", "why",	   "will",    "with",	  "within",	"without",
    "would",  "yet",	"you",	 "your",   "yours",   "yourself", "yourselves",
};

/* The function words by a hash of their letters: FUNCTION_SLOTS slots, each a word's index + 1
 * or 0; made once. */
#define FUNCTION_SLOTS 512
static unsigned short function_slots[FUNCTION_SLOTS];
static pthread_once_t function_once = PTHREAD_ONCE_INIT;

static void make_function_slots(void)
{
	for (size_t k = 0; k < sizeof function_words / sizeof *function_words; k++) {
		size_t h = (size_t)pdx_hash64(function_words[k], strlen(function_words[k]));

		while (function_slots[h % FUNCTION_SLOTS])
			h++;
		function_slots[h % FUNCTION_SLOTS] = (unsigned short)(k + 1);
	}
}

int pdx_is_function_word(const char *word, size_t len)
{
	char folded[12];

	if (len >= sizeof folded)
		return 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)word[i];

		if (c >= 0x80)
			return 0;
		folded[i] = (char)tolower(c);
	}
	pthread_once(&function_once, make_function_slots);
	for (size_t h = (size_t)pdx_hash64(folded, len); function_slots[h % FUNCTION_SLOTS]; h++) {
		const char *w = function_words[function_slots[h % FUNCTION_SLOTS] - 1];

		if (strncmp(w, folded, len) == 0 && w[len] == '\0')
			return 1;
	}
	return 0;
}
