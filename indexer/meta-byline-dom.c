/* meta-byline-dom.c: the byline a page shows, found by the markup of its authors' names. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "indexer/html.h"
#include "indexer/metadata-internal.h"
#include "util/array.h"
#include "util/buf.h"

/* The words of NODE's class attribute that concern authors, classified. */
enum author_class { AUTHOR_NONE, AUTHOR_NAME, AUTHOR_ROLE, AUTHOR_OTHER };

static enum author_class classify_author_token(const char *tok, size_t len)
{
	static const char *const subject_words[] = {
		"author", "authors", "byline", "contributor", "contributors", "writer", "fn",
		"auteur", "auteurs", "autor", "autoren", "autorin", "autore", "autori", "firma",
		"credit", "credits"};
	/* Class words run together with a subject word: "authorline", "authorinfo". */
	static const char *const subject_roots[] = {"author", "byline", "autor", "auteur"};
	static const char *const role_words[] = {"title", "role", "position", "job", "jobtitle",
						 "affiliation", "description", "desc"};
	static const char *const other_words[] = {
		"box",   "bio",    "bios",  "avatar", "image", "img",   "from",    "label",
		"prefix", "note",  "notes", "info",   "blurb", "photo", "pic",     "date",
		"time",  "social", "follow", "more",  "about", "vcard", "card",    "list",
		"wrap",  "wrapper", "link", "links"};
	int subject = 0, role = 0, other = 0;
	const char *p = tok, *end = tok + len;

	while (p < end) {
		size_t n = 0;

		while (p < end && !isalnum((unsigned char)*p))
			p++;
		while (p + n < end && isalnum((unsigned char)p[n]))
			n++;
		if (!n)
			break;
		if (pdx_word_in(p, n, subject_words, PDX_COUNT(subject_words))) {
			subject = 1;
		} else {
			const char *rest = p;
			size_t rest_n = n;

			for (size_t i = 0; i < PDX_COUNT(subject_roots); i++) {
				size_t r = strlen(subject_roots[i]);

				if (n > r && strncasecmp(p, subject_roots[i], r) == 0) {
					subject = 1;
					rest = p + r;
					rest_n = n - r;
					/* "authorsline": the plural's s belongs to the root */
					if (rest_n > 1 && (*rest == 's' || *rest == 'S')) {
						rest++;
						rest_n--;
					}
					break;
				}
			}
			if (pdx_word_in(rest, rest_n, role_words, PDX_COUNT(role_words)))
				role = 1;
			else if (pdx_word_in(rest, rest_n, other_words, PDX_COUNT(other_words)))
				other = 1;
		}
		p += n;
	}
	if (role && (subject || (len <= 9 && strncasecmp(tok, "job", 3) == 0)))
		return AUTHOR_ROLE;
	if (subject && other)
		return AUTHOR_OTHER;
	if (subject)
		return AUTHOR_NAME;
	return AUTHOR_NONE;
}

static enum author_class classify_author_element(const xmlNode *n)
{
	const char *cls = pdx_html_attr(n, "class");
	const char *itemprop = pdx_html_attr(n, "itemprop");
	enum author_class best = AUTHOR_NONE;

	if (itemprop && strcasecmp(itemprop, "jobTitle") == 0)
		return AUTHOR_ROLE;
	if (pdx_html_attr_has_token(n, "rel", "author") ||
	    (itemprop && strcasecmp(itemprop, "author") == 0))
		return AUTHOR_NAME;
	while (cls && *cls) {
		size_t len;
		enum author_class c;

		while (*cls == ' ' || *cls == '\t' || *cls == '\n')
			cls++;
		len = strcspn(cls, " \t\n\r");
		if (!len)
			break;
		c = classify_author_token(cls, len);
		if (c == AUTHOR_ROLE)
			return AUTHOR_ROLE;
		if (c == AUTHOR_NAME || (c == AUTHOR_OTHER && best == AUTHOR_NONE))
			best = c;
		cls += len;
	}
	return best;
}

static int contains_author_name_element(xmlNode *node)
{
	for (xmlNode *n = pdx_html_next(node, node, 0); n; n = pdx_html_next(n, node, 0))
		if (classify_author_element(n) == AUTHOR_NAME)
			return 1;
	return 0;
}

/* The text of NODE without the text of role elements under it. */
static char *text_without_roles(xmlNode *node)
{
	pdx_buf b = PDX_BUF_INIT;

	for (xmlNode *c = node->children; c; c = c->next) {
		/* "By Jane Doe, MPH<br>Health News": the names are the first line. */
		if (pdx_html_is(c, "br") && b.len && strspn(b.data, " \t\r\n") < b.len)
			break;
		if (c->type == XML_TEXT_NODE)
			pdx_html_append_text(c, &b);
		else if (c->type == XML_ELEMENT_NODE && !pdx_html_is_non_text(c) &&
			 classify_author_element(c) != AUTHOR_ROLE) {
			pdx_buf_addc(&b, ' ');
			pdx_html_append_text(c, &b);
			pdx_buf_addc(&b, ' ');
		}
	}
	return pdx_html_detach_text(&b);
}

/* The role line that belongs to the author element NODE: a role element inside it, or inside
 * the nearest enclosing element that holds this one author. */
static char *find_role(xmlNode *node)
{
	xmlNode *scope = node;

	for (int level = 0; level < 3 && scope; level++, scope = scope->parent) {
		if (scope->type != XML_ELEMENT_NODE || pdx_html_is(scope, "body"))
			break;
		if (level > 0 && contains_author_name_element(scope) &&
		    classify_author_element(scope) != AUTHOR_NAME) {
			/* A container of several authors: roles inside it are not this one's. */
			int names = 0;

			for (xmlNode *n = pdx_html_next(scope, scope, 0); n;
			     n = pdx_html_next(n, scope, 0))
				names += classify_author_element(n) == AUTHOR_NAME;
			if (names > 1)
				break;
		}
		for (xmlNode *n = pdx_html_next(scope, scope, 0); n;
		     n = pdx_html_next(n, scope, 0)) {
			char *t;

			if (classify_author_element(n) != AUTHOR_ROLE)
				continue;
			/* A role is a line ("Senior Fellow, Asia Program"), not a biography. */
			t = pdx_text_of_words(n, 12);
			if (t)
				return t;
		}
	}
	return NULL;
}

/* Add NAME with ROLE (or NULL) to D, taking both; a name D holds already only gains the role
 * it lacked. */
static void dom_authors_add(struct pdx_dom_authors *d, char *name, char *role)
{
	struct pdx_dom_author *items;

	for (size_t i = 0; i < d->n; i++) {
		if (strcasecmp(d->items[i].name, name) == 0) {
			if (!d->items[i].role && role) {
				d->items[i].role = role;
				role = NULL;
			}
			free(name);
			free(role);
			return;
		}
	}
	items = pdx_array_grow(d->items, d->n, sizeof *items);
	if (!items) {
		d->oom = 1;
		free(name);
		free(role);
		return;
	}
	d->items = items;
	items[d->n].name = name;
	items[d->n].role = role;
	d->n++;
}

int pdx_is_byline_furniture(const xmlNode *n)
{
	static const char *const words[] = {"related", "recommended", "popular", "trending",
					    "teaser", "teasers", "promo", "comment", "comments",
					    "recirc", "recirculation", "more", "sidebar", "footer",
					    "nav", "navigation", "menu", "rail", "widget", "feed",
					    "card", "cards"};

	if (n->type != XML_ELEMENT_NODE)
		return 0;
	if (pdx_html_is(n, "nav") || pdx_html_is(n, "aside") || pdx_html_is(n, "footer") ||
	    pdx_html_is(n, "form"))
		return 1;
	/* Page-wide state on <body> ("sidebar-primary") says nothing of one spot. */
	if (pdx_html_is(n, "body") || pdx_html_is(n, "html"))
		return 0;
	/* "author-card" is the byline's own box, not a teaser card. */
	return pdx_has_class_word(n, words, PDX_COUNT(words)) &&
	       classify_author_element(n) == AUTHOR_NONE;
}

/* Nonzero when link NODE points at an author's page, as CMSs file them. */
static int is_author_link(const xmlNode *node)
{
	static const char *const paths[] = {
		"/author/",  "/authors/",      "/staff/",       "/journaliste/", "/journalist/",
		"/experts/", "/expert/",       "/profil/",      "/profile/",     "/people/",
		"/contributors/", "/contributor/", "/autor/",   "/autoren/",     "/auteur/",
		"/writers/", "/columnists/",   "/scholars/",    "/fellows/",     "/writer/",
		"/redaktion/", "/bio/"};
	const char *href = pdx_html_attr(node, "href");

	if (!href || !pdx_html_is(node, "a"))
		return 0;
	for (size_t i = 0; i < PDX_COUNT(paths); i++)
		if (strstr(href, paths[i]))
			return 1;
	return 0;
}

/* Nonzero when B lies within a few levels of the byline that A starts: the authors of one
 * article are named together. */
static int near_byline(const xmlNode *a, const xmlNode *b)
{
	const xmlNode *up = a;

	for (int level = 0; level < 4 && up; level++, up = up->parent)
		for (const xmlNode *n = b; n; n = n->parent)
			if (n == up)
				return 1;
	return 0;
}

/* Add the names of TEXT, the text of an author element, to D, taking TEXT and ROLE: one name,
 * or a list of them ("Jane Doe and Li Wei"), the role going with a lone name only. */
static void add_dom_author_text(struct pdx_dom_authors *d, char *text, char *role)
{
	pdx_strip_byline_words(text);
	if (role)
		pdx_collapse_space(role);
	if (pdx_plausible_name(text)) {
		dom_authors_add(d, text, role);
		return;
	}
	/* "Jane Doe and Li Wei" in one element */
	polidex_article_t tmp = {0};

	if (pdx_add_author_list(&tmp, text, NULL, 0) < 0)
		d->oom = 1;
	for (size_t i = 0; i < tmp.n_authors; i++) {
		dom_authors_add(d, tmp.authors[i].name, tmp.n_authors == 1 ? role : NULL);
		tmp.authors[i].name = NULL;
	}
	if (tmp.n_authors != 1)
		free(role);
	pdx_article_clear(&tmp);
	free(text);
}

/* Names (with roles) that the visible page marks as authors: rel=author links, itemprop=author,
 * author or byline classes, and links to authors' pages; only the first byline counts, and
 * none from related lists or comments. A byline naming several people gives each. The
 * subtree under DONE (NULL for none) is passed over: a walk of it found no one, and whether an
 * element names someone depends on the element alone, so a second walk would find no one
 * there either. */
void pdx_collect_dom_authors(xmlNode *body, const xmlNode *done, struct pdx_dom_authors *d)
{
	const xmlNode *first = NULL;
	xmlNode *n = body;

	while (n && !d->oom) {
		enum author_class c;
		int skip;

		if (n == done) {
			n = pdx_html_next(n, body, 1);
			continue;
		}
		c = classify_author_element(n);
		skip = pdx_html_is_non_text(n) || pdx_is_byline_furniture(n);

		if (!skip && (c == AUTHOR_NAME || (c == AUTHOR_NONE && is_author_link(n))) &&
		    !contains_author_name_element(n) && (!first || near_byline(first, n))) {
			char *text = text_without_roles(n);
			size_t before = d->n;

			if (!text) {
				d->oom = 1;
				break;
			}
			add_dom_author_text(d, text, find_role(n));
			/* The first element that names someone is the byline. */
			if (!first && d->n > before)
				first = n;
			skip = 1;
		}
		n = pdx_html_next(n, body, skip);
	}
}

void pdx_dom_authors_release(struct pdx_dom_authors *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->items[i].name);
		free(d->items[i].role);
	}
	free(d->items);
	d->items = NULL;
	d->n = 0;
}
