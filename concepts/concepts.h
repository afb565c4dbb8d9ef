/* concepts.h: concept schemes and tagging as the rest of polidex sees them. Other folders
 * reach a thesaurus (polidex_thesaurus_t of include/polidex.h) through these functions, never
 * through the structs of concepts/thesaurus.h or concepts/tagger.h. A concept is named by its
 * index, from 0 to polidex_thesaurus_count_concepts() - 1. A loaded thesaurus is read-only:
 * every function here may be called from any number of threads at once on one thesaurus. */
#ifndef PDX_CONCEPTS_H
#define PDX_CONCEPTS_H

#include <stddef.h>

#include "polidex.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A concept found in a text. */
struct pdx_concept_tag {
	size_t concept; /* index in the thesaurus */
	unsigned count; /* mentions */
	double score;   /* mentions, plus weight for the title and the lead */
};

/* The concepts mentioned in TITLE and BODY (either may be NULL), written in LANGUAGE (BCP 47;
 * NULL for English), scoring MIN_SCORE or more (see concepts/tagger.h for the rules). On
 * success *OUT (freed by the caller) holds *N tags by descending score and 0 is returned; -1
 * when memory ran out. */
int pdx_concepts_tag(const polidex_thesaurus_t *thesaurus, const char *title, const char *body,
		     const char *language, double min_score, struct pdx_concept_tag **out,
		     size_t *n);

/* Write the indices of every ancestor of concept I (broader, transitively, each once) to OUT,
 * which holds MAX; returns how many there are (possibly more than MAX). */
size_t pdx_concepts_ancestors(const polidex_thesaurus_t *thesaurus, size_t i, size_t *out,
			      size_t max);

/* The fingerprint of tagging with THESAURUS (NULL: none) at MIN_SCORE, by this version of
 * the tagger (PDX_COMPILED_VERSION and PDX_TAGGER_SCORING). */
unsigned long long pdx_concepts_fingerprint(const polidex_thesaurus_t *thesaurus,
					    double min_score);

/* What tells THESAURUS (NULL: none) from another scheme, as an index keeps it: its file and
 * the block's version, whatever the scoring. */
unsigned long long pdx_concepts_scheme_id(const polidex_thesaurus_t *thesaurus);

/* The index of the concept whose URI is exactly URI, or -1. */
long pdx_concepts_find(const polidex_thesaurus_t *thesaurus, const char *uri);

/* The index of the concept whose URI is VALUE (case aside) or one of whose labels (any
 * language, any kind) reads VALUE once both are normalised; -1 when none. */
long pdx_concepts_lookup(const polidex_thesaurus_t *thesaurus, const char *value);

/* The concepts whose labels cover every word of TEXT (in LANGUAGE), as indices in *OUT (freed
 * by the caller); returns how many, 0 when some word is no concept's label, -1 when memory
 * ran out. */
long pdx_concepts_covering(const polidex_thesaurus_t *thesaurus, const char *text,
			   const char *language, size_t **out);

/* Concept I's URI, and its preferred label in LANGUAGE (matched on the primary subtag; else
 * English, else the first). Valid until the thesaurus is destroyed. */
const char *pdx_concepts_uri(const polidex_thesaurus_t *thesaurus, size_t i);
const char *pdx_concepts_label(const polidex_thesaurus_t *thesaurus, size_t i,
			       const char *language);

/* Whether concept I has no broader concept; whether PARENT is one of its broader concepts. */
int pdx_concepts_is_top(const polidex_thesaurus_t *thesaurus, size_t i);
int pdx_concepts_has_broader(const polidex_thesaurus_t *thesaurus, size_t i, size_t parent);

/* Widening a query without the whole scheme: an index stores its scheme's labels grouped by
 * the form of their first word, and a search reads only the groups of its own words' forms.
 * pdx_concepts_cover_groups() calls FN once a group with its form and LEN bytes (returns 0, or
 * -1 when memory ran out or FN returned -1); pdx_concepts_cover_forms() calls FN with the form
 * of each word of TEXT, a query in LANGUAGE (the same returns); pdx_concepts_cover_match() is
 * pdx_concepts_covering() over the N_GROUPS GROUPS of TEXT's forms, giving the concepts' URIs
 * in *OUT (an array of N strings, all freed by the caller): it returns N, 0 when some word is
 * no label's, -1 when memory ran out, -2 when a group is damaged. */
typedef int (*pdx_cover_group_fn)(void *ctx, const char *form, const char *data, size_t len);
typedef int (*pdx_cover_form_fn)(void *ctx, const char *form);
struct pdx_cover_group {
	const char *form;
	const char *data;
	size_t len;
};
int pdx_concepts_cover_groups(const polidex_thesaurus_t *thesaurus, pdx_cover_group_fn fn,
			      void *ctx);
int pdx_concepts_cover_forms(const char *text, const char *language, pdx_cover_form_fn fn,
			     void *ctx);
long pdx_concepts_cover_match(const struct pdx_cover_group *groups, size_t n_groups,
			      const char *text, const char *language, char ***out);

/* The file the thesaurus was loaded from, and the number of its load, unique in the process
 * (for caches that must not outlive it). */
const char *pdx_concepts_path(const polidex_thesaurus_t *thesaurus);
unsigned long pdx_concepts_serial(const polidex_thesaurus_t *thesaurus);

/* THESAURUS and its compiled tagger as one block of bytes (concepts/compiled.h), in *OUT
 * (*LEN bytes; freed by the caller), for an index to store. Returns 0, or -1 when memory ran
 * out. */
int pdx_concepts_compile(const polidex_thesaurus_t *thesaurus, char **out, size_t *len);

/* The thesaurus of a block pdx_concepts_compile() made (DATA, from malloc(), LEN bytes: taken,
 * and freed with the thesaurus or at once on failure), in *OUT (destroyed by the caller),
 * ready to tag and search with: nothing is parsed or compiled again. Returns
 * POLIDEX_STATUS_SUCCESS; POLIDEX_STATUS_FILE_ERROR with the reason in ERROR (ERROR_LEN
 * bytes) when the block is not one, damaged or of another version; or
 * POLIDEX_STATUS_OUT_OF_MEMORY. */
polidex_status_t pdx_concepts_read_compiled(char *data, size_t len, polidex_thesaurus_t **out,
					    char *error, size_t error_len);

#ifdef __cplusplus
}
#endif

#endif
