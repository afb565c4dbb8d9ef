/* page-type.c: what kind of page a page is (article, listing, collection, product, forum,
 * documentation, profile, event, report, service), from what it declares (its JSON-LD types
 * and og:type), how its text was found (as an article's or as a listing's), the words of its
 * URL's path and what its body shows (prices, code). */
#include "config.h"

#include "indexer/page-type.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "indexer/html.h"
#include "util/array.h"

/* The path of URL (after its host), or "" for none. */
static const char *url_path(const char *url)
{
	const char *p = url ? strstr(url, "://") : NULL;

	if (!p)
		return "";
	p = strchr(p + 3, '/');
	return p ? p : "";
}

/* Whether the path of URL has a segment that is one of WORDS (N of them), case aside:
 * "/docs/...", "/forum/...". */
static int path_has(const char *url, const char *const *words, size_t n)
{
	const char *p = url_path(url);

	while (*p) {
		size_t len;

		while (*p == '/')
			p++;
		len = strcspn(p, "/?#");
		for (size_t i = 0; i < n; i++)
			if (len == strlen(words[i]) && strncasecmp(p, words[i], len) == 0)
				return 1;
		p += len;
		if (*p == '?' || *p == '#')
			break; /* the path ends */
	}
	return 0;
}

/* How many prices TEXT shows: a currency sign next to a number ("$34.00", "€ 12", "£9"). */
static size_t count_prices(const char *text)
{
	static const char *const signs[] = {"$", "\xe2\x82\xac", "\xc2\xa3", "\xc2\xa5"};
	size_t n = 0;

	for (const char *p = text; p && *p; p++)
		for (size_t i = 0; i < PDX_COUNT(signs); i++) {
			size_t len = strlen(signs[i]);
			const char *after = p + len;

			if (strncmp(p, signs[i], len) != 0)
				continue;
			if (*after == ' ')
				after++;
			if (isdigit((unsigned char)*after) ||
			    (p > text && isdigit((unsigned char)p[-1])))
				n++;
		}
	return n;
}

/* Add the bytes of text under NODE to *ALL, and those inside links to *LINKED. */
static void weigh_links(const xmlNode *node, int in_link, size_t *all, size_t *linked, int depth)
{
	if (depth > PDX_HTML_MAX_DEPTH)
		return;
	for (const xmlNode *c = node->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE && c->content) {
			size_t n = 0;

			for (const xmlChar *p = c->content; *p; p++)
				n += !isspace(*p);
			*all += n;
			if (in_link)
				*linked += n;
		} else if (c->type == XML_ELEMENT_NODE && !pdx_html_is_non_text(c)) {
			weigh_links(c, in_link || pdx_html_is(c, "a"), all, linked, depth + 1);
		}
	}
}

/* The share of the text of the page's main region (<main>, else its body) inside links. */
static double link_share(xmlNode *root)
{
	xmlNode *region = root ? pdx_html_find(root, "main") : NULL;
	size_t all = 0, linked = 0;

	if (!region)
		region = root ? pdx_html_find(root, "body") : NULL;
	if (!region)
		return 0;
	weigh_links(region, 0, &all, &linked, 0);
	return all ? (double)linked / (double)all : 0;
}

/* Whether BODY reads as running prose: four paragraphs or more, of 20 words each on average,
 * where a page of offers is headings and short blurbs. */
static int is_prose(const char *body)
{
	size_t paragraphs = 0, words = 0;
	int in_word = 0;

	for (const char *p = body; p && *p; p++) {
		if (*p == '\n' && p[1] == '\n')
			paragraphs++;
		if (isspace((unsigned char)*p)) {
			in_word = 0;
		} else if (!in_word) {
			in_word = 1;
			words++;
		}
	}
	paragraphs += body && *body;
	return paragraphs >= 4 && words >= 20 * paragraphs;
}

/* How many blocks of code (<pre>) the page has. */
static size_t count_code(xmlNode *root)
{
	size_t n = 0;

	for (xmlNode *x = root; x; x = pdx_html_next(x, root, 0))
		n += x->type == XML_ELEMENT_NODE && pdx_html_is(x, "pre");
	return n;
}

/* A listing's items are links: at least this share of its main region's text is linked,
 * where a page of boxes of prose read as a listing (a service's page) has less. */
#define LISTING_LINK_SHARE 0.3

/* Segments of a URL's path that name a forum's thread or a documentation's page. */
static const char *const forum_words[] = {
	"forum",       "forums",    "t",	     "thread",	       "threads", "topic",
	"community",   "discussion", "discussions", "questions", "viewtopic.php",
	"showthread.php"};
static const char *const docs_words[] = {"docs",   "doc",    "documentation", "reference",
					 "manual", "api",    "guide",	      "guides",
					 "handbook"};

void pdx_page_type(polidex_article_t *a, xmlDoc *doc)
{
	const char *url = a->canonical_url ? a->canonical_url : a->url;
	unsigned k = a->declared_kinds;
	size_t prices = count_prices(a->body);
	xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	double share = 0;

	if ((k & PDX_KIND_FORUM) || path_has(url, forum_words, PDX_COUNT(forum_words)))
		a->type = "forum";
	else if (k & PDX_KIND_PROFILE)
		a->type = "profile";
	else if ((k & PDX_KIND_EVENT) && !(k & PDX_KIND_ARTICLE))
		a->type = "event";
	else if ((k & PDX_KIND_PRODUCT) && !(k & PDX_KIND_COLLECTION))
		a->type = "product";
	else if (k & PDX_KIND_COLLECTION)
		a->type = prices >= 3 || (k & PDX_KIND_PRODUCT) ? "collection" : "listing";
	else if (a->listing && (share = link_share(root)) >= LISTING_LINK_SHARE)
		/* A listing of things with prices is a collection (a shop's category). */
		a->type = prices >= 3 ? "collection" : "listing";
	else if (a->listing && prices >= 3 && share >= LISTING_LINK_SHARE / 2)
		a->type = "collection"; /* product cards: a linked name, a blurb, a price */
	else if ((k & PDX_KIND_DOCS) || path_has(url, docs_words, PDX_COUNT(docs_words)) ||
		 (root && count_code(root) >= 3))
		a->type = "documentation";
	else if (k & PDX_KIND_REPORT)
		a->type = "report";
	else if ((k & PDX_KIND_ARTICLE) || (a->date && a->n_authors))
		a->type = "article";
	else if (!a->date && !a->n_authors && !is_prose(a->body))
		/* No date, no author, no list, no running prose: a page about what the site
		 * offers. */
		a->type = "service";
	else
		a->type = "article";
}
