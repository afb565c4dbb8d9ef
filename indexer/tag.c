/* tag.c: tagging an article with the concepts of a thesaurus, and their ancestors: the
 * unnamed scheme's, and each named scheme's apart. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "concepts/concepts.h"
#include "indexer/article.h"
#include "polidex.h"

/* A list of tagged concepts and the list of their broader ones. */
struct tag_lists {
	struct pdx_article_concept **concepts, **broader;
	size_t *n_concepts, *n_broader;
};

/* Give C copies of the URI of concept CONCEPT of TH and of its label in LANGUAGE. Returns 0,
 * or -1 when memory ran out (C then holds what was copied, for pdx_article_free_concepts()
 * to free). */
static int set_concept(struct pdx_article_concept *c, const polidex_thesaurus_t *th,
		       size_t concept, const char *language)
{
	c->id = strdup(pdx_concepts_uri(th, concept));
	c->label = strdup(pdx_concepts_label(th, concept, language));
	return c->id && c->label ? 0 : -1;
}

/* Add concept CONCEPT of TH to the broader concepts of L unless L lists it already, tagged
 * or broader. Returns 0, or -1 when memory ran out. */
static int add_ancestor(const struct tag_lists *l, const polidex_thesaurus_t *th,
			size_t concept, const char *language)
{
	const char *id = pdx_concepts_uri(th, concept);
	struct pdx_article_concept *list;

	for (size_t i = 0; i < *l->n_broader; i++)
		if (strcmp((*l->broader)[i].id, id) == 0)
			return 0;
	for (size_t i = 0; i < *l->n_concepts; i++)
		if (strcmp((*l->concepts)[i].id, id) == 0)
			return 0;
	list = realloc(*l->broader, (*l->n_broader + 1) * sizeof *list);
	if (!list)
		return -1;
	*l->broader = list;
	memset(&list[*l->n_broader], 0, sizeof *list);
	return set_concept(&list[(*l->n_broader)++], th, concept, language);
}

static void clear_lists(const struct tag_lists *l)
{
	pdx_article_free_concepts(l->concepts, l->n_concepts);
	pdx_article_free_concepts(l->broader, l->n_broader);
}

/* Tag ARTICLE with THESAURUS into the (empty) lists L. Returns 0, or -1 when memory ran out
 * (L emptied then). */
static int tag_into(polidex_article_t *article, const polidex_thesaurus_t *thesaurus,
		    double min_score, const struct tag_lists *l)
{
	struct pdx_concept_tag *tags = NULL;
	size_t n = 0, anc[64];

	if (pdx_concepts_tag(thesaurus, article->title, article->body, article->language,
			     min_score, &tags, &n) < 0)
		goto oom;
	*l->concepts = calloc(n ? n : 1, sizeof **l->concepts);
	if (!*l->concepts)
		goto oom;
	for (size_t i = 0; i < n; i++) {
		struct pdx_article_concept *c = &(*l->concepts)[(*l->n_concepts)++];

		c->count = tags[i].count;
		c->score = tags[i].score;
		if (set_concept(c, thesaurus, tags[i].concept, article->language) < 0)
			goto oom;
	}
	/* Ancestors after every tag, so that a tagged concept is never listed as an ancestor. */
	for (size_t i = 0; i < n; i++) {
		size_t k = pdx_concepts_ancestors(thesaurus, tags[i].concept, anc, 64);

		for (size_t j = 0; j < k && j < 64; j++)
			if (add_ancestor(l, thesaurus, anc[j], article->language) < 0)
				goto oom;
	}
	free(tags);
	return 0;
oom:
	free(tags);
	clear_lists(l);
	return -1;
}

/* ARTICLE's tag_hash from its unnamed scheme's and each named one's, in name order: the
 * unnamed scheme's alone when there is no named one. */
unsigned long long pdx_tagging_hash_add(unsigned long long h, const char *name,
					unsigned long long scheme_hash)
{
	return XXH64(name, strlen(name), h ^ scheme_hash);
}

static void combine_hashes(polidex_article_t *article)
{
	unsigned long long h = article->base_hash;

	for (size_t i = 0; i < article->n_schemes; i++)
		h = pdx_tagging_hash_add(h, article->schemes[i].name, article->schemes[i].hash);
	article->tag_hash = h;
}

polidex_status_t polidex_article_tag(polidex_article_t *article,
				     const polidex_thesaurus_t *thesaurus, double min_score)
{
	struct tag_lists l;

	if (!article || !thesaurus)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	l = (struct tag_lists){&article->concepts, &article->broader, &article->n_concepts,
			       &article->n_broader};
	clear_lists(&l);
	article->base_hash = pdx_concepts_fingerprint(thesaurus, min_score);
	combine_hashes(article);
	if (tag_into(article, thesaurus, min_score, &l) < 0) {
		pdx_article_fail(article, "out of memory while tagging concepts");
		return POLIDEX_STATUS_OUT_OF_MEMORY;
	}
	return POLIDEX_STATUS_SUCCESS;
}

/* The entry of ARTICLE for scheme NAME, made (empty, in name order) when it has none; NULL
 * when memory ran out. */
static struct pdx_article_scheme *scheme_entry(polidex_article_t *article, const char *name)
{
	struct pdx_article_scheme *list;
	size_t at = 0;

	while (at < article->n_schemes && strcmp(article->schemes[at].name, name) < 0)
		at++;
	if (at < article->n_schemes && strcmp(article->schemes[at].name, name) == 0)
		return &article->schemes[at];
	list = realloc(article->schemes, (article->n_schemes + 1) * sizeof *list);
	if (!list)
		return NULL;
	article->schemes = list;
	memmove(&list[at + 1], &list[at], (article->n_schemes - at) * sizeof *list);
	memset(&list[at], 0, sizeof *list);
	list[at].name = strdup(name);
	if (!list[at].name) {
		memmove(&list[at], &list[at + 1], (article->n_schemes - at) * sizeof *list);
		return NULL;
	}
	article->n_schemes++;
	return &list[at];
}

polidex_status_t polidex_article_tag_scheme(polidex_article_t *article, const char *name,
					    const polidex_thesaurus_t *thesaurus, double min_score)
{
	struct pdx_article_scheme *s;
	struct tag_lists l;

	if (!article || !thesaurus || !name)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	if (strcmp(name, POLIDEX_UNNAMED_SCHEME) == 0)
		return polidex_article_tag(article, thesaurus, min_score);
	if (!polidex_scheme_name_valid(name))
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	s = scheme_entry(article, name);
	if (!s)
		goto oom;
	l = (struct tag_lists){&s->concepts, &s->broader, &s->n_concepts, &s->n_broader};
	clear_lists(&l);
	s->hash = pdx_concepts_fingerprint(thesaurus, min_score);
	combine_hashes(article);
	if (tag_into(article, thesaurus, min_score, &l) < 0)
		goto oom;
	return POLIDEX_STATUS_SUCCESS;
oom:
	pdx_article_fail(article, "out of memory while tagging concepts of %s", name);
	return POLIDEX_STATUS_OUT_OF_MEMORY;
}
