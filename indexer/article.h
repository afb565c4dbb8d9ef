/* article.h: the article struct the extractor fills and the schema reads (private). */
#ifndef PDX_ARTICLE_H
#define PDX_ARTICLE_H

#include <stddef.h>

#include "polidex.h"

struct pdx_author {
	char *name;
	char *role; /* NULL when the page gives none */
};

struct pdx_translation {
	char *language;
	char *url;
};

struct pdx_article_concept {
	char *id;
	char *label;
	unsigned count;
	double score;
};

/* The tags of a named scheme (polidex_article_tag_scheme()). */
struct pdx_article_scheme {
	char *name;
	struct pdx_article_concept *concepts; /* tagged, best first */
	size_t n_concepts;
	struct pdx_article_concept *broader; /* every broader concept of those */
	size_t n_broader;
	unsigned long long hash; /* of the scheme and minimum score */
};

/* The capture a page from a web archive came from. */
struct pdx_capture {
	char timestamp[15];    /* YYYYMMDDhhmmss */
	char iso[21];          /* the same in ISO 8601 */
	char *file;            /* the archive file, as given */
	char *path;            /* the same made absolute, for pruning (NULL when it is gone) */
	char *member;          /* in a WACZ, or NULL */
	unsigned long long offset;
	char *record_id;       /* or NULL */
	const char *format;    /* "warc" or "arc" (static) */
	int revisit;
	char refers_to[15];    /* a revisit's WARC-Refers-To-Date, or "" */
	int each;
};

/* What a page declares itself to be (struct _polidex_article's declared_kinds). */
#define PDX_KIND_ARTICLE 0x1
#define PDX_KIND_REPORT 0x2
#define PDX_KIND_DOCS 0x4
#define PDX_KIND_FORUM 0x8
#define PDX_KIND_PRODUCT 0x10
#define PDX_KIND_PROFILE 0x20
#define PDX_KIND_EVENT 0x40
#define PDX_KIND_COLLECTION 0x80
#define PDX_KIND_SERVICE 0x100

struct _polidex_article {
	char *source;        /* path or name of the input */
	char *url;           /* the crawl's URL, or file:// of the source */
	char *canonical_url; /* the URL the page declares for itself */
	char *title;
	char *description;
	char *date;     /* YYYY-MM-DD, published */
	char *modified; /* YYYY-MM-DD, last modified */
	char *language;
	char *section;
	char *site_name;
	char *body; /* paragraphs separated by blank lines */
	char *ld_body; /* the text its JSON-LD gives as the article's (articleBody), if any */
	const char *type;        /* the page type (page-type.c), static, or NULL */
	unsigned declared_kinds; /* PDX_KIND_* its JSON-LD and og:type declare */
	int listing;             /* its body was read as a listing's, or from <noscript> */
	char *transport_charset; /* from the HTTP Content-Type, when the crawl has it */
	char *content_encoding;  /* of raw: undone when it is parsed */
	char warning[512];       /* what the last parse noticed, or "" */
	const char *encoding;    /* the encoding the page was decoded from (static) */

	struct pdx_author *authors;
	size_t n_authors;
	char **tags;
	size_t n_tags;
	struct pdx_translation *translations;
	size_t n_translations;
	struct pdx_article_concept *concepts; /* tagged, best first */
	size_t n_concepts;
	struct pdx_article_concept *broader; /* every broader concept of those (count 0) */
	size_t n_broader;
	struct pdx_article_scheme *schemes; /* named schemes, by name */
	size_t n_schemes;

	struct pdx_capture *capture; /* a page from a web archive; NULL for a file */

	char *raw;       /* the page's bytes between polidex_article_read_file() and parsing */
	size_t raw_len;
	unsigned long long content_hash; /* of the page's bytes */
	unsigned long long tag_hash;     /* of the thesauri and minimum score it was tagged with */
	unsigned long long base_hash;    /* the same of the unnamed scheme alone */

	char error[1024]; /* fixed, so that reporting an error never allocates */
};

/* Replace the string field *FIELD with a copy of VALUE (NULL clears it). Returns 0, or -1
 * when memory ran out. */
int pdx_article_set(char **field, const char *value);

/* Append an author (ROLE may be NULL), a tag or a translation; duplicates (by case-insensitive
 * name, tag, or language) are ignored. Return 0, or -1 when memory ran out. */
int pdx_article_add_author(polidex_article_t *a, const char *name, const char *role);
int pdx_article_add_tag(polidex_article_t *a, const char *tag);
int pdx_article_add_translation(polidex_article_t *a, const char *language, const char *url);

/* Drop the authors. */
void pdx_article_clear_authors(polidex_article_t *a);

/* The tagging hash H (of the unnamed scheme, and of the named schemes before NAME in byte
 * order) with the named scheme NAME of SCHEME_HASH (pdx_concepts_fingerprint()) added. */
unsigned long long pdx_tagging_hash_add(unsigned long long h, const char *name,
					unsigned long long scheme_hash);

/* Whether DB holds ARTICLE's page from the same bytes, tagged as TAGGING says (the article's
 * tag_hash once tagged), as polidex_db_is_unchanged() tells. */
polidex_status_t pdx_db_is_unchanged_tagged(polidex_db_t *db, const polidex_article_t *article,
					    unsigned long long tagging, int *unchanged);

/* Free the list *CONCEPTS of *N concepts and empty it. */
void pdx_article_free_concepts(struct pdx_article_concept **concepts, size_t *n);

/* Drop the concept tags, of every scheme. */
void pdx_article_clear_concepts(polidex_article_t *a);

/* Clear every extracted field (not source or url), before a new parse. */
void pdx_article_clear(polidex_article_t *a);

/* Record a message on the article, printf-style, prefixed with its source. */
void pdx_article_fail(polidex_article_t *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The identifier of the article's document: canonical URL, else URL, else source. */
const char *pdx_article_unique_id(const polidex_article_t *a);

#endif
