/* content.c: main-text extraction by content scoring over the DOM. */
#include "config.h"

#include "indexer/content.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "indexer/html.h"

/* Paragraphs shorter than this (in weighted characters, see text_weight()) add nothing to
 * their container's score. */
#define MIN_PARAGRAPH_WEIGHT 25

struct candidate {
	xmlNode *node;
	double score;
};

struct page_ctx;

struct scorer {
	const struct page_ctx *ctx;
	struct candidate *cands;
	size_t n, alloc;
};

/* Class and id words that mark furniture even beside words like "article" or "content":
 * "article-meta", "post-tags" and "entry-share" are never the article's text. */
static const char *const strong_negative_words[] = {
	"nav",       "navbar",  "navigation", "menu",      "footer",     "sidebar",  "share",
	"sharing",   "social",  "related",    "popular",   "newsletter", "subscribe", "signup",
	"comment",   "comments", "cookie",    "cookies",   "consent",    "breadcrumb", "breadcrumbs",
	"byline",    "author",  "authors",    "meta",      "tags",       "tag",      "promo",
	"advert",    "advertisement", "ads",  "sponsor",   "sponsored",  "widget",   "pagination",
	"pager",     "recommended", "trending", "masthead", "toolbar",   "header",   "switcher",
	"lang",      "language", "languages", "topics",    "keywords",   "dateline", "date",
	"timestamp", "disclaimer", "copyright", "login",   "modal",      "popup",    "outbrain",
	"taboola",   "recirculation", "mostread", "most-read", "label", "eyebrow", "kicker",
	"overline",
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
static const char *const furniture_elements[] = {"nav", "aside", "footer", "header", "form",
						 "button", "menu", "dialog", "figure", "label", "input"};

static int word_in(const char *word, size_t len, const char *const *list, size_t n)
{
	int first = tolower((unsigned char)word[0]);

	for (size_t i = 0; i < n; i++)
		if (list[i][0] == first && strncasecmp(word, list[i], len) == 0 && !list[i][len])
			return 1;
	return 0;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Class words run together from a furniture word and another: "authorinfo", "printlinks",
 * "sharebar", "relatedposts". "commentary" is an article, not comments. */
static int has_negative_root(const char *word, size_t len)
{
	static const char *const roots[] = {"author", "byline", "share", "social", "related",
					    "print", "newsletter", "subscribe", "footer", "sidebar",
					    "breadcrumb", "cookie", "navbar", "comment"};

	if (len == 10 && strncasecmp(word, "commentary", 10) == 0)
		return 0;
	for (size_t i = 0; i < sizeof roots / sizeof roots[0]; i++) {
		size_t r = strlen(roots[i]);

		if (len > r && roots[i][0] == tolower((unsigned char)word[0]) &&
		    strncasecmp(word, roots[i], r) == 0)
			return 1;
	}
	return 0;
}

/* Classify the words of the class and id attributes: -3 comments, -2 strong negative, -1 weak
 * negative only, +1 positive, 0 nothing known. */
static int hint_class(const xmlNode *node)
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
			/* "has-sidebar", "no-header", "is-nav-open": a page's state, not its part. */
			if ((p == attrs[k] || isspace((unsigned char)p[-1])) &&
			    word_in(p, n, state_words, COUNT(state_words)))
				state_token = 1;
			if (state_token) {
				p += n;
				continue;
			}
			if (word_in(p, n, comment_words, COUNT(comment_words)))
				comments = 1;
			else if (word_in(p, n, strong_negative_words, COUNT(strong_negative_words)) ||
				 has_negative_root(p, n))
				strong = 1;
			else if (word_in(p, n, weak_negative_words, COUNT(weak_negative_words)))
				weak = 1;
			else if (word_in(p, n, positive_words, COUNT(positive_words)))
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

/* Characters of text, a CJK (or other non-Latin) character counting double: a Chinese
 * paragraph says as much in far fewer characters. */
static size_t text_weight(const char *s);

/* What the walks over one page share. */
/* What the walks know of each element, computed once per page: the weight of its text and of
 * the text of its links, and its candidate (index + 1, 0 for none). Hung on node->_private. */
struct node_info {
	xmlNode *node;
	size_t weight;
	size_t link_weight;
	size_t commas;
	size_t cand;
	signed char furniture; /* -1 until judged, then 0 or 1 */
};

struct page_ctx {
	size_t total_weight;  /* text weight of the whole body */
	int headers_are_text; /* second look at a page whose only text is in <header> */
	struct node_info *info;
	size_t n_info;
};

static const struct node_info *info_of(const xmlNode *node)
{
	return node->type == XML_ELEMENT_NODE ? node->_private : NULL;
}

/* Nonzero when NODE holds less than a third of the page's text. A container judged by its
 * class, role or visibility alone must be small: pages wrap everything in a div called
 * "inner-header-wrap" or hidden until a script shows it. */
static int is_small(const struct page_ctx *ctx, const xmlNode *node)
{
	const struct node_info *ni = info_of(node);

	return ni && ni->weight * 3 < ctx->total_weight;
}

static int is_heading(const xmlNode *n);

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
		if (is_heading(c))
			heading = c;
		else if (pdx_html_is(c, "header") || pdx_html_is(c, "div"))
			for (const xmlNode *g = c->children; g && !heading; g = g->next)
				if (g->type == XML_ELEMENT_NODE && is_heading(g))
					heading = g;
	}
	if (!heading)
		return 0;
	weight = info_of(node) ? info_of(node)->weight : 0;
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

static int judge_furniture(const struct page_ctx *ctx, const xmlNode *node);

/* Whether NODE is furniture, judged once per page. */
static int is_furniture(const struct page_ctx *ctx, const xmlNode *node)
{
	struct node_info *ni = node->type == XML_ELEMENT_NODE ? node->_private : NULL;

	if (!ni)
		return judge_furniture(ctx, node);
	if (ni->furniture < 0)
		ni->furniture = (signed char)judge_furniture(ctx, node);
	return ni->furniture;
}

static int judge_furniture(const struct page_ctx *ctx, const xmlNode *node)
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
	for (size_t i = 0; i < COUNT(furniture_elements); i++)
		if (pdx_html_is(node, furniture_elements[i]))
			return is_small(ctx, node);
	/* The article's own containers are judged by what they hold, not by their names. */
	if (pdx_html_is(node, "main") || pdx_html_is(node, "article"))
		return 0;
	role = pdx_html_attr(node, "role");
	if (role && (strcasecmp(role, "navigation") == 0 || strcasecmp(role, "banner") == 0 ||
		     strcasecmp(role, "contentinfo") == 0 || strcasecmp(role, "complementary") == 0))
		return is_small(ctx, node);
	hint = hint_class(node);
	if (hint == -3)
		return 1;
	if (hint < 0 && is_small(ctx, node))
		return 1;
	return is_teaser(node);
}

static size_t text_weight(const char *s)
{
	size_t w = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x80)
			w++;
		else if ((*p & 0xc0) != 0x80)
			w += 2;
	}
	return w;
}

static size_t count_commas(const char *s)
{
	size_t n = 0;

	for (const char *p = s; *p; p++) {
		if (*p == ',')
			n++;
		else if (strncmp(p, "\xef\xbc\x8c", 3) == 0 || strncmp(p, "\xe3\x80\x81", 3) == 0 ||
			 strncmp(p, "\xe3\x80\x82", 3) == 0) /* ，、。 */
			n++;
	}
	return n;
}

static int is_block_element(const xmlNode *n)
{
	static const char *const blocks[] = {
		"p",       "div",     "section", "article", "main",   "h1",     "h2",     "h3",
		"h4",      "h5",      "h6",      "ul",      "ol",     "li",     "dl",     "dt",
		"dd",      "blockquote", "pre",  "table",   "thead",  "tbody",  "tfoot",  "tr",
		"caption", "figcaption", "address", "hr",   "header", "footer", "nav",    "aside",
		"details", "summary", "center", "form"};

	for (size_t i = 0; i < COUNT(blocks); i++)
		if (pdx_html_is(n, blocks[i]))
			return 1;
	return 0;
}

static int has_block_child(const xmlNode *node)
{
	for (const xmlNode *c = node->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && is_block_element(c))
			return 1;
	return 0;
}

static int is_paragraph_like(const xmlNode *n)
{
	if (pdx_html_is(n, "p") || pdx_html_is(n, "pre") || pdx_html_is(n, "td") ||
	    pdx_html_is(n, "blockquote") || pdx_html_is(n, "dd"))
		return 1;
	/* Many pages (Chinese ones especially) write paragraphs as bare divs. */
	return (pdx_html_is(n, "div") || pdx_html_is(n, "section")) &&
	       !has_block_child(n);
}

static struct candidate *candidate_for(struct scorer *s, xmlNode *node)
{
	struct node_info *ni = node->_private;

	if (!ni)
		return NULL;
	if (ni->cand)
		return &s->cands[ni->cand - 1];
	if (s->n == s->alloc) {
		size_t alloc = s->alloc ? s->alloc * 2 : 64;
		struct candidate *c = realloc(s->cands, alloc * sizeof *c);

		if (!c)
			return NULL;
		s->cands = c;
		s->alloc = alloc;
	}
	s->cands[s->n].node = node;
	s->cands[s->n].score = 0;
	if (pdx_html_is(node, "article") || pdx_html_is(node, "main"))
		s->cands[s->n].score += 10;
	else if (pdx_html_is(node, "div"))
		s->cands[s->n].score += 5;
	switch (hint_class(node)) {
	case 1:
		s->cands[s->n].score += 25;
		break;
	case -1:
	case -2:
	case -3:
		s->cands[s->n].score -= 25;
		break;
	default:
		break;
	}
	ni->cand = ++s->n;
	return &s->cands[s->n - 1];
}

static double link_density(const xmlNode *node)
{
	const struct node_info *ni = info_of(node);

	if (!ni || !ni->weight)
		return 1.0;
	return (double)ni->link_weight / (double)ni->weight;
}

/* Weight of a text node's text as it will read (a run of white space counts as one), and its
 * commas into *COMMAS. */
static size_t raw_text_weight(const char *s, size_t *commas)
{
	size_t w = 0;
	int space = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == ',')
			(*commas)++;
		else if (*p == 0xef && p[1] == 0xbc && p[2] == 0x8c) /* ， */
			(*commas)++;
		else if (*p == 0xe3 && p[1] == 0x80 && (p[2] == 0x81 || p[2] == 0x82)) /* 、。 */
			(*commas)++;
		if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
			if (!space)
				w++;
			space = 1;
			continue;
		}
		space = 0;
		if (*p < 0x80)
			w++;
		else if ((*p & 0xc0) != 0x80)
			w += 2;
	}
	return w;
}

static size_t count_elements(const xmlNode *node, int depth)
{
	size_t n = 1;

	if (depth > PDX_HTML_MAX_DEPTH)
		return n;
	for (const xmlNode *c = node->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			n += count_elements(c, depth + 1);
	return n;
}

/* Fill the node info of NODE and everything under it, bottom up. */
static void index_node(struct page_ctx *ctx, xmlNode *node, int depth)
{
	struct node_info *ni = &ctx->info[ctx->n_info++];

	ni->node = node;
	ni->weight = ni->link_weight = ni->commas = ni->cand = 0;
	ni->furniture = -1;
	node->_private = ni;
	if (depth > PDX_HTML_MAX_DEPTH || pdx_html_is_non_text(node))
		return;
	for (xmlNode *c = node->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				ni->weight += raw_text_weight((const char *)c->content, &ni->commas);
		} else if (c->type == XML_ELEMENT_NODE) {
			struct node_info *ci;

			index_node(ctx, c, depth + 1);
			ci = c->_private;
			ni->weight += ci->weight;
			ni->link_weight += ci->link_weight;
			ni->commas += ci->commas;
		}
	}
	if (pdx_html_is(node, "a"))
		ni->link_weight = ni->weight;
}

/* Give the score of a paragraph of weight W with COMMAS commas to the element OWNER (its
 * parent for a <p>), half to the one above and a third to the one above that. Returns -1
 * when memory ran out. */
static int score_weight(struct scorer *s, size_t w, size_t commas, xmlNode *owner)
{
	double score;

	if (w < MIN_PARAGRAPH_WEIGHT)
		return 0;
	score = 1.0 + (double)commas + (w / 100 < 3 ? (double)(w / 100) : 3.0);
	/* Above the indexed part of the page (the <body>) no one scores. */
	for (int level = 1; level <= 3 && owner && owner->type == XML_ELEMENT_NODE &&
			    owner->_private;
	     level++, owner = owner->parent) {
		struct candidate *c = candidate_for(s, owner);

		if (!c)
			return -1;
		c->score += score / (level == 1 ? 1 : level == 2 ? 2 : 3);
	}
	return 0;
}

/* Text written straight into a container beside its blocks ("<div>Text...<br><br>More
 * text<div class=photo>...</div></div>") counts as paragraphs of that container: each run of
 * text and inline elements between blocks, or between two <br>s, is one. */
static int score_inline_runs(struct scorer *s, xmlNode *node)
{
	pdx_buf run = PDX_BUF_INIT;
	int breaks = 0, rc = 0;

	for (xmlNode *c = node->children;; c = c->next) {
		int ends = !c || (c->type == XML_ELEMENT_NODE && is_block_element(c));

		if (c && pdx_html_is(c, "br"))
			ends = ++breaks >= 2;
		else if (c && (c->type == XML_TEXT_NODE || c->type == XML_ELEMENT_NODE))
			breaks = 0;
		if (ends) {
			if (run.len && rc == 0) {
				pdx_collapse_space(run.data);
				rc = score_weight(s, text_weight(run.data), count_commas(run.data), node);
			}
			pdx_buf_truncate(&run, 0);
			if (!c)
				break;
			continue;
		}
		if (c->type == XML_TEXT_NODE && c->content)
			pdx_buf_adds(&run, (const char *)c->content);
		else if (c->type == XML_ELEMENT_NODE && !pdx_html_is_non_text(c))
			pdx_html_append_text(c, &run);
	}
	if (run.oom)
		rc = -1;
	pdx_buf_release(&run);
	return rc;
}

static int score_paragraphs(struct scorer *s, xmlNode *root)
{
	xmlNode *n = root;

	while (n) {
		int skip = n != root && is_furniture(s->ctx, n);

		if (!skip && is_paragraph_like(n) && info_of(n)) {
			if (score_weight(s, info_of(n)->weight, info_of(n)->commas, n->parent) < 0)
				return -1;
		} else if (!skip && (pdx_html_is(n, "div") || pdx_html_is(n, "section") ||
				     pdx_html_is(n, "article") || pdx_html_is(n, "td")) &&
			   has_block_child(n)) {
			if (score_inline_runs(s, n) < 0)
				return -1;
		}
		n = pdx_html_next(n, root, skip);
	}
	return 0;
}

struct body_writer {
	const struct page_ctx *ctx;
	pdx_buf body;
	pdx_buf para;
	const char *title;
	int breaks; /* consecutive <br> seen in the current paragraph */
};

static void flush_paragraph(struct body_writer *w)
{
	char *p = w->para.data;

	if (p) {
		pdx_collapse_space(p);
		if (*p) {
			if (w->body.len)
				pdx_buf_adds(&w->body, "\n\n");
			pdx_buf_adds(&w->body, p);
		}
	}
	pdx_buf_truncate(&w->para, 0);
	w->breaks = 0;
}

static int is_heading(const xmlNode *n)
{
	return n->name && (n->name[0] == 'h' || n->name[0] == 'H') && n->name[1] >= '1' &&
	       n->name[1] <= '6' && n->name[2] == '\0';
}

static int is_title_heading(struct body_writer *w, const xmlNode *n)
{
	char *t;
	int same;

	if (!w->title || !is_heading(n))
		return 0;
	t = pdx_html_text(n);
	same = t && strcasecmp(t, w->title) == 0;
	free(t);
	return same;
}

/* Nonzero for a block inside the article that is mostly links: "Read also" teasers, lists of
 * related headlines, "Print | PDF | Share" lines. */
static int is_link_block(const xmlNode *node)
{
	size_t total, links;

	if (!is_block_element(node) || is_heading(node) || !info_of(node))
		return 0;
	total = info_of(node)->weight;
	if (total == 0)
		return 0;
	links = info_of(node)->link_weight;
	/* Much link text and little else: the unlinked words would not make a sentence. */
	return links * 10 >= total * 6 && total - links < 120;
}

static void write_blocks(struct body_writer *w, const xmlNode *node, int depth)
{
	if (depth > PDX_HTML_MAX_DEPTH)
		return;
	for (const xmlNode *c = node->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content) {
				pdx_buf_adds(&w->para, (const char *)c->content);
				if (strspn((const char *)c->content, " \t\r\n") !=
				    strlen((const char *)c->content))
					w->breaks = 0;
			}
			continue;
		}
		if (c->type != XML_ELEMENT_NODE || is_furniture(w->ctx, c) ||
		    is_title_heading(w, c) || is_link_block(c))
			continue;
		if (pdx_html_is(c, "br")) {
			if (++w->breaks >= 2)
				flush_paragraph(w);
			else
				pdx_buf_addc(&w->para, ' ');
			continue;
		}
		if (pdx_html_is(c, "td") || pdx_html_is(c, "th")) {
			pdx_buf_addc(&w->para, ' ');
			write_blocks(w, c, depth + 1);
			pdx_buf_addc(&w->para, ' ');
			continue;
		}
		if (is_block_element(c)) {
			flush_paragraph(w);
			write_blocks(w, c, depth + 1);
			flush_paragraph(w);
		} else {
			write_blocks(w, c, depth + 1);
		}
	}
}

/* Nonzero when SIBLING of the best container carries enough article text to belong with
 * it: a container that scored well itself (a body split in two), or a long paragraph with few
 * links (a lead paragraph outside the main div). */
static int sibling_belongs(const struct scorer *s, const xmlNode *sibling, double best_score)
{
	const struct node_info *ni = info_of(sibling);
	size_t i = ni ? ni->cand : 0;

	if (is_furniture(s->ctx, sibling))
		return 0;
	if (i && s->cands[i - 1].score * (1.0 - link_density(sibling)) >=
			 (best_score * 0.2 > 10 ? best_score * 0.2 : 10))
		return 1;
	if (pdx_html_is(sibling, "p"))
		return ni && ni->weight >= 80 && link_density(sibling) < 0.25;
	return 0;
}

/* Climb from the best candidate to an ancestor that scores higher than the level below it,
 * while the ancestors keep at least a third of its score: the article whose intro and body
 * sit in separate boxes ("story-intro", "read-more") is their common container. */
static struct candidate *climb_to_container(struct scorer *s, xmlNode *body,
					    struct candidate *best, double *best_score)
{
	double last = *best_score, threshold = *best_score / 3;

	for (xmlNode *up = best->node->parent; up && up != body && up->type == XML_ELEMENT_NODE;
	     up = up->parent) {
		const struct node_info *ni = info_of(up);
		size_t i = ni ? ni->cand : 0;
		double score;

		/* Layout tables set the article beside other columns: never leave its cell. */
		if (pdx_html_is(up, "td") || pdx_html_is(up, "tr") || pdx_html_is(up, "tbody") ||
		    pdx_html_is(up, "table"))
			break;
		if (!i)
			continue;
		score = s->cands[i - 1].score * (1.0 - link_density(up));
		if (score < threshold)
			break;
		if (score > last) {
			*best_score = score;
			return &s->cands[i - 1];
		}
		last = score;
	}
	return best;
}

/* Nonzero when candidate OTHER continues the best container BEST: the same element with the
 * same classes close by, as when a body is split into sections around pictures or ads. */
static int continues_best(const xmlNode *best, const xmlNode *other)
{
	const char *cb = pdx_html_attr(best, "class"), *co = pdx_html_attr(other, "class");
	const xmlNode *up = best;

	if (other == best)
		return 1;
	if (!cb || !co || !other->name ||
	    strcmp((const char *)best->name, (const char *)other->name) != 0)
		return 0;
	/* The same first class ("story-body story-body-2" continues "story-body story-body-1"). */
	cb += strspn(cb, " \t\n");
	co += strspn(co, " \t\n");
	size_t first = strcspn(cb, " \t\n");
	if (!first || strncmp(cb, co, first) != 0 || (co[first] && !isspace((unsigned char)co[first])))
		return 0;
	for (int level = 0; level < 8 && up; level++, up = up->parent)
		for (const xmlNode *n = other; n; n = n->parent)
			if (n == up)
				return 1;
	return 0;
}

/* Write every candidate that continues BEST, in document order; returns how many. */
static size_t write_split_body(struct body_writer *w, const struct scorer *s, xmlNode *body,
			       const struct candidate *best)
{
	size_t parts = 0;

	for (size_t i = 0; i < s->n; i++)
		parts += s->cands[i].score > 0 && continues_best(best->node, s->cands[i].node);
	if (parts < 2)
		return parts;
	for (xmlNode *n = body; n;) {
		const struct node_info *ni = info_of(n);
		size_t i = ni ? ni->cand : 0;

		if (i && s->cands[i - 1].score > 0 && continues_best(best->node, n)) {
			flush_paragraph(w);
			write_blocks(w, n, 0);
			flush_paragraph(w);
			n = pdx_html_next(n, body, 1);
		} else {
			n = pdx_html_next(n, body, 0);
		}
	}
	return parts;
}

int pdx_content_extract(polidex_article_t *a, xmlDoc *doc)
{
	struct page_ctx ctx = {0};
	struct scorer s = {&ctx, NULL, 0, 0};
	struct body_writer w = {&ctx, PDX_BUF_INIT, PDX_BUF_INIT, a->title, 0};
	xmlNode *root = xmlDocGetRootElement(doc);
	xmlNode *body = root ? pdx_html_find(root, "body") : NULL;
	struct candidate *best = NULL;
	double best_score = 0;
	int rc = 0;

	if (!root)
		return 0;
	if (!body)
		body = root;
	ctx.info = calloc(count_elements(body, 0), sizeof *ctx.info);
	if (!ctx.info)
		return -1;
	index_node(&ctx, body, 0);
	ctx.total_weight = ctx.info[0].weight;
	if (score_paragraphs(&s, body) < 0) {
		rc = -1;
		goto out;
	}
	if (s.n == 0) {
		/* Some pages (section fronts, short notes) keep their only paragraph in a <header>:
		 * look again, counting headers as text. */
		ctx.headers_are_text = 1;
		for (size_t i = 0; i < ctx.n_info; i++)
			ctx.info[i].furniture = -1;
		if (score_paragraphs(&s, body) < 0) {
			rc = -1;
			goto out;
		}
	}
	for (size_t i = 0; i < s.n; i++) {
		double score = s.cands[i].score * (1.0 - link_density(s.cands[i].node));

		if (!best || score > best_score) {
			best = &s.cands[i];
			best_score = score;
		}
	}

	if (best)
		best = climb_to_container(&s, body, best, &best_score);
	if (!best) {
		/* No paragraph anywhere: the page's text, less its furniture. */
		write_blocks(&w, body, 0);
	} else if (write_split_body(&w, &s, body, best) >= 2) {
		/* written */
	} else if (best->node->parent && !pdx_html_is(best->node, "body")) {
		for (xmlNode *sib = best->node->parent->children; sib; sib = sib->next) {
			if (sib == best->node) {
				flush_paragraph(&w);
				write_blocks(&w, sib, 0);
				flush_paragraph(&w);
			} else if (sib->type == XML_ELEMENT_NODE &&
				   sibling_belongs(&s, sib, best_score)) {
				flush_paragraph(&w);
				write_blocks(&w, sib, 0);
				flush_paragraph(&w);
			}
		}
	} else {
		write_blocks(&w, best->node, 0);
	}
	flush_paragraph(&w);
	if (w.body.oom || w.para.oom) {
		rc = -1;
		goto out;
	}
	free(a->body);
	a->body = pdx_buf_detach(&w.body);
	if (!a->body)
		rc = -1;
out:
	for (size_t i = 0; i < ctx.n_info; i++)
		ctx.info[i].node->_private = NULL;
	free(ctx.info);
	free(s.cands);
	pdx_buf_release(&w.body);
	pdx_buf_release(&w.para);
	return rc;
}
