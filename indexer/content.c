/* content.c: an article's main text, written from the best container of paragraphs. */
#include "config.h"

#include "indexer/content.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "indexer/content-internal.h"
#include "indexer/html.h"
#include "util/buf.h"

/* Fewer words than this from the article's look of a page is next to nothing; fewer than
 * SHORT_ARTICLE_WORDS, little. */
#define MIN_ARTICLE_WORDS 50
#define SHORT_ARTICLE_WORDS 300

/* The body as it is written: the paragraphs so far and the one being read. */
struct body_writer {
	const struct pdx_content_page *ctx;
	pdx_buf body;
	pdx_buf para;
	const char *title;
	int breaks; /* consecutive <br> seen in the current paragraph */
	int keep_links; /* a listing's look: blocks of links are its items */
};

/* End the paragraph being read: add it to the body when it has text. */
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

/* Nonzero for a heading that repeats the title, which the body leaves out. */
static int is_title_heading(struct body_writer *w, const xmlNode *n)
{
	char *t;
	int same;

	if (!w->title || !pdx_is_heading(n))
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

	if (!pdx_content_is_block(node) || pdx_is_heading(node) || !pdx_info_of(node))
		return 0;
	total = pdx_info_of(node)->weight;
	if (total == 0)
		return 0;
	links = pdx_info_of(node)->link_weight;
	/* Much link text and little else: the unlinked words would not make a sentence. */
	return links * 10 >= total * 6 && total - links < 120;
}

/* Write the text under NODE into W, block elements as paragraphs of their own, table cells
 * apart, two <br>s ending a paragraph; furniture, link blocks and the title left out. */
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
		if (c->type != XML_ELEMENT_NODE || pdx_content_is_furniture(w->ctx, c) ||
		    is_title_heading(w, c) || (!w->keep_links && is_link_block(c)))
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
		if (pdx_content_is_block(c)) {
			flush_paragraph(w);
			write_blocks(w, c, depth + 1);
			flush_paragraph(w);
		} else {
			write_blocks(w, c, depth + 1);
		}
	}
}

/* Write NODE as paragraphs of their own, apart from what came before and what follows. */
static void write_block(struct body_writer *w, const xmlNode *node)
{
	flush_paragraph(w);
	write_blocks(w, node, 0);
	flush_paragraph(w);
}

/* Nonzero when SIBLING of the best container carries enough article text to belong with
 * it: a container that scored well itself (a body split in two), or a long paragraph with few
 * links (a lead paragraph outside the main div). */
static int sibling_belongs(const struct pdx_scorer *s, const xmlNode *sibling, double best_score)
{
	const struct pdx_node_info *ni = pdx_info_of(sibling);
	size_t i = ni ? ni->cand : 0;

	if (pdx_content_is_furniture(s->ctx, sibling))
		return 0;
	if (i && s->cands[i - 1].score * (1.0 - pdx_content_link_density(sibling)) >=
			 (best_score * 0.2 > 10 ? best_score * 0.2 : 10))
		return 1;
	if (pdx_html_is(sibling, "p"))
		return ni && ni->weight >= 80 && pdx_content_link_density(sibling) < 0.25;
	return 0;
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
	if (!first || strncmp(cb, co, first) != 0 ||
	    (co[first] && !isspace((unsigned char)co[first])))
		return 0;
	for (int level = 0; level < 8 && up; level++, up = up->parent)
		for (const xmlNode *n = other; n; n = n->parent)
			if (n == up)
				return 1;
	return 0;
}

/* Write every candidate that continues BEST, in document order; returns how many. */
static size_t write_split_body(struct body_writer *w, const struct pdx_scorer *s, xmlNode *body,
			       const struct pdx_candidate *best)
{
	size_t parts = 0;

	for (size_t i = 0; i < s->n; i++)
		parts += s->cands[i].score > 0 && continues_best(best->node, s->cands[i].node);
	if (parts < 2)
		return parts;
	for (xmlNode *n = body; n;) {
		const struct pdx_node_info *ni = pdx_info_of(n);
		size_t i = ni ? ni->cand : 0;

		if (i && s->cands[i - 1].score > 0 && continues_best(best->node, n)) {
			write_block(w, n);
			n = pdx_html_next(n, body, 1);
		} else {
			n = pdx_html_next(n, body, 0);
		}
	}
	return parts;
}

/* Write the best container's siblings that belong with it, and it, in page order. */
static void write_with_siblings(struct body_writer *w, const struct pdx_scorer *s,
				const struct pdx_candidate *best, double best_score)
{
	for (xmlNode *sib = best->node->parent->children; sib; sib = sib->next)
		if (sib == best->node ||
		    (sib->type == XML_ELEMENT_NODE && sibling_belongs(s, sib, best_score)))
			write_block(w, sib);
}

/* Write A's body from the scores S of the page's elements under BODY. Returns 0, or -1 when
 * memory ran out. */
static int write_article(polidex_article_t *a, struct pdx_scorer *s, xmlNode *body)
{
	struct body_writer w = {s->ctx, PDX_BUF_INIT, PDX_BUF_INIT, a->title, 0, 0};
	double best_score;
	struct pdx_candidate *best = pdx_content_best(s, body, &best_score);
	int rc = 0;

	if (!best) {
		/* No paragraph anywhere: the page's text, less its furniture. */
		write_blocks(&w, body, 0);
	} else if (write_split_body(&w, s, body, best) >= 2) {
		/* written */
	} else if (best->node->parent && !pdx_html_is(best->node, "body")) {
		write_with_siblings(&w, s, best, best_score);
	} else {
		write_blocks(&w, best->node, 0);
	}
	flush_paragraph(&w);
	if (w.body.oom || w.para.oom) {
		rc = -1;
	} else {
		free(a->body);
		a->body = pdx_buf_detach(&w.body);
		if (!a->body)
			rc = -1;
	}
	pdx_buf_release(&w.body);
	pdx_buf_release(&w.para);
	return rc;
}

/* The number of words of TEXT: runs of characters between spaces, each CJK character (a
 * three-byte UTF-8 sequence from U+3000 to U+DFFF: kana, ideographs, hangul) one. */
static size_t count_words(const char *text)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t n = 0;
	int in_word = 0;

	for (; p && *p; p++) {
		if (*p >= 0xE3 && *p <= 0xED) {
			n++;
			in_word = 0;
			p += (p[1] ? 1 : 0) + (p[1] && p[2] ? 1 : 0);
		} else if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
			in_word = 0;
		} else if (!in_word && (*p < 0x80 || *p >= 0xC0)) {
			n++;
			in_word = 1;
		}
	}
	return n;
}

/* The page's main region: its <main> element or the element of role "main", else BODY. */
static xmlNode *main_region(xmlNode *body)
{
	for (xmlNode *n = body; n; n = pdx_html_next(n, body, 0)) {
		const char *role;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (pdx_html_is(n, "main"))
			return n;
		role = pdx_html_attr(n, "role");
		if (role && strcasecmp(role, "main") == 0)
			return n;
	}
	return body;
}

/* End the body W wrote by another look at A's page than the article's and, unless TAKE says
 * otherwise of the words of A's body and of W's, make it A's body; LOOK, nonzero, notes that
 * it was read as a listing's. Releases W. Returns 0, or -1 when memory ran out. */
static int take_body(polidex_article_t *a, struct body_writer *w, int (*take)(size_t, size_t),
		     int look)
{
	int rc = 0;

	flush_paragraph(w);
	if (w->body.oom || w->para.oom) {
		rc = -1;
	} else if (w->body.data &&
		   (!take || take(count_words(a->body), count_words(w->body.data)))) {
		free(a->body);
		a->body = pdx_buf_detach(&w->body);
		a->listing |= look;
		rc = a->body ? 0 : -1;
	}
	pdx_buf_release(&w->body);
	pdx_buf_release(&w->para);
	return rc;
}

/* Whether NEW words are more than OLD. */
static int more_words(size_t old, size_t new)
{
	return new > old;
}

/* Whether a listing's look of a page, of LISTING words, is its text rather than the
 * article's look, of ARTICLE words: when the article's found next to nothing (fewer than
 * MIN_ARTICLE_WORDS) that is under half the listing, or little (fewer than
 * SHORT_ARTICLE_WORDS) that is under a fifth of it: a section front's introduction above
 * its items. A short article with its share bar and comments is still the article. */
static int listing_wins(size_t article, size_t listing)
{
	if (article < MIN_ARTICLE_WORDS)
		return article * 2 < listing;
	return article < SHORT_ARTICLE_WORDS && article * 5 < listing;
}

/* Read A's body again as a listing's, when the article's look found next to nothing: the
 * text of the page's main region, less its furniture, with its teasers and blocks of links
 * (a section front, a collection, a list of posts). Kept when it has more words. Returns 0,
 * or -1 when memory ran out. */
static int write_listing(polidex_article_t *a, struct pdx_content_page *ctx, xmlNode *body)
{
	struct body_writer w = {ctx, PDX_BUF_INIT, PDX_BUF_INIT, a->title, 0, 1};

	ctx->teasers_are_text = 1;
	for (size_t i = 0; i < ctx->n_info; i++)
		ctx->info[i].furniture = -1;
	write_blocks(&w, main_region(body), 0);
	return take_body(a, &w, listing_wins, 1);
}

/* The <noscript> element under BODY with the most text, or NULL. */
static xmlNode *largest_noscript(xmlNode *body)
{
	xmlNode *best = NULL;
	size_t best_len = 0;

	for (xmlNode *n = body; n; n = pdx_html_next(n, body, 0)) {
		char *text;
		size_t len;

		if (n->type != XML_ELEMENT_NODE || !pdx_html_is(n, "noscript"))
			continue;
		text = pdx_html_text(n);
		len = text ? count_words(text) : 0;
		free(text);
		if (len > best_len) {
			best = n;
			best_len = len;
		}
	}
	return best;
}

/* Read A's body from the page's <noscript> text, when the page shows its text only to
 * browsers without scripts (forums that draw their posts with a script) and no other look
 * found more. Returns 0, or -1 when memory ran out. */
static int write_noscript(polidex_article_t *a, struct pdx_content_page *ctx, xmlNode *body)
{
	struct body_writer w = {ctx, PDX_BUF_INIT, PDX_BUF_INIT, a->title, 0, 1};
	xmlNode *noscript = largest_noscript(body);

	if (!noscript)
		return 0;
	write_blocks(&w, noscript, 0);
	return take_body(a, &w, more_words, 1);
}

/* Set A's body to the text its JSON-LD gives as the article's, when that has at least 50
 * words and more than twice the words the page shows: a page that writes its text with a
 * script. Its lines are paragraphs; markup in it ("<p>") is dropped. Returns 0, or -1 when
 * memory ran out. */
static int use_ld_body(polidex_article_t *a)
{
	size_t words = a->ld_body ? count_words(a->ld_body) : 0;
	struct body_writer w = {NULL, PDX_BUF_INIT, PDX_BUF_INIT, NULL, 0, 0};
	int markup = 0;

	if (words < MIN_ARTICLE_WORDS || words <= 2 * count_words(a->body))
		return 0;
	for (const char *p = a->ld_body; *p; p++) {
		if (*p == '<' && (isalpha((unsigned char)p[1]) || p[1] == '/')) {
			markup = 1;
			/* A paragraph's or a line's end in markup ends a paragraph here. */
			if (strncasecmp(p, "</p", 3) == 0 || strncasecmp(p, "<br", 3) == 0 ||
			    strncasecmp(p, "</h", 3) == 0 || strncasecmp(p, "</li", 4) == 0)
				flush_paragraph(&w);
			else
				pdx_buf_addc(&w.para, ' ');
		} else if (markup && *p == '>') {
			markup = 0;
		} else if (!markup && *p == '\n') {
			flush_paragraph(&w);
		} else if (!markup) {
			pdx_buf_addc(&w.para, *p);
		}
	}
	return take_body(a, &w, NULL, 0);
}

int pdx_content_extract(polidex_article_t *a, xmlDoc *doc)
{
	struct pdx_content_page ctx = {0};
	struct pdx_scorer s = {&ctx, NULL, 0, 0};
	xmlNode *root = xmlDocGetRootElement(doc);
	xmlNode *body = root ? pdx_html_find(root, "body") : NULL;
	int rc;

	if (!root)
		return 0;
	if (!body)
		body = root;
	rc = pdx_content_score(&ctx, &s, body);
	if (rc == 0)
		rc = write_article(a, &s, body);
	if (rc == 0 && count_words(a->body) < SHORT_ARTICLE_WORDS)
		rc = write_listing(a, &ctx, body);
	if (rc == 0 && count_words(a->body) < MIN_ARTICLE_WORDS)
		rc = write_noscript(a, &ctx, body);
	if (rc == 0)
		rc = use_ld_body(a);
	pdx_content_release(&ctx, &s);
	return rc;
}
