/* html.h: parsing pages with libxml2 and the DOM helpers the extractor shares. */
#ifndef PDX_HTML_H
#define PDX_HTML_H

#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "indexer/article.h"
#include "util/buf.h"

/* How deep the walks over a document go: libxml2 itself stops nesting elements at 2048 with
 * HTML_PARSE_HUGE. */
#define PDX_HTML_MAX_DEPTH 2048

/* Parse LEN bytes of HTML, quietly and without network access. Returns the document, which the
 * caller frees with xmlFreeDoc(), or NULL with a message on A and *STATUS set: empty or binary
 * input gives POLIDEX_STATUS_NOT_HTML. */
htmlDocPtr pdx_html_parse(polidex_article_t *a, const char *data, size_t len,
			  polidex_status_t *status);

/* The next element after NODE in document order, descending into NODE's children unless
 * SKIP_CHILDREN; NULL past the end of the subtree under ROOT. */
xmlNode *pdx_html_next(xmlNode *node, xmlNode *root, int skip_children);

/* Nonzero when NODE is an element named NAME (lower case). libxml2's HTML parser writes
 * element names in lower case, so they compare byte for byte; this runs for every node many
 * times, mostly to answer no, which the first letter usually does without a call. */
static inline int pdx_html_is(const xmlNode *node, const char *name)
{
	return node && node->type == XML_ELEMENT_NODE && node->name &&
	       node->name[0] == (unsigned char)name[0] &&
	       (!name[0] || strcmp((const char *)node->name + 1, name + 1) == 0);
}

/* The value of attribute NAME of NODE (borrowed from the DOM), or NULL. */
const char *pdx_html_attr(const xmlNode *node, const char *name);

/* Nonzero when attribute ATTR of NODE holds TOKEN among its space-separated words
 * (ASCII case-insensitive). */
int pdx_html_attr_has_token(const xmlNode *node, const char *attr, const char *token);

/* Nonzero when the space-separated list VALUE (or NULL) holds TOKEN, case-insensitively. */
int pdx_html_has_token(const char *value, const char *token);

/* Append the text under NODE to OUT with runs of white space collapsed to one space. Text
 * inside script, style and similar elements is skipped. */
void pdx_html_append_text(const xmlNode *node, pdx_buf *out);

/* The collapsed, trimmed text under NODE as a new string ("" when none), or NULL on out of
 * memory. */
char *pdx_html_text(const xmlNode *node);

/* The text gathered in B, collapsed and trimmed, as a new string ("" when none), or NULL on
 * out of memory; B is reset. */
char *pdx_html_detach_text(pdx_buf *b);

/* Like pdx_html_text(), but NULL (not an error) as soon as the text passes LIMIT bytes: for
 * looking at short lines without reading whole containers. */
char *pdx_html_text_short(const xmlNode *node, size_t limit);

/* Collapse white space in S in place (runs to one space, trimmed at both ends). */
void pdx_collapse_space(char *s);

/* The first element named NAME under ROOT (ROOT included), or NULL. */
xmlNode *pdx_html_find(xmlNode *root, const char *name);

/* Nonzero for elements whose content is never page text: script, style, template, ..., and
 * a heading's permalink (a link to a place in the page whose text has no letter or digit:
 * Sphinx's "¶", "#", "§"). */
int pdx_html_is_non_text(const xmlNode *node);

/* Nonzero when the LEN bytes at WORD are, in any case, one of the COUNT words of LIST (each in
 * lower case): a word of a class attribute among those that mark a part of the page. This runs
 * for every class word of every element, so the first letter is compared before anything
 * else. */
static inline int pdx_word_in(const char *word, size_t len, const char *const *list,
			      size_t count)
{
	int first = len ? tolower((unsigned char)word[0]) : 0;

	for (size_t i = 0; i < count; i++)
		if (list[i][0] == first && strncasecmp(word, list[i], len) == 0 && !list[i][len])
			return 1;
	return 0;
}

/* Nonzero when S holds a letter or a digit, in any script ("中美关系", "G20"; not "¶"). */
int pdx_has_letter_or_digit(const char *s);

#endif
