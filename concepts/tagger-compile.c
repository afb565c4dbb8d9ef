/* tagger-compile.c: compiling a thesaurus's labels into the tagger's trie of stemmed tokens. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util/array.h"
#include "concepts/tagger-internal.h"
#include "util/buf.h"

/* A label being compiled, token by token. */
struct compile {
	pdx_tagger_t *t;
	pdx_stemmer_t *stemmer;
	uint32_t node;
	uint64_t surface;
	size_t words;
	int capitals;           /* every word so far in capitals */
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
	return pdx_words_add(&t->dict, form, strlen(form), token, 0) < 0 ? NO_TOKEN : token;
}

static int compile_token(void *ctx, const char *word, size_t len, int cjk)
{
	struct compile *c = ctx;
	pdx_tagger_t *t = c->t;
	char *form;
	uint32_t token, child;

	if (!word)
		return 0; /* a label's own punctuation ends no sentence */
	c->surface = pdx_surface_join(c->surface, pdx_surface_hash(word, len));
	c->words++;
	if (add_folded(&c->written, word, len) < 0)
		return -1;
	c->capitals = c->capitals && pdx_in_capitals(word, len);
	form = pdx_token_form(c->stemmer, word, len, cjk);
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

static int add_terminal(pdx_tagger_t *t, const struct compile *c, size_t concept,
			const char *lang, struct pdx_buf *written)
{
	struct pdx_terminal *terms, *term;

	terms = pdx_grow(t->terms, t->n_terms, &t->alloc_terms, sizeof *terms, 1024);
	if (!terms)
		return -1;
	t->terms = terms;
	term = &t->terms[t->n_terms++];
	term->node = c->node;
	term->concept = (uint32_t)concept;
	term->surface = c->surface;
	term->words_len = (uint32_t)written->len;
	term->words = pdx_buf_detach(written);
	term->capitals = c->words == 1 && c->capitals;
	memcpy(term->lang, lang, 4);
	return term->words ? 0 : -1;
}

/* Add label K of concept I to the trie. Returns 0, or -1 when memory ran out. */
static int compile_label(pdx_tagger_t *t, size_t i, size_t k)
{
	const struct pdx_label *label = &t->th->concepts[i].labels[k];
	struct compile comp = {t, NULL, 0, 0, 0, 1, PDX_BUF_INIT};
	char lang[4];
	int rc;

	pdx_primary_subtag(label->language, lang);
	comp.stemmer = pdx_stemmer_new(*lang ? lang : "en");
	rc = pdx_tokenise(label->text, compile_token, &comp);
	pdx_stemmer_destroy(comp.stemmer);
	if (rc >= 0 && comp.node)
		rc = add_terminal(t, &comp, i, lang, &comp.written);
	pdx_buf_release(&comp.written);
	return rc;
}

static int by_node(const void *a, const void *b)
{
	const struct pdx_terminal *x = a, *y = b;

	return x->node < y->node ? -1 : x->node > y->node;
}

int pdx_tagger_index(pdx_tagger_t *t, int sort)
{
	if (sort)
		qsort(t->terms, t->n_terms, sizeof *t->terms, by_node);
	t->term_start = malloc(t->n_nodes * sizeof *t->term_start);
	if (!t->term_start)
		return -1;
	for (uint32_t n = 0; n < t->n_nodes; n++)
		t->term_start[n] = (uint32_t)t->n_terms;
	for (size_t i = t->n_terms; i-- > 0;)
		t->term_start[t->terms[i].node] = (uint32_t)i;
	return 0;
}

pdx_tagger_t *pdx_tagger_empty(const pdx_thesaurus_t *th)
{
	pdx_tagger_t *t = calloc(1, sizeof *t);

	if (!t)
		return NULL;
	t->th = th;
	t->n_nodes = 1; /* the root */
	t->states = pdx_tag_states_new();
	if (!t->states) {
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
	for (size_t i = 0; i < th->n_concepts; i++)
		for (size_t k = 0; k < th->concepts[i].n_labels; k++)
			if (compile_label(t, i, k) < 0)
				goto oom;
	if (pdx_tagger_index(t, 1) < 0)
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
	free(t);
}
