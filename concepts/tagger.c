/* tagger.c: finding labels in text: tokens matched along the trie, the longest label winning,
 * tie-breaks by the written form; tagging articles and covering queries. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util/array.h"
#include "concepts/tagger-internal.h"
#include "util/buf.h"

#define MAX_CACHE 400000 /* words remembered per language before starting afresh */

/* ---- reading the text --------------------------------------------------------------- */

/* Reading a text's tokens into a thread's state. */
struct scan {
	const pdx_tagger_t *t;
	struct pdx_tag_state *s;
	struct pdx_lang_cache *cache;
	unsigned char flag;
	const char *base; /* what word offsets are counted from */
};

/* Append a token; WORD is where its word is in the text (offset, length), or NULL when no
 * label has it. */
static int push_token(struct pdx_tag_state *s, uint32_t id, const struct pdx_word_at *word,
		      uint64_t surface, unsigned char flags)
{
	struct pdx_token *tokens, *token;

	tokens = pdx_grow(s->tokens, s->n_tokens, &s->alloc_tokens, sizeof *tokens, 4096);
	if (!tokens)
		return -1;
	s->tokens = tokens;
	token = &s->tokens[s->n_tokens++];
	token->id = id;
	token->flags = flags;
	if (word)
		token->word = *word;
	token->surface = surface;
	return 0;
}

/* The token of WORD and its surface hash, by the language's cache or else by stemming it
 * (then remembered). Returns 0, or -1 when memory ran out. */
static int look_up_word(const struct scan *sc, const char *word, size_t len, int cjk,
			uint32_t *token, uint64_t *surface)
{
	struct pdx_table *words = &sc->cache->words;
	const struct pdx_word *w = pdx_words_find(words, word, len);
	const struct pdx_word *d;
	char *form;

	*token = NO_TOKEN;
	*surface = 0;
	if (w) {
		*token = w->token;
		*surface = w->surface;
		return 0;
	}
	form = pdx_token_form(cjk ? NULL : sc->cache->stemmer, word, len, cjk);
	if (!form)
		return -1;
	d = pdx_words_find(&sc->t->dict, form, strlen(form));
	free(form);
	/* Only a word some label has needs its written form, to break ties between labels. */
	if (d) {
		*token = d->token;
		*surface = pdx_surface_hash(word, len);
	}
	if (words->n >= MAX_CACHE)
		pdx_words_clear(words);
	return pdx_words_add(words, word, len, *token, *surface);
}

static int scan_token(void *ctx, const char *word, size_t len, int cjk)
{
	struct scan *sc = ctx;
	uint32_t token;
	uint64_t surface;
	struct pdx_word_at at;

	if (!word)
		return push_token(sc->s, BOUNDARY, NULL, 0, sc->flag);
	if (look_up_word(sc, word, len, cjk, &token, &surface) < 0)
		return -1;
	if (token == NO_TOKEN)
		return push_token(sc->s, token, NULL, 0, sc->flag);
	at.offset = (uint32_t)(word - sc->base);
	at.len = (uint32_t)len;
	return push_token(sc->s, token, &at, surface,
			  (unsigned char)(sc->flag | (pdx_in_capitals(word, len) ? CAPITALS : 0)));
}

/* ---- matching ----------------------------------------------------------------------- */

/* Whether a label in TERM's language counts for text in LANG; "*" takes every language. */
static int lang_ok(const struct pdx_terminal *term, const char *lang)
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

	if (!pdx_is_ascii(word, len)) {
		folded = pdx_normalise(word, len, &len);
		if (!folded)
			return 1; /* out of memory: the stems alone decide */
		word = folded;
	}
	while (shared < len && shared < label_len &&
	       tolower((unsigned char)word[shared]) == (unsigned char)label[shared])
		shared++;
	/* Back to a character boundary in both. */
	while (shared > 0 &&
	       ((shared < len && ((unsigned char)word[shared] & 0xC0) == 0x80) ||
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
static int written_alike(const struct pdx_tag_state *s, const struct pdx_terminal *term,
			 size_t i, size_t end)
{
	const char *label = term->words;

	for (size_t m = i; m < end && *label; m++) {
		const char *text = s->texts[m < s->title_tokens ? 0 : 1];
		const struct pdx_word_at *at = &s->tokens[m].word;

		if (!word_alike(text + at->offset, at->len, label))
			return 0;
		label += strlen(label) + 1;
	}
	return 1;
}

/* Whether to keep terminal K, one of the labels that end at NODE (matched from token I to
 * END): it must be of the text's language, and when several concepts share the stemmed
 * label, written as the text writes it if any of theirs is. */
static int keep_terminal(const pdx_tagger_t *t, const struct pdx_tag_state *s, uint32_t node,
			 size_t i, size_t end, const char *lang, uint32_t k)
{
	uint64_t surface = 0;
	int exact_exists = 0;

	if (!lang_ok(&t->terms[k], lang))
		return 0;
	/* An acronym matches a word in capitals only: "WHO" is not "who". */
	if (t->terms[k].capitals && !(end == i + 1 && (s->tokens[i].flags & CAPITALS)))
		return 0;
	for (size_t m = i; m < end; m++)
		surface = pdx_surface_join(surface, s->tokens[m].surface);
	/* Written as the label is, or as an inflection of it. */
	if (t->terms[k].surface != surface && !written_alike(s, &t->terms[k], i, end))
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

/* The longest run of tokens from I that ends on a label usable in LANG, within a sentence:
 * returns the index just past it and sets *NODE to its trie node; 0 when no label starts at I. */
static size_t longest_match(const pdx_tagger_t *t, const struct pdx_tag_state *s, size_t i,
			    const char *lang, uint32_t *node_out)
{
	uint32_t node = 0;
	size_t j = i, best_end = 0;

	*node_out = 0;
	while (j < s->n_tokens && s->tokens[j].id < BOUNDARY) {
		uint32_t child = pdx_edges_find(&t->edges, node, s->tokens[j].id);

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

/* ---- tagging ------------------------------------------------------------------------ */

/* Read the tokens of TITLE and BODY (either may be NULL) into SC's state, flagged as the
 * title's, the lead's or the rest's. Returns 0, or -1 when memory ran out. */
static int scan_article(struct scan *sc, const char *title, const char *body)
{
	struct pdx_tag_state *s = sc->s;

	s->n_tokens = 0;
	s->texts[0] = title;
	s->texts[1] = body;
	if (title && pdx_tokenise(title, scan_token, sc) < 0)
		return -1;
	s->title_tokens = s->n_tokens;
	if (push_token(s, BOUNDARY, NULL, 0, 1) < 0)
		return -1;
	if (body) {
		/* The lead is the first paragraph. */
		const char *brk = strstr(body, "\n\n");
		size_t lead_len = brk ? (size_t)(brk - body) : strlen(body);
		char *lead = pdx_strndup(body, lead_len);

		if (!lead)
			return -1;
		/* The lead is a copy of BODY's first bytes: its words' offsets are BODY's. */
		sc->flag = 2;
		sc->base = lead;
		if (pdx_tokenise(lead, scan_token, sc) < 0) {
			free(lead);
			return -1;
		}
		free(lead);
		sc->flag = 0;
		sc->base = body;
		if (brk && pdx_tokenise(brk, scan_token, sc) < 0)
			return -1;
	}
	return 0;
}

/* Count in S's by_concept the mentions of each concept whose labels match S's tokens in LANG,
 * marking them seen; returns how many concepts are. */
static size_t count_mentions(const pdx_tagger_t *t, struct pdx_tag_state *s, const char *lang)
{
	size_t found = 0;

	for (size_t i = 0; i < s->n_tokens;) {
		uint32_t best_node;
		size_t best_end = longest_match(t, s, i, lang, &best_node);
		unsigned char where = s->tokens[i].flags & 3;

		if (!best_end) {
			i++;
			continue;
		}
		for (uint32_t k = t->term_start[best_node];
		     k < t->n_terms && t->terms[k].node == best_node; k++) {
			uint32_t c = t->terms[k].concept;
			struct pdx_tag *tag = &s->by_concept[c];

			if (!keep_terminal(t, s, best_node, i, best_end, lang, k))
				continue;
			if (!s->seen[c]) {
				s->seen[c] = 1;
				tag->concept = c;
				tag->count = 0;
				tag->first = (unsigned)i;
				tag->score = 0;
				found++;
			}
			/* One mention per match, however many labels the concept has there. */
			if (s->last_match[c] == i + 1)
				continue;
			s->last_match[c] = i + 1;
			tag->count++;
			tag->score += 1 + (where == 1 ? 2 : where == 2 ? 1 : 0);
		}
		i = best_end;
	}
	return found;
}

static int by_score(const void *a, const void *b)
{
	const struct pdx_tag *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->first < y->first ? -1 : x->first > y->first;
}

/* The FOUND concepts seen in S that score MIN_SCORE or more, by descending score, into *OUT
 * (*N_OUT of them); S is left with none seen, for the next text. Returns 0, or -1 when
 * memory ran out. */
static int take_tags(const pdx_tagger_t *t, struct pdx_tag_state *s, size_t found,
		     double min_score, struct pdx_tag **out, size_t *n_out)
{
	struct pdx_tag *tags = malloc((found ? found : 1) * sizeof *tags);

	for (size_t c = 0, k = 0; c < t->th->n_concepts && k < found; c++) {
		if (!s->seen[c])
			continue;
		s->seen[c] = 0;
		s->last_match[c] = 0;
		if (tags && s->by_concept[c].score >= min_score)
			tags[(*n_out)++] = s->by_concept[c];
		k++;
	}
	if (!tags)
		return -1;
	qsort(tags, *n_out, sizeof *tags, by_score);
	*out = tags;
	return 0;
}

int pdx_tagger_tag(const pdx_tagger_t *t, const char *title, const char *body,
		   const char *language, double min_score, struct pdx_tag **out, size_t *n_out)
{
	struct scan sc = {t, pdx_tag_state_get(t), NULL, 1, title};
	char lang[4];

	*out = NULL;
	*n_out = 0;
	if (!sc.s)
		return -1;
	pdx_primary_subtag(language ? language : "en", lang);
	sc.cache = pdx_tag_state_cache(sc.s, lang);
	if (!sc.cache || scan_article(&sc, title, body) < 0)
		return -1;
	return take_tags(t, sc.s, count_mentions(t, sc.s, lang), min_score, out, n_out);
}

/* ---- covering queries --------------------------------------------------------------- */

long pdx_tagger_cover(const pdx_tagger_t *t, const char *text, const char *language,
		      size_t **out)
{
	struct scan sc = {t, pdx_tag_state_get(t), NULL, 0, text};
	struct pdx_tag_state *s = sc.s;
	char lang[4], any[4] = "*";
	size_t words = 0, covered = 0, n = 0;
	size_t *found;

	*out = NULL;
	if (!s)
		return -1;
	pdx_primary_subtag(language ? language : "en", lang);
	sc.cache = pdx_tag_state_cache(s, lang);
	if (!sc.cache)
		return -1;
	/* A query's words are stemmed in its language, but its labels may be in any: a
	 * Chinese label typed into an English search still names its concept. */
	memcpy(lang, any, sizeof any);
	s->n_tokens = 0;
	s->texts[0] = s->texts[1] = text;
	s->title_tokens = 0;
	if (pdx_tokenise(text, scan_token, &sc) < 0)
		return -1;
	found = malloc((s->n_tokens + 1) * sizeof *found);
	if (!found)
		return -1;
	for (size_t i = 0; i < s->n_tokens;) {
		uint32_t best_node;
		size_t best_end;

		if (s->tokens[i].id == BOUNDARY) {
			i++;
			continue;
		}
		words++;
		best_end = longest_match(t, s, i, lang, &best_node);
		if (!best_end) {
			i++;
			continue;
		}
		int kept = 0;

		for (uint32_t k = t->term_start[best_node];
		     k < t->n_terms && t->terms[k].node == best_node; k++) {
			int dup = 0;

			if (!keep_terminal(t, s, best_node, i, best_end, lang, k))
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
