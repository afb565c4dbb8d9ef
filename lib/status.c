/* status.c: status codes to messages, and the library version. */
#include "config.h"

#include "polidex.h"

static const char *const status_strings[POLIDEX_STATUS_LAST_STATUS] = {
	[POLIDEX_STATUS_SUCCESS] = "success",
	[POLIDEX_STATUS_OUT_OF_MEMORY] = "out of memory",
	[POLIDEX_STATUS_INVALID_ARGUMENT] = "invalid argument",
	[POLIDEX_STATUS_FILE_ERROR] = "file cannot be read",
	[POLIDEX_STATUS_NOT_HTML] = "not an HTML page",
	[POLIDEX_STATUS_DB_NOT_FOUND] = "database not found",
	[POLIDEX_STATUS_DB_LOCKED] = "database is locked by another writer",
	[POLIDEX_STATUS_DB_READ_ONLY] = "database is open read-only",
	[POLIDEX_STATUS_DB_ERROR] = "database error",
	[POLIDEX_STATUS_QUERY_SYNTAX] = "query syntax error",
	[POLIDEX_STATUS_UNKNOWN_FIELD] = "unknown field",
	[POLIDEX_STATUS_INTERNAL_ERROR] = "internal error",
	[POLIDEX_STATUS_NOT_FOUND] = "no such document",
	[POLIDEX_STATUS_UNDECODABLE] = "body cannot be decoded",
	[POLIDEX_STATUS_TOO_LARGE] = "page too large",
	[POLIDEX_STATUS_THESAURUS_MISMATCH] = "not the index's concept scheme",
};

const char *polidex_status_to_string(polidex_status_t status)
{
	if ((unsigned)status >= POLIDEX_STATUS_LAST_STATUS || !status_strings[status])
		return "unknown status";
	return status_strings[status];
}

const char *polidex_version(void)
{
	return PACKAGE_VERSION;
}
