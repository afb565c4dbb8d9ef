/* metadata-internal.h: what the readers of a page's metadata share (private). */
#ifndef PDX_METADATA_INTERNAL_H
#define PDX_METADATA_INTERNAL_H

#include <json-c/json.h>
#include <libxml/tree.h>
#include <stddef.h>

#include "indexer/article.h"

/* ---- the page's sources (meta-sources.c) ------------------------------------------------ */

/* A <meta> tag: its key (name, property, itemprop or http-equiv) and content. */
struct pdx_meta_tag {
	const char *key;
	const char *content;
};

/* A page as the metadata readers see it: its elements, its meta tags and its JSON-LD. */
struct pdx_page {
	xmlNode *root;
	xmlNode *body;
	struct pdx_meta_tag *metas;
	size_t n_metas;
	json_object **ld_articles; /* JSON-LD objects of an article type, borrowed */
	size_t n_ld_articles;
	json_object **ld_roots; /* parsed JSON-LD scripts, owned */
	size_t n_ld_roots;
	json_object **ld_nodes; /* JSON-LD objects with an @id, for references, borrowed */
	size_t n_ld_nodes;
	int oom;
};

/* Read the meta tags and JSON-LD of DOC into PG (zeroed by the caller). Returns 0; -1 when
 * memory ran out; 1 when DOC has no root element, and so no metadata. PG is released with
 * pdx_page_release() whatever this returns. */
int pdx_page_read(struct pdx_page *pg, xmlDoc *doc);
void pdx_page_release(struct pdx_page *pg);

/* The content of the first meta tag with KEY (case-insensitive), or NULL. */
const char *pdx_meta_get(const struct pdx_page *pg, const char *key);

/* A string of a JSON-LD value: itself, an array's first string, an object's "name" or "@id";
 * NULL for none. */
const char *pdx_ld_string(json_object *v);

/* The string property KEY of the first JSON-LD article that has one that is not empty, or
 * NULL. */
const char *pdx_ld_get(const struct pdx_page *pg, const char *key);

/* The JSON-LD object that V refers to with {"@id": ...} alone, or V itself. */
json_object *pdx_ld_resolve(const struct pdx_page *pg, json_object *v);

/* The text of the first element marked itemprop=PROP (microdata) that is a few words, as a
 * new string, or NULL. */
char *pdx_microdata_text(const struct pdx_page *pg, const char *prop);

/* ---- helpers of every field (metadata.c) ------------------------------------------------ */

/* Set *FIELD to VALUE with its spaces collapsed, unless VALUE is NULL or blank. Returns 0, or
 * -1 when memory ran out. */
int pdx_meta_set_clean(char **field, const char *value);

/* The number of space-separated words of S. */
size_t pdx_count_words(const char *s);

/* The text of N as a new string when it is one to MAX_WORDS words; NULL when it is empty or
 * longer, or when memory ran out. */
char *pdx_text_of_words(const xmlNode *n, size_t max_words);

/* Whether N is a paragraph of prose (twelve words or more). */
int pdx_is_prose_paragraph(const xmlNode *n);

/* Nonzero for an http or https URL. */
int pdx_is_absolute_url(const char *s);

/* Nonzero when a word (a run of letters and digits) of VALUE (or NULL) is one of the COUNT
 * lower-case WORDS. */
int pdx_words_include(const char *value, const char *const *words, size_t count);

/* Nonzero when a word of N's class or id is one of the COUNT lower-case WORDS. */
int pdx_has_class_word(const xmlNode *n, const char *const *words, size_t count);

/* ---- the fields, in the order pdx_metadata_extract() reads them ------------------------- */

/* What the page declares itself to be (meta-kind.c): A's declared_kinds. Returns 0. */
int pdx_meta_kind(polidex_article_t *a, const struct pdx_page *pg);

/* Each fills its fields of A from PG; returns 0, or -1 when memory ran out. */
int pdx_meta_language(polidex_article_t *a, const struct pdx_page *pg);  /* meta-language.c */
int pdx_meta_title(polidex_article_t *a, const struct pdx_page *pg);     /* meta-title.c */
int pdx_meta_authors(polidex_article_t *a, const struct pdx_page *pg);   /* meta-byline.c */
int pdx_meta_date(polidex_article_t *a, const struct pdx_page *pg);      /* meta-date.c */
int pdx_meta_modified(polidex_article_t *a, const struct pdx_page *pg);  /* meta-date.c */
int pdx_meta_section(polidex_article_t *a, const struct pdx_page *pg);   /* meta-section.c */
int pdx_meta_tags(polidex_article_t *a, const struct pdx_page *pg);      /* meta-section.c */
int pdx_meta_links(polidex_article_t *a, const struct pdx_page *pg);     /* meta-section.c */

/* ---- titles and the headline (meta-title.c) --------------------------------------------- */

/* Two titles say the same when one holds the other and is most of its length (compared
 * case-folded, without punctuation). */
int pdx_same_title(const char *a, const char *b);

/* Nonzero when heading H sits in page furniture (navigation, a skip link, a banner, the
 * footer), where a site repeats its own name or a section's. */
int pdx_heading_in_furniture(const xmlNode *h);

/* The main heading's surroundings: its grandparent, where labels and bylines sit. The main
 * heading is the <h1> that says TITLE (or NULL), else the first one outside the page's
 * furniture; with no <h1>, the <article>, or NULL. */
xmlNode *pdx_headline_scope(const struct pdx_page *pg, const char *title);

/* ---- bylines (meta-byline.c, meta-byline-dom.c) ----------------------------------------- */

/* Strip "By", "by:", "作者：", "文/" and trailing punctuation from a byline in place. */
void pdx_strip_byline_words(char *s);

/* Add the names of a Chinese reporters' line LINE ("光明日报记者 王建宏 张文攀", "记者 X 通讯员
 * Y", "河南商报记者马俊峰/文") to A (meta-byline-zh.c). Returns 0, or -1 when memory ran out. */
int pdx_zh_reporter_byline(polidex_article_t *a, const char *line);

/* Nonzero when S can be a person's or an organisation's name rather than a sentence, a date
 * or a link. */
int pdx_plausible_name(const char *s);

/* Split a list of names ("Jane Doe, Li Wei and Ann Ko", "甲、乙") and add each to A, with ROLE.
 * With CASED (a byline found in running text), only names written with a capital count.
 * Returns 0, or -1 when memory ran out. */
int pdx_add_author_list(polidex_article_t *a, const char *list, const char *role, int cased);

/* Nonzero when N sits where other articles' bylines live: related and recommended lists,
 * comments, navigation, the footer. */
int pdx_is_byline_furniture(const xmlNode *n);

/* Names, with their roles, that the visible page marks as authors. */
struct pdx_dom_author {
	char *name;
	char *role;
};

struct pdx_dom_authors {
	struct pdx_dom_author *items;
	size_t n;
	int oom;
};

/* Add to D the authors the page's byline under BODY names, passing over the subtree under
 * DONE (or NULL). */
void pdx_collect_dom_authors(xmlNode *body, const xmlNode *done, struct pdx_dom_authors *d);
void pdx_dom_authors_release(struct pdx_dom_authors *d);

#endif
