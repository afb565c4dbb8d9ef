/* tag.c: tagging an article with the concepts of a thesaurus, and their ancestors. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "concepts/concepts.h"
#include "indexer/article.h"
#include "polidex.h"

/* Give C copies of the URI of concept CONCEPT of TH and of its label in LANGUAGE. Returns 0,
 * or -1 when memory ran out (C then holds what was copied, for pdx_article_clear_concepts()
 * to free). */
static int set_concept(struct pdx_article_concept *c, const polidex_thesaurus_t *th,
		       size_t concept, const char *language)
{
	c->id = strdup(pdx_concepts_uri(th, concept));
	c->label = strdup(pdx_concepts_label(th, concept, language));
	return c->id && c->label ? 0 : -1;
}

/* Add concept CONCEPT of TH to A's broader concepts unless A lists it already, tagged or
 * broader. Returns 0, or -1 when memory ran out. */
static int add_ancestor(polidex_article_t *a, const polidex_thesaurus_t *th, size_t concept)
{
	const char *id = pdx_concepts_uri(th, concept);
	struct pdx_article_concept *list;

	for (size_t i = 0; i < a->n_broader; i++)
		if (strcmp(a->broader[i].id, id) == 0)
			return 0;
	for (size_t i = 0; i < a->n_concepts; i++)
		if (strcmp(a->concepts[i].id, id) == 0)
			return 0;
	list = realloc(a->broader, (a->n_broader + 1) * sizeof *list);
	if (!list)
		return -1;
	a->broader = list;
	memset(&list[a->n_broader], 0, sizeof *list);
	return set_concept(&list[a->n_broader++], th, concept, a->language);
}

polidex_status_t polidex_article_tag(polidex_article_t *article,
				     const polidex_thesaurus_t *thesaurus, double min_score)
{
	struct pdx_concept_tag *tags = NULL;
	size_t n = 0, anc[64];

	if (!article || !thesaurus)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	pdx_article_clear_concepts(article);
	article->tag_hash = pdx_concepts_fingerprint(thesaurus, min_score);
	if (pdx_concepts_tag(thesaurus, article->title, article->body, article->language,
			     min_score, &tags, &n) < 0)
		goto oom;
	article->concepts = calloc(n ? n : 1, sizeof *article->concepts);
	if (!article->concepts)
		goto oom;
	for (size_t i = 0; i < n; i++) {
		struct pdx_article_concept *c = &article->concepts[article->n_concepts++];

		c->count = tags[i].count;
		c->score = tags[i].score;
		if (set_concept(c, thesaurus, tags[i].concept, article->language) < 0)
			goto oom;
	}
	/* Ancestors after every tag, so that a tagged concept is never listed as an ancestor. */
	for (size_t i = 0; i < n; i++) {
		size_t k = pdx_concepts_ancestors(thesaurus, tags[i].concept, anc, 64);

		for (size_t j = 0; j < k && j < 64; j++)
			if (add_ancestor(article, thesaurus, anc[j]) < 0)
				goto oom;
	}
	free(tags);
	return POLIDEX_STATUS_SUCCESS;
oom:
	free(tags);
	pdx_article_clear_concepts(article);
	pdx_article_fail(article, "out of memory while tagging concepts");
	return POLIDEX_STATUS_OUT_OF_MEMORY;
}

