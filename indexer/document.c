/* document.c: the mapping from an article to the terms, values and data of its document. */
#include "config.h"

#include "indexer/document.h"

#include <ctype.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <xxhash.h>

#include "lib/database.h"
#include "util/array.h"
#include "util/buf.h"
#include "util/multivalue.h"
#include "stemmers/stemmers.h"
#include "util/term.h"

/* Weights (wdf increments) that make a word in the title or a tag count for more than one in
 * the body. */
#define TITLE_WEIGHT 5
#define AUTHOR_WEIGHT 2
#define TAG_WEIGHT 2

void pdx_docspec_free(struct pdx_docspec *spec)
{
	free(spec->id_term);
	free(spec->capture.entry);
	free(spec->capture.url_term);
	free(spec->capture.route);
	free(spec->capture.target);
	free(spec->language);
	for (size_t i = 0; i < spec->n_texts; i++)
		free(spec->texts[i].text);
	free(spec->texts);
	for (size_t i = 0; i < spec->n_terms; i++)
		free(spec->terms[i]);
	free(spec->terms);
	for (size_t i = 0; i < spec->n_values; i++)
		free(spec->values[i].value);
	free(spec->values);
	free(spec->data);
	memset(spec, 0, sizeof *spec);
}

void pdx_document_fingerprint(unsigned long long content_hash, unsigned long long tag_hash,
			      char out[17])
{
	unsigned long long parts[3] = {content_hash, tag_hash,
				       strtoull(PDX_SCHEMA_VERSION, NULL, 10)};

	snprintf(out, 17, "%016llx", (unsigned long long)XXH64(parts, sizeof parts, 0));
}

static int add_text(struct pdx_docspec *s, const char *prefix, const char *text, unsigned weight)
{
	struct pdx_doc_text *t;
	char *norm;

	if (!text || !*text)
		return 0;
	norm = pdx_normalise(text, strlen(text), NULL);
	if (!norm)
		return -1;
	t = pdx_array_grow(s->texts, s->n_texts, sizeof *t);
	if (!t) {
		free(norm);
		return -1;
	}
	s->texts = t;
	t[s->n_texts].prefix = prefix;
	t[s->n_texts].text = norm;
	t[s->n_texts].weight = weight;
	t[s->n_texts].positions = 1;
	s->n_texts++;
	return 0;
}

static int add_term_raw(struct pdx_docspec *s, char *term)
{
	char **t;

	if (!term)
		return -1;
	for (size_t i = 0; i < s->n_terms; i++) {
		if (strcmp(s->terms[i], term) == 0) {
			free(term);
			return 0;
		}
	}
	t = pdx_array_grow(s->terms, s->n_terms, sizeof *t);
	if (!t) {
		free(term);
		return -1;
	}
	s->terms = t;
	t[s->n_terms++] = term;
	return 0;
}

/* A boolean term PREFIX + VALUE, VALUE normalised (NFKC, case-folded, spaces collapsed). */
static int add_term(struct pdx_docspec *s, const char *prefix, const char *value)
{
	char *norm;
	int rc;

	if (!value || !*value)
		return 0;
	norm = pdx_normalise(value, strlen(value), NULL);
	if (!norm)
		return -1;
	rc = add_term_raw(s, pdx_term_make(prefix, norm));
	free(norm);
	return rc;
}

static int add_value(struct pdx_docspec *s, unsigned slot, pdx_buf *b)
{
	struct pdx_doc_value *v;

	if (b->oom)
		return -1;
	v = pdx_array_grow(s->values, s->n_values, sizeof *v);
	if (!v)
		return -1;
	s->values = v;
	v[s->n_values].slot = slot;
	v[s->n_values].len = b->len;
	v[s->n_values].value = pdx_buf_detach(b);
	if (!v[s->n_values].value)
		return -1;
	s->n_values++;
	return 0;
}

static int add_facet(struct pdx_docspec *s, unsigned slot, const char *const *values, size_t n)
{
	pdx_buf b = PDX_BUF_INIT;

	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (values[i] && *values[i])
			pdx_multivalue_add(&b, values[i], strlen(values[i]));
	if (b.len == 0) {
		pdx_buf_release(&b);
		return 0;
	}
	return add_value(s, slot, &b);
}

/* The host of an http(s) URL, lower-cased, or NULL. */
static char *url_host(const char *url)
{
	const char *p = strstr(url, "://"), *end;
	char *host;

	if (!p || strncmp(url, "file:", 5) == 0)
		return NULL;
	p += 3;
	end = p + strcspn(p, "/?#:");
	if (end == p)
		return NULL;
	host = pdx_strndup(p, (size_t)(end - p));
	for (char *h = host; h && *h; h++)
		*h = (char)tolower((unsigned char)*h);
	return host;
}

/* A string value VALUE in SLOT. */
static int add_string_value(struct pdx_docspec *s, unsigned slot, const char *value)
{
	pdx_buf b = PDX_BUF_INIT;

	pdx_buf_adds(&b, value);
	return add_value(s, slot, &b);
}

/* A facet of one value, VALUE (none when it is NULL or empty). */
static int add_facet_one(struct pdx_docspec *s, unsigned slot, const char *value)
{
	return add_facet(s, slot, &value, 1);
}

/* The publication date (YYYY-MM-DD): day, month and year terms, the date's value, and the
 * year and month facets. */
static int add_date(struct pdx_docspec *s, const char *date)
{
	char ymd[9], year[5], month[8];
	pdx_buf v = PDX_BUF_INIT;
	int rc = 0;

	if (!date || strlen(date) != 10)
		return 0;
	memcpy(ymd, date, 4);
	memcpy(ymd + 4, date + 5, 2);
	memcpy(ymd + 6, date + 8, 2);
	ymd[8] = '\0';
	memcpy(year, date, 4);
	year[4] = '\0';
	memcpy(month, date, 7);
	month[7] = '\0';
	pdx_buf_add(&v, ymd, 8);
	/* D, M and Y terms, Omega's way: filters on a day, a month or a year. */
	rc |= add_term_raw(s, pdx_term_make(PDX_PREFIX_DAY, ymd));
	ymd[6] = '\0';
	rc |= add_term_raw(s, pdx_term_make(PDX_PREFIX_MONTH, ymd));
	rc |= add_term_raw(s, pdx_term_make(PDX_PREFIX_YEAR, year));
	rc |= add_value(s, PDX_SLOT_DATE, &v);
	rc |= add_facet_one(s, PDX_SLOT_YEAR, year);
	rc |= add_facet_one(s, PDX_SLOT_MONTH, month);
	return rc ? -1 : 0;
}

/* The stemming language of an article: its own when Snowball has it, English when the page
 * does not say, none for languages without a stemmer (Chinese is indexed as n-grams). */
static const char *stem_language(const polidex_article_t *a)
{
	if (!a->language)
		return "en";
	return pdx_stemmer_algorithm(a->language);
}

/* The id of a capture's document: its URL, or with each capture kept, the capture's date and
 * URL as a replay path has them ("20170306040206/http://example.com/"). A new string. */
static char *capture_id(const char *timestamp, const char *url, int each)
{
	pdx_buf b = PDX_BUF_INIT;

	if (each)
		pdx_buf_addf(&b, "%s/", timestamp);
	pdx_buf_adds(&b, url);
	return pdx_buf_detach(&b);
}

/* What the writer needs of a capture: its entry, the URL's terms, and for a revisit the
 * document it adds a date to. */
static int add_capture_spec(const polidex_article_t *a, struct pdx_docspec *s)
{
	const struct pdx_capture *c = a->capture;
	struct pdx_docspec_capture *sc = &s->capture;

	sc->kind = c->revisit ? PDX_CAPTURE_REVISIT : PDX_CAPTURE_CONTENT;
	sc->each = c->each;
	/* A capture is known again by its WARC-Record-ID (the same record in another copy of its
	 * file, even a damaged one), else by its content. */
	sc->entry = pdx_capture_entry(c->timestamp, c->revisit,
				      c->record_id ? XXH64(c->record_id, strlen(c->record_id), 0)
						   : a->content_hash,
				      c->path, c->member, c->offset, c->record_id, c->format,
				      c->refers_to);
	sc->url_term = pdx_term_make(PDX_PREFIX_SOURCE, a->url);
	sc->route = pdx_term_make(PDX_PREFIX_ID, a->url);
	if (!sc->entry || !sc->url_term || !sc->route)
		return -1;
	if (c->revisit && (!c->each || c->refers_to[0])) {
		char *target = capture_id(c->refers_to, a->url, c->each);

		sc->target = target ? pdx_term_make(PDX_PREFIX_ID, target) : NULL;
		free(target);
		if (!sc->target)
			return -1;
	}
	return 0;
}

int pdx_schema_capture(const polidex_article_t *a, struct pdx_docspec *s)
{
	const struct pdx_capture *c = a->capture;
	char *id;

	if (!c || !a->url || !*a->url)
		return -2;
	if (add_capture_spec(a, s) < 0)
		return -1;
	if (c->revisit) {
		/* A revisit only adds its date to a document: its id is the target's. */
		s->id_term = pdx_strdup(s->capture.target ? s->capture.target : s->capture.route);
		return s->id_term ? 0 : -1;
	}
	id = capture_id(c->timestamp, a->url, c->each);
	s->id_term = id ? pdx_term_make(PDX_PREFIX_ID, id) : NULL;
	free(id);
	return s->id_term ? 0 : -1;
}

/* The texts: the title (as a field of its own, and weighted in the body's terms), the authors
 * and tags (weighted, and as boolean terms) and the body. */
static int add_texts(struct pdx_docspec *s, const polidex_article_t *a)
{
	int rc = 0;

	rc |= add_text(s, PDX_PREFIX_TITLE, a->title, 1);
	rc |= add_text(s, "", a->title, TITLE_WEIGHT);
	for (size_t i = 0; i < a->n_authors; i++) {
		rc |= add_text(s, "", a->authors[i].name, AUTHOR_WEIGHT);
		rc |= add_term(s, PDX_PREFIX_AUTHOR, a->authors[i].name);
	}
	for (size_t i = 0; i < a->n_tags; i++) {
		rc |= add_text(s, "", a->tags[i], TAG_WEIGHT);
		rc |= add_term(s, PDX_PREFIX_TAG, a->tags[i]);
	}
	rc |= add_text(s, "", a->body, 1);
	return rc;
}

/* Where the page was read from, to find it again on the next run, and the fingerprint that
 * tells whether it changed. */
static int add_source(struct pdx_docspec *s, const polidex_article_t *a)
{
	char hex[17];
	int rc = 0;

	if (a->url)
		rc |= add_term_raw(s, pdx_term_make(PDX_PREFIX_SOURCE, a->url));
	pdx_document_fingerprint(a->content_hash, a->tag_hash, hex);
	rc |= add_string_value(s, PDX_SLOT_HASH, hex);
	return rc;
}

/* The URL's term, and its host's term and facet. */
static int add_url(struct pdx_docspec *s, const char *url)
{
	char *host;
	int rc;

	if (!url)
		return 0;
	rc = add_term_raw(s, pdx_term_make(PDX_PREFIX_URL, url));
	host = url_host(url);
	if (host) {
		rc |= add_term(s, PDX_PREFIX_HOST, host);
		rc |= add_facet_one(s, PDX_SLOT_SITE, host);
	}
	free(host);
	return rc;
}

/* The authors' facet. */
static int add_author_facet(struct pdx_docspec *s, const polidex_article_t *a)
{
	const char **names = calloc(a->n_authors + 1, sizeof *names);
	int rc;

	if (!names)
		return -1;
	for (size_t i = 0; i < a->n_authors; i++)
		names[i] = a->authors[i].name;
	rc = add_facet(s, PDX_SLOT_AUTHORS, names, a->n_authors);
	free(names);
	return rc;
}

/* Concepts: each tagged concept and every broader one, as XC terms and in the facet slot, so
 * that a filter or a count on a broad concept takes in the narrower ones. */
static int add_concepts(struct pdx_docspec *s, const polidex_article_t *a)
{
	size_t n = a->n_concepts + a->n_broader;
	const char **ids = calloc(n + 1, sizeof *ids);
	int rc = 0;

	if (!ids)
		return -1;
	for (size_t i = 0; i < a->n_concepts; i++)
		ids[i] = a->concepts[i].id;
	for (size_t i = 0; i < a->n_broader; i++)
		ids[a->n_concepts + i] = a->broader[i].id;
	for (size_t i = 0; i < n; i++)
		rc |= add_term_raw(s, pdx_term_make(PDX_PREFIX_CONCEPT, ids[i]));
	rc |= add_facet(s, PDX_SLOT_CONCEPTS, ids, n);
	free(ids);
	return rc;
}

/* The concepts of the named schemes: "NAME:URI" for each tagged concept and every broader
 * one, under the XN prefix and in their one facet slot. */
static int add_named_concepts(struct pdx_docspec *s, const polidex_article_t *a)
{
	size_t n = 0, k = 0;
	char **values;
	int rc = 0;

	for (size_t i = 0; i < a->n_schemes; i++)
		n += a->schemes[i].n_concepts + a->schemes[i].n_broader;
	if (n == 0)
		return 0;
	values = calloc(n, sizeof *values);
	if (!values)
		return -1;
	for (size_t i = 0; i < a->n_schemes; i++) {
		const struct pdx_article_scheme *sc = &a->schemes[i];

		for (size_t j = 0; j < sc->n_concepts + sc->n_broader; j++) {
			const char *id = j < sc->n_concepts ? sc->concepts[j].id
							    : sc->broader[j - sc->n_concepts].id;
			pdx_buf b = PDX_BUF_INIT;

			pdx_buf_addf(&b, "%s:%s", sc->name, id);
			values[k] = pdx_buf_detach(&b);
			if (!values[k++]) {
				rc = -1;
				continue;
			}
			rc |= add_term_raw(s, pdx_term_make(PDX_PREFIX_SCHEMES, values[k - 1]));
		}
	}
	if (rc == 0)
		rc = add_facet(s, PDX_SLOT_SCHEMES, (const char *const *)values, n);
	for (size_t i = 0; i < k; i++)
		free(values[i]);
	free(values);
	return rc;
}

/* The capture's own date and file; merging with the URL's other captures gives their terms
 * and entries too. */
static int add_capture_fields(struct pdx_docspec *s, const polidex_article_t *a)
{
	char *terms[4];
	pdx_buf entries = PDX_BUF_INIT;
	char tagging[17], year[5];
	int rc = 0;

	if (pdx_capture_terms(s->capture.entry, strlen(s->capture.entry), terms) < 0) {
		rc = -1;
	} else {
		for (int i = 0; i < 4; i++)
			rc |= add_term_raw(s, terms[i]);
	}
	pdx_multivalue_add(&entries, s->capture.entry, strlen(s->capture.entry));
	rc |= add_value(s, PDX_SLOT_CAPTURES, &entries);
	/* How it was tagged, apart from its bytes: a copy of the same record read again is known
	 * by its WARC-Record-ID whatever its bytes. */
	snprintf(tagging, sizeof tagging, "%016llx", a->tag_hash);
	rc |= add_string_value(s, PDX_SLOT_TAGGING, tagging);
	memcpy(year, a->capture->timestamp, 4);
	year[4] = '\0';
	rc |= add_facet_one(s, PDX_SLOT_CAPTURE_YEAR, year);
	return rc;
}

/* Describe the document of A, whose id is ID, in S. Returns as pdx_schema_build(). */
static int describe(const polidex_article_t *a, const char *id, struct pdx_docspec *s)
{
	const char *lang = stem_language(a);
	int rc = 0;

	if (!id || !*id)
		return -2;
	s->id_term = pdx_term_make(PDX_PREFIX_ID, id);
	if (!s->id_term)
		return -1;
	if (lang && !(s->language = strdup(lang)))
		return -1;
	rc |= add_texts(s, a);
	rc |= add_source(s, a);
	rc |= add_url(s, polidex_article_get_url(a));
	rc |= add_term(s, PDX_PREFIX_SECTION, a->section);
	rc |= add_term(s, PDX_PREFIX_LANGUAGE, a->language);
	rc |= add_date(s, a->date);
	rc |= add_author_facet(s, a);
	rc |= add_concepts(s, a);
	rc |= add_named_concepts(s, a);
	rc |= add_facet_one(s, PDX_SLOT_SECTION, a->section);
	rc |= add_term(s, PDX_PREFIX_TYPE, a->type);
	rc |= add_facet_one(s, PDX_SLOT_TYPE, a->type);
	rc |= add_facet(s, PDX_SLOT_TAGS, (const char *const *)a->tags, a->n_tags);
	rc |= add_string_value(s, PDX_SLOT_ID, id);
	rc |= add_facet_one(s, PDX_SLOT_LANGUAGE, a->language);
	if (a->capture)
		rc |= add_capture_fields(s, a);
	s->data = pdx_document_data(a, id);
	if (!s->data)
		rc = -1;
	return rc ? -1 : 0;
}

int pdx_schema_build(const polidex_article_t *a, struct pdx_docspec *s)
{
	const struct pdx_capture *c = a->capture;
	char *owned_id = NULL;
	const char *id;
	int rc;

	if (c) {
		rc = pdx_schema_capture(a, s);
		if (rc < 0 || c->revisit)
			return rc;
		/* A capture's own document: its id term is made again from its id below. */
		id = owned_id = capture_id(c->timestamp, a->url, c->each);
		if (!id)
			return -1;
		free(s->id_term);
		s->id_term = NULL;
	} else {
		id = pdx_article_unique_id(a);
	}
	rc = describe(a, id, s);
	free(owned_id);
	return rc;
}
