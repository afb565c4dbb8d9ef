/* search-schemes.h: the concept scheme of an index, as searching uses it (query/schemes.c). */
#ifndef PDX_SEARCH_SCHEMES_H
#define PDX_SEARCH_SCHEMES_H

#include "polidex.h"

#ifdef __cplusplus
extern "C" {
#endif

struct pdx_facet_field;

/* The longest name of a scheme, and the most named schemes an index holds. */
#define PDX_SCHEME_NAME_MAX 31
#define PDX_SCHEMES_MAX 16

/* The scheme DB holds, read once and kept with the handle, in *OUT (NULL when it holds none;
 * read again at the next call then, for it may have been given one since). Returns
 * POLIDEX_STATUS_SUCCESS, or what polidex_db_get_thesaurus() returns on failure. */
polidex_status_t pdx_db_scheme(polidex_db_t *db, const polidex_thesaurus_t **out);

/* The id of the unnamed scheme DB holds (16 hex digits) in *ID, freed by the caller; NULL when
 * it holds none. Returns POLIDEX_STATUS_SUCCESS or a failure of reading it. */
polidex_status_t pdx_db_scheme_id(polidex_db_t *db, char **id);

/* Whether GIVEN (NULL: none) may search DB: POLIDEX_STATUS_SUCCESS when DB holds no scheme or
 * holds GIVEN's; POLIDEX_STATUS_THESAURUS_MISMATCH, with a message on DB naming both, when it
 * holds another; or a failure of reading it. */
polidex_status_t pdx_db_check_scheme(polidex_db_t *db, const polidex_thesaurus_t *given);

/* How many named schemes DB holds, into *N; their names are read once a handle's life.
 * Returns POLIDEX_STATUS_SUCCESS or a failure of reading them. */
polidex_status_t pdx_db_named_schemes(polidex_db_t *db, size_t *n);

/* The name of DB's named scheme I (from 0), after pdx_db_named_schemes(); NULL past the
 * last. */
const char *pdx_db_named_scheme_name(polidex_db_t *db, size_t i);

/* The facet field of DB's scheme NAME in *FIELD and the scheme in *TH: GIVEN, when it is not
 * NULL and is DB's scheme of that name (else POLIDEX_STATUS_THESAURUS_MISMATCH, with a message
 * on DB), or else DB's own, read once and kept with the handle; both NULL when DB holds no
 * scheme of that name. Returns POLIDEX_STATUS_SUCCESS, or what polidex_db_get_scheme()
 * returns on failure. */
polidex_status_t pdx_db_named_scheme(polidex_db_t *db, const char *name,
				     const polidex_thesaurus_t *given,
				     const struct pdx_facet_field **field,
				     const polidex_thesaurus_t **th);

/* Keep on DB (open for writing) the label groups of TH, its unnamed scheme, whose id key is
 * ID (query/cover.c), unless it keeps them already. Returns POLIDEX_STATUS_SUCCESS or a failure
 * of writing them. */
polidex_status_t pdx_db_store_cover(polidex_db_t *db, const polidex_thesaurus_t *th,
				    const char *id);

/* The concepts of DB's unnamed scheme whose labels cover every word of TEXT (a query in
 * LANGUAGE), read from the groups of its words' forms: *N URIs in *URIS (an array of strings,
 * all freed by the caller), 0 when some word is no label's, or -2 (*URIS NULL) when DB keeps
 * no groups (an index written before them, or holding no scheme) or a word is too long for
 * one: the caller then matches against the whole scheme. Returns POLIDEX_STATUS_SUCCESS or a
 * failure of reading. */
polidex_status_t pdx_db_cover(polidex_db_t *db, const char *text, const char *language,
			      char ***uris, long *n);

#ifdef __cplusplus
}
#endif

#endif
