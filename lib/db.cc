// db.cc: the database handle over Xapian: open, write, commit, close. Part of the shim: each
// entry point is one try block, and no exception leaves this file.
#include "config.h"

#include <algorithm>
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <vector>
#include <sys/stat.h>

#include "lib/db-internal.h"
#include "lib/db-write.h"
#include "lib/folder.h"
#include "lib/schema.h"
#include "util/term.h"
#include "lib/shards.h"

void pdx_db_fail(polidex_db_t *db, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(db->error, sizeof db->error, fmt, ap);
	va_end(ap);
}

// Never throws: the message is formatted into the handle's buffer.
extern "C" void pdx_db_set_message(polidex_db_t *db, const char *message)
{
	pdx_db_fail(db, "%s", message);
}

// pdx_db_status_from_exception(), for the database at PATH.
static polidex_status_t failure_status(polidex_db_t *db, const char *path, const char *what)
{
	try {
		throw;
	} catch (const Xapian::QueryParserError &e) {
		pdx_db_fail(db, "%s: %s", what, e.get_msg().c_str());
		return POLIDEX_STATUS_QUERY_SYNTAX;
	} catch (const Xapian::Error &e) {
		pdx_db_fail(db, "%s: %s failed: %s: %s", path, what, e.get_type(),
			    e.get_msg().c_str());
		return POLIDEX_STATUS_DB_ERROR;
	} catch (const std::bad_alloc &) {
		pdx_db_fail(db, "%s: %s failed: out of memory", path, what);
		return POLIDEX_STATUS_OUT_OF_MEMORY;
	} catch (...) {
		pdx_db_fail(db, "%s: %s failed: unexpected error", path, what);
		return POLIDEX_STATUS_INTERNAL_ERROR;
	}
}

polidex_status_t pdx_db_status_from_exception(polidex_db_t *db, const char *what)
{
	return failure_status(db, db->path.c_str(), what);
}

// The status of the exception in flight while opening (or reopening) the database at PATH,
// with its message on DB: the errors of opening say what is wrong with the database, others
// are failures of WHAT as pdx_db_status_from_exception() tells them. Never throws.
static polidex_status_t opening_status(polidex_db_t *db, const char *path, const char *what)
{
	try {
		throw;
	} catch (const Xapian::DatabaseLockError &) {
		pdx_db_fail(db, "%s: database is locked by another writer (is another "
				"polidex-index running?)", path);
		return POLIDEX_STATUS_DB_LOCKED;
	} catch (const Xapian::DatabaseNotFoundError &e) {
		pdx_db_fail(db, "%s: no polidex database here (%s)", path, e.get_msg().c_str());
		return POLIDEX_STATUS_DB_NOT_FOUND;
	} catch (const Xapian::DatabaseOpeningError &e) {
		pdx_db_fail(db, "%s: not a database polidex can open (%s)", path,
			    e.get_msg().c_str());
		return POLIDEX_STATUS_DB_NOT_FOUND;
	} catch (...) {
		return failure_status(db, path, what);
	}
}

// Make a new, empty polidex database at PATH, which does not exist (see
// pdx_folder_build_in_place()).
static void create_database(const std::string &path)
{
	pdx_folder_build_in_place(path, pdx_shard_create);
}

// Refuse to write into a database (or shard, at SHARD_PATH) some other program built.
static bool check_schema(polidex_db_t *db, Xapian::WritableDatabase &wdb,
			 const std::string &shard_path)
{
	std::string version = wdb.get_metadata(PDX_SCHEMA_METADATA_KEY);

	if (version.empty()) {
		if (wdb.get_doccount() > 0) {
			pdx_db_fail(db, "%s: holds documents but is not a polidex database; "
					"refusing to write into it", shard_path.c_str());
			return false;
		}
		wdb.set_metadata(PDX_SCHEMA_METADATA_KEY, PDX_SCHEMA_VERSION);
	} else if (version != PDX_SCHEMA_VERSION) {
		pdx_db_fail(db,
			    "%s: written with index schema %s, but this polidex writes schema %s; "
			    "index into a new database",
			    shard_path.c_str(), version.c_str(), PDX_SCHEMA_VERSION);
		return false;
	}
	return true;
}

// Open the shards of DB->path for writing, SHARDS as polidex_db_open_writable() takes it.
static polidex_status_t open_shards(polidex_db_t *db, unsigned shards)
{
	const std::string &path = db->path;
	bool ok = true;
	unsigned i = 0;

	db->shards = pdx_shards_open(path);
	unsigned have = pdx_shards_size(db->shards);
	if (shards > 0 && shards != have) {
		pdx_db_fail(db, "%s: holds %u shards, not %u; index into a new database to shard "
				"it differently", path.c_str(), have, shards);
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	}
	pdx_shards_each(db->shards, [&](Xapian::WritableDatabase &wdb) {
		char name[32];

		std::snprintf(name, sizeof name, "/shard-%03u", i++);
		ok = ok && check_schema(db, wdb, path + name);
		db->had_documents = db->had_documents || wdb.get_doccount() > 0;
	});
	return ok ? POLIDEX_STATUS_SUCCESS : POLIDEX_STATUS_DB_ERROR;
}

// Open (creating when missing) the database DB->path for writing; SHARDS as
// polidex_db_open_writable() takes it. Returns a status, with a message on DB; throws.
static polidex_status_t open_writable(polidex_db_t *db, unsigned shards)
{
	const std::string &path = db->path;
	struct stat st;
	bool exists;

	pdx_folder_make_parents(path);
	exists = stat(path.c_str(), &st) == 0;
	if (!exists && errno == ENOENT) {
		if (shards > 1)
			pdx_shards_create(path, shards);
		else
			create_database(path);
	}
	if (pdx_shards_exist(path))
		return open_shards(db, shards);
	if (shards > 1) {
		pdx_db_fail(db, "%s: is a database of one shard; index into a new database to "
				"shard it", path.c_str());
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	}
	db->wdb = new Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
	db->db = db->wdb;
	db->had_documents = db->wdb->get_doccount() > 0;
	return check_schema(db, *db->wdb, path) ? POLIDEX_STATUS_SUCCESS : POLIDEX_STATUS_DB_ERROR;
}

// Open DB->path for searching: the databases a stub names on this machine as parts of one, so
// that facets can hold each part's columns. Throws.
static polidex_status_t open_read_only(polidex_db_t *db)
{
	const char *path = db->path.c_str();
	std::vector<std::string> parts;
	struct stat st;

	if (stat(path, &st) < 0) {
		pdx_db_fail(db, "%s: no polidex database here (%s)", path, strerror(errno));
		return POLIDEX_STATUS_DB_NOT_FOUND;
	}
	db->remote = pdx_stub_has_remote(path);
	if (!db->remote && pdx_stub_local_parts(path, &parts)) {
		db->db = new Xapian::Database();
		for (const std::string &p : parts) {
			db->parts.emplace_back(p);
			db->db->add_database(db->parts.back());
		}
	} else {
		db->db = new Xapian::Database(path);
	}
	return POLIDEX_STATUS_SUCCESS;
}

// Free DB, whatever state it is in. Never throws.
static void free_db(polidex_db_t *db)
{
	if (db->shards)
		pdx_shards_close(db->shards, db->error, sizeof db->error);
	delete db->db; // Xapian's destructors do not throw
	if (db->kept.free_fn && db->kept.value)
		db->kept.free_fn(db->kept.value);
	delete db;
}

// Hand DB, opened with STATUS, to *OUT; or free it, its message copied into *ERROR_MESSAGE
// (when not NULL). Never throws.
static polidex_status_t finish_open(polidex_db_t *db, polidex_status_t status,
				    polidex_db_t **out, char **error_message)
{
	if (status != POLIDEX_STATUS_SUCCESS) {
		if (error_message && db)
			*error_message = strdup(db->error);
		if (db)
			free_db(db);
		return status;
	}
	*out = db;
	return POLIDEX_STATUS_SUCCESS;
}

static polidex_status_t open_db(const char *path, polidex_db_mode_t mode, unsigned shards,
				polidex_db_t **out, char **error_message)
{
	polidex_db_t *db = nullptr;
	polidex_status_t status;

	if (out)
		*out = nullptr;
	if (error_message)
		*error_message = nullptr;
	if (!path || !*path || !out)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	try {
		db = new _polidex_db();
		db->db = nullptr;
		db->wdb = nullptr;
		db->shards = nullptr;
		db->remote = false;
		db->added = db->replaced = 0;
		db->n_databases = 1;
		db->facet_reads = 0;
		db->error[0] = '\0';
		db->path = path;
		if (mode == POLIDEX_DB_WRITABLE)
			status = open_writable(db, shards);
		else
			status = open_read_only(db);
	} catch (...) {
		if (db)
			status = opening_status(db, path, "opening the database");
		else
			status = POLIDEX_STATUS_OUT_OF_MEMORY;
	}
	return finish_open(db, status, out, error_message);
}

extern "C" polidex_status_t polidex_db_open(const char *path, polidex_db_mode_t mode,
					    polidex_db_t **out, char **error_message)
{
	return open_db(path, mode, 0, out, error_message);
}

// Add the database at PATH to DB's, to be searched with them. Throws.
static polidex_status_t add_database(polidex_db_t *db, const char *path)
{
	struct stat st;

	if (!path || !*path)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	if (stat(path, &st) < 0) {
		pdx_db_fail(db, "%s: no polidex database here (%s)", path, strerror(errno));
		return POLIDEX_STATUS_DB_NOT_FOUND;
	}
	db->db->add_database(Xapian::Database(path));
	db->remote = db->remote || pdx_stub_has_remote(path);
	db->n_databases++;
	return POLIDEX_STATUS_SUCCESS;
}

extern "C" polidex_status_t polidex_db_open_many(const char *const *paths, size_t n,
						 polidex_db_t **out, char **error_message)
{
	polidex_status_t status;
	polidex_db_t *db;
	size_t i = 1;

	if (out)
		*out = nullptr;
	if (error_message)
		*error_message = nullptr;
	if (!paths || n == 0 || !out)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	status = open_db(paths[0], POLIDEX_DB_READ_ONLY, 0, &db, error_message);
	if (status != POLIDEX_STATUS_SUCCESS)
		return status;
	try {
		for (; i < n && status == POLIDEX_STATUS_SUCCESS; i++)
			status = add_database(db, paths[i]);
	} catch (...) {
		status = opening_status(db, paths[i] ? paths[i] : "", "opening the database");
	}
	return finish_open(db, status, out, error_message);
}

extern "C" polidex_status_t polidex_db_open_writable(const char *path, unsigned shards,
						     polidex_db_t **out, char **error_message)
{
	return open_db(path, POLIDEX_DB_WRITABLE, shards, out, error_message);
}

extern "C" void polidex_db_write_counts(polidex_db_t *db, unsigned long *added,
				       unsigned long *replaced)
{
	unsigned long a = 0, r = 0;

	try {
		if (db && db->shards) {
			pdx_shards_counts(db->shards, &a, &r);
			// Pages written under a new id that took the place of their old document.
			a -= std::min<unsigned long>(a, db->moved);
			r += db->moved;
		} else if (db) {
			a = db->added, r = db->replaced;
		}
	} catch (...) {
		// Counts only, which cannot fail but for a misused lock: 0 then, and the
		// failure goes on the handle.
		pdx_db_status_from_exception(db, "counting the documents written");
		a = r = 0;
	}
	if (added)
		*added = a;
	if (replaced)
		*replaced = r;
}

static polidex_status_t commit(polidex_db_t *db, bool wait)
{
	if (!db)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	try {
		if (db->shards)
			return pdx_shards_commit(db->shards, wait, db->error, sizeof db->error);
		if (db->wdb)
			db->wdb->commit();
	} catch (...) {
		return pdx_db_status_from_exception(db, "commit");
	}
	return POLIDEX_STATUS_SUCCESS;
}

extern "C" polidex_status_t polidex_db_commit(polidex_db_t *db)
{
	return commit(db, true);
}

extern "C" polidex_status_t polidex_db_start_commit(polidex_db_t *db)
{
	return commit(db, false);
}

extern "C" polidex_status_t polidex_db_close(polidex_db_t *db)
{
	polidex_status_t status = POLIDEX_STATUS_SUCCESS;

	if (!db)
		return POLIDEX_STATUS_SUCCESS;
	try {
		if (db->shards) {
			char message[sizeof db->error];

			status = pdx_shards_close(db->shards, message, sizeof message);
			db->shards = nullptr;
		} else {
			db->db->close();
		}
	} catch (...) {
		status = pdx_db_status_from_exception(db, "closing the database");
	}
	free_db(db);
	return status;
}

extern "C" const char *polidex_db_error(const polidex_db_t *db)
{
	return db ? db->error : "";
}

extern "C" polidex_status_t polidex_db_count_documents(polidex_db_t *db, unsigned long *count)
{
	if (count)
		*count = 0;
	if (!db || !count)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	try {
		*count = db->shards ? pdx_shards_doccount(db->shards) : db->db->get_doccount();
	} catch (...) {
		return pdx_db_status_from_exception(db, "counting documents");
	}
	return POLIDEX_STATUS_SUCCESS;
}

extern "C" polidex_status_t polidex_db_reopen(polidex_db_t *db, int *changed)
{
	if (changed)
		*changed = 0;
	if (!db)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	if (db->wdb || db->shards)
		return POLIDEX_STATUS_SUCCESS;
	try {
		bool now = db->db->reopen();

		if (now) {
			db->columns.clear();
			db->facet_reads = 0;
		}
		if (changed)
			*changed = now ? 1 : 0;
	} catch (...) {
		return opening_status(db, db->path.c_str(), "reopening the database");
	}
	return POLIDEX_STATUS_SUCCESS;
}

extern "C" polidex_status_t polidex_db_get_document(polidex_db_t *db, unsigned docid,
						    char **json)
{
	if (json)
		*json = nullptr;
	if (!db || !json || docid == 0)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	if (db->shards) {
		pdx_db_fail(db, "%s: a sharded database being written has no documents to read",
			    db->path.c_str());
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	}
	try {
		std::string data = db->db->get_document(docid).get_data();

		*json = strdup(data.c_str());
		if (!*json)
			throw std::bad_alloc();
	} catch (const Xapian::DocNotFoundError &) {
		pdx_db_fail(db, "%s: no document %u", db->path.c_str(), docid);
		return POLIDEX_STATUS_NOT_FOUND;
	} catch (...) {
		return pdx_db_status_from_exception(db, "reading a document");
	}
	return POLIDEX_STATUS_SUCCESS;
}

// Delete from WDB the documents read from SOURCE that are not the document ID: a page whose
// canonical URL changed since it was indexed comes back under another id, and must not stay
// twice.
static Xapian::doccount delete_stale(Xapian::WritableDatabase &wdb, const std::string &source,
				     const std::string &id)
{
	std::vector<Xapian::docid> stale;

	for (Xapian::PostingIterator p = wdb.postlist_begin(source); p != wdb.postlist_end(source);
	     ++p) {
		Xapian::PostingIterator same = wdb.postlist_begin(id);

		same.skip_to(*p);
		if (same == wdb.postlist_end(id) || *same != *p)
			stale.push_back(*p);
	}
	for (Xapian::docid did : stale)
		wdb.delete_document(did);
	return static_cast<Xapian::doccount>(stale.size());
}

// The status of the exception in flight while writing (WHAT) into DB: a write the database
// refuses (Xapian::InvalidArgumentError: captures kept the other way, a term too long) is
// POLIDEX_STATUS_INVALID_ARGUMENT, told in Xapian's words; others as
// pdx_db_status_from_exception() tells them. Never throws.
static polidex_status_t write_status(polidex_db_t *db, const char *what)
{
	try {
		throw;
	} catch (const Xapian::InvalidArgumentError &e) {
		pdx_db_fail(db, "%s: %s", db->path.c_str(), e.get_msg().c_str());
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	} catch (...) {
		return pdx_db_status_from_exception(db, what);
	}
}

// Queue D for its shard, whose thread writes it: the document's contents move there, as
// Xapian's reference counts are not shared safely between threads. Throws.
static polidex_status_t add_to_shards(polidex_db_t *db, polidex_document_t *d)
{
	d->taken = true;
	// Only a database that held documents before can hold a stale one.
	if (db->had_documents && !d->source_term.empty()) {
		try {
			// The shard counts the page as new; it replaces a document.
			pdx_shards_each(db->shards, [&](Xapian::WritableDatabase &wdb) {
				db->moved += delete_stale(wdb, d->source_term, d->id_term);
			});
		} catch (...) {
			return pdx_db_status_from_exception(db, "replacing a page");
		}
	}
	return pdx_shards_add(db->shards, std::move(d->id_term), std::move(d->doc),
			      std::move(d->capture), d->bytes, db->error, sizeof db->error);
}

// Write D into DB's one database; *REPLACED (when not NULL) as polidex_db_add_document() sets
// it. Throws.
static void add_to_database(polidex_db_t *db, polidex_document_t *d, int *replaced)
{
	pdx_capture_result result;
	Xapian::doccount stale = 0;

	if (db->had_documents && !d->source_term.empty())
		stale = delete_stale(*db->wdb, d->source_term, d->id_term);
	result = pdx_captures_write(*db->wdb, db->captures, d->id_term, d->doc, d->capture);
	// A page come back under another id took the place of its old document.
	if (stale && result == PDX_CW_ADDED)
		result = PDX_CW_REPLACED;
	if (replaced)
		*replaced = result == PDX_CW_ADDED ? 0 : 1;
	if (result == PDX_CW_ADDED)
		db->added++;
	else if (result == PDX_CW_REPLACED)
		db->replaced++;
}

extern "C" polidex_status_t polidex_db_add_document(polidex_db_t *db,
						    const polidex_document_t *document,
						    int *replaced)
{
	polidex_document_t *d = const_cast<polidex_document_t *>(document);

	if (!db || !document)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	if (document->taken) {
		pdx_db_fail(db, "a document can be added only once");
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	}
	if (!db->wdb && !db->shards) {
		pdx_db_fail(db, "%s: database is open read-only", db->path.c_str());
		return POLIDEX_STATUS_DB_READ_ONLY;
	}
	try {
		if (db->shards) {
			if (replaced)
				*replaced = -1;
			return add_to_shards(db, d);
		}
		add_to_database(db, d, replaced);
	} catch (...) {
		return write_status(db, "writing a document");
	}
	return POLIDEX_STATUS_SUCCESS;
}

extern "C" int pdx_db_fingerprint(polidex_db_t *db, const char *term, char out[17])
{
	// A database that was empty when opened for writing holds no page of an earlier run:
	// no lookup, which would wait for the shards' writes and commits.
	if ((db->wdb || db->shards) && !db->had_documents)
		return 0;
	try {
		int found = 0;
		auto lookup = [&](Xapian::Database &d) {
			Xapian::PostingIterator it = d.postlist_begin(term);

			if (found || it == d.postlist_end(term))
				return;
			std::string fp = d.get_document(*it).get_value(PDX_SLOT_HASH);
			std::snprintf(out, 17, "%s", fp.c_str());
			found = 1;
		};

		if (db->shards)
			pdx_shards_each(db->shards, lookup);
		else
			lookup(*db->db);
		return found;
	} catch (...) {
		pdx_db_status_from_exception(db, "looking up a page");
		return -1;
	}
}

extern "C" int pdx_db_capture_known(polidex_db_t *db, const struct pdx_docspec *spec,
				    const char *tagging)
{
	if ((db->wdb || db->shards) && !db->had_documents)
		return 0;
	try {
		pdx_capture_doc c = pdx_capture_of_spec(spec);
		bool known;

		if (db->shards) {
			// Every capture of a URL is in the shard of its route.
			unsigned i = pdx_shards_of(db->shards, c.route);
			Xapian::WritableDatabase &wdb = pdx_shards_lock(db->shards, i);

			try {
				known = pdx_captures_known(wdb, spec->id_term, c, tagging);
			} catch (...) {
				pdx_shards_unlock(db->shards, i);
				throw;
			}
			pdx_shards_unlock(db->shards, i);
		} else {
			known = pdx_captures_known(*db->db, spec->id_term, c, tagging);
		}
		return known ? 1 : 0;
	} catch (...) {
		pdx_db_status_from_exception(db, "looking up a capture");
		return -1;
	}
}

extern "C" void polidex_db_capture_counts(polidex_db_t *db, unsigned long *merged,
					  unsigned long *revisits, unsigned long *unchanged,
					  unsigned long *waiting)
{
	pdx_capture_state total;

	try {
		if (db && db->shards)
			pdx_shards_capture_counts(db->shards, &total);
		else if (db)
			total = db->captures;
	} catch (...) {
		// Counts only, 0 when they cannot be had; a failed write is reported by the commit.
		total = pdx_capture_state();
	}
	if (merged)
		*merged = total.merged;
	if (revisits)
		*revisits = total.merged_revisits;
	if (unchanged)
		*unchanged = total.unchanged;
	if (waiting)
		*waiting = total.pending;
}

extern "C" polidex_status_t polidex_db_set_capture_mode(polidex_db_t *db, int each)
{
	if (!db)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	if (!db->wdb && !db->shards) {
		pdx_db_fail(db, "%s: database is open read-only", db->path.c_str());
		return POLIDEX_STATUS_DB_READ_ONLY;
	}
	try {
		if (db->shards)
			pdx_shards_each_state(db->shards, [&](Xapian::WritableDatabase &wdb,
							      pdx_capture_state &state) {
				pdx_captures_check_mode(wdb, state, each != 0);
			});
		else
			pdx_captures_check_mode(*db->wdb, db->captures, each != 0);
	} catch (...) {
		return write_status(db, "setting how captures are kept");
	}
	return POLIDEX_STATUS_SUCCESS;
}

// The path of a file:// URL, its percent-escapes decoded.
static std::string file_url_path(const std::string &url)
{
	std::string path;

	for (size_t i = 7; i < url.size(); i++) {
		if (url[i] == '%' && i + 2 < url.size()) {
			path += static_cast<char>(
			    std::strtol(url.substr(i + 1, 2).c_str(), nullptr, 16));
			i += 2;
		} else {
			path += url[i];
		}
	}
	return path;
}

extern "C" polidex_status_t pdx_db_prune_files(polidex_db_t *db, unsigned long *removed)
{
	*removed = 0;
	if (!db->wdb && !db->shards) {
		pdx_db_fail(db, "%s: database is open read-only", db->path.c_str());
		return POLIDEX_STATUS_DB_READ_ONLY;
	}
	try {
		const std::string prefix = std::string(PDX_PREFIX_SOURCE) + "file://";
		auto prune = [&](Xapian::WritableDatabase &wdb) {
			std::vector<std::string> gone;
			struct stat st;

			for (Xapian::TermIterator t = wdb.allterms_begin(prefix);
			     t != wdb.allterms_end(prefix); ++t) {
				std::string term = *t;

				// A shortened term (a very long path) cannot be checked: keep it.
				if (term.size() >= PDX_MAX_TERM_BYTES - 17 &&
				    term.find('#') != std::string::npos)
					continue;
				if (stat(file_url_path(term.substr(std::strlen(PDX_PREFIX_SOURCE)))
						 .c_str(),
					 &st) < 0 &&
				    errno == ENOENT)
					gone.push_back(term);
			}
			for (const std::string &term : gone) {
				wdb.delete_document(term);
				(*removed)++;
			}
		};

		if (db->shards) {
			char message[sizeof db->error];

			// Writes still queued go first, so that none lands after the pruning.
			if (pdx_shards_commit(db->shards, true, message, sizeof message) !=
			    POLIDEX_STATUS_SUCCESS)
				throw Xapian::DatabaseError(message);
			pdx_shards_each_state(db->shards, [&](Xapian::WritableDatabase &wdb,
							      pdx_capture_state &state) {
				prune(wdb);
				*removed += pdx_captures_prune(wdb, state);
			});
		} else {
			prune(*db->wdb);
			*removed += pdx_captures_prune(*db->wdb, db->captures);
		}
	} catch (...) {
		return pdx_db_status_from_exception(db, "pruning");
	}
	return POLIDEX_STATUS_SUCCESS;
}
