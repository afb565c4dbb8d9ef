/* query-internal.h: the query and results structs, shared by query/ code and its shim. */
#ifndef PDX_QUERY_INTERNAL_H
#define PDX_QUERY_INTERNAL_H

#include <stddef.h>

#include "polidex.h"
#include "query/search-schemes.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Facet fields and the value slot that holds each. */
struct pdx_facet_field {
	const char *name;
	unsigned slot;
	int by_value;       /* order by value, newest first, rather than by count */
	const char *prefix; /* the boolean term prefix that filters on it */
	unsigned limit;     /* values shown unless the request says how many; 0: all */
	int scheme;         /* a concept scheme's: drilled into, its values labelled */
	const char *value_prefix; /* what begins its values in the slot: "NAME:" for a named
				   * scheme's, "" for others */
};

/* The known facet field called NAME, or NULL. */
const struct pdx_facet_field *pdx_facet_field_find(const char *name);

/* The field of a named scheme until the index it is searched on says which: a facet or filter
 * on a field polidex does not have, whose name may be a scheme's (query/schemes.c). */
extern const struct pdx_facet_field pdx_scheme_field_pending;

/* A facet as asked for: "concept" counts top concepts, "concept:URI" that concept's
 * narrower ones. */
struct pdx_facet_request {
	const struct pdx_facet_field *field;
	char *name;     /* as asked */
	char *parent;   /* the URI after "concept:", or NULL */
	unsigned limit; /* values to keep, the most frequent; 0: all */
	const polidex_thesaurus_t *th; /* a scheme field's, once the search knows it */
	char scheme[33];               /* the name of a named scheme's field, else "" */
};

/* A filter: a boolean term on FIELD (a facet field, whose prefix it uses). */
struct pdx_filter {
	const struct pdx_facet_field *field;
	char *value; /* as given */
	const polidex_thesaurus_t *th; /* a scheme field's, once the search knows it */
	char scheme[33];               /* the name of a named scheme's field, else "" */
};

struct _polidex_query {
	char *text;
	char *language;
	int one_language; /* stem in LANGUAGE only, not in every language of the index */
	unsigned offset;
	unsigned limit;
	struct pdx_facet_request *facets;
	size_t n_facets;
	const polidex_thesaurus_t *thesaurus; /* borrowed; NULL for none */
	/* The named schemes the caller loaded (polidex_query_set_scheme()). */
	struct {
		char name[PDX_SCHEME_NAME_MAX + 1];
		const polidex_thesaurus_t *th; /* borrowed */
	} schemes[PDX_SCHEMES_MAX];
	size_t n_schemes;
	int expand;                     /* expand labels of concepts to the concepts */
	polidex_stem_strategy_t stem_strategy;
	polidex_sort_t sort;
	struct pdx_filter *filters;
	size_t n_filters;
	int spelling; /* suggest a corrected query */
	char *replay_url; /* the pattern of a hit's link to its archived copy, or NULL */
};

/* The header line of an exported CSV file, a string the caller frees (NULL when memory ran
 * out). */
char *pdx_export_csv_header(void);

/* The line of document DOCID, whose stored fields are JSON, in an export: the JSON with the
 * docid added (CSV 0), or a CSV row of the header's columns (CSV 1), ended by its line break;
 * a string the caller frees (NULL when memory ran out). */
char *pdx_export_row(unsigned docid, const char *json, int csv);

/* The scheme called NAME that polidex_query_set_scheme() gave QUERY, or NULL. */
const polidex_thesaurus_t *pdx_query_scheme(const polidex_query_t *query, const char *name);

/* Check a replay URL pattern's placeholders; -1 with the reason in WHY. */
int pdx_replay_pattern_check(const char *pattern, char *why, size_t why_len);

struct pdx_author_ref {
	char *name;
};

struct _polidex_hit {
	unsigned docid;
	double score;
	char *id, *url, *title, *date, *section, *type, *language, *snippet;
	char *text; /* the stored text, kept only until the snippet is made */
	char *source;
	/* The capture of a page from a web archive; NULL (and offset -1) for a file. */
	char *capture_url, *capture_date, *capture_file, *capture_member, *capture_record_id;
	char *capture_format, *first_captured, *last_captured;
	long long capture_offset;
	unsigned captures;
	char **authors;
	size_t n_authors;
};

struct pdx_facet_count {
	char *value;
	char *label; /* a concept's label; NULL for other facets */
	unsigned long count;
};

struct pdx_facet_result {
	const struct pdx_facet_field *field;
	char *name; /* as asked */
	struct pdx_facet_count *counts;
	size_t n_counts;
};

struct _polidex_results {
	unsigned long total;
	char *parsed_query;
	char *corrected_query; /* "did you mean", or NULL */
	struct _polidex_hit *hits;
	size_t n_hits;
	struct pdx_facet_result *facets;
	size_t n_facets;
	struct pdx_cursor *cursors; /* iterators handed out, freed with the results */
};

/* Where an iterator is in a list the results hold: the hits, or one facet's counts. */
struct pdx_cursor {
	size_t pos, n;                 /* the position, and the length of the list */
	int destroyed;                 /* destroyed by the caller: spent */
	struct pdx_cursor *next_owned; /* the next iterator the results hold */
};

/* Iterators begin with their cursor, which the results free them by. */
struct _polidex_hits {
	struct pdx_cursor cursor;
	polidex_results_t *results;
};

struct _polidex_facet_values {
	struct pdx_cursor cursor;
	const struct pdx_facet_result *facet;
};

/* Results under construction (the shim fills them). Each returns -1 when memory ran out. */
polidex_results_t *pdx_results_new(void);
int pdx_results_set_parsed_query(polidex_results_t *r, const char *description);

/* Add a hit from a document's stored DATA (JSON); returns the hit, or NULL when memory ran
 * out. The hit's text field holds the stored text for the snippet maker. */
polidex_hit_t *pdx_results_add_hit(polidex_results_t *r, unsigned docid, double score,
				   const char *data, size_t len);
int pdx_hit_set_snippet(polidex_hit_t *hit, const char *snippet, size_t len);

/* Start the counts of FIELD, then add one VALUE with COUNT; finish sorts them. */
struct pdx_facet_result *pdx_results_add_facet(polidex_results_t *r,
					       const struct pdx_facet_request *request);
int pdx_facet_add_count(struct pdx_facet_result *f, const char *value, size_t len,
			const char *label, unsigned long count);
void pdx_facet_finish(struct pdx_facet_result *f, unsigned limit);
int pdx_results_set_corrected_query(polidex_results_t *r, const char *corrected);

/* The query text rewritten for the parser: NFKC and case folding on every word, the boolean
 * operators (AND, OR, NOT, XOR, NEAR, ADJ) left in capitals. Returns a string the caller
 * frees, or NULL when memory runs out. */
char *pdx_query_normalise(const char *text);

/* The same, but when KEEP_CAPITALS a word (outside a field's value) that starts with an ASCII
 * capital keeps it, for the parser's STEM_SOME. */
char *pdx_query_normalise_capitals(const char *text, int keep_capitals);

/* Whether WORD (LEN bytes, ASCII lower-cased), which starts with the text given for the query's
 * word W, is a form of that word. */
typedef int pdx_snippet_word_fn(void *ctx, size_t w, const char *word, size_t len);

/* The passage of TEXT (LEN bytes) that a snippet for the query's WORDS (N_WORDS of them,
 * lower-case, each the start of the words it stands for, which IS_WORD with CTX confirms)
 * should come from: the shortest stretch holding every word the text has, widened by MARGIN
 * bytes on each side to a space; when the text has none of them (the page matched by its title
 * or metadata), its first 2 * MARGIN bytes: the article's opening serves a reader better than
 * the end of the text, where the snippet maker, finding nothing to mark, would settle.
 * Returns 1 and sets *START and *END when there is such a passage; returns 0 with the whole
 * text when the text is short (up to 4 * MARGIN bytes), when the words found are further
 * apart than 2 * MARGIN, or when memory runs out. Capitals are folded for ASCII, Latin-1 and basic
 * Cyrillic only: a word written with other capitals may be missed. */
int pdx_snippet_region(const char *text, size_t len, const char *const *words, size_t n_words,
		       pdx_snippet_word_fn *is_word, void *ctx, size_t margin, size_t *start,
		       size_t *end);

/* Check TEXT for what the query parser would refuse or misread: an unclosed quote or
 * bracket, a bracket that closes nothing, a binary operator (AND, OR, XOR, NEAR, ADJ) without
 * an operand on each side, NOT with none after it, a field with no value. Returns 1 when none
 * is found, else 0 with a message naming the problem and its position (in characters, from
 * 1) in MESSAGE. */
int pdx_query_check(const char *text, char *message, size_t size);

#ifdef __cplusplus
}
#endif

#endif
