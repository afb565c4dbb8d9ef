/* tagger.h: finding a thesaurus's concepts in text, by stemmed label matching. */
#ifndef PDX_TAGGER_H
#define PDX_TAGGER_H

#include <stddef.h>

#include "concepts/concepts.h"
#include "concepts/thesaurus.h"

typedef struct pdx_tagger pdx_tagger_t;

/* A concept found in a text. */
struct pdx_tag {
	size_t concept;    /* index in the thesaurus */
	unsigned count;    /* mentions */
	unsigned first;    /* token position of the first mention */
	double score;      /* mentions, plus weight for the title and the lead */
};

/* Compile every label of TH into one matcher: labels are normalised (NFKC, case folded),
 * split into words (Chinese, Japanese and Korean into characters) and stemmed with the
 * Snowball stemmer of their language, then stored in a trie over those tokens, so that
 * matching costs the same whatever the number of concepts. TH must outlive the tagger.
 * Returns NULL when memory runs out (or the process has no thread-specific key left).
 *
 * The matcher is read-only once compiled: any number of threads may call pdx_tagger_tag()
 * and pdx_tagger_cover() on one tagger at once. Each thread keeps its own caches of stemmed
 * words and its scratch, made on its first call and freed when it ends or when the tagger is
 * freed, whichever comes first. */
pdx_tagger_t *pdx_tagger_new(const pdx_thesaurus_t *th);

/* Free TAGGER (NULL: nothing) and every thread's caches for it; no thread may be using it. */
void pdx_tagger_free(pdx_tagger_t *tagger);

/* The concepts mentioned in TITLE and BODY (either may be NULL), written in LANGUAGE (BCP 47;
 * NULL for English): the longest label wins where labels overlap, a label never matches
 * across a sentence end, and only labels in the text's language (or in none) count. A
 * mention in the title adds 2 to a concept's score, one in the lead (the first paragraph)
 * adds 1. Tags scoring below MIN_SCORE are dropped. On success *OUT (freed by the caller) holds
 * *N tags by descending score; returns -1 when memory ran out. */
int pdx_tagger_tag(const pdx_tagger_t *tagger, const char *title, const char *body,
		   const char *language, double min_score, struct pdx_tag **out, size_t *n);

/* Match TEXT (a query), its words stemmed as LANGUAGE and its labels in any language: when
 * labels cover every word of it, set *OUT (freed by the caller) to the concepts of those
 * labels and return how many; return 0 when some word is no label's, -1 when memory ran
 * out. */
long pdx_tagger_cover(const pdx_tagger_t *tagger, const char *text, const char *language,
		      size_t **out);

/* The labels grouped by the form of their first word (concepts/tagger-cover.c), for matching
 * a query without the whole matcher: FN is called once a group with the form and the group's
 * LEN bytes. Returns 0, or -1 when memory ran out or FN returned -1. */
int pdx_tagger_cover_groups(const pdx_tagger_t *tagger, pdx_cover_group_fn fn, void *ctx);

/* The forms of the words of TEXT (a query in LANGUAGE), as a group is keyed by: FN is called
 * once a word. Returns 0, or -1 when memory ran out or FN returned -1. */
int pdx_tagger_cover_forms(const char *text, const char *language, pdx_cover_form_fn fn,
			   void *ctx);

/* pdx_tagger_cover() of TEXT over the labels of the N_GROUPS GROUPS (those of TEXT's forms):
 * the URIs of the concepts in *OUT, N strings in an array, all freed by the caller. Returns
 * N, 0 as pdx_tagger_cover() does, -1 when memory ran out, -2 for a damaged group. */
long pdx_tagger_cover_groups_match(const struct pdx_cover_group *groups, size_t n_groups,
				   const char *text, const char *language, char ***out);

#endif
