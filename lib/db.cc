// db.cc: the database handle over Xapian: open, write, commit, close. Part of the shim: no
// exception leaves this file.
#include "config.h"

#include <algorithm>
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <new>
#include <vector>
#include <dirent.h>
#include <ftw.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/db-internal.h"
#include "lib/db-write.h"
#include "lib/schema.h"
#include "util/term.h"
#include "lib/shards.h"
#include "stemmers/stemmers.h"

void pdx_db_fail(polidex_db_t *db, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(db->error, sizeof db->error, fmt, ap);
	va_end(ap);
}

extern "C" void pdx_db_set_message(polidex_db_t *db, const char *message)
{
	pdx_db_fail(db, "%s", message);
}

polidex_status_t pdx_db_status_from_exception(polidex_db_t *db, const char *what)
{
	const char *path = db->path.c_str();

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

const Xapian::Stem &pdx_db_stemmer(polidex_db_t *db, const char *language)
{
	std::string key = language ? language : "";
	auto it = db->stemmers.find(key);

	if (it == db->stemmers.end())
		it = db->stemmers.emplace(key, pdx_xapian_stem(language ? language : "none")).first;
	return it->second;
}

// Create the folders above PATH that are missing, as mkdir -p would; Xapian makes only the
// last one.
static void make_parents(const std::string &path)
{
	for (size_t slash = path.find('/', 1); slash != std::string::npos;
	     slash = path.find('/', slash + 1)) {
		std::string dir = path.substr(0, slash);

		if (mkdir(dir.c_str(), 0777) < 0 && errno != EEXIST)
			return; // opening the database reports the reason
	}
}

static int remove_entry(const char *path, const struct stat *, int, struct FTW *)
{
	return remove(path) < 0 ? 0 : 0; // remove what can be removed
}

void pdx_db_remove_tree(const std::string &dir)
{
	nftw(dir.c_str(), remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

std::string pdx_db_new_folder(const std::string &path)
{
	std::string tmp = path + ".new-" + std::to_string(getpid());
	size_t slash = path.find_last_of('/');
	std::string parent = slash == std::string::npos ? "" : path.substr(0, slash + 1);
	std::string prefix = (slash == std::string::npos ? path : path.substr(slash + 1)) + ".new-";

	// Remove what a creator killed half-way left, once that process is gone.
	if (DIR *d = opendir(parent.empty() ? "." : parent.c_str())) {
		while (struct dirent *e = readdir(d)) {
			char *end;
			long pid;

			if (strncmp(e->d_name, prefix.c_str(), prefix.size()) != 0)
				continue;
			pid = strtol(e->d_name + prefix.size(), &end, 10);
			if (*end == '\0' && pid > 0 && kill((pid_t)pid, 0) < 0 && errno == ESRCH)
				pdx_db_remove_tree(parent + e->d_name);
		}
		closedir(d);
	}
	pdx_db_remove_tree(tmp);
	return tmp;
}

// Make a new, empty polidex database at PATH, which does not exist: it is built beside PATH
// and renamed into place, so that a process killed while Xapian is creating it never leaves
// a folder at PATH that is not a database. Losing a race to another creator is not an error.
static void create_database(const std::string &path)
{
	std::string tmp = pdx_db_new_folder(path);

	try {
		Xapian::WritableDatabase fresh(tmp, Xapian::DB_CREATE);

		fresh.set_metadata(PDX_SCHEMA_METADATA_KEY, PDX_SCHEMA_VERSION);
		fresh.commit();
		fresh.close();
	} catch (...) {
		pdx_db_remove_tree(tmp);
		throw;
	}
	if (rename(tmp.c_str(), path.c_str()) < 0)
		pdx_db_remove_tree(tmp);
}

static char *message_copy(const char *s)
{
	return strdup(s);
}

// Refuse to write into a database (or shard, at SHARD_PATH) some other program built.
static bool check_schema(polidex_db_t *db, Xapian::WritableDatabase &wdb,
			 const std::string &shard_path)
{
	std::string version = wdb.get_metadata(PDX_SCHEMA_METADATA_KEY);

	if (version.empty()) {
		if (wdb.get_doccount() > 0) {
			pdx_db_fail(db, "%s: holds documents but is not a polidex database; refusing "
					"to write into it", shard_path.c_str());
			return false;
		}
		wdb.set_metadata(PDX_SCHEMA_METADATA_KEY, PDX_SCHEMA_VERSION);
	} else if (version != PDX_SCHEMA_VERSION) {
		pdx_db_fail(db, "%s: written with index schema %s, but this polidex writes schema %s; "
				"index into a new database", shard_path.c_str(), version.c_str(),
			    PDX_SCHEMA_VERSION);
		return false;
	}
	return true;
}

// Open (creating when missing) the database DB->path for writing; SHARDS as
// polidex_db_open_writable() takes it. Returns a status, with a message on DB.
static polidex_status_t open_writable(polidex_db_t *db, unsigned shards)
{
	const std::string &path = db->path;
	struct stat st;
	bool exists;

	make_parents(path);
	exists = stat(path.c_str(), &st) == 0;
	if (!exists && errno == ENOENT) {
		if (shards > 1)
			pdx_shards_create(path, shards);
		else
			create_database(path);
	}
	if (pdx_shards_exist(path)) {
		db->shards = pdx_shards_open(path);
		unsigned have = pdx_shards_size(db->shards);

		if (shards > 0 && shards != have) {
			pdx_db_fail(db, "%s: holds %u shards, not %u; index into a new database to "
					"shard it differently", path.c_str(), have, shards);
			return POLIDEX_STATUS_INVALID_ARGUMENT;
		}
		bool ok = true;
		unsigned i = 0;
		pdx_shards_each(db->shards, [&](Xapian::WritableDatabase &wdb) {
			char name[32];

			std::snprintf(name, sizeof name, "/shard-%03u", i++);
			ok = ok && check_schema(db, wdb, path + name);
			db->had_documents = db->had_documents || wdb.get_doccount() > 0;
		});
		return ok ? POLIDEX_STATUS_SUCCESS : POLIDEX_STATUS_DB_ERROR;
	}
	if (shards > 1) {
		pdx_db_fail(db, "%s: is a database of one shard; index into a new database to shard "
				"it", path.c_str());
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	}
	db->wdb = new Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
	db->db = db->wdb;
	db->had_documents = db->wdb->get_doccount() > 0;
	return check_schema(db, *db->wdb, path) ? POLIDEX_STATUS_SUCCESS : POLIDEX_STATUS_DB_ERROR;
}

static void free_db(polidex_db_t *db)
{
	if (db->shards) {
		std::string ignored;

		pdx_shards_close(db->shards, ignored);
	}
	delete db->db;
	delete db;
}

static polidex_status_t open_db(const char *path, polidex_db_mode_t mode, unsigned shards,
				polidex_db_t **out, char **error_message)
{
	polidex_db_t *db = nullptr;
	polidex_status_t status = POLIDEX_STATUS_SUCCESS;
	struct stat st;

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
		if (mode == POLIDEX_DB_READ_ONLY && stat(path, &st) < 0) {
			pdx_db_fail(db, "%s: no polidex database here (%s)", path, strerror(errno));
			status = POLIDEX_STATUS_DB_NOT_FOUND;
		} else if (mode == POLIDEX_DB_WRITABLE) {
			status = open_writable(db, shards);
		} else {
			std::vector<std::string> parts;

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
		}
	} catch (...) {
		if (db)
			status = pdx_db_status_from_exception(db, "opening the database");
		else
			status = POLIDEX_STATUS_OUT_OF_MEMORY;
	}
	if (status != POLIDEX_STATUS_SUCCESS) {
		if (error_message && db)
			*error_message = message_copy(db->error);
		if (db)
			free_db(db);
		return status;
	}
	*out = db;
	return POLIDEX_STATUS_SUCCESS;
}

extern "C" polidex_status_t polidex_db_open(const char *path, polidex_db_mode_t mode,
					    polidex_db_t **out, char **error_message)
{
	return open_db(path, mode, 0, out, error_message);
}

extern "C" polidex_status_t polidex_db_open_many(const char *const *paths, size_t n,
						 polidex_db_t **out, char **error_message)
{
	polidex_status_t status;
	polidex_db_t *db;
	struct stat st;

	if (out)
		*out = nullptr;
	if (error_message)
		*error_message = nullptr;
	if (!paths || n == 0 || !out)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	status = open_db(paths[0], POLIDEX_DB_READ_ONLY, 0, &db, error_message);
	if (status != POLIDEX_STATUS_SUCCESS)
		return status;
	for (size_t i = 1; i < n && status == POLIDEX_STATUS_SUCCESS; i++) {
		std::string saved = db->path;

		db->path = paths[i] ? paths[i] : "";
		try {
			if (!paths[i] || !*paths[i]) {
				status = POLIDEX_STATUS_INVALID_ARGUMENT;
			} else if (stat(paths[i], &st) < 0) {
				pdx_db_fail(db, "%s: no polidex database here (%s)", paths[i],
					    strerror(errno));
				status = POLIDEX_STATUS_DB_NOT_FOUND;
			} else {
				db->db->add_database(Xapian::Database(paths[i]));
				db->remote = db->remote || pdx_stub_has_remote(paths[i]);
				db->n_databases++;
			}
		} catch (...) {
			status = pdx_db_status_from_exception(db, "opening the database");
		}
		db->path = saved;
	}
	if (status != POLIDEX_STATUS_SUCCESS) {
		if (error_message)
			*error_message = message_copy(db->error);
		free_db(db);
		return status;
	}
	*out = db;
	return POLIDEX_STATUS_SUCCESS;
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

	if (db && db->shards) {
		pdx_shards_counts(db->shards, &a, &r);
		// Pages written under a new id that took the place of their old document.
		a -= std::min<unsigned long>(a, db->moved);
		r += db->moved;
	} else if (db)
		a = db->added, r = db->replaced;
	if (added)
		*added = a;
	if (replaced)
		*replaced = r;
}

static polidex_status_t commit(polidex_db_t *db, bool wait)
{
	if (!db)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	if (db->shards) {
		std::string message;
		polidex_status_t status = pdx_shards_commit(db->shards, wait, message);

		if (status != POLIDEX_STATUS_SUCCESS)
			pdx_db_fail(db, "%s", message.c_str());
		return status;
	}
	if (!db->wdb)
		return POLIDEX_STATUS_SUCCESS;
	try {
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
	if (db->shards) {
		std::string message;

		status = pdx_shards_close(db->shards, message);
		db->shards = nullptr;
		delete db;
		return status;
	}
	try {
		db->db->close();
	} catch (...) {
		status = pdx_db_status_from_exception(db, "closing the database");
	}
	try {
		delete db->db;
	} catch (...) {
		// A destructor that throws has nothing left to tell the caller.
	}
	delete db;
	return status;
}

extern "C" const char *polidex_db_error(const polidex_db_t *db)
{
	return db ? db->error : "";
}

extern "C" unsigned long polidex_db_count_documents(polidex_db_t *db)
{
	if (!db)
		return 0;
	try {
		return db->shards ? pdx_shards_doccount(db->shards) : db->db->get_doccount();
	} catch (...) {
		pdx_db_status_from_exception(db, "counting documents");
		return 0;
	}
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
		return pdx_db_status_from_exception(db, "reopening the database");
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

struct _polidex_document {
	Xapian::Document doc;
	std::string id_term;
	std::string source_term; // where the page was read from (PDX_PREFIX_SOURCE), or empty
	pdx_capture_doc capture; // a capture from a web archive, merged with its URL's others
	size_t bytes = 0;   // about how much memory the built document holds
	bool taken = false; // added to a sharded database, which took the contents
};

// About how much memory DOC, built from SPEC, holds: its texts and data, and a term list entry
// (a map node, the term, its positions) for each distinct term. Calibrated on synthetic crawl
// pages, whose queued documents hold some 48 KB each.
static size_t document_bytes(const struct pdx_docspec *spec, const Xapian::Document &doc)
{
	size_t bytes = std::strlen(spec->data ? spec->data : "") + 32 * doc.termlist_count() +
		       (spec->capture.entry ? std::strlen(spec->capture.entry) : 0);

	for (size_t i = 0; i < spec->n_texts; i++)
		bytes += std::strlen(spec->texts[i].text);
	return bytes;
}

// The stemmer for LANGUAGE, made once per thread: Xapian::Stem's reference count is not
// atomic, so threads building documents side by side must not share one.
static const Xapian::Stem &thread_stemmer(const char *language)
{
	static thread_local std::map<std::string, Xapian::Stem> stemmers;
	std::string key = language ? language : "";
	auto it = stemmers.find(key);

	if (it == stemmers.end())
		it = stemmers.emplace(key, pdx_xapian_stem(language ? language : "none")).first;
	return it->second;
}

static void index_document(const struct pdx_docspec *spec, Xapian::Document &doc)
{
	Xapian::TermGenerator tg;

	tg.set_stemmer(thread_stemmer(spec->language));
	tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
	tg.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
	tg.set_document(doc);
	for (size_t i = 0; i < spec->n_texts; i++) {
		const struct pdx_doc_text &t = spec->texts[i];

		if (t.positions)
			tg.index_text(t.text, t.weight, t.prefix);
		else
			tg.index_text_without_positions(t.text, t.weight, t.prefix);
		// Keep phrases from running from one field into the next.
		tg.increase_termpos(100);
	}
	for (size_t i = 0; i < spec->n_terms; i++)
		doc.add_boolean_term(spec->terms[i]);
	for (size_t i = 0; i < spec->n_values; i++)
		doc.add_value(spec->values[i].slot,
			      std::string(spec->values[i].value, spec->values[i].len));
	doc.add_boolean_term(spec->id_term);
	doc.set_data(spec->data);
}

// What SPEC says of its capture, as the writer takes it.
static pdx_capture_doc capture_of(const struct pdx_docspec *spec)
{
	pdx_capture_doc c;

	c.kind = spec->capture.kind;
	c.each = spec->capture.each != 0;
	c.entry = spec->capture.entry ? spec->capture.entry : "";
	c.url_term = spec->capture.url_term ? spec->capture.url_term : "";
	c.route = spec->capture.route ? spec->capture.route : "";
	if (spec->capture.target)
		c.target = spec->capture.target;
	return c;
}

extern "C" polidex_status_t pdx_document_make(const struct pdx_docspec *spec,
					      polidex_document_t **out)
{
	*out = nullptr;
	try {
		polidex_document_t *d = new polidex_document_t();

		d->id_term = spec->id_term;
		if (spec->capture.kind != PDX_CAPTURE_NONE) {
			// A capture is merged with its URL's others, not kept apart from them
			// as a page whose id changed would be.
			d->capture = capture_of(spec);
		} else {
			for (size_t i = 0; i < spec->n_terms; i++)
				if (std::strncmp(spec->terms[i], PDX_PREFIX_SOURCE,
						 sizeof PDX_PREFIX_SOURCE - 1) == 0)
					d->source_term = spec->terms[i];
		}
		try {
			if (spec->capture.kind != PDX_CAPTURE_REVISIT)
				index_document(spec, d->doc);
			d->bytes = document_bytes(spec, d->doc);
		} catch (...) {
			delete d;
			throw;
		}
		*out = d;
	} catch (...) {
		return POLIDEX_STATUS_OUT_OF_MEMORY;
	}
	return POLIDEX_STATUS_SUCCESS;
}

extern "C" void polidex_document_destroy(polidex_document_t *document)
{
	delete document;
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

extern "C" polidex_status_t polidex_db_add_document(polidex_db_t *db,
						    const polidex_document_t *document,
						    int *replaced)
{
	if (!db || !document)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	if (document->taken) {
		pdx_db_fail(db, "a document can be added only once");
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	}
	if (db->shards) {
		// The shard's thread writes it: the document's contents move there, as Xapian's
		// reference counts are not shared safely between threads.
		polidex_document_t *d = const_cast<polidex_document_t *>(document);
		std::string message;
		polidex_status_t status;

		d->taken = true;
		if (replaced)
			*replaced = -1;
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
		status = pdx_shards_add(db->shards, std::move(d->id_term), std::move(d->doc),
					std::move(d->capture), d->bytes, message);
		if (status != POLIDEX_STATUS_SUCCESS)
			pdx_db_fail(db, "%s", message.c_str());
		return status;
	}
	if (!db->wdb) {
		pdx_db_fail(db, "%s: database is open read-only", db->path.c_str());
		return POLIDEX_STATUS_DB_READ_ONLY;
	}
	try {
		polidex_document_t *d = const_cast<polidex_document_t *>(document);
		pdx_capture_result result;
		Xapian::doccount stale = 0;

		if (db->had_documents && !document->source_term.empty())
			stale = delete_stale(*db->wdb, document->source_term, document->id_term);
		result = pdx_captures_write(*db->wdb, db->captures, document->id_term, d->doc,
					    document->capture);
		// A page come back under another id took the place of its old document.
		if (stale && result == PDX_CW_ADDED)
			result = PDX_CW_REPLACED;
		if (replaced)
			*replaced = result == PDX_CW_ADDED ? 0 : 1;
		if (result == PDX_CW_ADDED)
			db->added++;
		else if (result == PDX_CW_REPLACED)
			db->replaced++;
	} catch (const Xapian::InvalidArgumentError &e) {
		pdx_db_fail(db, "%s: %s", db->path.c_str(), e.get_msg().c_str());
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	} catch (...) {
		return pdx_db_status_from_exception(db, "writing a document");
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
		pdx_capture_doc c = capture_of(spec);
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

	if (db && db->shards) {
		try {
			pdx_shards_capture_counts(db->shards, &total);
		} catch (...) {
			// Counts only; a failed write is reported by the commit.
		}
	} else if (db) {
		total = db->captures;
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
	} catch (const Xapian::InvalidArgumentError &e) {
		pdx_db_fail(db, "%s: %s", db->path.c_str(), e.get_msg().c_str());
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	} catch (...) {
		return pdx_db_status_from_exception(db, "setting how captures are kept");
	}
	return POLIDEX_STATUS_SUCCESS;
}

// The path of a file:// URL, its percent-escapes decoded.
static std::string file_url_path(const std::string &url)
{
	std::string path;

	for (size_t i = 7; i < url.size(); i++) {
		if (url[i] == '%' && i + 2 < url.size()) {
			path += static_cast<char>(std::strtol(url.substr(i + 1, 2).c_str(), nullptr, 16));
			i += 2;
		} else {
			path += url[i];
		}
	}
	return path;
}

extern "C" polidex_status_t pdx_db_prune_files(polidex_db_t *db, unsigned long *removed)
{
	const std::string prefix = std::string(PDX_PREFIX_SOURCE) + "file://";

	*removed = 0;
	if (!db->wdb && !db->shards) {
		pdx_db_fail(db, "%s: database is open read-only", db->path.c_str());
		return POLIDEX_STATUS_DB_READ_ONLY;
	}
	try {
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
			std::string message;

			// Writes still queued go first, so that none lands after the pruning.
			if (pdx_shards_commit(db->shards, true, message) != POLIDEX_STATUS_SUCCESS)
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
