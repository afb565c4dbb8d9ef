/* tagger-acronyms.c: whether a text defines an acronym as something else than a concept's
 * label: "Marine Stewardship Council (MSC)" is no mention of the Munich Security Conference. */
#include "config.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "concepts/tagger-internal.h"

/* Whether the words of TEXT just before AT (AT bytes into it) are LABEL, case folded. */
static int label_before(const char *text, size_t at, const char *label)
{
	size_t n = strlen(label), k = at;

	while (k > 0 && isspace((unsigned char)text[k - 1]))
		k--;
	if (n > k || strncasecmp(text + k - n, label, n) != 0)
		return 0;
	return k == n || !isalnum((unsigned char)text[k - n - 1]);
}

/* Whether the words before AT in TEXT spell ACRONYM (LEN capitals) by their initials, small
 * connectors skipped: "Marine Stewardship Council (MSC)". */
static int spelt_before(const char *text, size_t at, const char *acronym, size_t len)
{
	size_t k = at, letters = len;

	while (letters > 0) {
		size_t word_end, word_start;

		while (k > 0 && (text[k - 1] == ' ' || text[k - 1] == '-'))
			k--;
		if (k == 0 || !isalnum((unsigned char)text[k - 1]))
			return 0;
		word_end = k;
		while (k > 0 && isalnum((unsigned char)text[k - 1]))
			k--;
		word_start = k;
		if (islower((unsigned char)text[word_start]) && word_end - word_start <= 3)
			continue; /* "of", "and", "for" */
		if (toupper((unsigned char)text[word_start]) != acronym[letters - 1])
			return 0;
		letters--;
	}
	return 1;
}

/* Whether TEXT defines ACRONYM (LEN bytes) as something no label of concept C is: it writes
 * "(ACRONYM)" after words whose initials spell it and that are none of C's labels. */
int pdx_acronym_defined_otherwise(const pdx_tagger_t *t, const char *text, const char *acronym,
				  size_t len, size_t c)
{
	const struct pdx_concept *concept = &t->th->concepts[c];
	char pattern[20];
	const char *at;

	if (!text || len + 3 > sizeof pattern)
		return 0;
	pattern[0] = '(';
	memcpy(pattern + 1, acronym, len);
	pattern[len + 1] = ')';
	pattern[len + 2] = '\0';
	for (at = strstr(text, pattern); at; at = strstr(at + 1, pattern)) {
		size_t off = (size_t)(at - text);
		int ours = 0;

		for (size_t k = 0; k < concept->n_labels && !ours; k++)
			ours = label_before(text, off, concept->labels[k].text);
		if (ours)
			return 0;
		if (spelt_before(text, off, acronym, len))
			return 1;
	}
	return 0;
}

/* Whether S's text (its title or body) has a label of several words of concept C among its
 * longest matches: then initials that abbreviate C's name are C's there. */
int pdx_spelt_out(const pdx_tagger_t *t, struct pdx_tag_state *s, uint32_t c)
{
	size_t slot = c % 8;
	int found = 0;

	if (s->spelt_gen[slot] == s->gen && s->spelt_concept[slot] == c)
		return s->spelt[slot];
	for (size_t k = 0; k < s->n_matches && !found; k++) {
		const struct pdx_match *m = &s->matches[k];

		if (m->end - m->i < 2)
			continue;
		for (uint32_t x = t->term_start[m->node];
		     x < t->n_terms && t->terms[x].node == m->node && !found; x++)
			found = t->terms[x].concept == c && t->terms[x].n_words > 1;
	}
	s->spelt_gen[slot] = s->gen;
	s->spelt_concept[slot] = c;
	s->spelt[slot] = (unsigned char)found;
	return found;
}
