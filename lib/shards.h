// shards.h: a polidex database split into shards written in parallel, for the C++ shim.
//
// A sharded database is a folder holding the shards (shard-000, shard-001, ...) and a Xapian
// stub file, XAPIANDB, naming each with an "auto" line, so that Xapian opens the folder as one
// database. Each shard is written by a thread of its own; a document goes to the shard its
// unique-id term hashes to, so a page is always replaced in the shard that holds it.
//
// A function that returns a status writes the message of a failure into MESSAGE, a buffer of
// SIZE bytes, without allocating. Those said to throw throw Xapian::Error, std::bad_alloc or
// std::system_error; the others never throw.
#ifndef PDX_SHARDS_H
#define PDX_SHARDS_H

#include <string>
#include <vector>
#include <xapian.h>

#include "lib/captures.h"
#include "polidex.h"

struct pdx_shards;

// Whether PATH is a sharded polidex database (a folder with a stub file).
bool pdx_shards_exist(const std::string &path);

// Whether the stub database file or folder at PATH names a remote database (a "remote" line,
// directly or through a stub it names).
bool pdx_stub_has_remote(const std::string &path);

// Appends to PARTS the local databases that the stub at PATH names, in its order, following
// nested stubs (DEPTH: how deep this call is); PATH itself when it is no stub. False when the
// stub names a remote database or a backend other than glass.
bool pdx_stub_local_parts(const std::string &path, std::vector<std::string> *parts,
			  int depth = 0);

// Create an empty polidex database (a shard, or a database of one shard) at PATH, which must
// not exist. Throws.
void pdx_shard_create(const std::string &path);

// Create the sharded database PATH with N shards (it must not exist), built beside PATH and
// renamed into place. Throws.
void pdx_shards_create(const std::string &path, unsigned n);

// Open the shards of PATH for writing and start their threads. Throws (a
// Xapian::DatabaseLockError when another writer has a shard).
pdx_shards *pdx_shards_open(const std::string &path);

// Queue DOC (taken from the caller, holding about BYTES of memory) with unique-id term ID and
// its CAPTURE for its shard (that of ID, or of the capture's route: the id term of its URL's
// document, so that every capture of a URL is written by one shard, in order), first waiting
// for room when the shard's queue is full. Returns POLIDEX_STATUS_SUCCESS, or the status of an
// earlier failed write with its message. Throws std::bad_alloc (DOC is then lost).
polidex_status_t pdx_shards_add(pdx_shards *s, std::string &&id, Xapian::Document &&doc,
				pdx_capture_doc &&capture, size_t bytes, char *message,
				size_t size);

// The shard a document of id term ID (or capture route) goes to.
unsigned pdx_shards_of(const pdx_shards *s, const std::string &id);

// The capture counts of every shard (pdx_capture_state), once queued writes are done. Throws.
void pdx_shards_capture_counts(pdx_shards *s, pdx_capture_state *total);

// Call FN(shard database, its capture state) for each shard in turn, with no write in
// progress on it. Throws what FN throws, and std::system_error.
template <typename Fn> void pdx_shards_each_state(pdx_shards *s, Fn fn);
pdx_capture_state &pdx_shards_state(pdx_shards *s, unsigned i);

// Commit every shard, side by side, once it has written the documents queued so far. With
// WAIT, return when all have committed; without, return at once (each shard commits on its own
// thread while later documents queue behind the commit). Returns the status of the first
// failure seen so far, with its message. Throws std::bad_alloc.
polidex_status_t pdx_shards_commit(pdx_shards *s, bool wait, char *message, size_t size);

// Documents added and replaced so far. Throws std::system_error only (a misused lock).
void pdx_shards_counts(pdx_shards *s, unsigned long *added, unsigned long *replaced);

// The total number of documents, once queued writes are done. Throws.
Xapian::doccount pdx_shards_doccount(pdx_shards *s);

// Call FN(shard database) for each shard in turn, with no write in progress on it. Throws what
// FN throws, and std::system_error.
template <typename Fn> void pdx_shards_each(pdx_shards *s, Fn fn);

// Commit, stop the threads, close the shards and free S, whatever fails. Returns the status of
// the first failure (of a write, the commit or a close), with its message. A shard whose
// thread cannot be stopped is left allocated, for the thread. Never throws.
polidex_status_t pdx_shards_close(pdx_shards *s, char *message, size_t size);

// For pdx_shards_each: the shard databases, locked one at a time (pdx_shards_lock() throws
// std::system_error).
unsigned pdx_shards_size(const pdx_shards *s);
Xapian::WritableDatabase &pdx_shards_lock(pdx_shards *s, unsigned i);
void pdx_shards_unlock(pdx_shards *s, unsigned i);

template <typename Fn> void pdx_shards_each(pdx_shards *s, Fn fn)
{
	for (unsigned i = 0; i < pdx_shards_size(s); i++) {
		Xapian::WritableDatabase &db = pdx_shards_lock(s, i);

		try {
			fn(db);
		} catch (...) {
			pdx_shards_unlock(s, i);
			throw;
		}
		pdx_shards_unlock(s, i);
	}
}

template <typename Fn> void pdx_shards_each_state(pdx_shards *s, Fn fn)
{
	for (unsigned i = 0; i < pdx_shards_size(s); i++) {
		Xapian::WritableDatabase &db = pdx_shards_lock(s, i);

		try {
			fn(db, pdx_shards_state(s, i));
		} catch (...) {
			pdx_shards_unlock(s, i);
			throw;
		}
		pdx_shards_unlock(s, i);
	}
}

#endif
