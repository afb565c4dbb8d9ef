/* meta-section.c: a page's section, tags, translations and canonical URL. */
#include "config.h"

#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "indexer/html.h"
#include "indexer/metadata.h"
#include "indexer/metadata-internal.h"
#include "util/array.h"

/* Nonzero for the label of a link to the site's home page. */
static int is_home_label(const char *s)
{
	return strcasecmp(s, "home") == 0 || strcasecmp(s, "homepage") == 0 ||
	       strcmp(s, "\xe9\xa6\x96\xe9\xa1\xb5") == 0 /* 首页 */ ||
	       strcmp(s, "\xe9\xa6\x96\xe9\xa0\x81") == 0 /* 首頁 */;
}

/* The first link under BOX (BOX included) after L in page order, the first of all for L
 * NULL; NULL when there is none. */
static xmlNode *next_link(xmlNode *l, xmlNode *box)
{
	for (l = l ? pdx_html_next(l, box, 0) : box; l; l = pdx_html_next(l, box, 0))
		if (pdx_html_is(l, "a"))
			return l;
	return NULL;
}

/* 1 when BOX's text is mostly the text of its links (at least half), as in a box of tags and
 * unlike a section of prose; 0 when not; -1 when memory runs out. */
static int mostly_links(xmlNode *box)
{
	size_t link_len = 0;
	char *all;
	int mostly;

	for (xmlNode *l = next_link(NULL, box); l; l = next_link(l, box)) {
		char *t = pdx_html_text(l);

		if (!t)
			return -1;
		link_len += strlen(t); /* links do not nest: the parser closes one at the next */
		free(t);
	}
	all = pdx_html_text(box);
	if (!all)
		return -1;
	mostly = 2 * link_len >= strlen(all);
	free(all);
	return mostly;
}

/* The last link of a breadcrumb trail that is neither "Home" nor the article itself. */
static char *breadcrumb_section(const struct pdx_page *pg, const char *title)
{
	static const char *const words[] = {"breadcrumb", "breadcrumbs", "crumbs", "crumb",
					    "position", "location", "pathway"};

	for (xmlNode *n = pg->body; n; n = pdx_html_next(n, pg->body, 0)) {
		const char *label = pdx_html_attr(n, "aria-label");
		const char *itemtype = pdx_html_attr(n, "itemtype");
		char *found = NULL;

		if (!pdx_has_class_word(n, words, PDX_COUNT(words)) &&
		    !(label && strcasecmp(label, "breadcrumb") == 0) &&
		    !(itemtype && strstr(itemtype, "BreadcrumbList")))
			continue;
		/* A trail is a short line: a section whose id says "location" is prose. */
		char *line = pdx_html_text_short(n, 600);

		if (!line)
			continue;
		free(line);
		for (xmlNode *l = next_link(NULL, n); l; l = next_link(l, n)) {
			char *t = pdx_html_text(l);

			/* The deepest level that is still a link: the article's own section. */
			if (t && *t && !is_home_label(t) && pdx_count_words(t) <= 6 &&
			    !(title && strcasecmp(t, title) == 0)) {
				free(found);
				found = t;
			} else {
				free(t);
			}
		}
		return found;
	}
	return NULL;
}

/* A short label near the headline: "eyebrow", "kicker", "category". */
static char *label_section(const struct pdx_page *pg)
{
	static const char *const words[] = {"eyebrow", "kicker", "category", "overline",
					    "rubric", "rubrique", "ressort", "channel"};
	xmlNode *scope = pdx_headline_scope(pg, NULL);

	if (!scope)
		return NULL;
	int after_prose = 0;

	for (xmlNode *n = scope; n; n = pdx_html_next(n, scope, 0)) {
		char *t;

		if (n == scope)
			continue;
		if (!pdx_has_class_word(n, words, PDX_COUNT(words)) ||
		    pdx_heading_in_furniture(n)) {
			after_prose = after_prose || pdx_is_prose_paragraph(n);
			continue;
		}
		/* Once the article's prose has begun, a label is a link to the section's page
		 * ("Filed under: Neurology"); Sphinx's "Footnotes" rubric below the text is
		 * none. */
		if (after_prose && !pdx_html_is(n, "a") && !pdx_html_find(n, "a"))
			continue;
		t = pdx_text_of_words(n, 5);
		if (t && strlen(t) <= 60)
			return t;
		free(t);
	}
	return NULL;
}

/* A link marked rel=category ("Posted in Strategy"), or the navigation's current item. */
static char *linked_section(const struct pdx_page *pg)
{
	static const char *const current[] = {"active", "current", "act", "selected", "on"};

	for (xmlNode *n = pg->body; n; n = pdx_html_next(n, pg->body, 0))
		if (pdx_html_is(n, "a") && pdx_html_attr_has_token(n, "rel", "category"))
			return pdx_html_text(n);
	for (xmlNode *n = pg->body; n; n = pdx_html_next(n, pg->body, 0)) {
		const char *aria = pdx_html_attr(n, "aria-current");
		int in_nav = 0;
		char *t;

		if (!pdx_html_is(n, "a") && !pdx_html_is(n, "li"))
			continue;
		for (const xmlNode *up = n; up && up->type == XML_ELEMENT_NODE; up = up->parent)
			if (pdx_html_is(up, "nav") ||
			    pdx_html_attr_has_token(up, "role", "navigation"))
				in_nav = 1;
		if (!in_nav || !((aria && strcasecmp(aria, "page") == 0) ||
				 pdx_has_class_word(n, current, PDX_COUNT(current))))
			continue;
		t = pdx_text_of_words(n, 4);
		if (t && !is_home_label(t))
			return t;
		free(t);
	}
	return NULL;
}

/* The section the metadata declares, else the one the page shows: marked with microdata, a
 * label by the headline, a breadcrumb trail, a link to it. */
int pdx_meta_section(polidex_article_t *a, const struct pdx_page *pg)
{
	const char *candidates[] = {
		pdx_ld_get(pg, "articleSection"), pdx_meta_get(pg, "article:section"),
		pdx_meta_get(pg, "parsely-section"), pdx_meta_get(pg, "section"),
		pdx_meta_get(pg, "category"),
	};
	char *found;
	int rc;

	for (size_t i = 0; i < PDX_COUNT(candidates); i++)
		if (candidates[i] && *candidates[i])
			return pdx_meta_set_clean(&a->section, candidates[i]);
	found = pdx_microdata_text(pg, "articleSection");
	if (!found)
		found = label_section(pg);
	if (!found)
		found = breadcrumb_section(pg, a->title);
	if (!found)
		found = linked_section(pg);
	/* A section has a letter or a digit: a permalink's "¶" is none. */
	rc = pdx_meta_set_clean(&a->section,
				found && pdx_has_letter_or_digit(found) ? found : NULL);
	free(found);
	return rc;
}

/* Add the tags of LIST, separated by commas or semicolons. */
static int add_tag_list(polidex_article_t *a, const char *list)
{
	char *copy = strdup(list);
	char *save = NULL;
	int rc = 0;

	if (!copy)
		return -1;
	for (char *p = strtok_r(copy, ",;", &save); p && rc == 0; p = strtok_r(NULL, ",;", &save)) {
		pdx_collapse_space(p);
		if (*p && strlen(p) <= 80)
			rc = pdx_article_add_tag(a, p);
	}
	free(copy);
	return rc;
}

/* The links of BOX, an element whose class or id says tags, as tags. A box of tags is mostly
 * the text of its links, so a section whose id says "topics" and holds prose gives none; a
 * tag is a few words with a letter or a digit (a "¶" permalink is none). Returns -1 when
 * memory runs out. */
static int add_box_tags(polidex_article_t *a, xmlNode *box)
{
	int rc = mostly_links(box);

	if (rc <= 0)
		return rc;
	rc = 0;
	for (xmlNode *l = next_link(NULL, box); l && rc == 0; l = next_link(l, box)) {
		char *t = pdx_html_text(l);

		if (!t)
			rc = -1;
		else if (*t && pdx_count_words(t) <= 6 && pdx_has_letter_or_digit(t))
			rc = pdx_article_add_tag(a, t);
		free(t);
	}
	return rc;
}

/* The tags of JSON-LD's keywords, else of article:tag meta tags, else the page's tag links,
 * else the keywords meta tags. */
int pdx_meta_tags(polidex_article_t *a, const struct pdx_page *pg)
{
	static const char *const words[] = {"tags",     "tag",    "topics",
					    "keywords", "tagged", "labels"};
	int rc = 0;

	for (size_t i = 0; i < pg->n_ld_articles && a->n_tags == 0 && rc == 0; i++) {
		json_object *v;

		if (!json_object_object_get_ex(pg->ld_articles[i], "keywords", &v))
			continue;
		if (json_object_is_type(v, json_type_string)) {
			rc = add_tag_list(a, json_object_get_string(v));
		} else if (json_object_is_type(v, json_type_array)) {
			for (size_t k = 0; k < json_object_array_length(v) && rc == 0; k++) {
				const char *s = pdx_ld_string(json_object_array_get_idx(v, k));

				if (s)
					rc = add_tag_list(a, s);
			}
		}
	}
	if (a->n_tags == 0)
		for (size_t i = 0; i < pg->n_metas && rc == 0; i++)
			if (strcasecmp(pg->metas[i].key, "article:tag") == 0)
				rc = add_tag_list(a, pg->metas[i].content);
	if (a->n_tags == 0 && rc == 0) {
		/* Links marked rel=tag, or inside a tags box. */
		xmlNode *n = pg->body;

		while (n && rc == 0) {
			int in_box = pdx_has_class_word(n, words, PDX_COUNT(words));

			if (pdx_html_is(n, "a") && pdx_html_attr_has_token(n, "rel", "tag") &&
			    !pdx_html_attr_has_token(n, "rel", "category")) {
				char *t = pdx_html_text(n);

				if (!t)
					rc = -1;
				else if (pdx_has_letter_or_digit(t))
					rc = pdx_article_add_tag(a, t);
				free(t);
			} else if (in_box && !pdx_html_is(n, "a")) {
				rc = add_box_tags(a, n);
				if (a->n_tags) {
					n = pdx_html_next(n, pg->body, 1);
					continue;
				}
			}
			n = pdx_html_next(n, pg->body, 0);
		}
	}
	for (const char *key = "news_keywords"; a->n_tags == 0 && rc == 0 && key;
	     key = strcmp(key, "keywords") ? "keywords" : NULL) {
		const char *v = pdx_meta_get(pg, key);

		if (v)
			rc = add_tag_list(a, v);
	}
	return rc;
}

/* The page's translations (alternate links with hreflang) and its canonical URL (the link
 * element, else og:url, else JSON-LD's url). */
int pdx_meta_links(polidex_article_t *a, const struct pdx_page *pg)
{
	int rc = 0;
	const char *canonical = NULL;

	for (xmlNode *n = pg->root; n && rc == 0; n = pdx_html_next(n, pg->root, 0)) {
		const char *href, *hreflang;

		if (!pdx_html_is(n, "link"))
			continue;
		href = pdx_html_attr(n, "href");
		if (!href || !*href)
			continue;
		if (pdx_html_attr_has_token(n, "rel", "canonical") && !canonical)
			canonical = href;
		hreflang = pdx_html_attr(n, "hreflang");
		if (hreflang && pdx_html_attr_has_token(n, "rel", "alternate") &&
		    strcasecmp(hreflang, "x-default") != 0) {
			char tag[16];

			/* The page's own language among its alternates is the page itself. */
			if (a->language && pdx_language_normalise(hreflang, tag, sizeof tag) &&
			    strcmp(tag, a->language) == 0)
				continue;
			rc = pdx_article_add_translation(a, hreflang, href);
		}
	}
	if (!pdx_is_absolute_url(canonical))
		canonical = pdx_meta_get(pg, "og:url");
	if (!pdx_is_absolute_url(canonical))
		canonical = pdx_ld_get(pg, "url");
	if (rc == 0 && pdx_is_absolute_url(canonical))
		rc = pdx_article_set(&a->canonical_url, canonical);
	return rc;
}
