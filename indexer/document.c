/* document.c: the mapping from an article to the terms, values and data of its document. */
#include "config.h"

#include "indexer/document.h"

#include <ctype.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <xxhash.h>

#include "lib/database.h"
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
	t = realloc(s->texts, (s->n_texts + 1) * sizeof *t);
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
	t = realloc(s->terms, (s->n_terms + 1) * sizeof *t);
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
	v = realloc(s->values, (s->n_values + 1) * sizeof *v);
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

static int add_date(struct pdx_docspec *s, const char *date)
{
	char ymd[9];
	const char *year = NULL;
	pdx_buf v = PDX_BUF_INIT;
	int rc = 0;
	char *t;

	if (!date || strlen(date) != 10)
		return 0;
	memcpy(ymd, date, 4);
	memcpy(ymd + 4, date + 5, 2);
	memcpy(ymd + 6, date + 8, 2);
	ymd[8] = '\0';
	/* D, M and Y terms, Omega's way: filters on a day, a month or a year. */
	t = pdx_term_make("D", ymd);
	rc |= add_term_raw(s, t);
	ymd[6] = '\0';
	rc |= add_term_raw(s, pdx_term_make("M", ymd));
	ymd[4] = '\0';
	rc |= add_term_raw(s, pdx_term_make("Y", ymd));
	year = ymd;
	memcpy(ymd + 4, date + 5, 2);
	memcpy(ymd + 6, date + 8, 2);
	pdx_buf_add(&v, ymd, 8);
	rc |= add_value(s, PDX_SLOT_DATE, &v);
	{
		char y[5];
		const char *ys[1] = {y};

		memcpy(y, year, 4);
		y[4] = '\0';
		rc |= add_facet(s, PDX_SLOT_YEAR, ys, 1);
	}
	{
		char m[8];
		const char *ms[1] = {m};

		memcpy(m, date, 7);
		m[7] = '\0';
		rc |= add_facet(s, PDX_SLOT_MONTH, ms, 1);
	}
	return rc ? -1 : 0;
}

static json_object *string_or_null(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

/* The capture a page's text came from, and the span of its captures (its own only: the
 * writer widens it when it merges the URL's captures). */
static void add_capture_data(json_object *o, const polidex_article_t *a)
{
	const struct pdx_capture *c = a->capture;
	json_object *cap;
	char iso[21];

	if (!c) {
		json_object_object_add(o, "capture", NULL);
		json_object_object_add(o, "first_captured", NULL);
		json_object_object_add(o, "last_captured", NULL);
		json_object_object_add(o, "captures", json_object_new_int(0));
		return;
	}
	pdx_capture_iso(c->timestamp, iso);
	cap = json_object_new_object();
	json_object_object_add(cap, "url", string_or_null(a->url));
	json_object_object_add(cap, "date", json_object_new_string(iso));
	json_object_object_add(cap, "file", string_or_null(c->path));
	json_object_object_add(cap, "member", string_or_null(c->member));
	json_object_object_add(cap, "offset", json_object_new_int64((int64_t)c->offset));
	json_object_object_add(cap, "record_id", string_or_null(c->record_id));
	json_object_object_add(cap, "format", json_object_new_string(c->format));
	json_object_object_add(o, "capture", cap);
	json_object_object_add(o, "first_captured", json_object_new_string(iso));
	json_object_object_add(o, "last_captured", json_object_new_string(iso));
	json_object_object_add(o, "captures", json_object_new_int(1));
}

static char *build_data(const polidex_article_t *a, const char *id)
{
	json_object *o = json_object_new_object(), *authors, *tags, *translations;
	char *out;

	if (!o)
		return NULL;
	json_object_object_add(o, "id", json_object_new_string(id));
	json_object_object_add(o, "url", string_or_null(polidex_article_get_url(a)));
	json_object_object_add(o, "source",
			       string_or_null(a->capture ? a->capture->file : a->source));
	json_object_object_add(o, "title", string_or_null(a->title));
	authors = json_object_new_array();
	for (size_t i = 0; i < a->n_authors; i++) {
		json_object *au = json_object_new_object();

		json_object_object_add(au, "name", json_object_new_string(a->authors[i].name));
		if (a->authors[i].role)
			json_object_object_add(au, "role",
					       json_object_new_string(a->authors[i].role));
		json_object_array_add(authors, au);
	}
	json_object_object_add(o, "authors", authors);
	json_object_object_add(o, "canonical_url", string_or_null(a->canonical_url));
	json_object_object_add(o, "description", string_or_null(a->description));
	json_object_object_add(o, "date", string_or_null(a->date));
	json_object_object_add(o, "modified", string_or_null(a->modified));
	json_object_object_add(o, "section", string_or_null(a->section));
	json_object_object_add(o, "language", string_or_null(a->language));
	json_object_object_add(o, "site_name", string_or_null(a->site_name));
	tags = json_object_new_array();
	for (size_t i = 0; i < a->n_tags; i++)
		json_object_array_add(tags, json_object_new_string(a->tags[i]));
	json_object_object_add(o, "tags", tags);
	translations = json_object_new_object();
	for (size_t i = 0; i < a->n_translations; i++)
		json_object_object_add(translations, a->translations[i].language,
				       json_object_new_string(a->translations[i].url));
	json_object_object_add(o, "translations", translations);
	{
		json_object *concepts = json_object_new_array();

		for (size_t i = 0; i < a->n_concepts; i++) {
			json_object *c = json_object_new_object();

			json_object_object_add(c, "id", json_object_new_string(a->concepts[i].id));
			json_object_object_add(c, "label",
					       json_object_new_string(a->concepts[i].label));
			json_object_object_add(c, "count",
					       json_object_new_int((int)a->concepts[i].count));
			json_object_array_add(concepts, c);
		}
		json_object_object_add(o, "concepts", concepts);
	}
	add_capture_data(o, a);
	json_object_object_add(o, "text", string_or_null(a->body));
	out = pdx_strdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
							       JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return out;
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

int pdx_schema_build(const polidex_article_t *a, struct pdx_docspec *s)
{
	const struct pdx_capture *c = a->capture;
	char *owned_id = NULL;
	const char *id;
	const char *url = polidex_article_get_url(a);
	const char *lang = stem_language(a);
	char *host;
	int rc = 0;

	if (c) {
		rc = pdx_schema_capture(a, s);
		if (rc < 0 || c->revisit)
			return rc;
		id = owned_id = capture_id(c->timestamp, a->url, c->each);
		if (!id)
			return -1;
		free(s->id_term);
		s->id_term = NULL;
	} else {
		id = pdx_article_unique_id(a);
	}
	if (!id || !*id)
		return -2;
	s->id_term = pdx_term_make(PDX_PREFIX_ID, id);
	if (!s->id_term) {
		free(owned_id);
		return -1;
	}
	if (lang && !(s->language = strdup(lang))) {
		free(owned_id);
		return -1;
	}

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

	/* Where the page was read from, to find it again on the next run. */
	if (a->url)
		rc |= add_term_raw(s, pdx_term_make(PDX_PREFIX_SOURCE, a->url));
	{
		pdx_buf fp = PDX_BUF_INIT;
		char hex[17];

		pdx_document_fingerprint(a->content_hash, a->tag_hash, hex);
		pdx_buf_add(&fp, hex, 16);
		rc |= add_value(s, PDX_SLOT_HASH, &fp);
	}
	if (url) {
		rc |= add_term_raw(s, pdx_term_make(PDX_PREFIX_URL, url));
		host = url_host(url);
		if (host) {
			const char *hs[1] = {host};

			rc |= add_term(s, PDX_PREFIX_HOST, host);
			rc |= add_facet(s, PDX_SLOT_SITE, hs, 1);
		}
		free(host);
	}
	rc |= add_term(s, PDX_PREFIX_SECTION, a->section);
	rc |= add_term(s, PDX_PREFIX_LANGUAGE, a->language);
	rc |= add_date(s, a->date);

	{
		const char **names = calloc(a->n_authors + 1, sizeof *names);

		if (!names)
			return -1;
		for (size_t i = 0; i < a->n_authors; i++)
			names[i] = a->authors[i].name;
		rc |= add_facet(s, PDX_SLOT_AUTHORS, names, a->n_authors);
		free(names);
	}
	/* Concepts: each tagged concept and every broader one, as XC terms and in the facet
	 * slot, so that a filter or a count on a broad concept takes in the narrower ones. */
	{
		size_t n = a->n_concepts + a->n_broader;
		const char **ids = calloc(n + 1, sizeof *ids);

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
	}
	rc |= add_facet(s, PDX_SLOT_SECTION, (const char *const *)&a->section, a->section ? 1 : 0);
	rc |= add_facet(s, PDX_SLOT_TAGS, (const char *const *)a->tags, a->n_tags);
	{
		pdx_buf v = PDX_BUF_INIT;

		pdx_buf_adds(&v, id);
		rc |= add_value(s, PDX_SLOT_ID, &v);
	}
	rc |= add_facet(s, PDX_SLOT_LANGUAGE, (const char *const *)&a->language,
			a->language ? 1 : 0);

	if (c) {
		/* The capture's own date and file; merging with the URL's other captures gives
		 * their terms and entries too. */
		char *terms[4];
		pdx_buf entries = PDX_BUF_INIT;
		char year[5];

		if (pdx_capture_terms(s->capture.entry, strlen(s->capture.entry), terms) < 0) {
			rc = -1;
		} else {
			for (int i = 0; i < 4; i++)
				rc |= add_term_raw(s, terms[i]);
		}
		pdx_multivalue_add(&entries, s->capture.entry, strlen(s->capture.entry));
		rc |= add_value(s, PDX_SLOT_CAPTURES, &entries);
		{
			/* How it was tagged, apart from its bytes: a copy of the same record
			 * read again is known by its WARC-Record-ID whatever its bytes. */
			pdx_buf tagging = PDX_BUF_INIT;

			pdx_buf_addf(&tagging, "%016llx", a->tag_hash);
			rc |= add_value(s, PDX_SLOT_TAGGING, &tagging);
		}
		memcpy(year, c->timestamp, 4);
		year[4] = '\0';
		{
			const char *ys[1] = {year};

			rc |= add_facet(s, PDX_SLOT_CAPTURE_YEAR, ys, 1);
		}
	}
	s->data = build_data(a, id);
	if (!s->data)
		rc = -1;
	free(owned_id);
	return rc ? -1 : 0;
}
