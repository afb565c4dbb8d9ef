/* function-words.c: the closed-class words of English (pronouns, determiners, auxiliaries,
 * prepositions, conjunctions), which are grammar and name no subject, and the commonest of
 * them in other languages polidex stems. */
#include "config.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* The commonest function words of other languages, as one string of words a language, lower
 * case: articles, pronouns, prepositions, conjunctions and the commonest auxiliaries. */
static struct {
	const char *language; /* the primary subtag */
	const char *text;
	const char **words; /* TEXT's words, sorted; made once */
	size_t n;
} other_languages[] = {
    {"de",
     "aber als am an auch auf aus bei bis da das dass dem den der des die dies diese dieser "
     "doch du durch ein eine einem einen einer eines er es für hat ich ihr ihre im in ist "
     "kein man mit nach nicht noch nur oder ohne sein seine sich sie sind so über um und uns "
     "unter vom von vor war was wir wird wie zu zum zur zwischen",
     NULL, 0},
    {"es",
     "a al como con de del desde donde el ella ellos en entre es esa ese esta este fue ha han "
     "hay la las le les lo los me mi muy ni no nos o para pero por porque que se sin sobre su "
     "sus te tu un una unos y ya yo",
     NULL, 0},
    {"fr",
     "a au aux avec ce ces cet cette dans de des du elle elles en entre est et eux il ils je "
     "la le les leur leurs lui mais me mes moi mon ne ni nos notre nous on ont ou où par pas "
     "pour qu que qui sa sans se ses si son sont sous sur ta te tes toi ton tu un une vos "
     "votre vous y",
     NULL, 0},
    {"it",
     "a ad al alla alle anche che chi ci come con da dal dalla dei del della delle di e è "
     "gli ha hanno i il in io la le lei lo loro lui ma mi ne nel nella non o per più se si "
     "sono su sua suo tra un una uno",
     NULL, 0},
    {"nl",
     "aan al als bij dat de deze die dit door een en er het hij hoe ik in is je maar met "
     "naar niet nog of om ook op over te tot uit van voor was wat we wie wij zij zijn",
     NULL, 0},
    {"pt",
     "a ao aos as com como da das de do dos e é ela ele em entre era essa esse esta este eu "
     "foi há isso já mais mas me na nas não no nos o os ou para pela pelo por que se sem seu "
     "sua são também um uma",
     NULL, 0},
    {"ru",
     "а без в во да для до же за и из или к как ко ли на над не нет ни но о об от по под "
     "при про с со то у что это",
     NULL, 0},
};
static pthread_once_t other_once = PTHREAD_ONCE_INIT;

static int compare_words(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Each language's words split and sorted. Memory running out leaves that language without
 * function words, which only marks a few more words in its snippets. */
static void make_other_languages(void)
{
	for (size_t k = 0; k < sizeof other_languages / sizeof *other_languages; k++) {
		const char *text = other_languages[k].text;
		size_t n = 1;
		for (const char *p = text; *p; p++)
			n += *p == ' ';
		char *copy = strdup(text);
		const char **words = malloc(n * sizeof *words);
		if (!copy || !words) {
			free(copy);
			free(words);
			continue;
		}
		n = 0;
		for (char *w = strtok(copy, " "); w; w = strtok(NULL, " "))
			words[n++] = w;
		qsort(words, n, sizeof *words, compare_words);
		other_languages[k].words = words;
		other_languages[k].n = n;
	}
}

int pdx_is_function_word_of(const char *language, const char *word, size_t len)
{
	char folded[24];
	size_t primary;

	if (!language || !*language)
		return pdx_is_function_word(word, len);
	primary = strcspn(language, "-_");
	if (primary == 2 && tolower((unsigned char)language[0]) == 'e' &&
	    tolower((unsigned char)language[1]) == 'n')
		return pdx_is_function_word(word, len);
	if (len >= sizeof folded)
		return 0;
	/* ASCII capitals folded; the words of the lists begin with no other capital letter
	 * that a sentence's first word would give them but É and À, left unmatched. */
	for (size_t i = 0; i < len; i++)
		folded[i] = (char)tolower((unsigned char)word[i]);
	folded[len] = '\0';
	pthread_once(&other_once, make_other_languages);
	for (size_t k = 0; k < sizeof other_languages / sizeof *other_languages; k++) {
		const char *tag = other_languages[k].language;
		if (strlen(tag) != primary || strncasecmp(language, tag, primary) != 0)
			continue;
		const char *key = folded;
		return other_languages[k].words &&
		       bsearch(&key, other_languages[k].words, other_languages[k].n,
			       sizeof *other_languages[k].words, compare_words) != NULL;
	}
	return 0;
}
