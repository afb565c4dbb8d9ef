// db-internal.h: the database handle, shared by the C++ shim files only.
#ifndef PDX_DB_INTERNAL_H
#define PDX_DB_INTERNAL_H

#include <map>
#include <string>
#include <xapian.h>

#include "polidex.h"

struct _polidex_db {
	Xapian::Database *db;            // the WritableDatabase when writable
	Xapian::WritableDatabase *wdb;   // NULL when read-only
	std::string path;
	std::map<std::string, Xapian::Stem> stemmers; // by language, built once
	char error[1024];
};

// Record a message on DB, printf-style. Never throws.
void pdx_db_fail(polidex_db_t *db, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

// The stemmer for LANGUAGE (NULL: none), cached on DB.
const Xapian::Stem &pdx_db_stemmer(polidex_db_t *db, const char *language);

// Turn the exception in flight into a status and a message on DB naming WHAT was being done.
// Call only inside a catch block.
polidex_status_t pdx_db_status_from_exception(polidex_db_t *db, const char *what);

#endif
