/* metadata.h: the database's user metadata as bytes, for what other folders keep in an index
 * (the concept schemes it was tagged with), and a value kept with an open handle. */
#ifndef PDX_METADATA_H
#define PDX_METADATA_H

#include <stddef.h>

#include "polidex.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The value of metadata KEY of DB (of a database searched with others, or written as shards:
 * the first's) in *OUT (*LEN bytes, a NUL after them; freed by the caller), NULL and 0 when
 * DB has none. Returns POLIDEX_STATUS_SUCCESS, POLIDEX_STATUS_DB_ERROR (message on DB: the
 * database, or a remote shard's server, failed) or POLIDEX_STATUS_OUT_OF_MEMORY. Never
 * throws. */
polidex_status_t pdx_db_get_metadata(polidex_db_t *db, const char *key, char **out,
				     size_t *len);

/* Set metadata KEY of DB (open for writing; every shard of a sharded one) to the LEN bytes at
 * VALUE, made durable by the next commit. Returns POLIDEX_STATUS_SUCCESS,
 * POLIDEX_STATUS_DB_READ_ONLY, POLIDEX_STATUS_DB_ERROR (message on DB) or
 * POLIDEX_STATUS_OUT_OF_MEMORY. Never throws. */
polidex_status_t pdx_db_set_metadata(polidex_db_t *db, const char *key, const char *value,
				     size_t len);

/* The path DB was opened with (the first, for several). Never fails. */
const char *pdx_db_path(const polidex_db_t *db);

/* Keep VALUE with DB, freed by FREE_FN (when not NULL) when DB closes or another value is
 * kept; the value kept, or NULL. Never fail. */
void pdx_db_keep(polidex_db_t *db, void *value, void (*free_fn)(void *));
void *pdx_db_kept(const polidex_db_t *db);

#ifdef __cplusplus
}
#endif

#endif
