/* content-internal.h: what the finding of a page's main text shares (private). */
#ifndef PDX_CONTENT_INTERNAL_H
#define PDX_CONTENT_INTERNAL_H

#include <libxml/tree.h>
#include <stddef.h>

/* What the walks know of each element, computed once per page: the weight of its text and of
 * the text of its links, and its candidate (index + 1, 0 for none). Hung on node->_private. */
struct pdx_node_info {
	xmlNode *node;
	size_t weight;
	size_t link_weight;
	size_t commas;
	size_t cand;
	signed char furniture; /* -1 until judged, then 0 or 1 */
};

/* What the walks over one page share. */
struct pdx_content_page {
	size_t total_weight;  /* text weight of the whole body */
	int headers_are_text; /* second look at a page whose only text is in <header> */
	int teasers_are_text; /* a listing's look: its teasers, posts and boxes are its text */
	struct pdx_node_info *info;
	size_t n_info;
};

/* An element that holds paragraphs, and what they scored. */
struct pdx_candidate {
	xmlNode *node;
	double score;
};

struct pdx_scorer {
	const struct pdx_content_page *ctx;
	struct pdx_candidate *cands;
	size_t n, alloc;
};

static inline const struct pdx_node_info *pdx_info_of(const xmlNode *node)
{
	return node->type == XML_ELEMENT_NODE ? node->_private : NULL;
}

/* Nonzero for an element h1 to h6. */
static inline int pdx_is_heading(const xmlNode *n)
{
	return n->name && (n->name[0] == 'h' || n->name[0] == 'H') && n->name[1] >= '1' &&
	       n->name[1] <= '6' && n->name[2] == '\0';
}

/* ---- furniture (content-furniture.c) ---------------------------------------------------- */

/* What the words of NODE's class and id attributes say of it: -3 reader comments, -2 furniture
 * (navigation, share bars, bylines...), -1 furniture only by a weak word ("more", "banner"),
 * +1 content ("article", "post"), 0 nothing known. */
int pdx_content_hint(const xmlNode *node);

/* Whether NODE is furniture, never the article's text: navigation, hidden or small boxes named
 * as furniture, comments, teasers of other articles. Judged once per page. */
int pdx_content_is_furniture(const struct pdx_content_page *ctx, const xmlNode *node);

/* ---- scoring (content-score.c) ---------------------------------------------------------- */

/* Nonzero for a block element (p, div, h1, li, table...). */
int pdx_content_is_block(const xmlNode *n);

/* The share of NODE's text that is the text of links (1 for an element without text). */
double pdx_content_link_density(const xmlNode *node);

/* Weigh the elements under BODY into CTX, and score their paragraphs into S, whose ctx is
 * CTX. Returns 0, or -1 when memory ran out; release both with pdx_content_release() either
 * way. */
int pdx_content_score(struct pdx_content_page *ctx, struct pdx_scorer *s, xmlNode *body);
void pdx_content_release(struct pdx_content_page *ctx, struct pdx_scorer *s);

/* The article's container: the best-scoring candidate (less its links), or the ancestor that
 * holds it and its other parts; its score in *BEST_SCORE. NULL when no paragraph scored. */
struct pdx_candidate *pdx_content_best(struct pdx_scorer *s, xmlNode *body, double *best_score);

#endif
