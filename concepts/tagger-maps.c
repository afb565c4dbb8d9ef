/* tagger-maps.c: the tagger's hash tables: words (the dictionary, the caches) and trie edges. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "concepts/tagger-internal.h"
#include "util/buf.h"
#include "util/term.h"

static void *entry_at(const struct pdx_table *t, size_t slot, size_t size)
{
	return t->entries + slot * size;
}

/* Move T's entries (of SIZE bytes) into twice the slots (FIRST when it has none). Returns 0,
 * or -1 when memory ran out, T untouched. */
static int table_grow(struct pdx_table *t, size_t size, size_t first)
{
	size_t slots = t->slots ? t->slots * 2 : first, mask = slots - 1;
	uint64_t *hashes = calloc(slots, sizeof *hashes);
	unsigned char *entries = calloc(slots, size);

	if (!hashes || !entries) {
		free(hashes);
		free(entries);
		return -1;
	}
	for (size_t i = 0; i < t->slots; i++) {
		size_t h;

		if (!t->hashes[i])
			continue;
		for (h = t->hashes[i] & mask; hashes[h]; h = (h + 1) & mask)
			;
		hashes[h] = t->hashes[i];
		memcpy(entries + h * size, entry_at(t, i, size), size);
	}
	free(t->hashes);
	free(t->entries);
	t->hashes = hashes;
	t->entries = entries;
	t->slots = slots;
	return 0;
}

/* A free slot for an entry (of SIZE bytes) with HASH, the table grown first when it would be
 * more than half full; the caller fills the entry. NULL when memory ran out. */
static void *table_add(struct pdx_table *t, uint64_t hash, size_t size, size_t first)
{
	size_t h, mask;

	if ((t->n + 1) * 2 > t->slots && table_grow(t, size, first) < 0)
		return NULL;
	mask = t->slots - 1;
	for (h = hash & mask; t->hashes[h]; h = (h + 1) & mask)
		;
	t->hashes[h] = hash;
	t->n++;
	return entry_at(t, h, size);
}

static void table_release(struct pdx_table *t)
{
	free(t->hashes);
	free(t->entries);
	memset(t, 0, sizeof *t);
}

/* ---- words -------------------------------------------------------------------------- */

static uint64_t word_hash(const char *s, size_t len)
{
	uint64_t h = pdx_hash64(s, len);

	return h ? h : 1;
}

const struct pdx_word *pdx_words_find(const struct pdx_table *words, const char *s, size_t len)
{
	uint64_t hash = word_hash(s, len);
	size_t mask = words->slots - 1;

	if (!words->slots)
		return NULL;
	for (size_t h = hash & mask; words->hashes[h]; h = (h + 1) & mask) {
		const struct pdx_word *w = entry_at(words, h, sizeof *w);

		if (words->hashes[h] == hash && strncmp(w->text, s, len) == 0 &&
		    w->text[len] == '\0')
			return w;
	}
	return NULL;
}

int pdx_words_add(struct pdx_table *words, const char *s, size_t len, uint32_t token,
		  uint64_t surface, uint32_t function)
{
	char *text = pdx_strndup(s, len);
	struct pdx_word *w;

	if (!text)
		return -1;
	w = table_add(words, word_hash(s, len), sizeof *w, 1024);
	if (!w) {
		free(text);
		return -1;
	}
	w->text = text;
	w->surface = surface;
	w->token = token;
	w->function = function;
	return 0;
}

int pdx_words_add_borrowed(struct pdx_table *words, const char *s, uint32_t token,
			   uint64_t surface)
{
	struct pdx_word *w = table_add(words, word_hash(s, strlen(s)), sizeof *w, 1024);

	if (!w)
		return -1;
	w->text = (char *)s;
	w->surface = surface;
	w->token = token;
	w->function = 0;
	return 0;
}

void pdx_words_release(struct pdx_table *words, int borrowed)
{
	for (size_t h = 0; h < words->slots && !borrowed; h++) {
		struct pdx_word *w = entry_at(words, h, sizeof *w);

		if (words->hashes[h])
			free(w->text);
	}
	table_release(words);
}

const struct pdx_word *pdx_words_at(const struct pdx_table *words, size_t slot)
{
	return words->hashes[slot] ? entry_at(words, slot, sizeof(struct pdx_word)) : NULL;
}

void pdx_words_clear(struct pdx_table *words)
{
	pdx_words_release(words, 0);
}

/* ---- trie edges --------------------------------------------------------------------- */

/* The hash of an edge: a mix of its node and token that is one to one, so that equal hashes
 * are equal edges, and never 0. */
static uint64_t edge_hash(uint32_t node, uint32_t token)
{
	uint64_t key = ((uint64_t)node << 32 | token) + 1;

	key ^= key >> 33;
	key *= 0xff51afd7ed558ccdULL;
	key ^= key >> 33;
	return key;
}

uint32_t pdx_edges_find(const struct pdx_table *edges, uint32_t node, uint32_t token)
{
	uint64_t hash = edge_hash(node, token);
	size_t mask = edges->slots - 1;

	if (!edges->slots)
		return 0;
	for (size_t h = hash & mask; edges->hashes[h]; h = (h + 1) & mask)
		if (edges->hashes[h] == hash)
			return *(const uint32_t *)entry_at(edges, h, sizeof(uint32_t));
	return 0;
}

int pdx_edges_add(struct pdx_table *edges, uint32_t node, uint32_t token, uint32_t child)
{
	uint32_t *to = table_add(edges, edge_hash(node, token), sizeof *to, 4096);

	if (!to)
		return -1;
	*to = child;
	return 0;
}

int pdx_edges_at(const struct pdx_table *edges, size_t slot, uint32_t *node, uint32_t *token,
		 uint32_t *child)
{
	uint64_t key = edges->hashes[slot];

	if (!key)
		return 0;
	/* edge_hash() undone: the shift by 33 undoes itself, and the multiplier's inverse
	 * modulo 2^64 undoes the product. */
	key ^= key >> 33;
	key *= 0x4f74430c22a54005ULL;
	key ^= key >> 33;
	key -= 1;
	*node = (uint32_t)(key >> 32);
	*token = (uint32_t)key;
	*child = *(const uint32_t *)entry_at(edges, slot, sizeof(uint32_t));
	return edge_hash(*node, *token) == edges->hashes[slot];
}

void pdx_edges_clear(struct pdx_table *edges)
{
	table_release(edges);
}
