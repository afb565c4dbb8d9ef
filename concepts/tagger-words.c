/* tagger-words.c: reading text for the tagger: words and sentence ends, their forms (folded,
 * stemmed) and the hashes of their written forms. */
#include "config.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "concepts/tagger-internal.h"
#include "util/buf.h"
#include "util/term.h"

/* Whether the ASCII byte C is a letter or a digit, without the locale's tables (a function
 * call a byte). */
static inline int ascii_alnum(unsigned c)
{
	return (c | 0x20) - 'a' < 26u || c - '0' < 10u;
}

static int is_cjk(utf8proc_int32_t cp)
{
	return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
	       (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x2ffff) ||
	       (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0xac00 && cp <= 0xd7af);
}

static int is_word_char(utf8proc_int32_t cp)
{
	utf8proc_category_t c;

	if (cp < 0x80)
		return ascii_alnum((unsigned)cp);
	c = utf8proc_category(cp);
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
	       (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME) ||
	       (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

/* The length of dotted initials at P (before END): single letters each followed by a full
 * stop, two of them at least ("U.S.", "U.K.", "e.g."); 0 when P starts none. */
static size_t dotted_length(const unsigned char *p, const unsigned char *end)
{
	size_t n = 0;

	while (p + n + 1 < end && (unsigned)((p[n] | 0x20) - 'a') < 26u && p[n + 1] == '.')
		n += 2;
	if (p + n < end && ascii_alnum(p[n]))
		return 0; /* "U.Sx": no initials */
	return n >= 4 ? n : 0;
}

/* The end of the word whose first character is at P: letters, digits and marks of any
 * script but CJK. */
static const unsigned char *word_end(const unsigned char *p, const unsigned char *end)
{
	while (p < end) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n;

		if (*p < 0x80) {
			if (!ascii_alnum(*p))
				break;
			p++;
			continue;
		}
		n = utf8proc_iterate(p, end - p, &cp);
		if (n < 1 || !is_word_char(cp) || is_cjk(cp))
			break;
		p += n;
	}
	return p;
}

int pdx_tokenise_len(const char *text, size_t len, pdx_token_fn fn, void *ctx)
{
	const unsigned char *p = (const unsigned char *)text, *end = p + len;

	while (p < end) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n;

		if (*p < 0x80) {
			size_t dotted;

			if (ascii_alnum(*p)) {
				const unsigned char *s = p;

				dotted = dotted_length(p, end);
				p = dotted ? p + dotted : word_end(p, end);
				if (fn(ctx, (const char *)s, (size_t)(p - s),
				       dotted ? W_DOTTED : 0) < 0)
					return -1;
				continue;
			}
			/* A sentence ends at . ! ? before a space, a paragraph at an empty line. */
			if ((*p == '.' || *p == '!' || *p == '?') &&
			    (p + 1 >= end || isspace(p[1]))) {
				if (fn(ctx, NULL, 0, W_SENTENCE) < 0)
					return -1;
			} else if (*p == '\n' && p + 1 < end && p[1] == '\n') {
				if (fn(ctx, NULL, 0, W_PARAGRAPH) < 0)
					return -1;
				while (p + 1 < end && p[1] == '\n')
					p++;
			}
			p++;
			continue;
		}
		n = utf8proc_iterate(p, end - p, &cp);
		if (n < 1) {
			p++;
			continue;
		}
		if (is_cjk(cp)) {
			if (fn(ctx, (const char *)p, (size_t)n, W_CJK) < 0)
				return -1;
			p += n;
		} else if (is_word_char(cp)) {
			const unsigned char *s = p;

			p = word_end(p, end);
			if (fn(ctx, (const char *)s, (size_t)(p - s), 0) < 0)
				return -1;
		} else {
			/* 。！？ end sentences too. */
			if (cp == 0x3002 || cp == 0xff01 || cp == 0xff1f) {
				if (fn(ctx, NULL, 0, W_SENTENCE) < 0)
					return -1;
			}
			p += n;
		}
	}
	return 0;
}

int pdx_tokenise(const char *text, pdx_token_fn fn, void *ctx)
{
	return pdx_tokenise_len(text, strlen(text), fn, ctx);
}

size_t pdx_undot(const char *word, size_t len, char *out, size_t size)
{
	size_t n = 0;

	for (size_t i = 0; i < len && n + 1 < size; i++)
		if (word[i] != '.')
			out[n++] = word[i];
	out[n] = '\0';
	return n;
}

int pdx_is_ascii(const char *word, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)word[i] >= 0x80)
			return 0;
	return 1;
}

uint64_t pdx_surface_hash(const char *word, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	if (pdx_is_ascii(word, len)) {
		for (size_t i = 0; i < len; i++) {
			h ^= (unsigned char)tolower((unsigned char)word[i]);
			h *= 0x100000001b3ULL;
		}
		return h;
	} else {
		size_t n;
		char *norm = pdx_normalise(word, len, &n);

		h = norm ? pdx_hash64(norm, n) : 0;
		free(norm);
		return h;
	}
}

uint64_t pdx_surface_join(uint64_t so_far, uint64_t word)
{
	return so_far * 0x9e3779b97f4a7c15ULL + word;
}

char *pdx_token_form(pdx_stemmer_t *stemmer, const char *word, size_t len, int cjk)
{
	size_t out_len;

	if (!cjk && stemmer) {
		const char *stem = pdx_stemmer_stem(stemmer, word, len, &out_len);

		return stem ? pdx_strndup(stem, out_len) : NULL;
	}
	return pdx_normalise(word, len, NULL);
}

void pdx_primary_subtag(const char *lang, char out[4])
{
	size_t n = 0;

	while (lang && lang[n] && lang[n] != '-' && lang[n] != '_' && n < 3) {
		out[n] = (char)tolower((unsigned char)lang[n]);
		n++;
	}
	memset(out + n, 0, 4 - n);
}

int pdx_in_capitals(const char *word, size_t len)
{
	size_t upper = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)word[i];

		if (c >= 'a' && c <= 'z' && !(c == 's' && i + 1 == len && upper >= 2))
			return 0;
		upper += c >= 'A' && c <= 'Z';
	}
	return upper >= 2;
}

int pdx_first_case(const char *word, size_t len)
{
	utf8proc_int32_t cp;
	utf8proc_category_t cat;

	if (!len)
		return 0;
	if ((unsigned char)*word < 0x80)
		return isupper((unsigned char)*word) ? 1 : islower((unsigned char)*word) ? -1 : 0;
	if (utf8proc_iterate((const utf8proc_uint8_t *)word, (utf8proc_ssize_t)len, &cp) < 1)
		return 0;
	cat = utf8proc_category(cp);
	return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT ? 1
	       : cat == UTF8PROC_CATEGORY_LL				  ? -1
									  : 0;
}

/* Whether WORD (LEN bytes) is LABEL or its plural, or LABEL the plural of WORD, in English:
 * "treaty", "treaties"; not "detention" for "détente", nor "markets" for "marketing". */
int pdx_same_word(const char *word, size_t len, const char *label)
{
	size_t n = strlen(label);
	char folded[64];

	if (len >= sizeof folded)
		return 0;
	for (size_t i = 0; i < len; i++)
		folded[i] = (char)tolower((unsigned char)word[i]);
	folded[len] = '\0';
	if (len == n)
		return memcmp(folded, label, n) == 0;
	if (len < n) {
		const char *swap = folded;

		/* The label is the plural: compare the other way round. */
		word = label, label = swap;
		n = len;
		len = strlen(word);
	} else {
		word = folded;
	}
	/* WORD, the longer, is LABEL + "s", + "es", or LABEL's "y" made "ies". */
	if (len == n + 1 && word[n] == 's')
		return memcmp(word, label, n) == 0;
	if (len == n + 2 && memcmp(word + n, "es", 2) == 0)
		return memcmp(word, label, n) == 0;
	if (len == n + 2 && n > 1 && label[n - 1] == 'y' && memcmp(word + n - 1, "ies", 3) == 0)
		return memcmp(word, label, n - 1) == 0;
	return 0;
}
