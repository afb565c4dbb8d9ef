/* search-schemes.h: the concept scheme of an index, as searching uses it (query/schemes.c). */
#ifndef PDX_SEARCH_SCHEMES_H
#define PDX_SEARCH_SCHEMES_H

#include "polidex.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The scheme DB holds, read once and kept with the handle, in *OUT (NULL when it holds none;
 * read again at the next call then, for it may have been given one since). Returns
 * POLIDEX_STATUS_SUCCESS, or what polidex_db_get_thesaurus() returns on failure. */
polidex_status_t pdx_db_scheme(polidex_db_t *db, const polidex_thesaurus_t **out);

/* Whether GIVEN (NULL: none) may search DB: POLIDEX_STATUS_SUCCESS when DB holds no scheme or
 * holds GIVEN's; POLIDEX_STATUS_THESAURUS_MISMATCH, with a message on DB naming both, when it
 * holds another; or a failure of reading it. */
polidex_status_t pdx_db_check_scheme(polidex_db_t *db, const polidex_thesaurus_t *given);

#ifdef __cplusplus
}
#endif

#endif
