/* concepts.c: the thesaurus object of the public API, and tagging articles with it. */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "indexer/article.h"
#include "indexer/document.h"
#include "stemmers/stemmers.h"
#include "polidex.h"
#include "concepts/concepts.h"
#include "concepts/tagger.h"
#include "concepts/thesaurus.h"

#include <xxhash.h>

struct _polidex_thesaurus {
	pdx_thesaurus_t *th;
	pdx_tagger_t *tagger;  /* compiled on first use */
	unsigned long long fp; /* hash of the file, for telling indexes made with it */
};

/* The hash of the file at PATH (0 when it cannot be read: the load has failed then). */
static unsigned long long file_hash(const char *path)
{
	XXH64_state_t *state = XXH64_createState();
	unsigned long long h = 0;
	char buf[65536];
	size_t n;
	FILE *fh;

	if (!state)
		return 0;
	fh = fopen(path, "rb");
	if (fh) {
		XXH64_reset(state, 0);
		while ((n = fread(buf, 1, sizeof buf, fh)) > 0)
			XXH64_update(state, buf, n);
		h = XXH64_digest(state);
		fclose(fh);
	}
	XXH64_freeState(state);
	return h;
}

unsigned long long pdx_tag_fingerprint(const polidex_thesaurus_t *thesaurus, double min_score)
{
	if (!thesaurus)
		return 0;
	return XXH64(&min_score, sizeof min_score, thesaurus->fp);
}

const char *polidex_thesaurus_default_path(void)
{
	const char *env = getenv("POLIDEX_THESAURUS");

	return env && *env ? env : PDX_PKGDATADIR "/polidex-ir.ttl";
}

/* raptor2 sets libxml2's global state up and tears it down around every parse: two loads at
 * once would free what the other uses. */
static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;

polidex_status_t polidex_thesaurus_load(const char *path, polidex_thesaurus_t **out,
					char **error_message)
{
	char error[1024];
	polidex_thesaurus_t *t;

	if (error_message)
		*error_message = NULL;
	if (!out || !path)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	*out = NULL;
	t = calloc(1, sizeof *t);
	if (!t)
		return POLIDEX_STATUS_OUT_OF_MEMORY;
	pthread_mutex_lock(&load_lock);
	t->th = pdx_thesaurus_load(path, error, sizeof error);
	pthread_mutex_unlock(&load_lock);
	if (!t->th) {
		free(t);
		if (error_message)
			*error_message = strdup(error);
		return strstr(error, "out of memory") ? POLIDEX_STATUS_OUT_OF_MEMORY
						     : POLIDEX_STATUS_FILE_ERROR;
	}
	t->fp = file_hash(path);
	*out = t;
	return POLIDEX_STATUS_SUCCESS;
}

void polidex_thesaurus_destroy(polidex_thesaurus_t *thesaurus)
{
	if (!thesaurus)
		return;
	pdx_tagger_free(thesaurus->tagger);
	pdx_thesaurus_free(thesaurus->th);
	free(thesaurus);
}

size_t polidex_thesaurus_count_concepts(const polidex_thesaurus_t *thesaurus)
{
	return thesaurus ? thesaurus->th->n_concepts : 0;
}


const pdx_thesaurus_t *pdx_thesaurus_of(const polidex_thesaurus_t *thesaurus)
{
	return thesaurus ? thesaurus->th : NULL;
}

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

polidex_status_t polidex_article_tag(polidex_article_t *article, polidex_thesaurus_t *thesaurus,
				     double min_score)
{
	struct pdx_tag *tags = NULL;
	size_t n = 0, anc[64];
	const pdx_thesaurus_t *th;

	if (!article || !thesaurus)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	pdx_article_clear_concepts(article);
	article->tag_hash = pdx_tag_fingerprint(thesaurus, min_score);
	th = thesaurus->th;
	if (!thesaurus->tagger && !(thesaurus->tagger = pdx_tagger_new(th)))
		goto oom;
	if (pdx_tagger_tag(thesaurus->tagger, article->title, article->body, article->language,
			   min_score, &tags, &n) < 0)
		goto oom;
	article->concepts = calloc(n ? n : 1, sizeof *article->concepts);
	if (!article->concepts)
		goto oom;
	for (size_t i = 0; i < n; i++) {
		struct pdx_article_concept *c = &article->concepts[i];

		c->id = strdup(th->concepts[tags[i].concept].uri);
		c->label = strdup(pdx_thesaurus_label(th, tags[i].concept, article->language));
		c->count = tags[i].count;
		c->score = tags[i].score;
		article->n_concepts++;
		if (!c->id || !c->label)
			goto oom;
	}
	/* Ancestors after every tag, so that a tagged concept is never listed as an ancestor. */
	for (size_t i = 0; i < n; i++) {
		size_t k = pdx_thesaurus_ancestors(th, tags[i].concept, anc, 64);

		for (size_t j = 0; j < k && j < 64; j++)
			if (add_ancestor(article, th->concepts[anc[j]].uri,
					 pdx_thesaurus_label(th, anc[j], article->language)) < 0)
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

long pdx_concept_lookup(const pdx_thesaurus_t *th, const char *value)
{
	long found = pdx_thesaurus_find(th, value);
	char *want;

	if (found >= 0)
		return found;
	/* The query parser folds case: compare URIs without it too. */
	for (size_t i = 0; i < th->n_concepts; i++)
		if (strcasecmp(th->concepts[i].uri, value) == 0)
			return (long)i;
	want = pdx_normalise(value, strlen(value), NULL);
	if (!want)
		return -1;
	for (size_t i = 0; i < th->n_concepts && found < 0; i++) {
		const struct pdx_concept *c = &th->concepts[i];

		for (size_t k = 0; k < c->n_labels && found < 0; k++) {
			char *label = pdx_normalise(c->labels[k].text, strlen(c->labels[k].text), NULL);

			if (label && strcmp(label, want) == 0)
				found = (long)i;
			free(label);
		}
	}
	free(want);
	return found;
}

long pdx_concepts_covering(polidex_thesaurus_t *thesaurus, const char *text, const char *language,
			   size_t **out)
{
	*out = NULL;
	if (!thesaurus->tagger && !(thesaurus->tagger = pdx_tagger_new(thesaurus->th)))
		return -1;
	return pdx_tagger_cover(thesaurus->tagger, text, language, out);
}
