/* content-score.c: scoring a page's elements as the container of the article's text. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "indexer/content-internal.h"
#include "indexer/html.h"
#include "util/array.h"
#include "util/buf.h"

/* Paragraphs shorter than this (in weighted characters, see text_weight()) add nothing to
 * their container's score. */
#define MIN_PARAGRAPH_WEIGHT 25

/* The weight of text S as it will read: its characters, a run of white space counting as one
 * and a CJK (or other non-Latin) character double, for a Chinese paragraph says as much in far
 * fewer characters. Its commas (",", "，", "、" and "。") are added to *COMMAS. */
static size_t text_weight(const char *s, size_t *commas)
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

/* The number of elements under NODE, NODE included, as deep as the walks go. */
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
static void index_node(struct pdx_content_page *ctx, xmlNode *node, int depth)
{
	struct pdx_node_info *ni = &ctx->info[ctx->n_info++];

	ni->node = node;
	ni->weight = ni->link_weight = ni->commas = ni->cand = 0;
	ni->furniture = -1;
	node->_private = ni;
	if (depth > PDX_HTML_MAX_DEPTH || pdx_html_is_non_text(node))
		return;
	for (xmlNode *c = node->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				ni->weight += text_weight((const char *)c->content, &ni->commas);
		} else if (c->type == XML_ELEMENT_NODE) {
			struct pdx_node_info *ci;

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

int pdx_content_is_block(const xmlNode *n)
{
	static const char *const blocks[] = {
		"p",       "div",     "section", "article", "main",   "h1",     "h2",     "h3",
		"h4",      "h5",      "h6",      "ul",      "ol",     "li",     "dl",     "dt",
		"dd",      "blockquote", "pre",  "table",   "thead",  "tbody",  "tfoot",  "tr",
		"caption", "figcaption", "address", "hr",   "header", "footer", "nav",    "aside",
		"details", "summary", "center", "form"};

	for (size_t i = 0; i < PDX_COUNT(blocks); i++)
		if (pdx_html_is(n, blocks[i]))
			return 1;
	return 0;
}

/* Nonzero when NODE has a block element among its children. */
static int has_block_child(const xmlNode *node)
{
	for (const xmlNode *c = node->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && pdx_content_is_block(c))
			return 1;
	return 0;
}

/* Nonzero for an element that holds a paragraph of text. */
static int is_paragraph_like(const xmlNode *n)
{
	if (pdx_html_is(n, "p") || pdx_html_is(n, "pre") || pdx_html_is(n, "td") ||
	    pdx_html_is(n, "blockquote") || pdx_html_is(n, "dd"))
		return 1;
	/* Many pages (Chinese ones especially) write paragraphs as bare divs. */
	return (pdx_html_is(n, "div") || pdx_html_is(n, "section")) &&
	       !has_block_child(n);
}

/* The candidate of element NODE, made (with the score its name and class give it) on first
 * asking; NULL for an element outside the indexed body, or when memory ran out. */
static struct pdx_candidate *candidate_for(struct pdx_scorer *s, xmlNode *node)
{
	struct pdx_node_info *ni = node->_private;

	if (!ni)
		return NULL;
	if (ni->cand)
		return &s->cands[ni->cand - 1];
	if (s->n == s->alloc) {
		size_t alloc = s->alloc ? s->alloc * 2 : 64;
		struct pdx_candidate *c = realloc(s->cands, alloc * sizeof *c);

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
	switch (pdx_content_hint(node)) {
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

double pdx_content_link_density(const xmlNode *node)
{
	const struct pdx_node_info *ni = pdx_info_of(node);

	if (!ni || !ni->weight)
		return 1.0;
	return (double)ni->link_weight / (double)ni->weight;
}

/* Give the score of a paragraph of weight W with COMMAS commas to the element OWNER (its
 * parent for a <p>), half to the one above and a third to the one above that. Returns -1
 * when memory ran out. */
static int score_weight(struct pdx_scorer *s, size_t w, size_t commas, xmlNode *owner)
{
	double score;

	if (w < MIN_PARAGRAPH_WEIGHT)
		return 0;
	score = 1.0 + (double)commas + (w / 100 < 3 ? (double)(w / 100) : 3.0);
	/* Above the indexed part of the page (the <body>) no one scores. */
	for (int level = 1; level <= 3 && owner && owner->type == XML_ELEMENT_NODE &&
			    owner->_private;
	     level++, owner = owner->parent) {
		struct pdx_candidate *c = candidate_for(s, owner);

		if (!c)
			return -1;
		c->score += score / (level == 1 ? 1 : level == 2 ? 2 : 3);
	}
	return 0;
}

/* Text written straight into a container beside its blocks ("<div>Text...<br><br>More
 * text<div class=photo>...</div></div>") counts as paragraphs of that container: each run of
 * text and inline elements between blocks, or between two <br>s, is one. */
static int score_inline_runs(struct pdx_scorer *s, xmlNode *node)
{
	pdx_buf run = PDX_BUF_INIT;
	int breaks = 0, rc = 0;

	for (xmlNode *c = node->children;; c = c->next) {
		int ends = !c || (c->type == XML_ELEMENT_NODE && pdx_content_is_block(c));

		if (c && pdx_html_is(c, "br"))
			ends = ++breaks >= 2;
		else if (c && (c->type == XML_TEXT_NODE || c->type == XML_ELEMENT_NODE))
			breaks = 0;
		if (ends) {
			if (run.len && rc == 0) {
				size_t commas = 0, weight;

				pdx_collapse_space(run.data);
				weight = text_weight(run.data, &commas);
				rc = score_weight(s, weight, commas, node);
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

/* Score every paragraph under ROOT outside the page's furniture. Returns -1 when memory ran
 * out. */
static int score_paragraphs(struct pdx_scorer *s, xmlNode *root)
{
	xmlNode *n = root;

	while (n) {
		int skip = n != root && pdx_content_is_furniture(s->ctx, n);
		const struct pdx_node_info *ni = pdx_info_of(n);

		if (!skip && is_paragraph_like(n) && ni) {
			if (score_weight(s, ni->weight, ni->commas, n->parent) < 0)
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

/* Climb from the best candidate to an ancestor that scores higher than the level below it,
 * while the ancestors keep at least a third of its score: the article whose intro and body
 * sit in separate boxes ("story-intro", "read-more") is their common container. */
static struct pdx_candidate *climb_to_container(struct pdx_scorer *s, xmlNode *body,
					    struct pdx_candidate *best, double *best_score)
{
	double last = *best_score, threshold = *best_score / 3;

	for (xmlNode *up = best->node->parent; up && up != body && up->type == XML_ELEMENT_NODE;
	     up = up->parent) {
		const struct pdx_node_info *ni = pdx_info_of(up);
		size_t i = ni ? ni->cand : 0;
		double score;

		/* Layout tables set the article beside other columns: never leave its cell. */
		if (pdx_html_is(up, "td") || pdx_html_is(up, "tr") || pdx_html_is(up, "tbody") ||
		    pdx_html_is(up, "table"))
			break;
		if (!i)
			continue;
		score = s->cands[i - 1].score * (1.0 - pdx_content_link_density(up));
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

int pdx_content_score(struct pdx_content_page *ctx, struct pdx_scorer *s, xmlNode *body)
{
	ctx->info = calloc(count_elements(body, 0), sizeof *ctx->info);
	if (!ctx->info)
		return -1;
	index_node(ctx, body, 0);
	ctx->total_weight = ctx->info[0].weight;
	if (score_paragraphs(s, body) < 0)
		return -1;
	if (s->n == 0) {
		/* Some pages (section fronts, short notes) keep their only paragraph in a <header>:
		 * look again, counting headers as text. */
		ctx->headers_are_text = 1;
		for (size_t i = 0; i < ctx->n_info; i++)
			ctx->info[i].furniture = -1;
		if (score_paragraphs(s, body) < 0)
			return -1;
	}
	return 0;
}

void pdx_content_release(struct pdx_content_page *ctx, struct pdx_scorer *s)
{
	for (size_t i = 0; i < ctx->n_info; i++)
		ctx->info[i].node->_private = NULL;
	free(ctx->info);
	ctx->info = NULL;
	ctx->n_info = 0;
	free(s->cands);
	s->cands = NULL;
	s->n = s->alloc = 0;
}

struct pdx_candidate *pdx_content_best(struct pdx_scorer *s, xmlNode *body, double *best_score)
{
	struct pdx_candidate *best = NULL;

	*best_score = 0;
	for (size_t i = 0; i < s->n; i++) {
		const struct pdx_candidate *c = &s->cands[i];
		double score = c->score * (1.0 - pdx_content_link_density(c->node));

		if (!best || score > *best_score) {
			best = &s->cands[i];
			*best_score = score;
		}
	}
	return best ? climb_to_container(s, body, best, best_score) : NULL;
}
