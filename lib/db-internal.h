// db-internal.h: the database handle, shared by the C++ shim files only.
#ifndef PDX_DB_INTERNAL_H
#define PDX_DB_INTERNAL_H

#include <map>
#include <memory>
#include <string>
#include <vector>
#include <xapian.h>

#include "lib/captures.h"
#include "lib/docspec.h"
#include "polidex.h"
#include "stemmers/stemmers.h"

struct pdx_shards;
class PdxFacetColumn;

// A value another folder keeps with the handle (lib/metadata.h).
struct pdx_db_kept_value {
	void *value = nullptr;
	void (*free_fn)(void *) = nullptr;
};

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
	PdxStemCache stemmers;           // for searching, by language
	// Read-only on local databases: each database it searches (the shards of a stub), which
	// share their state with DB, so that they reopen with it. Empty otherwise.
	std::vector<Xapian::Database> parts;
	// Facet slots held in memory (query/facet-column.h), for each part by name (see
	// query/search.cc), and how many documents' values facets have counted without them.
	// Dropped when DB reopens on a newer revision.
	std::vector<std::map<std::string, std::shared_ptr<const PdxFacetColumn>>> columns;
	unsigned long long facet_reads;
	pdx_db_kept_value kept;
	char error[1024];
};

// A document built by pdx_document_make(), waiting to be added.
struct _polidex_document {
	Xapian::Document doc;
	std::string id_term;
	std::string source_term; // where the page was read from (PDX_PREFIX_SOURCE), or empty
	pdx_capture_doc capture; // a capture from a web archive, merged with its URL's others
	size_t bytes = 0;   // about how much memory the built document holds
	bool taken = false; // added to a sharded database, which took the contents
};

// What SPEC says of its capture, as the writer takes it. Throws std::bad_alloc.
pdx_capture_doc pdx_capture_of_spec(const struct pdx_docspec *spec);

// Record a message on DB, printf-style. Never throws.
void pdx_db_fail(polidex_db_t *db, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

// Turn the exception in flight into a status and a message on DB naming WHAT was being done
// and DB's path: a Xapian::Error is POLIDEX_STATUS_DB_ERROR (or, for the errors of opening a
// database and parsing a query, DB_LOCKED, DB_NOT_FOUND and QUERY_SYNTAX), std::bad_alloc
// POLIDEX_STATUS_OUT_OF_MEMORY and anything else POLIDEX_STATUS_INTERNAL_ERROR. Call only
// inside a catch block. Never throws.
polidex_status_t pdx_db_status_from_exception(polidex_db_t *db, const char *what);

#endif
