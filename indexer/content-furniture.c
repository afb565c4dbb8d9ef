/* content-furniture.c: what of a page is never the article's text (its furniture). */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "indexer/content-internal.h"
#include "indexer/html.h"
#include "util/array.h"

/* Class and id words that mark furniture even beside words like "article" or "content":
 * "article-meta", "post-tags" and "entry-share" are never the article's text. */
static const char *const strong_negative_words[] = {
	"nav",        "navbar",      "navigation",    "menu",        "footer",
	"sidebar",    "share",       "sharing",       "social",      "related",
	"popular",    "newsletter",  "subscribe",     "signup",      "comment",
	"comments",   "cookie",      "cookies",       "consent",     "breadcrumb",
	"breadcrumbs", "byline",     "author",        "authors",     "meta",
	"tags",       "tag",         "promo",         "advert",      "advertisement",
	"ads",        "sponsor",     "sponsored",     "widget",      "pagination",
	"pager",      "recommended", "trending",      "masthead",    "toolbar",
	"header",     "switcher",    "lang",          "language",    "languages",
	"topics",     "keywords",    "dateline",      "date",        "timestamp",
	"disclaimer", "copyright",   "login",         "modal",       "popup",
	"outbrain",   "taboola",     "recirculation", "mostread",    "most-read",
	"label",      "eyebrow",     "kicker",        "overline",
};

/* Words that mark furniture only when no content word stands beside them. */
static const char *const weak_negative_words[] = {"more", "also", "extra", "banner", "skip",
						  "print", "tools", "utility", "aside", "bottom"};

/* Class words that start a token naming a state of the page rather than a part of it. */
static const char *const state_words[] = {"has", "with", "no", "is", "show", "hide", "not",
					  "js", "without"};

/* Class words of reader comments: never article text, however long the thread. */
static const char *const comment_words[] = {"comment", "comments", "commentlist", "disqus",
					    "respond", "replies", "reply"};

static const char *const positive_words[] = {"article", "body",  "content", "entry", "main",
					     "post",    "story", "text",    "blog",  "hentry"};

/* Elements that never hold the article's running text. */
static const char *const furniture_elements[] = {"nav",    "aside",  "footer", "header",
						 "form",   "button", "menu",   "dialog",
						 "figure", "label",  "input"};

/* Class words run together from a furniture word and another: "authorinfo", "printlinks",
 * "sharebar", "relatedposts". "commentary" is an article, not comments. */
static int has_negative_root(const char *word, size_t len)
{
	static const char *const roots[] = {"author", "byline", "share", "social", "related",
					    "print", "newsletter", "subscribe", "footer", "sidebar",
					    "breadcrumb", "cookie", "navbar", "comment"};

	if (len == 10 && strncasecmp(word, "commentary", 10) == 0)
		return 0;
	for (size_t i = 0; i < PDX_COUNT(roots); i++) {
		size_t r = strlen(roots[i]);

		if (len > r && roots[i][0] == tolower((unsigned char)word[0]) &&
		    strncasecmp(word, roots[i], r) == 0)
			return 1;
	}
	return 0;
}

int pdx_content_hint(const xmlNode *node)
{
	const char *attrs[2] = {pdx_html_attr(node, "class"), pdx_html_attr(node, "id")};
	int comments = 0, strong = 0, weak = 0, positive = 0;

	for (int k = 0; k < 2; k++) {
		const char *p = attrs[k];
		int state_token = 0;

		while (p && *p) {
			size_t n = 0;

			while (*p && !isalnum((unsigned char)*p)) {
				if (*p == ' ' || *p == '\t' || *p == '\n')
					state_token = 0;
				p++;
			}
			while (isalnum((unsigned char)p[n]))
				n++;
			if (!n)
				break;
			/* "has-sidebar", "no-header", "is-nav-open": a page's state, not its
			 * part. */
			if ((p == attrs[k] || isspace((unsigned char)p[-1])) &&
			    pdx_word_in(p, n, state_words, PDX_COUNT(state_words)))
				state_token = 1;
			if (state_token) {
				p += n;
				continue;
			}
			if (pdx_word_in(p, n, comment_words, PDX_COUNT(comment_words)))
				comments = 1;
			else if (pdx_word_in(p, n, strong_negative_words,
					     PDX_COUNT(strong_negative_words)) ||
				 has_negative_root(p, n))
				strong = 1;
			else if (pdx_word_in(p, n, weak_negative_words,
					     PDX_COUNT(weak_negative_words)))
				weak = 1;
			else if (pdx_word_in(p, n, positive_words, PDX_COUNT(positive_words)))
				positive = 1;
			p += n;
		}
	}
	if (comments)
		return -3;
	if (strong)
		return -2;
	if (positive)
		return 1;
	return weak ? -1 : 0;
}

/* Nonzero for an element the page hides (hidden, aria-hidden, display: none). */
static int is_hidden(const xmlNode *node)
{
	const char *style = pdx_html_attr(node, "style");
	const char *aria = pdx_html_attr(node, "aria-hidden");

	if (pdx_html_attr(node, "hidden"))
		return 1;
	if (aria && strcasecmp(aria, "true") == 0)
		return 1;
	if (style) {
		char compact[64];
		size_t n = 0;

		/* "display: none" with any spacing */
		for (const char *s = style; *s && n + 1 < sizeof compact; s++)
			if (*s != ' ')
				compact[n++] = (char)tolower((unsigned char)*s);
		compact[n] = '\0';
		if (strstr(compact, "display:none") || strstr(compact, "visibility:hidden"))
			return 1;
	}
	return 0;
}

/* Nonzero when NODE holds less than a third of the page's text. A container judged by its
 * class, role or visibility alone must be small: pages wrap everything in a div called
 * "inner-header-wrap" or hidden until a script shows it. An element the page's weighing
 * did not reach (inside <noscript>) counts as small. */
static int is_small(const struct pdx_content_page *ctx, const xmlNode *node)
{
	const struct pdx_node_info *ni = pdx_info_of(node);

	return !ni || ni->weight * 3 < ctx->total_weight;
}

/* Nonzero for a teaser of another article: a short block led by a heading that is all link
 * ("<h3><a href=...>Headline</a></h3><p>One line.</p>"), as section fronts and related boxes
 * are made of. A heading linked to a place in the page itself (a table of contents' way back,
 * "#toc") leads a part of this article, not a teaser. */
static int is_teaser(const xmlNode *node)
{
	const xmlNode *heading = NULL;
	size_t weight;
	int teaser = 0;

	if (!(pdx_html_is(node, "article") || pdx_html_is(node, "li") || pdx_html_is(node, "div") ||
	      pdx_html_is(node, "section")))
		return 0;
	for (const xmlNode *c = node->children; c && !heading; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (pdx_is_heading(c))
			heading = c;
		else if (pdx_html_is(c, "header") || pdx_html_is(c, "div"))
			for (const xmlNode *g = c->children; g && !heading; g = g->next)
				if (g->type == XML_ELEMENT_NODE && pdx_is_heading(g))
					heading = g;
	}
	if (!heading)
		return 0;
	weight = pdx_info_of(node) ? pdx_info_of(node)->weight : 0;
	if (weight > 400)
		return 0;
	for (const xmlNode *c = heading->children; c; c = c->next) {
		if (pdx_html_is(c, "a")) {
			const char *href = pdx_html_attr(c, "href");
			char *ht, *lt;

			if (href && href[0] == '#')
				break;
			ht = pdx_html_text(heading);
			lt = pdx_html_text(c);

			teaser = ht && lt && *lt && strcmp(ht, lt) == 0;
			free(ht);
			free(lt);
			break;
		}
	}
	return teaser;
}

/* Whether NODE is furniture, judged anew. */
static int judge_furniture(const struct pdx_content_page *ctx, const xmlNode *node)
{
	const char *role;
	int hint;

	if (node->type != XML_ELEMENT_NODE)
		return 0;
	if (pdx_html_is_non_text(node))
		return 1;
	if (pdx_html_is(node, "html") || pdx_html_is(node, "body"))
		return 0;
	if (is_hidden(node))
		return is_small(ctx, node);
	if (ctx->headers_are_text && pdx_html_is(node, "header"))
		return 0;
	for (size_t i = 0; i < PDX_COUNT(furniture_elements); i++)
		if (pdx_html_is(node, furniture_elements[i]))
			return is_small(ctx, node);
	/* The article's own containers are judged by what they hold, not by their names. */
	if (pdx_html_is(node, "main") || pdx_html_is(node, "article"))
		return 0;
	role = pdx_html_attr(node, "role");
	if (role && (strcasecmp(role, "navigation") == 0 || strcasecmp(role, "banner") == 0 ||
		     strcasecmp(role, "contentinfo") == 0 ||
		     strcasecmp(role, "complementary") == 0))
		return is_small(ctx, node);
	hint = pdx_content_hint(node);
	/* Reader comments are never an article's text, but a forum thread's posts are a
	 * listing's. */
	if (hint == -3)
		return !ctx->teasers_are_text;
	/* A listing's look goes by what elements are, not by what pages call them: page
	 * builders call every box of text a "widget". */
	if (hint < 0 && is_small(ctx, node) && !ctx->teasers_are_text)
		return 1;
	return !ctx->teasers_are_text && is_teaser(node);
}

int pdx_content_is_furniture(const struct pdx_content_page *ctx, const xmlNode *node)
{
	struct pdx_node_info *ni = node->type == XML_ELEMENT_NODE ? node->_private : NULL;

	if (!ni)
		return judge_furniture(ctx, node);
	if (ni->furniture < 0)
		ni->furniture = (signed char)judge_furniture(ctx, node);
	return ni->furniture;
}

