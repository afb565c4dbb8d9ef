/* db-write.h: the shim's entry point for writing one described document. */
#ifndef PDX_DB_WRITE_H
#define PDX_DB_WRITE_H

#include "lib/docspec.h"
#include "polidex.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Build the Xapian document SPEC describes, on any thread, into *OUT (NULL on failure), which
 * the caller frees with polidex_document_destroy(). Returns POLIDEX_STATUS_SUCCESS,
 * POLIDEX_STATUS_INVALID_ARGUMENT (a NULL argument), POLIDEX_STATUS_OUT_OF_MEMORY,
 * POLIDEX_STATUS_DB_ERROR (Xapian refused the text) or POLIDEX_STATUS_INTERNAL_ERROR; with no
 * handle to hold it, there is no message. Never throws. */
polidex_status_t pdx_document_make(const struct pdx_docspec *spec, polidex_document_t **out);

/* The fingerprint (slot PDX_SLOT_HASH) of the document with boolean term TERM, into OUT
 * (17 bytes). Returns 1 when found, 0 when there is no such document, -1 on any failure
 * (message on DB). Never throws. */
int pdx_db_fingerprint(polidex_db_t *db, const char *term, char out[17]);

/* Whether DB holds the capture SPEC describes (its id term and capture; see
 * pdx_captures_known()), its text tagged as TAGGING (16 hex digits) says. Returns 1 or 0, -1 on
 * any failure (message on DB). Never throws. */
int pdx_db_capture_known(polidex_db_t *db, const struct pdx_docspec *spec, const char *tagging);

/* Delete every document whose source term (PDX_PREFIX_SOURCE) is a file:// URL of a file that
 * no longer exists, and the captures read from web archives that no longer exist (a document
 * whose text came from one goes too); *REMOVED counts the documents deleted. Returns what
 * polidex_db_prune_missing_files() returns, with a message on DB. Never throws. */
polidex_status_t pdx_db_prune_files(polidex_db_t *db, unsigned long *removed);

/* Keep MESSAGE as DB's last error (truncated to fit). Never fails. */
void pdx_db_set_message(polidex_db_t *db, const char *message);

#ifdef __cplusplus
}
#endif

#endif
