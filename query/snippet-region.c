/* snippet-region.c: the part of a long text that a snippet of a query's words should come
 * from, so that the snippet maker reads a passage rather than the whole article. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "query/query-internal.h"

/* Occurrences looked at for each word: enough to find the words close together. */
#define MAX_OCCURRENCES 256
/* Words looked for; a longer query gets the whole text. */
#define MAX_WORDS 16
/* How far a region's edge moves to reach a space. */
#define SNAP 48

struct occurrence {
	size_t at, end;
	size_t word;
};

static int by_position(const void *pa, const void *pb)
{
	const struct occurrence *a = pa, *b = pb;

	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	return a->word < b->word ? -1 : a->word > b->word;
}

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* A byte that belongs to a word: an ASCII letter or digit, or part of a UTF-8 sequence. */
static int in_word(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* Each occurrence in HAY, a lower-case copy of the text, of a word starting with NEEDLE that
 * IS_WORD accepts, appended to OCC for word W; returns how many, at most MAX_OCCURRENCES.
 * Scripts written without spaces (a NEEDLE from U+3000 on) are found anywhere, as written. */
static size_t find_all(const char *hay, size_t len, const char *needle, size_t nlen, size_t w,
		       pdx_snippet_word_fn *is_word, void *ctx, struct occurrence *occ)
{
	int spaced = (unsigned char)needle[0] < 0xE3;
	size_t n = 0, from = 0;

	while (n < MAX_OCCURRENCES && from + nlen <= len) {
		const char *p = memmem(hay + from, len - from, needle, nlen);
		size_t at, end;

		if (!p)
			break;
		at = (size_t)(p - hay);
		end = at + nlen;
		from = at + 1;
		if (spaced) {
			if (at > 0 && in_word((unsigned char)hay[at - 1]))
				continue;
			while (end < len && in_word((unsigned char)hay[end]))
				end++;
			if (!is_word(ctx, w, hay + at, end - at))
				continue;
		}
		occ[n].at = at;
		occ[n].end = end;
		occ[n].word = w;
		n++;
	}
	return n;
}

/* TEXT (LEN bytes) into OUT with ASCII capitals and those of Latin-1 and the basic Cyrillic
 * alphabet in lower case: each keeps its length, so positions stay the same. */
static void lower_case(const char *text, size_t len, char *out)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		unsigned char d = i + 1 < len ? (unsigned char)text[i + 1] : 0;

		out[i] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
		if (c == 0xC3 && d >= 0x80 && d <= 0x9E && d != 0x97) { /* À-Þ but × */
			out[i + 1] = (char)(d + 0x20);
			i++;
		} else if (c == 0xD0 && d >= 0x90 && d <= 0x9F) { /* А-П */
			out[i + 1] = (char)(d + 0x20);
			i++;
		} else if (c == 0xD0 && d >= 0xA0 && d <= 0xAF) { /* Р-Я */
			out[i] = (char)0xD1;
			out[i + 1] = (char)(d - 0x20);
			i++;
		}
	}
}

int pdx_snippet_region(const char *text, size_t len, const char *const *words, size_t n_words,
		       pdx_snippet_word_fn *is_word, void *ctx, size_t margin, size_t *start,
		       size_t *end)
{
	struct occurrence *occ = NULL;
	size_t n_occ = 0, n_found = 0, have[MAX_WORDS] = {0}, covered = 0;
	size_t best_at = 0, best_end = 0, best = (size_t)-1;
	char *lower = NULL;
	int found = 0;

	*start = 0;
	*end = len;
	if (n_words == 0 || n_words > MAX_WORDS || len <= 4 * margin)
		return 0;
	lower = malloc(len);
	occ = malloc(n_words * MAX_OCCURRENCES * sizeof *occ);
	if (!lower || !occ)
		goto out;
	lower_case(text, len, lower);
	for (size_t w = 0; w < n_words; w++) {
		size_t k = words[w][0] ? find_all(lower, len, words[w], strlen(words[w]), w,
						  is_word, ctx, occ + n_occ)
				       : 0;
		n_occ += k;
		n_found += k > 0;
	}
	/* None of the words: the opening of the text, no longer than a snippet (else the
	 * snippet maker would slide past its first words), ending at a space. */
	if (n_found == 0) {
		*end = 2 * margin;
		for (size_t k = 0; k < SNAP && *end > 0 && !is_space((unsigned char)text[*end]);
		     k++)
			(*end)--;
		while (*end > 0 && ((unsigned char)text[*end] & 0xC0) == 0x80)
			(*end)--;
		found = *end > 0;
		goto out;
	}
	qsort(occ, n_occ, sizeof *occ, by_position);
	/* The shortest stretch holding an occurrence of every word found. */
	for (size_t lo = 0, hi = 0; hi < n_occ; hi++) {
		if (have[occ[hi].word]++ == 0)
			covered++;
		while (covered == n_found) {
			/* An earlier, longer word may end a little later: the margin covers it. */
			if (occ[hi].end - occ[lo].at < best) {
				best = occ[hi].end - occ[lo].at;
				best_at = occ[lo].at;
				best_end = occ[hi].end;
			}
			if (--have[occ[lo].word] == 0)
				covered--;
			lo++;
		}
	}
	/* Words far apart: the best passage may be anywhere. */
	if (best == (size_t)-1 || best > 2 * margin)
		goto out;
	*start = best_at > margin ? best_at - margin : 0;
	*end = best_end + margin < len ? best_end + margin : len;
	/* Edges at a space, else at least not inside a UTF-8 sequence. */
	for (size_t k = 0; k < SNAP && *start > 0 && !is_space((unsigned char)text[*start - 1]);
	     k++)
		(*start)--;
	while (*start > 0 && ((unsigned char)text[*start] & 0xC0) == 0x80)
		(*start)--;
	for (size_t k = 0; k < SNAP && *end < len && !is_space((unsigned char)text[*end]); k++)
		(*end)++;
	while (*end < len && ((unsigned char)text[*end] & 0xC0) == 0x80)
		(*end)++;
	found = *start > 0 || *end < len;
out:
	if (!found) {
		*start = 0;
		*end = len;
	}
	free(lower);
	free(occ);
	return found;
}
