/* tagger-cover.c: the matcher's labels grouped by the form of their first word, for an index
 * to store apart from its scheme, and the widening of a query matched against only the groups
 * of its own words' forms, so that a search names the concepts of its words without reading
 * the whole scheme.
 *
 * A group is the labels (the trie's terminals) whose token path begins with one form. Each
 * label is written as: its concept's URI, its path's later forms, and the terminal's fields,
 * every string and count as a 32-bit little-endian length or number before its bytes. A
 * query's groups make a tagger of their own, with the same terminals on the same paths, so
 * pdx_tagger_cover() over it keeps and drops exactly the labels the whole scheme's would: a
 * label can only match from a word of the query, and every label that can is in the group
 * of that word's form. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "concepts/tagger-internal.h"
#include "concepts/thesaurus.h"
#include "util/array.h"
#include "util/buf.h"

static int put_u32(pdx_buf *b, uint32_t v)
{
	unsigned char le[4] = {(unsigned char)v, (unsigned char)(v >> 8),
			       (unsigned char)(v >> 16), (unsigned char)(v >> 24)};

	return pdx_buf_add(b, (const char *)le, 4);
}

static int put_bytes(pdx_buf *b, const char *s, size_t len)
{
	return put_u32(b, (uint32_t)len) < 0 || pdx_buf_add(b, s, len) < 0 ? -1 : 0;
}

/* A reader of one group's bytes; BAD is set once it runs past their end. */
struct reader {
	const unsigned char *p, *end;
	int bad;
};

static uint32_t get_u32(struct reader *r)
{
	uint32_t v;

	if (r->end - r->p < 4) {
		r->bad = 1;
		r->p = r->end;
		return 0;
	}
	v = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 | (uint32_t)r->p[2] << 16 |
	    (uint32_t)r->p[3] << 24;
	r->p += 4;
	return v;
}

static const char *get_bytes(struct reader *r, size_t *len)
{
	const char *s;

	*len = get_u32(r);
	if ((size_t)(r->end - r->p) < *len) {
		r->bad = 1;
		r->p = r->end;
		*len = 0;
		return "";
	}
	s = (const char *)r->p;
	r->p += *len;
	return s;
}

/* ---- writing the groups ------------------------------------------------------------- */

/* Each node's parent and the token of the edge into it, and each token's form. */
struct paths {
	uint32_t *parent, *token;
	const char **form;
};

static int paths_make(const pdx_tagger_t *t, struct paths *p)
{
	uint32_t n_tokens = 0;
	const struct pdx_word *w;
	uint32_t node, token, child;

	for (size_t i = 0; i < t->dict.slots; i++)
		if ((w = pdx_words_at(&t->dict, i)) && w->token + 1 > n_tokens)
			n_tokens = w->token + 1;
	p->parent = calloc(t->n_nodes, sizeof *p->parent);
	p->token = calloc(t->n_nodes, sizeof *p->token);
	p->form = calloc(n_tokens ? n_tokens : 1, sizeof *p->form);
	if (!p->parent || !p->token || !p->form)
		return -1;
	for (size_t i = 0; i < t->dict.slots; i++)
		if ((w = pdx_words_at(&t->dict, i)))
			p->form[w->token] = w->text;
	for (size_t i = 0; i < t->edges.slots; i++)
		if (pdx_edges_at(&t->edges, i, &node, &token, &child) && child < t->n_nodes) {
			p->parent[child] = node;
			p->token[child] = token;
		}
	return 0;
}

static void paths_free(struct paths *p)
{
	free(p->parent);
	free(p->token);
	free(p->form);
}

/* The tokens of the path to NODE, root first, into OUT (at most MAX); returns how many, 0
 * for a path longer than MAX (a label of so many words no query has). */
static size_t path_of(const struct paths *p, uint32_t node, uint32_t *out, size_t max)
{
	size_t n = 0;
	uint32_t at;

	for (at = node; at != 0 && n < max; at = p->parent[at])
		out[n++] = p->token[at];
	if (at != 0)
		return 0;
	for (size_t i = 0; i < n / 2; i++) {
		uint32_t x = out[i];

		out[i] = out[n - 1 - i];
		out[n - 1 - i] = x;
	}
	return n;
}

/* Append terminal K, whose path is the N tokens at PATH, to B. */
static int put_terminal(const pdx_tagger_t *t, const struct paths *p, size_t k,
			const uint32_t *path, size_t n, pdx_buf *b)
{
	const struct pdx_terminal *term = &t->terms[k];
	const char *uri = t->th->concepts[term->concept].uri;
	unsigned char fields[4] = {term->kind, term->n_words, term->elliptic, term->alternative};

	if (put_bytes(b, uri, strlen(uri)) < 0 || put_u32(b, (uint32_t)(n - 1)) < 0)
		return -1;
	for (size_t i = 1; i < n; i++)
		if (put_bytes(b, p->form[path[i]], strlen(p->form[path[i]])) < 0)
			return -1;
	if (put_u32(b, (uint32_t)term->surface) < 0 ||
	    put_u32(b, (uint32_t)(term->surface >> 32)) < 0 ||
	    put_bytes(b, term->words, term->words_len) < 0 || pdx_buf_add(b, term->lang, 4) < 0 ||
	    pdx_buf_add(b, (const char *)fields, 4) < 0)
		return -1;
	return 0;
}

/* The first token of each terminal's path, for grouping them. */
struct first {
	uint32_t token;
	uint32_t k;
};

static int by_token(const void *a, const void *b)
{
	const struct first *x = a, *y = b;

	if (x->token != y->token)
		return x->token < y->token ? -1 : 1;
	return x->k < y->k ? -1 : x->k > y->k;
}

#define MAX_PATH 256

int pdx_tagger_cover_groups(const pdx_tagger_t *t, pdx_cover_group_fn fn, void *ctx)
{
	struct paths p = {0};
	struct first *firsts = malloc((t->n_terms ? t->n_terms : 1) * sizeof *firsts);
	uint32_t path[MAX_PATH];
	size_t n = 0;
	int rc = -1;

	if (!firsts || paths_make(t, &p) < 0)
		goto done;
	for (size_t k = 0; k < t->n_terms; k++)
		if (path_of(&p, t->terms[k].node, path, MAX_PATH) > 0) {
			firsts[n].token = path[0];
			firsts[n++].k = (uint32_t)k;
		}
	qsort(firsts, n, sizeof *firsts, by_token);
	for (size_t i = 0; i < n;) {
		pdx_buf b = PDX_BUF_INIT;
		size_t j = i;
		int failed = 0;

		for (; j < n && firsts[j].token == firsts[i].token; j++) {
			size_t len = path_of(&p, t->terms[firsts[j].k].node, path, MAX_PATH);

			failed |= put_terminal(t, &p, firsts[j].k, path, len, &b) < 0;
		}
		if (failed || b.oom ||
		    fn(ctx, p.form[firsts[i].token], b.data ? b.data : "", b.len) < 0) {
			pdx_buf_release(&b);
			goto done;
		}
		pdx_buf_release(&b);
		i = j;
	}
	rc = 0;
done:
	paths_free(&p);
	free(firsts);
	return rc;
}

/* ---- a query's forms ---------------------------------------------------------------- */

struct forms {
	pdx_stemmer_t *stemmer;
	pdx_cover_form_fn fn;
	void *ctx;
};

static int form_of_token(void *ctx, const char *word, size_t len, int kind)
{
	struct forms *f = ctx;
	char undotted[64];
	char *form;
	int rc;

	if (!word)
		return 0;
	if (kind & W_DOTTED) {
		len = pdx_undot(word, len, undotted, sizeof undotted);
		word = undotted;
	}
	form = pdx_token_form(kind & W_CJK ? NULL : f->stemmer, word, len, kind & W_CJK);
	if (!form)
		return -1;
	rc = f->fn(f->ctx, form);
	free(form);
	return rc;
}

int pdx_tagger_cover_forms(const char *text, const char *language, pdx_cover_form_fn fn,
			   void *ctx)
{
	char lang[4];
	struct forms f = {.fn = fn, .ctx = ctx};
	int rc;

	pdx_primary_subtag(language ? language : "en", lang);
	f.stemmer = pdx_stemmer_new(*lang ? lang : "en");
	if (!f.stemmer && pdx_stemmer_algorithm(*lang ? lang : "en"))
		return -1;
	rc = pdx_tokenise(text, form_of_token, &f);
	pdx_stemmer_destroy(f.stemmer);
	return rc;
}

/* ---- matching a query against its groups -------------------------------------------- */

/* The id of FORM (LEN bytes) in T's dictionary, added when new; NO_TOKEN when memory ran
 * out. */
static uint32_t token_of(pdx_tagger_t *t, const char *form, size_t len, uint32_t *n_tokens)
{
	const struct pdx_word *w = pdx_words_find(&t->dict, form, len);

	if (w)
		return w->token;
	if (pdx_words_add(&t->dict, form, len, *n_tokens, 0, 0) < 0)
		return NO_TOKEN;
	return (*n_tokens)++;
}

/* The index of URI (LEN bytes) among TH's concepts, added when new; -1 when memory ran out. */
static long concept_of(pdx_thesaurus_t *th, const char *uri, size_t len)
{
	struct pdx_concept *concepts;

	for (size_t i = 0; i < th->n_concepts; i++)
		if (strlen(th->concepts[i].uri) == len &&
		    memcmp(th->concepts[i].uri, uri, len) == 0)
			return (long)i;
	concepts = realloc(th->concepts, (th->n_concepts + 1) * sizeof *concepts);
	if (!concepts)
		return -1;
	th->concepts = concepts;
	memset(&concepts[th->n_concepts], 0, sizeof *concepts);
	concepts[th->n_concepts].uri = pdx_strndup(uri, len);
	if (!concepts[th->n_concepts].uri)
		return -1;
	return (long)th->n_concepts++;
}

/* Add one terminal read from R, whose path begins with FIRST, to T and TH. Returns 0, 1 for
 * damaged bytes, or -1 when memory ran out. */
static int add_terminal(pdx_tagger_t *t, pdx_thesaurus_t *th, struct reader *r,
			const char *first, uint32_t *n_tokens)
{
	size_t len, n_later;
	const char *uri = get_bytes(r, &len), *s;
	long concept = concept_of(th, uri, len);
	uint32_t node, child, token = token_of(t, first, strlen(first), n_tokens);
	struct pdx_terminal *terms, *term;

	if (concept < 0 || token == NO_TOKEN)
		return -1;
	node = pdx_edges_find(&t->edges, 0, token);
	if (!node) {
		node = t->n_nodes++;
		if (pdx_edges_add(&t->edges, 0, token, node) < 0)
			return -1;
	}
	n_later = get_u32(r);
	for (size_t i = 0; i < n_later && !r->bad; i++) {
		s = get_bytes(r, &len);
		if ((token = token_of(t, s, len, n_tokens)) == NO_TOKEN)
			return -1;
		child = pdx_edges_find(&t->edges, node, token);
		if (!child) {
			child = t->n_nodes++;
			if (pdx_edges_add(&t->edges, node, token, child) < 0)
				return -1;
		}
		node = child;
	}
	terms = pdx_grow(t->terms, t->n_terms, &t->alloc_terms, sizeof *terms, 16);
	if (!terms)
		return -1;
	t->terms = terms;
	term = &terms[t->n_terms];
	memset(term, 0, sizeof *term);
	term->node = node;
	term->concept = (uint32_t)concept;
	term->surface = get_u32(r);
	term->surface |= (uint64_t)get_u32(r) << 32;
	s = get_bytes(r, &len);
	if (r->bad || (size_t)(r->end - r->p) < 8)
		return 1;
	term->words = malloc(len ? len : 1);
	if (!term->words)
		return -1;
	memcpy(term->words, s, len);
	term->words_len = (uint32_t)len;
	memcpy(term->lang, r->p, 3);
	term->kind = r->p[4];
	term->n_words = r->p[5];
	term->elliptic = r->p[6];
	term->alternative = r->p[7];
	r->p += 8;
	t->n_terms++;
	return 0;
}

/* The bytes of the N GROUPS. */
static size_t total_len(const struct pdx_cover_group *groups, size_t n)
{
	size_t len = 0;

	for (size_t i = 0; i < n; i++)
		len += groups[i].len;
	return len;
}

/* The URIs of the N concepts IDS of TH, each its own string; NULL when memory ran out. */
static char **uris_of(const pdx_thesaurus_t *th, const size_t *ids, size_t n)
{
	char **uris = calloc(n, sizeof *uris);

	for (size_t i = 0; uris && i < n; i++)
		if (!(uris[i] = pdx_strdup(th->concepts[ids[i]].uri))) {
			while (i-- > 0)
				free(uris[i]);
			free(uris);
			return NULL;
		}
	return uris;
}

long pdx_tagger_cover_groups_match(const struct pdx_cover_group *groups, size_t n_groups,
				   const char *text, const char *language, char ***out)
{
	pdx_thesaurus_t *th = NULL;
	pdx_tagger_t *t = NULL;
	uint32_t n_tokens = 0;
	size_t *ids = NULL;
	long n = -1;

	*out = NULL;
	if (total_len(groups, n_groups) == 0)
		return 0; /* no word of TEXT begins a label */
	th = calloc(1, sizeof *th);
	t = th ? pdx_tagger_empty(th) : NULL;
	if (!t)
		goto done;
	for (size_t g = 0; g < n_groups; g++) {
		struct reader r = {(const unsigned char *)groups[g].data,
				   (const unsigned char *)groups[g].data + groups[g].len, 0};

		while (r.p < r.end) {
			int rc = add_terminal(t, th, &r, groups[g].form, &n_tokens);

			if (rc < 0)
				goto done;
			if (rc > 0) {
				n = -2;
				goto done;
			}
		}
	}
	if (pdx_tagger_index(t, 1) < 0)
		goto done;
	n = pdx_tagger_cover(t, text, language, &ids);
	if (n > 0 && !(*out = uris_of(th, ids, (size_t)n)))
		n = -1;
done:
	free(ids);
	pdx_tagger_free(t);
	pdx_thesaurus_free(th);
	return n;
}
