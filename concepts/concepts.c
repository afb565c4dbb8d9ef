/* concepts.c: the thesaurus object of the public API, and tagging articles with it. */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "stemmers/stemmers.h"
#include "polidex.h"
#include "concepts/compiled.h"
#include "concepts/concepts.h"
#include "concepts/tagger.h"
#include "concepts/thesaurus.h"

#include <xxhash.h>

/* Written while loading and only read after, but for the tagger's per-thread caches, which
 * the tagger keeps apart: a loaded thesaurus serves any number of threads at once. */
struct _polidex_thesaurus {
	pdx_thesaurus_t *th;
	pdx_tagger_t *tagger;  /* compiled when the thesaurus loads */
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

unsigned long long pdx_concepts_scheme_id(const polidex_thesaurus_t *thesaurus)
{
	double none = 0;

	if (!thesaurus)
		return 0;
	return XXH64(&none, sizeof none,
		     thesaurus->fp ^ ((unsigned long long)PDX_COMPILED_VERSION << 56));
}

unsigned long long pdx_concepts_fingerprint(const polidex_thesaurus_t *thesaurus,
					    double min_score)
{
	if (!thesaurus)
		return 0;
	/* The tagger's version too: a page tagged by another scoring is tagged again. */
	return XXH64(&min_score, sizeof min_score,
		     thesaurus->fp ^ ((unsigned long long)PDX_COMPILED_VERSION << 56) ^
			     ((unsigned long long)PDX_TAGGER_SCORING << 48));
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
	t->tagger = pdx_tagger_new(t->th);
	if (!t->tagger) {
		pdx_thesaurus_free(t->th);
		free(t);
		if (error_message)
			*error_message =
				strdup("out of memory while compiling the thesaurus's labels");
		return POLIDEX_STATUS_OUT_OF_MEMORY;
	}
	t->fp = file_hash(path);
	*out = t;
	return POLIDEX_STATUS_SUCCESS;
}

int pdx_concepts_compile(const polidex_thesaurus_t *thesaurus, char **out, size_t *len)
{
	pdx_buf b = PDX_BUF_INIT;

	*out = NULL;
	*len = 0;
	if (pdx_compiled_write(thesaurus->th, thesaurus->tagger, thesaurus->fp, &b) < 0) {
		pdx_buf_release(&b);
		return -1;
	}
	*len = b.len;
	*out = pdx_buf_detach(&b);
	return *out ? 0 : -1;
}

polidex_status_t pdx_concepts_read_compiled(char *data, size_t len, polidex_thesaurus_t **out,
					    char *error, size_t error_len)
{
	polidex_thesaurus_t *t = calloc(1, sizeof *t);
	uint64_t fp = 0;
	int rc;

	*out = NULL;
	if (!t) {
		free(data);
		snprintf(error, error_len, "out of memory reading the compiled scheme");
		return POLIDEX_STATUS_OUT_OF_MEMORY;
	}
	rc = pdx_compiled_read(data, len, &t->th, &t->tagger, &fp, error, error_len);
	if (rc < 0) {
		free(t);
		return rc == -2 ? POLIDEX_STATUS_OUT_OF_MEMORY : POLIDEX_STATUS_FILE_ERROR;
	}
	t->fp = fp;
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

const char *polidex_thesaurus_get_source(const polidex_thesaurus_t *thesaurus)
{
	return thesaurus ? thesaurus->th->path : NULL;
}

int polidex_thesaurus_same(const polidex_thesaurus_t *a, const polidex_thesaurus_t *b)
{
	return a && b && a->fp == b->fp;
}

long pdx_concepts_lookup(const polidex_thesaurus_t *thesaurus, const char *value)
{
	const pdx_thesaurus_t *th = thesaurus->th;
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
			const char *text = c->labels[k].text;
			char *label = pdx_normalise(text, strlen(text), NULL);

			if (label && strcmp(label, want) == 0)
				found = (long)i;
			free(label);
		}
	}
	free(want);
	return found;
}

long pdx_concepts_covering(const polidex_thesaurus_t *thesaurus, const char *text,
			   const char *language, size_t **out)
{
	*out = NULL;
	return pdx_tagger_cover(thesaurus->tagger, text, language, out);
}

int pdx_concepts_cover_groups(const polidex_thesaurus_t *thesaurus, pdx_cover_group_fn fn,
			      void *ctx)
{
	return pdx_tagger_cover_groups(thesaurus->tagger, fn, ctx);
}

int pdx_concepts_cover_forms(const char *text, const char *language, pdx_cover_form_fn fn,
			     void *ctx)
{
	return pdx_tagger_cover_forms(text, language, fn, ctx);
}

long pdx_concepts_cover_match(const struct pdx_cover_group *groups, size_t n_groups,
			      const char *text, const char *language, char ***out)
{
	return pdx_tagger_cover_groups_match(groups, n_groups, text, language, out);
}

int pdx_concepts_tag(const polidex_thesaurus_t *thesaurus, const char *title, const char *body,
		     const char *language, double min_score, struct pdx_concept_tag **out,
		     size_t *n)
{
	struct pdx_tag *tags = NULL;
	size_t k = 0;

	*out = NULL;
	*n = 0;
	if (pdx_tagger_tag(thesaurus->tagger, title, body, language, min_score, &tags, &k) < 0)
		return -1;
	*out = calloc(k ? k : 1, sizeof **out);
	if (!*out) {
		free(tags);
		return -1;
	}
	for (size_t i = 0; i < k; i++) {
		(*out)[i].concept = tags[i].concept;
		(*out)[i].count = tags[i].count;
		(*out)[i].score = tags[i].score;
	}
	*n = k;
	free(tags);
	return 0;
}

size_t pdx_concepts_ancestors(const polidex_thesaurus_t *thesaurus, size_t i, size_t *out,
			      size_t max)
{
	return pdx_thesaurus_ancestors(thesaurus->th, i, out, max);
}

long pdx_concepts_find(const polidex_thesaurus_t *thesaurus, const char *uri)
{
	return pdx_thesaurus_find(thesaurus->th, uri);
}

const char *pdx_concepts_uri(const polidex_thesaurus_t *thesaurus, size_t i)
{
	return thesaurus->th->concepts[i].uri;
}

const char *pdx_concepts_label(const polidex_thesaurus_t *thesaurus, size_t i,
			       const char *language)
{
	return pdx_thesaurus_label(thesaurus->th, i, language);
}

int pdx_concepts_is_top(const polidex_thesaurus_t *thesaurus, size_t i)
{
	return thesaurus->th->concepts[i].n_broader == 0;
}

int pdx_concepts_has_broader(const polidex_thesaurus_t *thesaurus, size_t i, size_t parent)
{
	const struct pdx_concept *c = &thesaurus->th->concepts[i];

	for (size_t b = 0; b < c->n_broader; b++)
		if (c->broader[b] == parent)
			return 1;
	return 0;
}

const char *pdx_concepts_path(const polidex_thesaurus_t *thesaurus)
{
	return thesaurus->th->path;
}

unsigned long pdx_concepts_serial(const polidex_thesaurus_t *thesaurus)
{
	return thesaurus->th->serial;
}
