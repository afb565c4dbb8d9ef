/* db-write.h: the shim's entry point for writing one described document. */
#ifndef PDX_DB_WRITE_H
#define PDX_DB_WRITE_H

#include "docspec.h"
#include "polidex.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Write SPEC to DB, replacing the document with the same id term. *REPLACED (when not NULL)
 * tells whether one was replaced. */
polidex_status_t pdx_db_write(polidex_db_t *db, const struct pdx_docspec *spec, int *replaced);

/* Keep MESSAGE as DB's last error (truncated to fit). */
void pdx_db_set_message(polidex_db_t *db, const char *message);

#ifdef __cplusplus
}
#endif

#endif
