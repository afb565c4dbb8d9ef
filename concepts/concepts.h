/* concepts.h: concept schemes and tagging, as the rest of polidex sees them. Other folders
 * use these functions, never the structs of concepts/thesaurus.h or concepts/tagger.h. */
#ifndef PDX_CONCEPTS_H
#define PDX_CONCEPTS_H

#include <stddef.h>

#include "polidex.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The fingerprint of tagging with THESAURUS (NULL: none) at MIN_SCORE. */
unsigned long long pdx_tag_fingerprint(const polidex_thesaurus_t *thesaurus, double min_score);

/* Concept lookups for the query shim, on the query's thesaurus. */
struct pdx_thesaurus;
const struct pdx_thesaurus *pdx_thesaurus_of(const polidex_thesaurus_t *thesaurus);

/* The index of the concept whose URI is VALUE or one of whose labels (any language, any kind)
 * reads VALUE once both are normalised; -1 when none. */
long pdx_concept_lookup(const struct pdx_thesaurus *th, const char *value);

/* The concepts whose labels cover every word of TEXT (in LANGUAGE), as indices in *OUT (freed
 * by the caller); returns how many, 0 when some word is no concept's label, -1 when memory
 * ran out. */
long pdx_concepts_covering(polidex_thesaurus_t *thesaurus, const char *text, const char *language,
			   size_t **out);

#ifdef __cplusplus
}
#endif

#endif
