/* tagger.c: finding labels in text: tokens matched along the trie, the longest label winning,
 * tie-breaks by the written form; tagging articles and covering queries. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "concepts/tagger-internal.h"
#include "util/array.h"
#include "util/buf.h"
#include "util/term.h"

#define MAX_CACHE 400000 /* words remembered per language before starting afresh */
#define MAX_HEADING_WORDS 30 /* a longer paragraph is no heading, however capitalised */
#define MAX_NOTICE_WORDS 60  /* nor a copyright notice */

/* ---- reading the text --------------------------------------------------------------- */

/* Reading a text's tokens into a thread's state. */
struct scan {
	const pdx_tagger_t *t;
	struct pdx_tag_state *s;
	struct pdx_lang_cache *cache;
	uint16_t flags;	  /* T_TITLE, T_LEAD or T_HEADING for every token of the run */
	const char *base; /* what word offsets are counted from */
	const char *end;  /* where the run being read ends */
	uint32_t paragraph;
	int english;
	int sentence_start;
};

/* Append a token. */
static int push_token(struct pdx_tag_state *s, uint32_t id, uint32_t offset, uint32_t len,
		      uint64_t surface, uint16_t flags, uint32_t paragraph)
{
	struct pdx_token *tokens, *token;

	tokens = pdx_grow(s->tokens, s->n_tokens, &s->alloc_tokens, sizeof *tokens, 4096);
	if (!tokens)
		return -1;
	s->tokens = tokens;
	token = &s->tokens[s->n_tokens++];
	token->id = id;
	token->flags = flags;
	token->paragraph = paragraph;
	token->word.offset = offset;
	token->word.len = len;
	token->surface = surface;
	return 0;
}

/* The token of WORD, its surface hash and whether it is a function word, by the language's
 * cache or else by stemming it (then remembered). Returns 0, or -1 when memory ran out. */
static int look_up_word(const struct scan *sc, const char *word, size_t len, int cjk,
			uint32_t *token, uint64_t *surface, uint32_t *function)
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
		*function = w->function;
		return 0;
	}
	*function = sc->english && !cjk && pdx_is_function_word(word, len);
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
	return pdx_words_add(words, word, len, *token, *surface, *function);
}

static int scan_token(void *ctx, const char *word, size_t len, int kind)
{
	struct scan *sc = ctx;
	uint32_t token, function;
	uint64_t surface;
	uint16_t flags = sc->flags;
	char undotted[64];
	const char *key = word;
	size_t key_len = len;
	int first_case;

	if (!word) {
		sc->sentence_start = 1;
		return push_token(sc->s, BOUNDARY, 0, 0, 0,
				  (uint16_t)(flags | (kind & W_PARAGRAPH ? T_PARAGRAPH : 0)),
				  sc->paragraph);
	}
	if (kind & W_DOTTED) {
		key_len = pdx_undot(word, len, undotted, sizeof undotted);
		key = undotted;
		flags |= T_DOTTED;
	}
	if (look_up_word(sc, key, key_len, kind & W_CJK, &token, &surface, &function) < 0)
		return -1;
	first_case = pdx_first_case(key, key_len);
	flags |= first_case > 0 ? T_UPPER : first_case < 0 ? T_LOWER : 0;
	if (sc->sentence_start || (flags & T_HEADING))
		flags |= T_START;
	sc->sentence_start = 0;
	if (token != NO_TOKEN && pdx_in_capitals(key, key_len))
		flags |= T_CAPITALS;
	else if (function)
		flags |= T_FUNCTION; /* "us", not "US" */
	if (token != NO_TOKEN) {
		if (word + len < sc->end && word[len] == '$')
			flags |= T_DOLLAR;
		if (word + len + 1 < sc->end && (word[len] == '-' || word[len] == '/') &&
		    isdigit((unsigned char)word[len + 1]))
			flags |= T_CODE;
	}
	return push_token(sc->s, token, (uint32_t)(word - sc->base), (uint32_t)len, surface, flags,
			  sc->paragraph);
}

/* A paragraph of the body: where it is. */
struct pdx_paragraph {
	size_t start, len;
};

/* The length of a dateline opening the LEN bytes at TEXT ("LONDON — ", "BEIJING, May 2 - "):
 * words in capitals (and digits, commas, full stops), a dash between spaces; 0 when none. */
static size_t dateline_length(const char *text, size_t len)
{
	size_t letters = 0;

	for (size_t i = 0; i < len && i < 48; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c == ' ' && i + 2 < len &&
		    (text[i + 1] == '-' || (unsigned char)text[i + 1] == 0xE2)) {
			/* " - ", " – " (E2 80 93) or " — " (E2 80 94) */
			size_t dash = text[i + 1] == '-' ? 1 : 3;

			if (dash == 3 && !(i + 4 < len && (unsigned char)text[i + 2] == 0x80 &&
					   ((unsigned char)text[i + 3] == 0x93 ||
					    (unsigned char)text[i + 3] == 0x94)))
				return 0;
			if (i + 1 + dash < len && text[i + 1 + dash] == ' ' && letters >= 2)
				return i + 2 + dash;
			return 0;
		}
		if (islower(c) || c >= 0x80)
			return 0;
		letters += isupper(c) != 0;
	}
	return 0;
}

/* Whether the paragraph at TEXT (LEN bytes), whose tokens are S's from FROM on, is a
 * copyright notice: the sign, "Copyright" or "rights reserved". */
static int legal_notice(const struct pdx_tag_state *s, size_t from, const char *text,
			size_t len)
{
	const char *body = s->texts[1];

	for (const char *c = memchr(text, 0xa9, len); c;
	     c = memchr(c + 1, 0xa9, len - (size_t)(c + 1 - text)))
		if (c > text && (unsigned char)c[-1] == 0xc2)
			return 1; /* the copyright sign */
	for (size_t m = from; m < s->n_tokens; m++) {
		const struct pdx_word_at *w = &s->tokens[m].word;

		if (s->tokens[m].id == BOUNDARY)
			continue;
		if (w->len == 9 && memcmp(body + w->offset, "Copyright", 9) == 0)
			return 1;
		if (w->len == 6 && m + 1 < s->n_tokens && s->tokens[m + 1].id != BOUNDARY &&
		    memcmp(body + w->offset, "rights", 6) == 0 &&
		    s->tokens[m + 1].word.len == 8 &&
		    memcmp(body + s->tokens[m + 1].word.offset, "reserved", 8) == 0)
			return 1;
	}
	return 0;
}

/* Whether the LEN bytes at TEXT, which end no sentence, hold a time of day ("1:28 AM"). */
static int time_stamp(const char *text, size_t len)
{
	if (len && strchr(".!?\"", text[len - 1]))
		return 0;
	for (size_t at = 1; at + 2 < len; at++)
		if (text[at] == ':' && isdigit((unsigned char)text[at - 1]) &&
		    isdigit((unsigned char)text[at + 1]) && isdigit((unsigned char)text[at + 2]))
			return 1;
	return 0;
}

/* Whether the tokens of S from FROM on, a paragraph's, are a heading written in title
 * case: three words of four letters or more at least, two thirds of them capitalised. */
static int title_case(const struct pdx_tag_state *s, size_t from)
{
	size_t long_words = 0, capitalised = 0;

	for (size_t m = from; m < s->n_tokens; m++) {
		if (s->tokens[m].id == BOUNDARY || s->tokens[m].word.len < 4)
			continue;
		long_words++;
		capitalised += (s->tokens[m].flags & T_UPPER) != 0;
	}
	return long_words >= 3 && capitalised * 3 >= long_words * 2;
}

/* Read paragraph P of BODY, one of N_PARAGRAPHS, with FLAGS. Furniture, which names no
 * concept, is read and then dropped: a paragraph of fewer than four words among others (a
 * caption's credit, "Advertisement", a byline), a short copyright notice, a short line with a
 * time of day (a time stamp). The words of a heading in title case tell nothing by their
 * capitals. Sets *KEPT; returns 0, or -1 when memory ran out. */
static int scan_paragraph(struct scan *sc, const char *body, const struct pdx_paragraph *p,
			  size_t n_paragraphs, uint16_t flags, int *kept)
{
	struct pdx_tag_state *s = sc->s;
	const char *text = body + p->start;
	size_t skip = dateline_length(text, p->len), from = s->n_tokens, words = 0;

	*kept = 0;
	sc->flags = flags;
	sc->end = text + p->len;
	sc->sentence_start = 1;
	if (pdx_tokenise_len(text + skip, p->len - skip, scan_token, sc) < 0)
		return -1;
	sc->sentence_start = 1;
	for (size_t m = from; m < s->n_tokens; m++)
		words += s->tokens[m].id != BOUNDARY;
	if ((words < 4 && n_paragraphs > 1) ||
	    (words <= MAX_NOTICE_WORDS && legal_notice(s, from, text, p->len)) ||
	    (words < 20 && time_stamp(text, p->len))) {
		s->n_tokens = from;
		return 0;
	}
	if (words <= MAX_HEADING_WORDS && title_case(s, from))
		for (size_t m = from; m < s->n_tokens; m++)
			s->tokens[m].flags |= T_HEADING | T_START;
	*kept = 1;
	return push_token(s, BOUNDARY, 0, 0, 0, T_PARAGRAPH, sc->paragraph);
}

/* Split BODY into its paragraphs (runs between empty lines) into S's scratch. Returns how
 * many, or -1 when memory ran out. */
static long split_paragraphs(struct pdx_tag_state *s, const char *body)
{
	size_t n = 0, at = 0, len = strlen(body);

	while (at < len) {
		const char *brk = strstr(body + at, "\n\n");
		size_t end = brk ? (size_t)(brk - body) : len;
		struct pdx_paragraph *ps;

		if (end > at) {
			ps = pdx_grow(s->paragraphs, n, &s->alloc_paragraphs, sizeof *ps, 64);
			if (!ps)
				return -1;
			s->paragraphs = ps;
			ps[n].start = at;
			ps[n].len = end - at;
			n++;
		}
		at = end;
		while (at < len && body[at] == '\n')
			at++;
	}
	return (long)n;
}

/* Whether paragraph I of the N in PS, of BODY, is written twice in the page (a repeated
 * caption, a notice): furniture. */
static int repeated(const char *body, const struct pdx_paragraph *ps, size_t n, size_t i)
{
	for (size_t k = 0; k < n; k++)
		if (k != i && ps[k].len == ps[i].len &&
		    memcmp(body + ps[k].start, body + ps[i].start, ps[i].len) == 0)
			return 1;
	return 0;
}

/* Read the tokens of TITLE and BODY (either may be NULL) into SC's state: the title's, then
 * the body's paragraphs but its furniture, the first of them flagged as the lead. Returns 0,
 * or -1 when memory ran out. */
static int scan_article(struct scan *sc, const char *title, const char *body)
{
	struct pdx_tag_state *s = sc->s;
	long n;
	int lead = 1;

	s->n_tokens = 0;
	s->texts[0] = title;
	s->texts[1] = body;
	if (title) {
		sc->flags = T_TITLE | T_HEADING;
		sc->base = title;
		sc->end = title + strlen(title);
		sc->sentence_start = 1;
		if (pdx_tokenise(title, scan_token, sc) < 0)
			return -1;
	}
	s->title_tokens = s->n_tokens;
	if (push_token(s, BOUNDARY, 0, 0, 0, T_PARAGRAPH, 0) < 0)
		return -1;
	if (!body)
		return 0;
	n = split_paragraphs(s, body);
	if (n < 0)
		return -1;
	sc->base = body;
	for (size_t i = 0; i < (size_t)n; i++) {
		int kept;

		if (repeated(body, s->paragraphs, (size_t)n, i))
			continue;
		sc->paragraph++;
		if (scan_paragraph(sc, body, &s->paragraphs[i], (size_t)n, lead ? T_LEAD : 0,
				   &kept) < 0)
			return -1;
		lead = lead && !kept;
	}
	return 0;
}

/* ---- matching ----------------------------------------------------------------------- */

/* Whether a label in TERM's language counts for text in LANG; "*" takes every language.
 * Both are primary subtags in four bytes, zeros after the letters. */
static int lang_ok(const struct pdx_terminal *term, const char *lang)
{
	return !term->lang[0] || lang[0] == '*' || memcmp(term->lang, lang, 4) == 0;
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

const char *pdx_token_word(const struct pdx_tag_state *s, size_t m, char buf[64], size_t *len)
{
	const char *text = s->texts[m < s->title_tokens ? 0 : 1];
	const struct pdx_token *token = &s->tokens[m];

	if (token->flags & T_DOTTED) {
		*len = pdx_undot(text + token->word.offset, token->word.len, buf, 64);
		return buf;
	}
	*len = token->word.len;
	return text + token->word.offset;
}

/* Whether the words of the text from token I to END are written like those of label TERM
 * (word_alike). */
static int written_alike(const struct pdx_tag_state *s, const struct pdx_terminal *term, size_t i,
			 size_t end)
{
	const char *label = term->words;

	for (size_t m = i; m < end && *label; m++) {
		char buf[64];
		size_t len;
		const char *word = pdx_token_word(s, m, buf, &len);

		if (!word_alike(word, len, label))
			return 0;
		label += strlen(label) + 1;
	}
	return 1;
}

/* Whether the bytes between two words of a label, the LEN at GAP, part them: a comma, a
 * semicolon, a colon or a bar (or their full-width forms) ends a phrase, where spaces,
 * hyphens, dashes, full stops, quotation marks and brackets do not ("students, teachers" are
 * no student teachers; "the “Belt and Road” initiative" is the initiative, and "greenhouse
 * gas (GHG) emissions" are greenhouse gas emissions). */
static int parted(const char *gap, size_t len)
{
	static const char *const wide[] = {"\xef\xbc\x8c", "\xe3\x80\x81", "\xef\xbc\x9b",
					   "\xef\xbc\x9a"};

	for (size_t k = 0; k < len; k++) {
		if (gap[k] && strchr(",;:|", gap[k]))
			return 1;
		if ((unsigned char)gap[k] >= 0x80 && k + 3 <= len)
			for (size_t w = 0; w < sizeof wide / sizeof *wide; w++)
				if (memcmp(gap + k, wide[w], 3) == 0)
					return 1;
	}
	return 0;
}

/* Whether the words from token I to END are parted somewhere (parted()). */
static int words_parted(const struct pdx_tag_state *s, size_t i, size_t end)
{
	for (size_t m = i; m + 1 < end; m++) {
		const struct pdx_token *x = &s->tokens[m], *y = &s->tokens[m + 1];
		const char *text = s->texts[m < s->title_tokens ? 0 : 1];
		uint32_t from = x->word.offset + x->word.len;

		if (y->word.offset > from && parted(text + from, y->word.offset - from))
			return 1;
	}
	return 0;
}

int pdx_keep_terminal(const pdx_tagger_t *t, const struct pdx_tag_state *s, uint32_t node, size_t i,
		      size_t end, const char *lang, uint32_t k)
{
	uint64_t surface = 0;
	int exact_exists = 0;

	if (!lang_ok(&t->terms[k], lang))
		return 0;
	if (end - i > 1 && words_parted(s, i, end))
		return 0;
	/* An acronym matches a word in capitals only: "WHO" is not "who". */
	if (t->terms[k].kind == LABEL_ACRONYM &&
	    !(end == i + 1 && (s->tokens[i].flags & T_CAPITALS)))
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

size_t pdx_longest_match(const pdx_tagger_t *t, const struct pdx_tag_state *s, size_t i,
			 size_t limit, const char *lang, uint32_t *node_out)
{
	uint32_t node = 0;
	size_t j = i, best_end = 0;

	*node_out = 0;
	while (j < limit && s->tokens[j].id < BOUNDARY) {
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

int pdx_tagger_tag(const pdx_tagger_t *t, const char *title, const char *body, const char *language,
		   double min_score, struct pdx_tag **out, size_t *n_out)
{
	struct scan sc = {.t = t, .s = pdx_tag_state_get(t)};
	char lang[4];

	*out = NULL;
	*n_out = 0;
	if (!sc.s)
		return -1;
	pdx_primary_subtag(language ? language : "en", lang);
	sc.english = strcmp(lang, "en") == 0;
	sc.cache = pdx_tag_state_cache(sc.s, lang);
	if (!sc.cache || scan_article(&sc, title, body) < 0)
		return -1;
	return pdx_tag_score(t, sc.s, lang, min_score, out, n_out);
}

/* ---- covering queries --------------------------------------------------------------- */

long pdx_tagger_cover(const pdx_tagger_t *t, const char *text, const char *language, size_t **out)
{
	struct scan sc = {.t = t, .s = pdx_tag_state_get(t), .base = text};
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
	sc.end = text + strlen(text);
	sc.sentence_start = 1;
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
		best_end = pdx_longest_match(t, s, i, s->n_tokens, lang, &best_node);
		if (!best_end) {
			i++;
			continue;
		}
		int kept = 0;

		for (uint32_t k = t->term_start[best_node];
		     k < t->n_terms && t->terms[k].node == best_node; k++) {
			int dup = 0;

			if (!pdx_keep_terminal(t, s, best_node, i, best_end, lang, k))
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
