/* compiled.c: writing a loaded scheme and its tagger as one block of bytes, and reading it
 * back (see compiled.h for the layout). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "concepts/compiled.h"
#include "concepts/tagger-internal.h"

#define MAGIC "PDXSCHM" /* with its NUL: 8 bytes */
#define NONE UINT32_MAX /* the offset of a NULL string */

/* The counts of the header, in the order written. */
enum { N_CONCEPTS, N_LABELS, N_LINKS, N_DICT_SLOTS, N_DICT, N_EDGE_SLOTS, N_EDGES, N_NODES,
       N_TERMS, POOL_LEN, SOURCE, N_COUNTS };

/* ---- writing ------------------------------------------------------------------------ */

struct writer {
	pdx_buf *out;  /* the arrays */
	pdx_buf pool;  /* the strings */
};

static void put32(pdx_buf *b, uint32_t v)
{
	char le[4] = {(char)v, (char)(v >> 8), (char)(v >> 16), (char)(v >> 24)};

	pdx_buf_add(b, le, 4);
}

static void put64(pdx_buf *b, uint64_t v)
{
	put32(b, (uint32_t)v);
	put32(b, (uint32_t)(v >> 32));
}

/* Put S (LEN bytes, its NULs included; NULL for none) in the pool and its offset in the
 * arrays. */
static void put_bytes(struct writer *w, const char *s, size_t len)
{
	if (!s) {
		put32(w->out, NONE);
		return;
	}
	put32(w->out, (uint32_t)w->pool.len);
	pdx_buf_add(&w->pool, s, len);
}

static void put_string(struct writer *w, const char *s)
{
	put_bytes(w, s, s ? strlen(s) + 1 : 0);
}

static void write_concepts(struct writer *w, const pdx_thesaurus_t *th)
{
	uint32_t label = 0, link = 0;

	for (size_t i = 0; i < th->n_concepts; i++) {
		const struct pdx_concept *c = &th->concepts[i];

		put_string(w, c->uri);
		put_string(w, c->notation);
		put_string(w, c->scope_note);
		put32(w->out, (uint32_t)c->top);
		put32(w->out, label);
		put32(w->out, (uint32_t)c->n_labels);
		put32(w->out, link);
		put32(w->out, (uint32_t)c->n_broader);
		put32(w->out, (uint32_t)c->n_narrower);
		label += (uint32_t)c->n_labels;
		link += (uint32_t)(c->n_broader + c->n_narrower);
	}
	for (size_t i = 0; i < th->n_concepts; i++)
		for (size_t k = 0; k < th->concepts[i].n_labels; k++) {
			const struct pdx_label *l = &th->concepts[i].labels[k];

			put_string(w, l->text);
			put_string(w, l->language);
			put32(w->out, (uint32_t)l->kind);
		}
	for (size_t i = 0; i < th->n_concepts; i++) {
		const struct pdx_concept *c = &th->concepts[i];

		for (size_t k = 0; k < c->n_broader; k++)
			put32(w->out, (uint32_t)c->broader[k]);
		for (size_t k = 0; k < c->n_narrower; k++)
			put32(w->out, (uint32_t)c->narrower[k]);
	}
}

/* The slot of TABLE to start writing its entries from: one after an empty slot, so that no
 * run of entries that wraps round the table's end is split, and reading them back in the
 * order written puts each in the slot it had. */
static size_t first_slot(const struct pdx_table *table)
{
	for (size_t h = 0; h < table->slots; h++)
		if (!table->hashes[h])
			return (h + 1) % table->slots;
	return 0;
}

/* The tables' entries in use, each with its hash: read back, each goes where its hash says,
 * with no hashing again. */
static void write_tagger(struct writer *w, const pdx_tagger_t *t)
{
	size_t start = first_slot(&t->dict);

	for (size_t k = 0; k < t->dict.slots; k++) {
		size_t h = (start + k) % t->dict.slots;
		const struct pdx_word *e = (const void *)(t->dict.entries + h * sizeof *e);

		if (!t->dict.hashes[h])
			continue;
		put64(w->out, t->dict.hashes[h]);
		put_string(w, e->text);
		put32(w->out, e->token);
	}
	start = first_slot(&t->edges);
	for (size_t k = 0; k < t->edges.slots; k++) {
		size_t h = (start + k) % t->edges.slots;
		uint32_t child;

		if (!t->edges.hashes[h])
			continue;
		memcpy(&child, t->edges.entries + h * sizeof child, sizeof child);
		put64(w->out, t->edges.hashes[h]);
		put32(w->out, child);
	}
	for (size_t i = 0; i < t->n_terms; i++) {
		const struct pdx_terminal *term = &t->terms[i];

		put32(w->out, term->node);
		put32(w->out, term->concept);
		put64(w->out, term->surface);
		/* The words, and the empty one that ends them. */
		put_bytes(w, term->words, (size_t)term->words_len + 1);
		put32(w->out, term->words_len);
		{
			char lang[4] = {0}; /* the subtag, its NUL and what follows zeroed */

			memcpy(lang, term->lang, strnlen(term->lang, 3));
			pdx_buf_add(w->out, lang, 4);
		}
		put32(w->out, (uint32_t)term->kind | (uint32_t)term->n_words << 8 |
				  (uint32_t)term->elliptic << 16 |
				  (uint32_t)term->alternative << 17);
	}
}

int pdx_compiled_write(const pdx_thesaurus_t *th, const pdx_tagger_t *t, uint64_t fp,
		       pdx_buf *out)
{
	pdx_buf arrays = PDX_BUF_INIT;
	struct writer w = {&arrays, PDX_BUF_INIT};
	size_t n_labels = 0, n_links = 0;
	uint32_t source;
	int rc;

	for (size_t i = 0; i < th->n_concepts; i++) {
		n_labels += th->concepts[i].n_labels;
		n_links += th->concepts[i].n_broader + th->concepts[i].n_narrower;
	}
	source = (uint32_t)w.pool.len;
	pdx_buf_add(&w.pool, th->path, strlen(th->path) + 1);
	write_concepts(&w, th);
	write_tagger(&w, t);
	pdx_buf_add(out, MAGIC, sizeof MAGIC);
	put32(out, PDX_COMPILED_VERSION);
	put64(out, fp);
	{
		uint32_t counts[N_COUNTS] = {
			(uint32_t)th->n_concepts, (uint32_t)n_labels, (uint32_t)n_links,
			(uint32_t)t->dict.slots, (uint32_t)t->dict.n, (uint32_t)t->edges.slots,
			(uint32_t)t->edges.n, t->n_nodes, (uint32_t)t->n_terms,
			(uint32_t)w.pool.len, source};

		for (int k = 0; k < N_COUNTS; k++)
			put32(out, counts[k]);
	}
	pdx_buf_add(out, arrays.data ? arrays.data : "", arrays.len);
	pdx_buf_add(out, w.pool.data ? w.pool.data : "", w.pool.len);
	rc = out->oom || arrays.oom || w.pool.oom ? -1 : 0;
	/* Every count and offset is 32 bits: a scheme past 4 GiB is out of reach. */
	if (out->len > UINT32_MAX)
		rc = -1;
	pdx_buf_release(&arrays);
	pdx_buf_release(&w.pool);
	return rc;
}

/* ---- reading ------------------------------------------------------------------------ */

struct reader {
	const unsigned char *p, *end;
	uint32_t counts[N_COUNTS];
	char *arena;    /* the strings: the end of the block */
	size_t pool_len;
	char *error;
	size_t error_len;
	int failed;     /* -1: damaged, -2: out of memory */
};

static void damaged(struct reader *r, const char *what)
{
	if (!r->failed)
		snprintf(r->error, r->error_len, "the compiled scheme is damaged (%s)", what);
	if (!r->failed)
		r->failed = -1;
}

static inline uint32_t get32(struct reader *r)
{
	uint32_t v;

	if (r->end - r->p < 4) {
		damaged(r, "it ends early");
		return 0;
	}
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	memcpy(&v, r->p, 4);
#else
	v = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 | (uint32_t)r->p[2] << 16 |
	    (uint32_t)r->p[3] << 24;
#endif
	r->p += 4;
	return v;
}

static uint64_t get64(struct reader *r)
{
	uint64_t lo = get32(r);

	return lo | (uint64_t)get32(r) << 32;
}

/* The string at the offset read next: NULL for none (or, unless MAY_BE_NULL, a damaged
 * block). The pool ends with a NUL, so any offset inside it starts a string. */
static char *get_string(struct reader *r, int may_be_null)
{
	uint32_t off = get32(r);

	if (off == NONE && may_be_null)
		return NULL;
	if (off >= r->pool_len) {
		damaged(r, "a string outside the block");
		return NULL;
	}
	return r->arena + off;
}

/* Whether N entries of SIZE bytes each fit in what is left. */
static int fits(struct reader *r, size_t n, size_t size)
{
	if (n > (size_t)(r->end - r->p) / size) {
		damaged(r, "a count past its end");
		return 0;
	}
	return 1;
}

static int read_header(struct reader *r, uint64_t *fp)
{
	if (r->end - r->p < (long)sizeof MAGIC || memcmp(r->p, MAGIC, sizeof MAGIC) != 0) {
		snprintf(r->error, r->error_len, "not a compiled polidex scheme");
		return r->failed = -1;
	}
	r->p += sizeof MAGIC;
	uint32_t version = get32(r);
	if (!r->failed && version != PDX_COMPILED_VERSION) {
		snprintf(r->error, r->error_len,
			 "a scheme compiled by another version of polidex (format %u, not %u)",
			 version, PDX_COMPILED_VERSION);
		return r->failed = -1;
	}
	*fp = get64(r);
	for (int k = 0; k < N_COUNTS; k++)
		r->counts[k] = get32(r);
	if (r->failed)
		return -1;
	r->pool_len = r->counts[POOL_LEN];
	if (!r->pool_len || r->pool_len > (size_t)(r->end - r->p) ||
	    r->end[-1] != '\0' || r->counts[SOURCE] >= r->pool_len) {
		damaged(r, "its strings");
		return -1;
	}
	r->end -= r->pool_len; /* the arrays end where the strings begin */
	r->arena = (char *)r->end;
	/* The counts must account for the arrays exactly (each at most 2^32, so the sum cannot
	 * overflow), and the tables' slots be no more than they grow to: nothing is allocated
	 * for what the block does not hold. */
	uint64_t need = 36 * (uint64_t)r->counts[N_CONCEPTS] + 12 * (uint64_t)r->counts[N_LABELS] +
			4 * (uint64_t)r->counts[N_LINKS] + 16 * (uint64_t)r->counts[N_DICT] +
			12 * (uint64_t)r->counts[N_EDGES] + 32 * (uint64_t)r->counts[N_TERMS];
	if (need != (uint64_t)(r->end - r->p) ||
	    r->counts[N_DICT_SLOTS] > 4 * (uint64_t)r->counts[N_DICT] + 4096 ||
	    r->counts[N_EDGE_SLOTS] > 4 * (uint64_t)r->counts[N_EDGES] + 4096) {
		damaged(r, "its counts");
		return -1;
	}
	return 0;
}

static int read_concepts(struct reader *r, pdx_thesaurus_t *th)
{
	size_t nc = r->counts[N_CONCEPTS], nl = r->counts[N_LABELS], nk = r->counts[N_LINKS];

	if (!fits(r, nc, 36) || !nc)
		return r->failed ? -1 : (damaged(r, "no concepts"), -1);
	th->concepts = calloc(nc, sizeof *th->concepts);
	th->labels = calloc(nl ? nl : 1, sizeof *th->labels);
	th->links = calloc(nk ? nk : 1, sizeof *th->links);
	if (!th->concepts || !th->labels || !th->links)
		return r->failed = -2;
	th->n_concepts = th->alloc = nc;
	for (size_t i = 0; i < nc && !r->failed; i++) {
		struct pdx_concept *c = &th->concepts[i];
		uint32_t label, link;

		c->uri = get_string(r, 0);
		c->notation = get_string(r, 1);
		c->scope_note = get_string(r, 1);
		c->top = get32(r) != 0;
		c->is_concept = 1;
		label = get32(r);
		c->n_labels = get32(r);
		link = get32(r);
		c->n_broader = get32(r);
		c->n_narrower = get32(r);
		if (label > nl || c->n_labels > nl - label || link > nk ||
		    c->n_broader > nk - link || c->n_narrower > nk - link - c->n_broader) {
			damaged(r, "a concept's labels or links");
			break;
		}
		c->labels = th->labels + label;
		c->broader = th->links + link;
		c->narrower = c->broader + c->n_broader;
	}
	if (r->failed || !fits(r, nl, 12))
		return -1;
	for (size_t k = 0; k < nl && !r->failed; k++) {
		th->labels[k].text = get_string(r, 0);
		th->labels[k].language = get_string(r, 0);
		th->labels[k].kind = (enum pdx_label_kind)get32(r);
		if (th->labels[k].kind > PDX_LABEL_HIDDEN)
			damaged(r, "a label's kind");
	}
	if (r->failed || !fits(r, nk, 4))
		return -1;
	for (size_t k = 0; k < nk; k++)
		if ((th->links[k] = get32(r)) >= nc)
			damaged(r, "a link to no concept");
	return r->failed ? -1 : 0;
}

/* Make T a table of SLOTS slots (a power of two) for N entries of SIZE bytes, at most half
 * full. */
static int make_table(struct reader *r, struct pdx_table *t, size_t slots, size_t n,
		      size_t size, size_t written)
{
	if ((slots & (slots - 1)) != 0 || n > slots / 2 || !fits(r, n, written))
		return r->failed ? -1 : (damaged(r, "a table's size"), -1);
	if (!slots)
		return 0;
	t->hashes = calloc(slots, sizeof *t->hashes);
	t->entries = calloc(slots, size);
	if (!t->hashes || !t->entries)
		return r->failed = -2;
	t->slots = slots;
	t->n = n;
	return 0;
}

/* The slot of T an entry of HASH goes to: the first free one from where HASH points. */
static void *place(struct reader *r, struct pdx_table *t, uint64_t hash, size_t size)
{
	size_t mask = t->slots - 1, h;

	if (!hash) {
		damaged(r, "a table's entries");
		return NULL;
	}
	for (h = hash & mask; t->hashes[h]; h = (h + 1) & mask)
		;
	t->hashes[h] = hash;
	return t->entries + h * size;
}

static int read_tables(struct reader *r, pdx_tagger_t *t)
{
	if (make_table(r, &t->dict, r->counts[N_DICT_SLOTS], r->counts[N_DICT],
		       sizeof(struct pdx_word), 16) < 0)
		return -1;
	for (size_t k = 0; k < t->dict.n && !r->failed; k++) {
		uint64_t hash = get64(r);
		char *text = get_string(r, 0);
		uint32_t token = get32(r);
		struct pdx_word *e = r->failed ? NULL : place(r, &t->dict, hash, sizeof *e);

		if (e) {
			e->text = text;
			e->token = token;
		}
	}
	/* Every node but the root is the child of one edge. */
	t->n_nodes = r->counts[N_NODES];
	if (r->failed || t->n_nodes != (uint64_t)r->counts[N_EDGES] + 1 ||
	    make_table(r, &t->edges, r->counts[N_EDGE_SLOTS], r->counts[N_EDGES],
		       sizeof(uint32_t), 12) < 0)
		return r->failed ? -1 : (damaged(r, "no trie"), -1);
	for (size_t k = 0; k < t->edges.n && !r->failed; k++) {
		uint64_t hash = get64(r);
		uint32_t child = get32(r);
		void *e = r->failed ? NULL : place(r, &t->edges, hash, sizeof child);

		if (child >= t->n_nodes)
			damaged(r, "an edge to no node");
		else if (e)
			memcpy(e, &child, sizeof child);
	}
	return r->failed ? -1 : 0;
}

static int read_terms(struct reader *r, pdx_tagger_t *t)
{
	size_t n = r->counts[N_TERMS];

	if (!fits(r, n, 32))
		return -1;
	t->terms = calloc(n ? n : 1, sizeof *t->terms);
	if (!t->terms)
		return r->failed = -2;
	t->n_terms = t->alloc_terms = n;
	for (size_t i = 0; i < n && !r->failed; i++) {
		struct pdx_terminal *term = &t->terms[i];

		term->node = get32(r);
		term->concept = get32(r);
		term->surface = get64(r);
		term->words = get_string(r, 0);
		term->words_len = get32(r);
		if (fits(r, 1, 4)) {
			memcpy(term->lang, r->p, 4);
			r->p += 4;
		}
		{
			uint32_t kind = get32(r);

			term->kind = (unsigned char)(kind & 0xff);
			term->n_words = (unsigned char)(kind >> 8 & 0xff);
			term->elliptic = (unsigned char)(kind >> 16 & 1);
			term->alternative = (unsigned char)(kind >> 17 & 3);
			if (kind >> 19 || term->alternative > ALT_INITIALS ||
			    term->kind > LABEL_ACRONYM || !term->n_words)
				damaged(r, "a label's kind");
		}
		if (r->failed)
			break;
		if (term->node >= t->n_nodes || term->concept >= r->counts[N_CONCEPTS] ||
		    term->lang[3] != '\0' || !term->words_len ||
		    term->words_len >= r->pool_len - (size_t)(term->words - r->arena) ||
		    term->words[term->words_len - 1] != '\0' ||
		    term->words[term->words_len] != '\0' ||
		    (i > 0 && term->node < t->terms[i - 1].node))
			damaged(r, "a label of the trie");
	}
	if (!r->failed && r->p != r->end)
		damaged(r, "bytes left over");
	return r->failed ? -1 : 0;
}

int pdx_compiled_read(char *data, size_t len, pdx_thesaurus_t **out_th, pdx_tagger_t **out_t,
		      uint64_t *fp, char *error, size_t error_len)
{
	struct reader r = {(const unsigned char *)data, (const unsigned char *)data + len,
			   {0}, NULL, 0, error, error_len, 0};
	pdx_thesaurus_t *th = NULL;
	pdx_tagger_t *t = NULL;

	*out_th = NULL;
	*out_t = NULL;
	error[0] = '\0';
	if (read_header(&r, fp) < 0)
		goto fail;
	th = calloc(1, sizeof *th);
	if (!th) {
		r.failed = -2;
		goto fail;
	}
	th->arena = data; /* TH owns the block, its strings in it */
	th->path = strdup(r.arena + r.counts[SOURCE]);
	th->serial = pdx_thesaurus_next_serial();
	if (!th->path) {
		r.failed = -2;
		goto fail;
	}
	if (read_concepts(&r, th) < 0)
		goto fail;
	t = pdx_tagger_empty(th);
	if (!t) {
		r.failed = -2;
		goto fail;
	}
	t->borrowed = 1;
	if (read_tables(&r, t) < 0 || read_terms(&r, t) < 0)
		goto fail;
	if (pdx_tagger_index(t, 0) < 0 || pdx_thesaurus_index_uris(th) < 0) {
		r.failed = -2;
		goto fail;
	}
	*out_th = th;
	*out_t = t;
	return 0;
fail:
	if (r.failed == -2)
		snprintf(error, error_len, "out of memory reading the compiled scheme");
	pdx_tagger_free(t);
	if (th)
		pdx_thesaurus_free(th);
	else
		free(data);
	return r.failed == -2 ? -2 : -1;
}
