/* stemmer.c: libstemmer's Snowball algorithms behind a small C interface. */
#include "config.h"

#include "stemmers/stemmer.h"

#include <ctype.h>
#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "stemmers/normalise.h"

struct pdx_stemmer {
	struct sb_stemmer *sb;
	const char *algorithm;
	char *scratch; /* the stem handed out last */
};

/* BCP 47 primary subtags for the algorithms libstemmer 2.2 offers. "porter" is reachable
 * only by name. */
static const struct {
	const char *code;
	const char *algorithm;
} language_table[] = {
	{"ar", "arabic"},     {"hy", "armenian"},  {"eu", "basque"},    {"ca", "catalan"},
	{"da", "danish"},     {"nl", "dutch"},     {"en", "english"},   {"fi", "finnish"},
	{"fr", "french"},     {"de", "german"},    {"el", "greek"},     {"hi", "hindi"},
	{"hu", "hungarian"},  {"id", "indonesian"}, {"ga", "irish"},    {"it", "italian"},
	{"lt", "lithuanian"}, {"ne", "nepali"},    {"no", "norwegian"}, {"nb", "norwegian"},
	{"nn", "norwegian"},  {"pt", "portuguese"}, {"ro", "romanian"}, {"ru", "russian"},
	{"sr", "serbian"},    {"es", "spanish"},   {"sv", "swedish"},   {"ta", "tamil"},
	{"tr", "turkish"},    {"yi", "yiddish"},
};

const char *pdx_stemmer_algorithm(const char *language)
{
	char primary[16];
	size_t n = 0;
	const char **names;

	if (!language)
		return NULL;
	while (language[n] && language[n] != '-' && language[n] != '_' && n + 1 < sizeof primary) {
		primary[n] = (char)tolower((unsigned char)language[n]);
		n++;
	}
	primary[n] = '\0';
	for (size_t i = 0; i < sizeof language_table / sizeof language_table[0]; i++)
		if (strcmp(primary, language_table[i].code) == 0)
			return language_table[i].algorithm;
	names = sb_stemmer_list();
	for (size_t i = 0; names[i]; i++)
		if (strcmp(primary, names[i]) == 0)
			return names[i];
	return NULL;
}

pdx_stemmer_t *pdx_stemmer_new(const char *language)
{
	const char *algorithm = pdx_stemmer_algorithm(language);
	pdx_stemmer_t *s;

	if (!algorithm)
		return NULL;
	s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->sb = sb_stemmer_new(algorithm, "UTF_8");
	if (!s->sb) {
		free(s);
		return NULL;
	}
	s->algorithm = algorithm;
	return s;
}

void pdx_stemmer_destroy(pdx_stemmer_t *stemmer)
{
	if (!stemmer)
		return;
	sb_stemmer_delete(stemmer->sb);
	free(stemmer->scratch);
	free(stemmer);
}

const char *pdx_stemmer_name(const pdx_stemmer_t *stemmer)
{
	return stemmer->algorithm;
}

const char *pdx_stemmer_stem(pdx_stemmer_t *stemmer, const char *word, size_t len,
			     size_t *out_len)
{
	char *norm;
	size_t norm_len;
	const sb_symbol *stem;
	int stem_len;

	norm = pdx_normalise(word, len, &norm_len);
	if (!norm)
		return NULL;
	stem = sb_stemmer_stem(stemmer->sb, (const sb_symbol *)norm, (int)norm_len);
	free(norm);
	if (!stem)
		return NULL;
	stem_len = sb_stemmer_length(stemmer->sb);
	/* libstemmer's buffer is reused by its next call: hand out a copy. */
	free(stemmer->scratch);
	stemmer->scratch = pdx_strndup((const char *)stem, (size_t)stem_len);
	if (!stemmer->scratch)
		return NULL;
	*out_len = (size_t)stem_len;
	return stemmer->scratch;
}
