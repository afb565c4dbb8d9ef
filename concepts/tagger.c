/* tagger.c: concept tagging with a trie of stemmed label tokens. */
#include "config.h"

#include "concepts/tagger.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "util/buf.h"
#include "stemmers/stemmers.h"
#include "util/term.h"

#define NO_TOKEN UINT32_MAX      /* a word no label contains */
#define BOUNDARY (UINT32_MAX - 1) /* a sentence or paragraph end */
#define MAX_CACHE 400000          /* words remembered per language before starting afresh */
#define MAX_STEMMERS 8
#define CAPITALS 0x80             /* token flag: the word is written in capitals */

/* Token strings to ids (the dictionary), and, per text language, surface words to ids (the
 * cache that spares stemming a word twice). Open addressing; the number of slots is a power of
 * two, as in the edge map. */
struct strmap {
	char **keys;
	uint32_t *values;
	uint64_t *surfaces; /* the cache's: each word's surface_hash(), 0 for a word no label has */
	size_t n, slots;
};

/* A token's word: LEN bytes at OFFSET in the text it was read from. */
struct word_at {
	uint32_t offset, len;
};

/* Trie edges, keyed by (node << 32 | token). */
struct edgemap {
	uint64_t *keys;
	uint32_t *values;
	size_t n, slots;
};

struct terminal {
	uint32_t node;
	uint32_t concept;
	uint64_t surface; /* hash of the label's words before stemming */
	char *words;      /* the label's words as written, case folded, each ended by a NUL */
	char lang[4];     /* primary subtag of the label's language, "" for none */
	int capitals;     /* a one-word label in capitals ("WHO"): matches such words only */
};

struct lang_cache {
	char lang[4];
	pdx_stemmer_t *stemmer;
	struct strmap words;
};

struct pdx_tagger {
	const pdx_thesaurus_t *th;
	struct strmap dict;
	struct edgemap edges;
	uint32_t n_nodes;
	struct terminal *terms; /* sorted by node */
	size_t n_terms, alloc_terms;
	uint32_t *term_start; /* per node: index of its first terminal, n_terms if none */
	struct lang_cache caches[MAX_STEMMERS];
	size_t n_caches;
	/* per-call scratch */
	uint32_t *tokens;
	uint64_t *surfaces; /* hash of each token's word before stemming */
	struct word_at *words; /* where each token's word is, when some label has it */
	unsigned char *flags;  /* 1 title, 2 lead; CAPITALS */
	size_t n_tokens, alloc_tokens;
	const char *texts[2]; /* what the words are read from: the title's tokens, then the rest */
	size_t title_tokens;
	struct pdx_tag *by_concept;
	unsigned char *seen;
	size_t *last_match; /* per concept: the token position it was last counted at, + 1 */
};

/* ---- hash maps ---------------------------------------------------------------------- */

static size_t str_hash(const char *s, size_t len)
{
	return (size_t)pdx_hash64(s, len);
}

static void strmap_clear(struct strmap *m)
{
	for (size_t i = 0; i < m->slots; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->values);
	free(m->surfaces);
	memset(m, 0, sizeof *m);
}

static long strmap_find(const struct strmap *m, const char *s, size_t len)
{
	if (!m->slots)
		return -1;
	size_t mask = m->slots - 1;

	for (size_t h = str_hash(s, len) & mask; m->keys[h]; h = (h + 1) & mask)
		if (strncmp(m->keys[h], s, len) == 0 && m->keys[h][len] == '\0')
			return (long)h;
	return -1;
}

/* Add S (LEN bytes) with VALUE, and SURFACE when the map keeps surfaces (WITH_SURFACES). */
static int strmap_put(struct strmap *m, const char *s, size_t len, uint32_t value,
		      int with_surfaces, uint64_t surface)
{
	size_t h;

	if ((m->n + 1) * 2 > m->slots) {
		size_t slots = m->slots ? m->slots * 2 : 1024;
		char **keys = calloc(slots, sizeof *keys);
		uint32_t *values = calloc(slots, sizeof *values);
		uint64_t *surfaces = with_surfaces ? calloc(slots, sizeof *surfaces) : NULL;

		if (!keys || !values || (with_surfaces && !surfaces)) {
			free(keys);
			free(values);
			free(surfaces);
			return -1;
		}
		for (size_t i = 0; i < m->slots; i++) {
			if (!m->keys[i])
				continue;
			h = str_hash(m->keys[i], strlen(m->keys[i])) & (slots - 1);
			while (keys[h])
				h = (h + 1) & (slots - 1);
			keys[h] = m->keys[i];
			values[h] = m->values[i];
			if (surfaces)
				surfaces[h] = m->surfaces[i];
		}
		free(m->keys);
		free(m->values);
		free(m->surfaces);
		m->keys = keys;
		m->values = values;
		m->surfaces = surfaces;
		m->slots = slots;
	}
	for (h = str_hash(s, len) & (m->slots - 1); m->keys[h]; h = (h + 1) & (m->slots - 1))
		;
	m->keys[h] = pdx_strndup(s, len);
	if (!m->keys[h])
		return -1;
	m->values[h] = value;
	if (m->surfaces)
		m->surfaces[h] = surface;
	m->n++;
	return 0;
}

static size_t edge_hash(uint64_t key)
{
	key ^= key >> 33;
	key *= 0xff51afd7ed558ccdULL;
	key ^= key >> 33;
	return (size_t)key;
}

static uint32_t edge_find(const struct edgemap *m, uint32_t node, uint32_t token)
{
	uint64_t key = ((uint64_t)node << 32 | token) + 1;

	if (!m->slots)
		return 0;
	size_t mask = m->slots - 1;

	for (size_t h = edge_hash(key) & mask; m->keys[h]; h = (h + 1) & mask)
		if (m->keys[h] == key)
			return m->values[h];
	return 0;
}

static int edge_put(struct edgemap *m, uint32_t node, uint32_t token, uint32_t child)
{
	uint64_t key = ((uint64_t)node << 32 | token) + 1;
	size_t h;

	if ((m->n + 1) * 2 > m->slots) {
		size_t slots = m->slots ? m->slots * 2 : 4096;
		uint64_t *keys = calloc(slots, sizeof *keys);
		uint32_t *values = calloc(slots, sizeof *values);

		if (!keys || !values) {
			free(keys);
			free(values);
			return -1;
		}
		for (size_t i = 0; i < m->slots; i++) {
			if (!m->keys[i])
				continue;
			h = edge_hash(m->keys[i]) & (slots - 1);
			while (keys[h])
				h = (h + 1) & (slots - 1);
			keys[h] = m->keys[i];
			values[h] = m->values[i];
		}
		free(m->keys);
		free(m->values);
		m->keys = keys;
		m->values = values;
		m->slots = slots;
	}
	for (h = edge_hash(key) & (m->slots - 1); m->keys[h]; h = (h + 1) & (m->slots - 1))
		;
	m->keys[h] = key;
	m->values[h] = child;
	m->n++;
	return 0;
}

/* ---- tokens ------------------------------------------------------------------------- */

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
		return isalnum(cp);
	c = utf8proc_category(cp);
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
	       (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME) ||
	       (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

/* Called for each token (a word or a CJK character, as bytes of the text) or boundary
 * (WORD NULL). Returns -1 to stop on out of memory. */
typedef int (*token_fn)(void *ctx, const char *word, size_t len, int cjk);

static int tokenise(const char *text, token_fn fn, void *ctx)
{
	const unsigned char *p = (const unsigned char *)text;

	while (*p) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n;

		if (*p < 0x80) {
			if (isalnum(*p)) {
				const unsigned char *s = p;

				while (*p && (*p < 0x80 ? isalnum(*p) : 0))
					p++;
				/* A word may go on in non-ASCII letters ("Müller"). */
				while (*p >= 0x80) {
					n = utf8proc_iterate(p, -1, &cp);
					if (n < 1 || !is_word_char(cp) || is_cjk(cp))
						break;
					p += n;
					while (*p && *p < 0x80 && isalnum(*p))
						p++;
				}
				if (fn(ctx, (const char *)s, (size_t)(p - s), 0) < 0)
					return -1;
				continue;
			}
			/* A sentence ends at . ! ? before a space, and at a paragraph break. */
			if ((*p == '.' || *p == '!' || *p == '?') && (!p[1] || isspace(p[1]))) {
				if (fn(ctx, NULL, 0, 0) < 0)
					return -1;
			} else if (*p == '\n' && p[1] == '\n') {
				if (fn(ctx, NULL, 0, 0) < 0)
					return -1;
			}
			p++;
			continue;
		}
		n = utf8proc_iterate(p, -1, &cp);
		if (n < 1) {
			p++;
			continue;
		}
		if (is_cjk(cp)) {
			if (fn(ctx, (const char *)p, (size_t)n, 1) < 0)
				return -1;
			p += n;
		} else if (is_word_char(cp)) {
			const unsigned char *s = p;

			while (*p) {
				if (*p < 0x80) {
					if (!isalnum(*p))
						break;
					p++;
					continue;
				}
				n = utf8proc_iterate(p, -1, &cp);
				if (n < 1 || !is_word_char(cp) || is_cjk(cp))
					break;
				p += n;
			}
			if (fn(ctx, (const char *)s, (size_t)(p - s), 0) < 0)
				return -1;
		} else {
			/* 。！？ end sentences too. */
			if (cp == 0x3002 || cp == 0xff01 || cp == 0xff1f) {
				if (fn(ctx, NULL, 0, 0) < 0)
					return -1;
			}
			p += n;
		}
	}
	return 0;
}

/* Whether WORD (LEN bytes) is all ASCII: folded by making its letters small, where other
 * words need Unicode's case folding. */
static int is_ascii(const char *word, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)word[i] >= 0x80)
			return 0;
	return 1;
}

/* A hash of a word as written, case folded: what tells "developed" from "developing" when
 * both stem alike. */
static uint64_t surface_hash(const char *word, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	if (is_ascii(word, len)) {
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

static uint64_t surface_join(uint64_t so_far, uint64_t word)
{
	return so_far * 0x9e3779b97f4a7c15ULL + word;
}

/* The normalised, stemmed form of a word: what the dictionary is keyed by. Returns a string
 * the caller frees, or NULL when memory runs out. */
static char *token_form(pdx_stemmer_t *stemmer, const char *word, size_t len, int cjk)
{
	size_t out_len;

	if (!cjk && stemmer) {
		const char *stem = pdx_stemmer_stem(stemmer, word, len, &out_len);

		return stem ? pdx_strndup(stem, out_len) : NULL;
	}
	return pdx_normalise(word, len, NULL);
}

static void primary_subtag(const char *lang, char out[4])
{
	size_t n = 0;

	while (lang && lang[n] && lang[n] != '-' && lang[n] != '_' && n < 3) {
		out[n] = (char)tolower((unsigned char)lang[n]);
		n++;
	}
	out[n] = '\0';
}

/* ---- compiling the labels ---------------------------------------------------------- */

struct compile {
	pdx_tagger_t *t;
	pdx_stemmer_t *stemmer;
	uint32_t node;
	uint64_t surface;
	size_t words;
	int capitals;           /* every word so far in capitals */
	struct pdx_buf written; /* the words as written, case folded, each ended by a NUL */
};

/* Whether WORD (LEN bytes) is written in capitals, as acronyms are: two ASCII capitals or
 * more and no small letter but a plural's final s ("WHO", "G20", "BRICS", "NGOs"; not "A",
 * "Who" or "bits"). */
static int in_capitals(const char *word, size_t len)
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

/* Append WORD (LEN bytes) case folded, and a NUL, to B: ASCII letters made small, any other
 * word normalised (NFKC, case folded). Returns 0, or -1 when memory runs out. */
static int add_folded(struct pdx_buf *b, const char *word, size_t len)
{
	size_t start = b->len, n;
	char *norm;

	if (is_ascii(word, len)) {
		if (pdx_buf_add(b, word, len) < 0 || pdx_buf_addc(b, '\0') < 0)
			return -1;
		for (size_t i = start; i < start + len; i++)
			b->data[i] = (char)tolower((unsigned char)b->data[i]);
		return 0;
	}
	norm = pdx_normalise(word, len, &n);
	if (!norm || pdx_buf_add(b, norm, n + 1) < 0) {
		free(norm);
		return -1;
	}
	free(norm);
	return 0;
}

static int compile_token(void *ctx, const char *word, size_t len, int cjk)
{
	struct compile *c = ctx;
	pdx_tagger_t *t = c->t;
	char *form;
	long slot;
	uint32_t token, child;

	if (!word)
		return 0; /* a label's own punctuation ends no sentence */
	c->surface = surface_join(c->surface, surface_hash(word, len));
	c->words++;
	if (add_folded(&c->written, word, len) < 0)
		return -1;
	c->capitals = c->capitals && in_capitals(word, len);
	form = token_form(c->stemmer, word, len, cjk);
	if (!form)
		return -1;
	slot = strmap_find(&t->dict, form, strlen(form));
	if (slot >= 0) {
		token = t->dict.values[slot];
	} else {
		token = (uint32_t)t->dict.n;
		if (strmap_put(&t->dict, form, strlen(form), token, 0, 0) < 0) {
			free(form);
			return -1;
		}
	}
	free(form);
	child = edge_find(&t->edges, c->node, token);
	if (!child) {
		child = t->n_nodes++;
		if (edge_put(&t->edges, c->node, token, child) < 0)
			return -1;
	}
	c->node = child;
	return 0;
}

static int add_terminal(pdx_tagger_t *t, uint32_t node, size_t concept, const char *lang,
			uint64_t surface, int capitals, struct pdx_buf *written)
{
	struct terminal *term;

	if (t->n_terms == t->alloc_terms) {
		size_t alloc = t->alloc_terms ? t->alloc_terms * 2 : 1024;
		struct terminal *terms = realloc(t->terms, alloc * sizeof *terms);

		if (!terms)
			return -1;
		t->terms = terms;
		t->alloc_terms = alloc;
	}
	term = &t->terms[t->n_terms++];
	term->node = node;
	term->concept = (uint32_t)concept;
	term->surface = surface;
	term->words = pdx_buf_detach(written);
	term->capitals = capitals;
	memcpy(term->lang, lang, 4);
	return term->words ? 0 : -1;
}

static int by_node(const void *a, const void *b)
{
	const struct terminal *x = a, *y = b;

	return x->node < y->node ? -1 : x->node > y->node;
}

pdx_tagger_t *pdx_tagger_new(const pdx_thesaurus_t *th)
{
	pdx_tagger_t *t = calloc(1, sizeof *t);

	if (!t)
		return NULL;
	t->th = th;
	t->n_nodes = 1; /* the root */
	for (size_t i = 0; i < th->n_concepts; i++) {
		const struct pdx_concept *c = &th->concepts[i];

		for (size_t k = 0; k < c->n_labels; k++) {
			struct compile comp = {t, NULL, 0, 0, 0, 1, PDX_BUF_INIT};
			char lang[4];
			int rc;

			primary_subtag(c->labels[k].language, lang);
			comp.stemmer = pdx_stemmer_new(*lang ? lang : "en");
			rc = tokenise(c->labels[k].text, compile_token, &comp);
			pdx_stemmer_destroy(comp.stemmer);
			if (rc >= 0 && comp.node)
				rc = add_terminal(t, comp.node, i, lang, comp.surface,
						  comp.words == 1 && comp.capitals, &comp.written);
			pdx_buf_release(&comp.written);
			if (rc < 0)
				goto oom;
		}
	}
	qsort(t->terms, t->n_terms, sizeof *t->terms, by_node);
	t->term_start = malloc(t->n_nodes * sizeof *t->term_start);
	t->by_concept = calloc(th->n_concepts ? th->n_concepts : 1, sizeof *t->by_concept);
	t->seen = calloc(th->n_concepts ? th->n_concepts : 1, 1);
	t->last_match = calloc(th->n_concepts ? th->n_concepts : 1, sizeof *t->last_match);
	if (!t->term_start || !t->by_concept || !t->seen || !t->last_match)
		goto oom;
	for (uint32_t n = 0; n < t->n_nodes; n++)
		t->term_start[n] = (uint32_t)t->n_terms;
	for (size_t i = t->n_terms; i-- > 0;)
		t->term_start[t->terms[i].node] = (uint32_t)i;
	return t;
oom:
	pdx_tagger_free(t);
	return NULL;
}

void pdx_tagger_free(pdx_tagger_t *t)
{
	if (!t)
		return;
	strmap_clear(&t->dict);
	free(t->edges.keys);
	free(t->edges.values);
	for (size_t i = 0; i < t->n_terms; i++)
		free(t->terms[i].words);
	free(t->terms);
	free(t->term_start);
	for (size_t i = 0; i < t->n_caches; i++) {
		pdx_stemmer_destroy(t->caches[i].stemmer);
		strmap_clear(&t->caches[i].words);
	}
	free(t->tokens);
	free(t->surfaces);
	free(t->words);
	free(t->flags);
	free(t->by_concept);
	free(t->seen);
	free(t->last_match);
	free(t);
}

/* ---- matching ----------------------------------------------------------------------- */

struct scan {
	pdx_tagger_t *t;
	struct lang_cache *cache;
	unsigned char flag;
	const char *base; /* what word offsets are counted from */
};

static struct lang_cache *cache_for(pdx_tagger_t *t, const char *lang)
{
	for (size_t i = 0; i < t->n_caches; i++)
		if (strcmp(t->caches[i].lang, lang) == 0)
			return &t->caches[i];
	if (t->n_caches == MAX_STEMMERS) {
		/* Many languages in one run: recycle the oldest cache. */
		pdx_stemmer_destroy(t->caches[0].stemmer);
		strmap_clear(&t->caches[0].words);
		memmove(&t->caches[0], &t->caches[1], (MAX_STEMMERS - 1) * sizeof t->caches[0]);
		t->n_caches--;
	}
	struct lang_cache *c = &t->caches[t->n_caches++];

	memset(c, 0, sizeof *c);
	memcpy(c->lang, lang, 4);
	c->stemmer = pdx_stemmer_new(*lang ? lang : "en");
	return c;
}

/* Append a token; WORD is where its word is in the text (offset, length), or NULL when no
 * label has it. */
static int push_token(pdx_tagger_t *t, uint32_t token, const struct word_at *word,
		      uint64_t surface, unsigned char flag)
{
	if (t->n_tokens == t->alloc_tokens) {
		size_t alloc = t->alloc_tokens ? t->alloc_tokens * 2 : 4096;
		uint32_t *tokens = realloc(t->tokens, alloc * sizeof *tokens);
		uint64_t *surfaces;
		unsigned char *flags;
		struct word_at *words;

		if (!tokens)
			return -1;
		t->tokens = tokens;
		surfaces = realloc(t->surfaces, alloc * sizeof *surfaces);
		if (!surfaces)
			return -1;
		t->surfaces = surfaces;
		flags = realloc(t->flags, alloc);
		if (!flags)
			return -1;
		t->flags = flags;
		words = realloc(t->words, alloc * sizeof *words);
		if (!words)
			return -1;
		t->words = words;
		t->alloc_tokens = alloc;
	}
	t->tokens[t->n_tokens] = token;
	t->surfaces[t->n_tokens] = surface;
	if (word)
		t->words[t->n_tokens] = *word;
	t->flags[t->n_tokens] = flag;
	t->n_tokens++;
	return 0;
}

static int scan_token(void *ctx, const char *word, size_t len, int cjk)
{
	struct scan *sc = ctx;
	pdx_tagger_t *t = sc->t;
	struct strmap *words = &sc->cache->words;
	uint32_t token = NO_TOKEN;
	uint64_t surface = 0;
	struct word_at at;
	long slot;

	if (!word)
		return push_token(t, BOUNDARY, NULL, 0, sc->flag);
	slot = strmap_find(words, word, len);
	if (slot >= 0) {
		token = words->values[slot];
		surface = words->surfaces[slot];
	} else {
		char *form = token_form(cjk ? NULL : sc->cache->stemmer, word, len, cjk);
		long d;

		if (!form)
			return -1;
		d = strmap_find(&t->dict, form, strlen(form));
		free(form);
		/* Only a word some label has needs its written form, to break ties between
		 * labels. */
		if (d >= 0) {
			token = t->dict.values[d];
			surface = surface_hash(word, len);
		}
		if (words->n >= MAX_CACHE)
			strmap_clear(words);
		if (strmap_put(words, word, len, token, 1, surface) < 0)
			return -1;
	}
	if (token == NO_TOKEN)
		return push_token(t, token, NULL, 0, sc->flag);
	at.offset = (uint32_t)(word - sc->base);
	at.len = (uint32_t)len;
	return push_token(t, token, &at, surface,
			  (unsigned char)(sc->flag | (in_capitals(word, len) ? CAPITALS : 0)));
}

/* Whether a label in TERM's language counts for text in LANG; "*" takes every language. */
static int lang_ok(const struct terminal *term, const char *lang)
{
	return !term->lang[0] || lang[0] == '*' || strcmp(term->lang, lang) == 0;
}

/* The length in characters of the UTF-8 text S (LEN bytes). */
static size_t utf8_chars(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

/* Whether WORD (LEN bytes, as the text writes it) and LABEL (a label's word, case folded),
 * which stem alike, are one word inflected rather than two words of one root: past what they
 * share, neither goes on for more than three characters, and where one of them stops there,
 * the other adds at most two. "treaty" and "treaties", "sanction" and "sanctioned",
 * "cooperating" and "cooperation" are alike; "functional" and "functionalism", "contains"
 * and "containment", "connection" and "connectivity" are not. */
static int word_alike(const char *word, size_t len, const char *label)
{
	size_t label_len = strlen(label), shared = 0, rest_word, rest_label;
	char *folded = NULL;

	if (!is_ascii(word, len)) {
		folded = pdx_normalise(word, len, &len);
		if (!folded)
			return 1; /* out of memory: the stems alone decide */
		word = folded;
	}
	while (shared < len && shared < label_len &&
	       tolower((unsigned char)word[shared]) == (unsigned char)label[shared])
		shared++;
	while (shared > 0 && ((shared < len && ((unsigned char)word[shared] & 0xC0) == 0x80) ||
			      (shared < label_len && ((unsigned char)label[shared] & 0xC0) == 0x80)))
		shared--;
	rest_word = utf8_chars(word + shared, len - shared);
	rest_label = utf8_chars(label + shared, label_len - shared);
	free(folded);
	if (rest_word > 3 || rest_label > 3)
		return 0;
	return !(rest_word == 0 && rest_label > 2) && !(rest_label == 0 && rest_word > 2);
}

/* Whether the words of the text from token I to END are written like those of label TERM
 * (word_alike). */
static int written_alike(const pdx_tagger_t *t, const struct terminal *term, size_t i,
			 size_t end)
{
	const char *label = term->words;

	for (size_t m = i; m < end && *label; m++) {
		const char *text = t->texts[m < t->title_tokens ? 0 : 1];

		if (!word_alike(text + t->words[m].offset, t->words[m].len, label))
			return 0;
		label += strlen(label) + 1;
	}
	return 1;
}

/* Among the labels that end at NODE (matched from token I to END), those of the text's
 * language; when several concepts share the stemmed label, those whose label is written as
 * the text writes it, if any is. Calls FN for each terminal kept. */
static int keep_terminal(const pdx_tagger_t *t, uint32_t node, size_t i, size_t end,
			 const char *lang, uint32_t k)
{
	uint64_t surface = 0;
	int exact_exists = 0;

	if (!lang_ok(&t->terms[k], lang))
		return 0;
	/* An acronym matches a word in capitals only: "WHO" is not "who". */
	if (t->terms[k].capitals && !(end == i + 1 && (t->flags[i] & CAPITALS)))
		return 0;
	for (size_t m = i; m < end; m++)
		surface = surface_join(surface, t->surfaces[m]);
	/* Written as the label is, or as an inflection of it. */
	if (t->terms[k].surface != surface && !written_alike(t, &t->terms[k], i, end))
		return 0;
	for (uint32_t x = t->term_start[node]; x < t->n_terms && t->terms[x].node == node; x++)
		if (lang_ok(&t->terms[x], lang) && t->terms[x].concept != t->terms[k].concept &&
		    t->terms[x].surface == surface)
			exact_exists = 1;
	if (!exact_exists)
		return 1;
	/* Another concept's label is written exactly so: keep this one only if its is too, by
	 * any of its labels ending here. */
	for (uint32_t x = t->term_start[node]; x < t->n_terms && t->terms[x].node == node; x++)
		if (t->terms[x].concept == t->terms[k].concept && lang_ok(&t->terms[x], lang) &&
		    t->terms[x].surface == surface)
			return 1;
	return 0;
}

static int by_score(const void *a, const void *b)
{
	const struct pdx_tag *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->first < y->first ? -1 : x->first > y->first;
}

/* The longest run of tokens from I that ends on a label usable in LANG, within a sentence:
 * returns the index just past it and sets *NODE to its trie node; 0 when no label starts at I. */
static size_t longest_match(const pdx_tagger_t *t, size_t i, const char *lang, uint32_t *node_out)
{
	uint32_t node = 0;
	size_t j = i, best_end = 0;

	*node_out = 0;
	while (j < t->n_tokens && t->tokens[j] < BOUNDARY) {
		uint32_t child = edge_find(&t->edges, node, t->tokens[j]);

		if (!child)
			break;
		node = child;
		j++;
		for (uint32_t k = t->term_start[node]; k < t->n_terms && t->terms[k].node == node;
		     k++) {
			if (lang_ok(&t->terms[k], lang)) {
				best_end = j;
				*node_out = node;
				break;
			}
		}
	}
	return best_end;
}

int pdx_tagger_tag(pdx_tagger_t *t, const char *title, const char *body, const char *language,
		   double min_score, struct pdx_tag **out, size_t *n_out)
{
	struct scan sc = {t, NULL, 1, title};
	char lang[4];
	size_t found = 0;
	struct pdx_tag *tags;

	*out = NULL;
	*n_out = 0;
	primary_subtag(language ? language : "en", lang);
	sc.cache = cache_for(t, lang);
	t->n_tokens = 0;
	t->texts[0] = title;
	t->texts[1] = body;
	if (title && tokenise(title, scan_token, &sc) < 0)
		return -1;
	t->title_tokens = t->n_tokens;
	if (push_token(t, BOUNDARY, NULL, 0, 1) < 0)
		return -1;
	if (body) {
		/* The lead is the first paragraph. */
		const char *brk = strstr(body, "\n\n");
		size_t lead_len = brk ? (size_t)(brk - body) : strlen(body);
		char *lead = pdx_strndup(body, lead_len);

		if (!lead)
			return -1;
		/* The lead is a copy of BODY's first bytes: its words' offsets are BODY's. */
		sc.flag = 2;
		sc.base = lead;
		if (tokenise(lead, scan_token, &sc) < 0) {
			free(lead);
			return -1;
		}
		free(lead);
		sc.flag = 0;
		sc.base = body;
		if (brk && tokenise(brk, scan_token, &sc) < 0)
			return -1;
	}

	for (size_t i = 0; i < t->n_tokens;) {
		uint32_t best_node;
		size_t best_end = longest_match(t, i, lang, &best_node);

		if (!best_end) {
			i++;
			continue;
		}
		for (uint32_t k = t->term_start[best_node];
		     k < t->n_terms && t->terms[k].node == best_node; k++) {
			uint32_t c = t->terms[k].concept;
			struct pdx_tag *tag = &t->by_concept[c];

			if (!keep_terminal(t, best_node, i, best_end, lang, k))
				continue;
			if (!t->seen[c]) {
				t->seen[c] = 1;
				tag->concept = c;
				tag->count = 0;
				tag->first = (unsigned)i;
				tag->score = 0;
				found++;
			}
			/* One mention per match, however many labels the concept has there. */
			if (t->last_match[c] == i + 1)
				continue;
			t->last_match[c] = i + 1;
			tag->count++;
			tag->score += 1 + ((t->flags[i] & 3) == 1 ? 2 : (t->flags[i] & 3) == 2 ? 1 : 0);
		}
		i = best_end;
	}

	tags = malloc((found ? found : 1) * sizeof *tags);
	if (!tags)
		return -1;
	for (size_t c = 0, k = 0; c < t->th->n_concepts && k < found; c++) {
		if (!t->seen[c])
			continue;
		t->seen[c] = 0;
		t->last_match[c] = 0;
		if (t->by_concept[c].score >= min_score)
			tags[(*n_out)++] = t->by_concept[c];
		k++;
	}
	qsort(tags, *n_out, sizeof *tags, by_score);
	*out = tags;
	return 0;
}

long pdx_tagger_cover(pdx_tagger_t *t, const char *text, const char *language, size_t **out)
{
	struct scan sc = {t, NULL, 0, text};
	char lang[4], any[4] = "*";
	size_t words = 0, covered = 0, n = 0;
	size_t *found;

	*out = NULL;
	primary_subtag(language ? language : "en", lang);
	sc.cache = cache_for(t, lang);
	/* A query's words are stemmed in its language, but its labels may be in any: a
	 * Chinese label typed into an English search still names its concept. */
	memcpy(lang, any, sizeof any);
	t->n_tokens = 0;
	t->texts[0] = t->texts[1] = text;
	t->title_tokens = 0;
	if (tokenise(text, scan_token, &sc) < 0)
		return -1;
	found = malloc((t->n_tokens + 1) * sizeof *found);
	if (!found)
		return -1;
	for (size_t i = 0; i < t->n_tokens;) {
		uint32_t best_node;
		size_t best_end;

		if (t->tokens[i] == BOUNDARY) {
			i++;
			continue;
		}
		words++;
		best_end = longest_match(t, i, lang, &best_node);
		if (!best_end) {
			i++;
			continue;
		}
		int kept = 0;

		for (uint32_t k = t->term_start[best_node];
		     k < t->n_terms && t->terms[k].node == best_node; k++) {
			int dup = 0;

			if (!keep_terminal(t, best_node, i, best_end, lang, k))
				continue;
			kept = 1;
			for (size_t m = 0; m < n && !dup; m++)
				dup = found[m] == t->terms[k].concept;
			if (!dup)
				found[n++] = t->terms[k].concept;
		}
		if (!kept) {
			/* Written otherwise than every label there: a word of its own. */
			i++;
			continue;
		}
		/* The label's words are covered with it. */
		covered += best_end - i;
		words += best_end - i - 1;
		i = best_end;
	}
	if (words == 0 || covered < words || n == 0) {
		free(found);
		return 0;
	}
	*out = found;
	return (long)n;
}
