/* article.c: the article object of the public API: creation, fields, errors. */
#include "config.h"

#include "indexer/article.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "indexer/archive.h"
#include "util/array.h"
#include "util/buf.h"
#include "lib/database.h"

polidex_article_t *polidex_article_new(const char *source)
{
	polidex_article_t *a = calloc(1, sizeof *a);

	if (!a)
		return NULL;
	if (source && pdx_article_set(&a->source, source) < 0) {
		free(a);
		return NULL;
	}
	return a;
}

void pdx_article_free_concepts(struct pdx_article_concept **concepts, size_t *n)
{
	for (size_t i = 0; i < *n; i++) {
		free((*concepts)[i].id);
		free((*concepts)[i].label);
	}
	free(*concepts);
	*concepts = NULL;
	*n = 0;
}

void pdx_article_clear_concepts(polidex_article_t *a)
{
	pdx_article_free_concepts(&a->concepts, &a->n_concepts);
	pdx_article_free_concepts(&a->broader, &a->n_broader);
	for (size_t i = 0; i < a->n_schemes; i++) {
		free(a->schemes[i].name);
		pdx_article_free_concepts(&a->schemes[i].concepts, &a->schemes[i].n_concepts);
		pdx_article_free_concepts(&a->schemes[i].broader, &a->schemes[i].n_broader);
	}
	free(a->schemes);
	a->schemes = NULL;
	a->n_schemes = 0;
	a->tag_hash = a->base_hash = 0;
}

void pdx_article_clear_authors(polidex_article_t *a)
{
	for (size_t i = 0; i < a->n_authors; i++) {
		free(a->authors[i].name);
		free(a->authors[i].role);
	}
	free(a->authors);
	a->authors = NULL;
	a->n_authors = 0;
}

void pdx_article_clear(polidex_article_t *a)
{
	char **fields[] = {&a->canonical_url, &a->title,   &a->description, &a->date,
			   &a->modified,      &a->language, &a->section,     &a->site_name,
			   &a->body, &a->ld_body};

	for (size_t i = 0; i < PDX_COUNT(fields); i++) {
		free(*fields[i]);
		*fields[i] = NULL;
	}
	a->type = NULL;
	a->declared_kinds = 0;
	a->listing = 0;
	pdx_article_clear_authors(a);
	for (size_t i = 0; i < a->n_tags; i++)
		free(a->tags[i]);
	free(a->tags);
	a->tags = NULL;
	a->n_tags = 0;
	for (size_t i = 0; i < a->n_translations; i++) {
		free(a->translations[i].language);
		free(a->translations[i].url);
	}
	free(a->translations);
	a->translations = NULL;
	a->n_translations = 0;
	pdx_article_clear_concepts(a);
	a->tag_hash = 0;
	a->encoding = NULL;
	a->error[0] = '\0';
}

static void capture_free(struct pdx_capture *c)
{
	if (!c)
		return;
	free(c->file);
	free(c->path);
	free(c->member);
	free(c->record_id);
	free(c);
}

polidex_status_t polidex_article_set_capture(polidex_article_t *article,
					     const polidex_capture_t *capture)
{
	struct pdx_capture *c;

	if (!article || !capture || !capture->file || !*capture->file)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	c = calloc(1, sizeof *c);
	if (!c)
		return POLIDEX_STATUS_OUT_OF_MEMORY;
	if (pdx_archive_timestamp(capture->date, c->timestamp) < 0) {
		free(c);
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	}
	pdx_capture_iso(c->timestamp, c->iso);
	if (capture->refers_to_date &&
	    pdx_archive_timestamp(capture->refers_to_date, c->refers_to) < 0)
		c->refers_to[0] = '\0';
	c->file = strdup(capture->file);
	c->path = realpath(capture->file, NULL);
	c->member = capture->member ? strdup(capture->member) : NULL;
	c->record_id = capture->record_id ? strdup(capture->record_id) : NULL;
	c->format = capture->format && strcmp(capture->format, "arc") == 0 ? "arc" : "warc";
	c->offset = capture->offset;
	c->revisit = capture->revisit != 0;
	c->each = capture->each != 0;
	if (!c->file || (capture->member && !c->member) ||
	    (capture->record_id && !c->record_id)) {
		capture_free(c);
		return POLIDEX_STATUS_OUT_OF_MEMORY;
	}
	if (!c->path && !(c->path = strdup(c->file))) {
		capture_free(c);
		return POLIDEX_STATUS_OUT_OF_MEMORY;
	}
	capture_free(article->capture);
	article->capture = c;
	return POLIDEX_STATUS_SUCCESS;
}

const char *polidex_article_get_capture_date(const polidex_article_t *article)
{
	return article && article->capture ? article->capture->iso : NULL;
}

void polidex_article_destroy(polidex_article_t *article)
{
	if (!article)
		return;
	pdx_article_clear(article);
	capture_free(article->capture);
	free(article->source);
	free(article->url);
	free(article->transport_charset);
	free(article->content_encoding);
	free(article->raw);
	free(article);
}

int pdx_article_set(char **field, const char *value)
{
	char *copy = NULL;

	if (value) {
		copy = strdup(value);
		if (!copy)
			return -1;
	}
	free(*field);
	*field = copy;
	return 0;
}

void pdx_article_fail(polidex_article_t *a, const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(a->error, sizeof a->error, "%s: ", a->source ? a->source : "(page)");
	if (n < 0 || (size_t)n >= sizeof a->error)
		return;
	va_start(ap, fmt);
	vsnprintf(a->error + n, sizeof a->error - (size_t)n, fmt, ap);
	va_end(ap);
}

int pdx_article_add_author(polidex_article_t *a, const char *name, const char *role)
{
	struct pdx_author *authors;

	for (size_t i = 0; i < a->n_authors; i++) {
		if (strcasecmp(a->authors[i].name, name) == 0) {
			if (!a->authors[i].role && role)
				return pdx_article_set(&a->authors[i].role, role);
			return 0;
		}
	}
	authors = pdx_array_grow(a->authors, a->n_authors, sizeof *authors);
	if (!authors)
		return -1;
	a->authors = authors;
	authors[a->n_authors].name = strdup(name);
	authors[a->n_authors].role = role ? strdup(role) : NULL;
	if (!authors[a->n_authors].name || (role && !authors[a->n_authors].role)) {
		free(authors[a->n_authors].name);
		free(authors[a->n_authors].role);
		return -1;
	}
	a->n_authors++;
	return 0;
}

int pdx_article_add_tag(polidex_article_t *a, const char *tag)
{
	char **tags;

	for (size_t i = 0; i < a->n_tags; i++)
		if (strcasecmp(a->tags[i], tag) == 0)
			return 0;
	tags = pdx_array_grow(a->tags, a->n_tags, sizeof *tags);
	if (!tags)
		return -1;
	a->tags = tags;
	tags[a->n_tags] = strdup(tag);
	if (!tags[a->n_tags])
		return -1;
	a->n_tags++;
	return 0;
}

int pdx_article_add_translation(polidex_article_t *a, const char *language, const char *url)
{
	struct pdx_translation *t;

	for (size_t i = 0; i < a->n_translations; i++)
		if (strcasecmp(a->translations[i].language, language) == 0)
			return 0;
	t = pdx_array_grow(a->translations, a->n_translations, sizeof *t);
	if (!t)
		return -1;
	a->translations = t;
	t[a->n_translations].language = strdup(language);
	t[a->n_translations].url = strdup(url);
	if (!t[a->n_translations].language || !t[a->n_translations].url) {
		free(t[a->n_translations].language);
		free(t[a->n_translations].url);
		return -1;
	}
	a->n_translations++;
	return 0;
}

const char *pdx_article_unique_id(const polidex_article_t *a)
{
	if (a->canonical_url)
		return a->canonical_url;
	if (a->url)
		return a->url;
	return a->source;
}

polidex_status_t polidex_article_set_url(polidex_article_t *article, const char *url)
{
	if (!article)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	return pdx_article_set(&article->url, url) < 0 ? POLIDEX_STATUS_OUT_OF_MEMORY
						       : POLIDEX_STATUS_SUCCESS;
}

polidex_status_t polidex_article_set_charset(polidex_article_t *article, const char *charset)
{
	if (!article)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	return pdx_article_set(&article->transport_charset, charset) < 0
		       ? POLIDEX_STATUS_OUT_OF_MEMORY
		       : POLIDEX_STATUS_SUCCESS;
}

polidex_status_t polidex_article_set_content_encoding(polidex_article_t *article,
						      const char *codings)
{
	if (!article)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	return pdx_article_set(&article->content_encoding, codings) < 0
		       ? POLIDEX_STATUS_OUT_OF_MEMORY
		       : POLIDEX_STATUS_SUCCESS;
}

const char *polidex_article_get_warning(const polidex_article_t *article)
{
	return article && article->warning[0] ? article->warning : NULL;
}

const char *polidex_article_get_encoding(const polidex_article_t *article)
{
	return article->encoding;
}

const char *polidex_article_error(const polidex_article_t *article)
{
	return article ? article->error : "";
}

const char *polidex_article_get_source(const polidex_article_t *article)
{
	return article->source;
}

const char *polidex_article_get_url(const polidex_article_t *article)
{
	return article->canonical_url ? article->canonical_url : article->url;
}

const char *polidex_article_get_title(const polidex_article_t *article)
{
	return article->title;
}

const char *polidex_article_get_date(const polidex_article_t *article)
{
	return article->date;
}

const char *polidex_article_get_modified(const polidex_article_t *article)
{
	return article->modified;
}

const char *polidex_article_get_description(const polidex_article_t *article)
{
	return article->description;
}

const char *polidex_article_get_canonical_url(const polidex_article_t *article)
{
	return article->canonical_url;
}

const char *polidex_article_get_language(const polidex_article_t *article)
{
	return article->language;
}

const char *polidex_article_get_section(const polidex_article_t *article)
{
	return article->section;
}

const char *polidex_article_get_type(const polidex_article_t *article)
{
	return article->type;
}

const char *polidex_article_get_site_name(const polidex_article_t *article)
{
	return article->site_name;
}

const char *polidex_article_get_body(const polidex_article_t *article)
{
	return article->body;
}

