/* tag.c: tagging an article with the concepts of a thesaurus, and their ancestors. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "concepts/concepts.h"
#include "indexer/article.h"
#include "polidex.h"

static int add_ancestor(polidex_article_t *a, const char *id, const char *label)
{
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
	list[a->n_broader].id = strdup(id);
	list[a->n_broader].label = strdup(label);
	if (!list[a->n_broader].id || !list[a->n_broader].label) {
		free(list[a->n_broader].id);
		free(list[a->n_broader].label);
		return -1;
	}
	a->n_broader++;
	return 0;
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
		struct pdx_article_concept *c = &article->concepts[i];

		c->id = strdup(pdx_concepts_uri(thesaurus, tags[i].concept));
		c->label = strdup(pdx_concepts_label(thesaurus, tags[i].concept, article->language));
		c->count = tags[i].count;
		c->score = tags[i].score;
		article->n_concepts++;
		if (!c->id || !c->label)
			goto oom;
	}
	/* Ancestors after every tag, so that a tagged concept is never listed as an ancestor. */
	for (size_t i = 0; i < n; i++) {
		size_t k = pdx_concepts_ancestors(thesaurus, tags[i].concept, anc, 64);

		for (size_t j = 0; j < k && j < 64; j++)
			if (add_ancestor(article, pdx_concepts_uri(thesaurus, anc[j]),
					 pdx_concepts_label(thesaurus, anc[j], article->language)) < 0)
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

