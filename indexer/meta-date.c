/* meta-date.c: when a page was published and last modified. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "indexer/html.h"
#include "indexer/metadata-internal.h"
#include "util/array.h"
#include "util/date.h"

/* Whether the class attribute CLS (or NULL) marks a comment thread (a class "comment" or
 * "comments") and whether a word of it names a date ("post-date", "timestamp"). */
static void date_classes(const char *cls, int *comment, int *date)
{
	static const char *const words[] = {"date", "time", "published", "pubdate", "posted",
					    "dateline", "timestamp", "publish"};

	*comment = pdx_html_has_token(cls, "comment") || pdx_html_has_token(cls, "comments");
	*date = pdx_words_include(cls, words, PDX_COUNT(words));
}

/* A date written in a short line of its own near the top ("发布时间：2019年7月18日", "By Maria
 * Gonzalez | June 3, 2020"): before the prose that follows the headline, where dates are
 * examples and events ("SELECT date '1999-01-08'"). */
static int find_text_date(xmlNode *body, char out[11])
{
	int seen = 0, headline = 0;

	for (xmlNode *n = body; n && seen < 400;) {
		char *t;
		int found;

		if (pdx_html_is_non_text(n) || pdx_is_byline_furniture(n) || pdx_html_is(n, "a")) {
			n = pdx_html_next(n, body, 1);
			continue;
		}
		seen++;
		if (pdx_html_is(n, "h1"))
			headline = 1;
		else if (headline && pdx_is_prose_paragraph(n))
			return 0;
		t = pdx_html_text_short(n, 160);
		found = t && pdx_date_find(t, out);
		free(t);
		if (found)
			return 1;
		n = pdx_html_next(n, body, 0);
	}
	return 0;
}

/* The visible publication date: itemprop=datePublished, then <time datetime>, then the text
 * of elements with a date class; comments excluded. One walk finds all three; last, a dated
 * line of text. */
static int find_dom_date(xmlNode *body, char out[11])
{
	char time_date[11] = "", class_date[11] = "";
	xmlNode *n, *skip_end = NULL;
	int skipping = 0, comment, dated;

	for (n = body; n; n = pdx_html_next(n, body, 0)) {
		const char *ip = pdx_html_attr(n, "itemprop");

		if (ip && strcasecmp(ip, "datePublished") == 0) {
			const char *v = pdx_html_attr(n, "datetime");

			if (!v)
				v = pdx_html_attr(n, "content");
			if (v && pdx_date_find(v, out))
				return 1;
		}
		/* Inside comments and scripts only microdata counts; the walk is out of such a
		 * subtree when it reaches the node that follows it. */
		if (skipping && n == skip_end)
			skipping = 0;
		if (skipping)
			continue;
		date_classes(pdx_html_attr(n, "class"), &comment, &dated);
		if (comment || pdx_html_is_non_text(n)) {
			skipping = 1;
			skip_end = pdx_html_next(n, body, 1);
			/* The subtree's root is checked for microdata above; its children below. */
			continue;
		}
		if (*time_date)
			continue;
		if (pdx_html_is(n, "time")) {
			const char *v = pdx_html_attr(n, "datetime");

			if (v)
				pdx_date_find(v, time_date);
		}
		if (!*time_date && !*class_date && dated) {
			char *t = pdx_html_text(n);

			if (t)
				pdx_date_find(t, class_date);
			free(t);
		}
	}
	if (*time_date || *class_date) {
		memcpy(out, *time_date ? time_date : class_date, 11);
		return 1;
	}
	return find_text_date(body, out);
}

/* Nonzero when one of the N CANDIDATES (NULL for a source the page lacks) holds a date, the
 * first one's in DATE. */
static int first_date(const char *const *candidates, size_t n, char date[11])
{
	for (size_t i = 0; i < n; i++)
		if (candidates[i] && pdx_date_find(candidates[i], date))
			return 1;
	return 0;
}

int pdx_meta_modified(polidex_article_t *a, const struct pdx_page *pg)
{
	const char *candidates[] = {
		pdx_ld_get(pg, "dateModified"),         pdx_meta_get(pg, "article:modified_time"),
		pdx_meta_get(pg, "og:updated_time"),    pdx_meta_get(pg, "dcterms.modified"),
		pdx_meta_get(pg, "last-modified"),      pdx_meta_get(pg, "dateModified"),
	};
	char date[11];

	if (first_date(candidates, PDX_COUNT(candidates), date))
		return pdx_article_set(&a->modified, date);
	return 0;
}

int pdx_meta_date(polidex_article_t *a, const struct pdx_page *pg)
{
	const char *candidates[] = {
		pdx_ld_get(pg, "datePublished"),
		pdx_meta_get(pg, "article:published_time"),
		pdx_meta_get(pg, "citation_publication_date"),
		pdx_meta_get(pg, "citation_date"),
		pdx_meta_get(pg, "citation_online_date"),
		pdx_meta_get(pg, "dc.date"),
		pdx_meta_get(pg, "dcterms.issued"),
		pdx_meta_get(pg, "dcterms.date"),
		pdx_meta_get(pg, "dcterms.created"),
		pdx_meta_get(pg, "dc.date.issued"),
		pdx_meta_get(pg, "parsely-pub-date"),
		pdx_meta_get(pg, "sailthru.date"),
		pdx_meta_get(pg, "og:published_time"),
		pdx_meta_get(pg, "publishdate"),
		pdx_meta_get(pg, "publish-date"),
		pdx_meta_get(pg, "pubdate"),
		pdx_meta_get(pg, "publication_date"),
		pdx_meta_get(pg, "date"),
		pdx_ld_get(pg, "dateCreated"),
	};
	char date[11];

	if (first_date(candidates, PDX_COUNT(candidates), date))
		return pdx_article_set(&a->date, date);
	if (find_dom_date(pg->body, date))
		return pdx_article_set(&a->date, date);
	return 0;
}
