/* metadata.c: a page's metadata, field by field, and the helpers the fields share. */
#include "config.h"

#include "indexer/metadata.h"

#include <ctype.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "indexer/html.h"
#include "indexer/metadata-internal.h"
#include "util/array.h"

/* ---- helpers ------------------------------------------------------------------------- */

int pdx_meta_set_clean(char **field, const char *value)
{
	char *copy;

	if (!value)
		return 0;
	copy = strdup(value);
	if (!copy)
		return -1;
	pdx_collapse_space(copy);
	if (!*copy) {
		free(copy);
		return 0;
	}
	free(*field);
	*field = copy;
	return 0;
}

size_t pdx_count_words(const char *s)
{
	size_t n = 0;
	int in = 0;

	for (; *s; s++) {
		if (*s == ' ') {
			in = 0;
		} else if (!in) {
			in = 1;
			n++;
		}
	}
	return n;
}

char *pdx_text_of_words(const xmlNode *n, size_t max_words)
{
	char *t = pdx_html_text(n);

	if (t && *t && pdx_count_words(t) <= max_words)
		return t;
	free(t);
	return NULL;
}

/* A paragraph of prose is where an article's text has begun, past the labels and lines that
 * stand above it. */
int pdx_is_prose_paragraph(const xmlNode *n)
{
	char *t;
	int prose;

	if (!pdx_html_is(n, "p"))
		return 0;
	t = pdx_html_text_short(n, 400);
	prose = !t || pdx_count_words(t) >= 12;
	free(t);
	return prose;
}

int pdx_is_absolute_url(const char *s)
{
	return s && (strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0);
}

int pdx_words_include(const char *value, const char *const *words, size_t count)
{
	for (const char *p = value; p && *p;) {
		size_t len;

		while (*p && !isalnum((unsigned char)*p))
			p++;
		len = 0;
		while (isalnum((unsigned char)p[len]))
			len++;
		if (!len)
			break;
		if (pdx_word_in(p, len, words, count))
			return 1;
		p += len;
	}
	return 0;
}

int pdx_has_class_word(const xmlNode *n, const char *const *words, size_t count)
{
	const char *id = pdx_html_attr(n, "id");

	/* An id with a dot names a thing in the text, not a part of the page's layout
	 * ("functools.partial.keywords", "turtle.position"; style sheets avoid dots in ids). */
	if (id && strchr(id, '.'))
		id = NULL;
	return pdx_words_include(pdx_html_attr(n, "class"), words, count) ||
	       pdx_words_include(id, words, count);
}

/* ---- the fields ---------------------------------------------------------------------- */

/* The site's name (which the title is read without) and the description. */
static int extract_site_and_description(polidex_article_t *a, const struct pdx_page *pg)
{
	const char *site = pdx_meta_get(pg, "og:site_name");
	const char *desc = pdx_ld_get(pg, "description");

	if (!site) {
		for (size_t i = 0; i < pg->n_ld_articles && !site; i++) {
			json_object *pub;

			if (json_object_object_get_ex(pg->ld_articles[i], "publisher", &pub))
				site = pdx_ld_string(pub);
		}
	}
	if (!site)
		site = pdx_meta_get(pg, "application-name");
	if (!desc)
		desc = pdx_meta_get(pg, "og:description");
	if (!desc)
		desc = pdx_meta_get(pg, "description");
	if (!desc)
		desc = pdx_meta_get(pg, "dc.description");
	if (pdx_meta_set_clean(&a->site_name, site) < 0)
		return -1;
	return pdx_meta_set_clean(&a->description, desc);
}

/* The text the page's JSON-LD gives as the article's (articleBody), for a page that writes
 * its text with a script; kept as it is, for the body to fall back on. */
static int extract_ld_body(polidex_article_t *a, const struct pdx_page *pg)
{
	const char *text = pdx_ld_get(pg, "articleBody");

	free(a->ld_body);
	a->ld_body = NULL;
	if (!text || !*text)
		return 0;
	a->ld_body = strdup(text);
	return a->ld_body ? 0 : -1;
}

/* The readers of the fields, in order: the title is read without the site's name, the
 * authors beside the headline, the section without the title (a breadcrumb's last link may
 * be the article itself), the translations without the page's own language. */
static int (*const field_readers[])(polidex_article_t *, const struct pdx_page *) = {
	extract_site_and_description,
	pdx_meta_language,
	pdx_meta_title,
	pdx_meta_authors,
	pdx_meta_date,
	pdx_meta_modified,
	pdx_meta_section,
	pdx_meta_tags,
	pdx_meta_links,
	extract_ld_body,
	pdx_meta_kind,
};

int pdx_metadata_extract(polidex_article_t *a, xmlDoc *doc)
{
	struct pdx_page pg = {0};
	int rc = pdx_page_read(&pg, doc);

	for (size_t i = 0; i < PDX_COUNT(field_readers) && rc == 0; i++)
		rc = field_readers[i](a, &pg);
	pdx_page_release(&pg);
	return rc < 0 ? -1 : 0;
}
