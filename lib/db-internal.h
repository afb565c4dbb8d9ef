// db-internal.h: the database handle, shared by the C++ shim files only.
#ifndef PDX_DB_INTERNAL_H
#define PDX_DB_INTERNAL_H

#include <map>
#include <memory>
#include <string>
#include <vector>
#include <xapian.h>

#include "lib/captures.h"
#include "polidex.h"

struct pdx_shards;
class PdxFacetColumn;

struct _polidex_db {
	Xapian::Database *db;            // the WritableDatabase when writable
	Xapian::WritableDatabase *wdb;   // NULL when read-only or sharded
	pdx_shards *shards;              // a sharded database open for writing, else NULL
	bool remote;                     // read-only, with a shard on another server
	unsigned long added, replaced;   // documents written through this handle
	bool had_documents;              // writable: the database held documents when opened
	unsigned long moved;             // sharded: old documents of pages that came back under
	                                 // another id, deleted
	pdx_capture_state captures;      // one writable database: its captures
	unsigned n_databases;            // read-only: databases searched together
	std::string path;
	std::map<std::string, Xapian::Stem> stemmers; // by language, built once
	// Read-only on local databases: each database it searches (the shards of a stub), which
	// share their state with DB, so that they reopen with it. Empty otherwise.
	std::vector<Xapian::Database> parts;
	// Facet slots held in memory (query/facet-column.h), for each part by name (see
	// query/search.cc), and how many documents' values facets have counted without them.
	// Dropped when DB reopens on a newer revision.
	std::vector<std::map<std::string, std::shared_ptr<const PdxFacetColumn>>> columns;
	unsigned long long facet_reads;
	char error[1024];
};

// Record a message on DB, printf-style. Never throws.
void pdx_db_fail(polidex_db_t *db, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

// The stemmer for LANGUAGE (NULL: none), cached on DB.
const Xapian::Stem &pdx_db_stemmer(polidex_db_t *db, const char *language);

// Turn the exception in flight into a status and a message on DB naming WHAT was being done.
// Call only inside a catch block.
polidex_status_t pdx_db_status_from_exception(polidex_db_t *db, const char *what);

// The name of a folder beside PATH in which to build a new database before renaming it into
// place, after removing what creators that died half-way left beside PATH.
std::string pdx_db_new_folder(const std::string &path);

// Remove the folder DIR and everything in it.
void pdx_db_remove_tree(const std::string &dir);

#endif
