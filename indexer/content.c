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

/* The body as it is written: the paragraphs so far and the one being read. */
struct body_writer {
	const struct pdx_content_page *ctx;
	pdx_buf body;
	pdx_buf para;
	const char *title;
	int breaks; /* consecutive <br> seen in the current paragraph */
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
	struct body_writer w = {s->ctx, PDX_BUF_INIT, PDX_BUF_INIT, a->title, 0};
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
	pdx_content_release(&ctx, &s);
	return rc;
}
