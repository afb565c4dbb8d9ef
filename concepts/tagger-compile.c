/* tagger-compile.c: compiling a thesaurus's labels into the tagger's trie of stemmed tokens. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "concepts/tagger-internal.h"
#include "util/array.h"
#include "util/buf.h"
#include "util/term.h"

/* A label being compiled, token by token. */
struct compile {
	pdx_tagger_t *t;
	pdx_stemmer_t *stemmer;
	uint32_t node;
	uint64_t surface;
	size_t words;
	int capitals;		/* every word so far in capitals */
	int first_upper;	/* the first word starts with a capital */
	int cased;		/* some word has letters of two cases */
	int later_small;	/* a word after the first that is no connector starts small */
	int later_words;	/* words after the first that are no connectors */
	struct pdx_buf written; /* the words as written, case folded, each ended by a NUL */
};

/* Append WORD (LEN bytes) case folded, and a NUL, to B: ASCII letters made small, any other
 * word normalised (NFKC, case folded). Returns 0, or -1 when memory runs out. */
static int add_folded(struct pdx_buf *b, const char *word, size_t len)
{
	size_t start = b->len, n;
	char *norm;

	if (pdx_is_ascii(word, len)) {
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

/* The dictionary id of FORM, given the next id when new; NO_TOKEN when memory ran out. */
static uint32_t token_id(pdx_tagger_t *t, const char *form)
{
	const struct pdx_word *w = pdx_words_find(&t->dict, form, strlen(form));
	uint32_t token = (uint32_t)t->dict.n;

	if (w)
		return w->token;
	return pdx_words_add(&t->dict, form, strlen(form), token, 0, 0) < 0 ? NO_TOKEN : token;
}

static int compile_token(void *ctx, const char *word, size_t len, int kind)
{
	struct compile *c = ctx;
	pdx_tagger_t *t = c->t;
	char *form, undotted[64];
	uint32_t token, child;
	int first_case;

	if (!word)
		return 0; /* a label's own punctuation ends no sentence */
	if (kind & W_DOTTED)
		len = pdx_undot(word, len, undotted, sizeof undotted), word = undotted;
	c->surface = pdx_surface_join(c->surface, pdx_surface_hash(word, len));
	first_case = pdx_first_case(word, len);
	if (c->words == 0) {
		c->first_upper = first_case > 0;
	} else if (!(first_case < 0 && (len <= 3 || pdx_is_function_word(word, len)))) {
		c->later_words++;
		c->later_small |= first_case <= 0;
	}
	c->cased |= first_case != 0;
	c->words++;
	if (add_folded(&c->written, word, len) < 0)
		return -1;
	c->capitals = c->capitals && pdx_in_capitals(word, len);
	form = pdx_token_form(c->stemmer, word, len, kind & W_CJK);
	if (!form)
		return -1;
	token = token_id(t, form);
	free(form);
	if (token == NO_TOKEN)
		return -1;
	child = pdx_edges_find(&t->edges, c->node, token);
	if (!child) {
		child = t->n_nodes++;
		if (pdx_edges_add(&t->edges, c->node, token, child) < 0)
			return -1;
	}
	c->node = child;
	return 0;
}

static int add_terminal(pdx_tagger_t *t, const struct compile *c, size_t concept, const char *lang,
			struct pdx_buf *written)
{
	struct pdx_terminal *terms, *term;

	terms = pdx_grow(t->terms, t->n_terms, &t->alloc_terms, sizeof *terms, 1024);
	if (!terms)
		return -1;
	t->terms = terms;
	term = &t->terms[t->n_terms++];
	term->node = c->node;
	term->concept = (uint32_t) concept;
	term->surface = c->surface;
	term->words_len = (uint32_t)written->len;
	term->words = pdx_buf_detach(written);
	term->n_words = (unsigned char)(c->words > 255 ? 255 : c->words);
	term->elliptic = 0;
	term->alternative = 0;
	memcpy(term->lang, lang, 4);
	if (!c->cased)
		term->kind = LABEL_NO_CASE;
	else if (c->words == 1 && c->capitals)
		term->kind = LABEL_ACRONYM;
	else if (c->words == 1)
		term->kind = !c->first_upper   ? LABEL_COMMON
			     : t->small_labels ? LABEL_NAME
					       : LABEL_UNSURE;
	else
		term->kind = c->later_words && !c->later_small ? LABEL_NAME : LABEL_COMMON;
	return term->words ? 0 : -1;
}

/* Add TEXT, a label of concept I in language LANG, to the trie; KIND, unless -1, is its kind
 * whatever its words. Returns 0, or -1 when memory ran out. */
static int compile_text(pdx_tagger_t *t, size_t i, const char *text, const char *lang, int kind)
{
	struct compile comp = {t, NULL, 0, 0, 0, 1, 0, 0, 0, 0, PDX_BUF_INIT};
	int rc;

	comp.stemmer = pdx_stemmer_new(*lang ? lang : "en");
	rc = pdx_tokenise(text, compile_token, &comp);
	pdx_stemmer_destroy(comp.stemmer);
	if (rc >= 0 && comp.node) {
		rc = add_terminal(t, &comp, i, lang, &comp.written);
		if (rc >= 0 && kind >= 0)
			t->terms[t->n_terms - 1].kind = (unsigned char)kind;
	}
	pdx_buf_release(&comp.written);
	return rc;
}

/* The words of TEXT, split at spaces, into WORDS (at most MAX, each at most 31 bytes);
 * returns how many, or MAX + 1 when there are more or one is longer. */
static size_t split_words(const char *text, char words[][32], size_t max)
{
	size_t n = 0;

	while (*text) {
		size_t len = strcspn(text, " ");

		if (len) {
			if (n == max || len >= 32)
				return max + 1;
			memcpy(words[n], text, len);
			words[n++][len] = '\0';
		}
		text += len;
		text += *text == ' ';
	}
	return n;
}

/* Whether WORD is a short ASCII word with a capital first ("Viet", "Nam"). */
static int short_capitalised(const char *word)
{
	size_t len = strlen(word);

	if (len < 2 || len > 5 || !isupper((unsigned char)word[0]))
		return 0;
	for (size_t i = 1; i < len; i++)
		if (!islower((unsigned char)word[i]))
			return 0;
	return 1;
}

/* Add the common variants of English label TEXT of concept I: "freedom of the press" is
 * also "press freedom", and a name of two short words also one ("Viet Nam", "Vietnam").
 * KIND is the label's own. Returns 0, or -1 when memory ran out. */
static int compile_variants(pdx_tagger_t *t, size_t i, const char *text, int kind)
{
	static const char english[4] = "en"; /* a subtag's four bytes, as terminals keep it */
	char words[4][32], variant[80];
	size_t n = split_words(text, words, 4);

	if (kind == LABEL_COMMON && (n == 3 || n == 4) && strcmp(words[1], "of") == 0 &&
	    (n == 3 || strcmp(words[2], "the") == 0) &&
	    !pdx_is_function_word(words[0], strlen(words[0])) &&
	    isalpha((unsigned char)words[0][0]) && isalpha((unsigned char)words[n - 1][0])) {
		snprintf(variant, sizeof variant, "%s %s", words[n - 1], words[0]);
		return compile_text(t, i, variant, english, LABEL_COMMON);
	}
	if (kind == LABEL_NAME && n == 2 && short_capitalised(words[0]) &&
	    short_capitalised(words[1])) {
		snprintf(variant, sizeof variant, "%s%s", words[0], words[1]);
		return compile_text(t, i, variant, english, LABEL_NAME);
	}
	return 0;
}

/* Whether LABEL, a label of concept I but its preferred one, is a shorter part of the
 * preferred label in its language, words for words ("General Assembly" of "United Nations
 * General Assembly"): 1 or 0, or -1 when memory ran out. */
static int part_of_preferred(const pdx_thesaurus_t *th, size_t i, const struct pdx_label *label)
{
	const char *pref = pdx_thesaurus_label(th, i, label->language);
	char *a, *b, *whole, *part;
	size_t na, nb;
	int found;

	if (!pref || strlen(pref) <= strlen(label->text))
		return 0;
	a = pdx_normalise(label->text, strlen(label->text), &na);
	b = pdx_normalise(pref, strlen(pref), &nb);
	whole = b ? malloc(nb + 3) : NULL;
	part = a ? malloc(na + 3) : NULL;
	if (!whole || !part) {
		free(a), free(b), free(whole), free(part);
		return -1;
	}
	snprintf(whole, nb + 3, " %s ", b);
	snprintf(part, na + 3, " %s ", a);
	found = na < nb && strstr(whole, part) != NULL;
	free(a), free(b), free(whole), free(part);
	return found;
}

/* Add label K of concept I to the trie, with its variants. Returns 0, or -1 when memory ran
 * out. */
static int compile_label(pdx_tagger_t *t, size_t i, size_t k)
{
	const struct pdx_label *label = &t->th->concepts[i].labels[k];
	char lang[4];
	size_t before = t->n_terms;

	pdx_primary_subtag(label->language, lang);
	if (compile_text(t, i, label->text, lang, -1) < 0)
		return -1;
	if (t->n_terms > before && label->kind != PDX_LABEL_PREF) {
		int part = part_of_preferred(t->th, i, label);

		if (part < 0)
			return -1;
		t->terms[before].elliptic = (unsigned char)part;
		t->terms[before].alternative = ALT_LABEL;
	}
	if (t->n_terms > before && strcmp(lang, "en") == 0)
		return compile_variants(t, i, label->text, t->terms[before].kind);
	return 0;
}

/* ---- initials ---------------------------------------------------------------------- */

/* A name's initials, as a text abbreviates it: "US" for "United States". */
struct initials {
	char letters[8];
	uint32_t concept;
	int taken; /* a label of the scheme is that word already */
};

/* The initials of English name TEXT into OUT (room for 8): the first letters of its words
 * but the function words ("United States of America": "USA"), when it has two to five
 * words, every other word a function word or a word of letters with a capital first.
 * Returns their number, or 0 when TEXT is no such name. */
static size_t name_initials(const char *text, char out[8])
{
	char words[8][32];
	size_t n = split_words(text, words, 8), k = 0;

	if (n > 8)
		return 0;
	for (size_t w = 0; w < n; w++) {
		const unsigned char *word = (const unsigned char *)words[w];
		size_t len = strlen(words[w]);

		if (w > 0 && pdx_is_function_word(words[w], len) && islower(*word))
			continue;
		if (k == 5 || len < 2 || !isupper(*word))
			return 0;
		for (size_t i = 1; i < len; i++)
			if (!isalpha(word[i]) || isupper(word[i]))
				return 0; /* "iPhone", "GmbH", "17+1": no plain word */
		out[k++] = words[w][0];
	}
	out[k] = '\0';
	return k >= 2 ? k : 0;
}

static int by_letters(const void *a, const void *b)
{
	const struct initials *x = a, *y = b;
	int c = strcmp(x->letters, y->letters);

	return c ? c : x->concept < y->concept ? -1 : x->concept > y->concept;
}

static int by_letters_only(const void *key, const void *entry)
{
	return strcmp(key, ((const struct initials *)entry)->letters);
}

/* Mark in ALL (N, sorted by their letters) the initials that some label T has compiled is
 * already, in any case: those are no abbreviation to add. */
static void mark_labels(const pdx_tagger_t *t, struct initials *all, size_t n)
{
	for (size_t i = 0; i < t->n_terms; i++) {
		const struct pdx_terminal *term = &t->terms[i];
		char upper[8];
		struct initials *hit;

		if (term->n_words != 1 || term->words_len > sizeof upper)
			continue;
		for (size_t k = 0; k < term->words_len; k++)
			upper[k] = (char)toupper((unsigned char)term->words[k]);
		hit = bsearch(upper, all, n, sizeof *all, by_letters_only);
		if (!hit)
			continue;
		while (hit > all && strcmp(hit[-1].letters, upper) == 0)
			hit--;
		for (; hit < all + n && strcmp(hit->letters, upper) == 0; hit++)
			hit->taken = 1;
	}
}

/* Add, as acronyms, the initials of the English names of T's scheme ("US" for "United
 * States", where the scheme has "USA" only), each where one concept alone has them and no
 * label is that word already. Returns 0, or -1 when memory ran out. */
static int compile_initials(pdx_tagger_t *t)
{
	static const char english[4] = "en";
	const pdx_thesaurus_t *th = t->th;
	struct initials *all = NULL;
	size_t n = 0, alloc = 0;
	int rc = 0;

	for (size_t i = 0; i < th->n_concepts; i++)
		for (size_t k = 0; k < th->concepts[i].n_labels; k++) {
			const struct pdx_label *l = &th->concepts[i].labels[k];
			struct initials *x;
			char lang[4], letters[8];

			pdx_primary_subtag(l->language, lang);
			if (l->kind != PDX_LABEL_PREF || strcmp(lang, "en") != 0 ||
			    !name_initials(l->text, letters))
				continue;
			x = pdx_grow(all, n, &alloc, sizeof *x, 256);
			if (!x) {
				free(all);
				return -1;
			}
			all = x;
			memcpy(all[n].letters, letters, sizeof letters);
			all[n].taken = 0;
			all[n++].concept = (uint32_t)i;
		}
	if (n) {
		qsort(all, n, sizeof *all, by_letters);
		mark_labels(t, all, n);
	}
	for (size_t a = 0, b; a < n && rc == 0; a = b) {
		size_t before = t->n_terms;
		int alone = 1;

		for (b = a + 1; b < n && strcmp(all[b].letters, all[a].letters) == 0; b++)
			alone &= all[b].concept == all[a].concept;
		if (!alone || all[a].taken)
			continue;
		rc = compile_text(t, all[a].concept, all[a].letters, english, LABEL_ACRONYM);
		if (rc == 0 && t->n_terms > before)
			t->terms[before].alternative = ALT_INITIALS;
	}
	free(all);
	return rc;
}

/* Whether TH writes common labels in small letters (EuroVoc's "climate change"), so that a
 * capitalised word is a name; rather than with a capital first (UNESCO's "Climate change"),
 * which tells nothing of one word. Decided by its English preferred labels of several words
 * whose later words are small. */
static int small_labels(const pdx_thesaurus_t *th)
{
	size_t small = 0, capital = 0;

	for (size_t i = 0; i < th->n_concepts; i++) {
		for (size_t k = 0; k < th->concepts[i].n_labels; k++) {
			const struct pdx_label *l = &th->concepts[i].labels[k];
			const char *space = strchr(l->text, ' ');
			char lang[4];

			pdx_primary_subtag(l->language, lang);
			if (l->kind != PDX_LABEL_PREF || strcmp(lang, "en") != 0 || !space ||
			    !islower((unsigned char)space[1]))
				continue;
			small += islower((unsigned char)l->text[0]) != 0;
			capital += isupper((unsigned char)l->text[0]) != 0;
		}
	}
	return small > capital;
}

static int by_node(const void *a, const void *b)
{
	const struct pdx_terminal *x = a, *y = b;

	return x->node < y->node ? -1 : x->node > y->node;
}

/* Count in T's df table how many labels have each word. Returns 0, or -1 when memory ran
 * out. */
static int count_label_words(pdx_tagger_t *t)
{
	size_t words = 0, slots = 64;

	for (size_t i = 0; i < t->n_terms; i++)
		words += t->terms[i].n_words;
	while (slots < 2 * words)
		slots *= 2;
	t->df_keys = calloc(slots, sizeof *t->df_keys);
	t->df_counts = calloc(slots, sizeof *t->df_counts);
	if (!t->df_keys || !t->df_counts)
		return -1;
	for (size_t i = 0; i < t->n_terms; i++) {
		for (const char *w = t->terms[i].words; *w; w += strlen(w) + 1) {
			/* Its surface hash: the word is case folded and normalised already. */
			uint64_t key = pdx_hash64(w, strlen(w));
			size_t h;

			key += !key;
			for (h = key & (slots - 1); t->df_keys[h] && t->df_keys[h] != key;
			     h = (h + 1) & (slots - 1))
				;
			t->df_keys[h] = key;
			t->df_counts[h]++;
		}
	}
	t->df_slots = slots;
	return 0;
}

int pdx_tagger_count_words(const pdx_tagger_t *tagger)
{
	/* The count is the tagger's cache, written once under its lock. */
	pdx_tagger_t *t = (pdx_tagger_t *)tagger;
	int state = __atomic_load_n(&t->df_state, __ATOMIC_ACQUIRE);

	if (state)
		return state > 0 ? 0 : -1;
	pthread_mutex_lock(&t->df_lock);
	if (!t->df_state)
		__atomic_store_n(&t->df_state, count_label_words(t) < 0 ? -1 : 1, __ATOMIC_RELEASE);
	state = t->df_state;
	pthread_mutex_unlock(&t->df_lock);
	return state > 0 ? 0 : -1;
}

uint32_t pdx_tagger_word_df(const pdx_tagger_t *t, uint64_t surface)
{
	size_t h;

	surface += !surface;
	if (!t->df_slots)
		return 0;
	for (h = surface & (t->df_slots - 1); t->df_keys[h]; h = (h + 1) & (t->df_slots - 1))
		if (t->df_keys[h] == surface)
			return t->df_counts[h];
	return 0;
}

int pdx_tagger_index(pdx_tagger_t *t, int sort)
{
	if (sort && t->n_terms)
		qsort(t->terms, t->n_terms, sizeof *t->terms, by_node);
	t->term_start = malloc(t->n_nodes * sizeof *t->term_start);
	if (!t->term_start)
		return -1;
	for (uint32_t n = 0; n < t->n_nodes; n++)
		t->term_start[n] = (uint32_t)t->n_terms;
	for (size_t i = t->n_terms; i-- > 0;)
		t->term_start[t->terms[i].node] = (uint32_t)i;
	return 0;
	return 0;
}

pdx_tagger_t *pdx_tagger_empty(const pdx_thesaurus_t *th)
{
	pdx_tagger_t *t = calloc(1, sizeof *t);

	if (!t)
		return NULL;
	t->th = th;
	t->n_nodes = 1; /* the root */
	if (pthread_mutex_init(&t->df_lock, NULL) != 0) {
		free(t);
		return NULL;
	}
	t->states = pdx_tag_states_new();
	if (!t->states) {
		pthread_mutex_destroy(&t->df_lock);
		free(t);
		return NULL;
	}
	return t;
}

pdx_tagger_t *pdx_tagger_new(const pdx_thesaurus_t *th)
{
	pdx_tagger_t *t = pdx_tagger_empty(th);

	if (!t)
		return NULL;
	t->small_labels = small_labels(th);
	for (size_t i = 0; i < th->n_concepts; i++)
		for (size_t k = 0; k < th->concepts[i].n_labels; k++)
			if (compile_label(t, i, k) < 0)
				goto oom;
	if (compile_initials(t) < 0 || pdx_tagger_index(t, 1) < 0)
		goto oom;
	return t;
oom:
	pdx_tagger_free(t);
	return NULL;
}

void pdx_tagger_free(pdx_tagger_t *t)
{
	if (!t)
		return;
	pdx_tag_states_free(t->states);
	pdx_words_release(&t->dict, t->borrowed);
	pdx_edges_clear(&t->edges);
	for (size_t i = 0; i < t->n_terms && !t->borrowed; i++)
		free(t->terms[i].words);
	free(t->terms);
	free(t->term_start);
	free(t->df_keys);
	free(t->df_counts);
	pthread_mutex_destroy(&t->df_lock);
	free(t);
}
