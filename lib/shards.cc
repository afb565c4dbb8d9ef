// shards.cc: a polidex database in shards, each written by a thread of its own. Part of the
// shim: no exception leaves a shard's thread, and callers in db.cc turn those of the other
// functions into statuses.
#include "config.h"

#include "lib/shards.h"

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/folder.h"
#include "lib/schema.h"

namespace {

const char STUB_NAME[] = "XAPIANDB";

// Documents a shard's thread has yet to write, and about how much memory they may hold: the
// walker waits when a shard falls this far behind, which bounds the memory queued documents
// take whatever the size of the pages. A shard commits while its queue fills, so a longer
// queue keeps the walker going through longer commits (at 100,000 pages, 64 / 128 / 256
// documents: 164 / 151 / 142 s, peak memory 166 / 179 / 203 MB with four shards).
const size_t MAX_QUEUED = 128;
const size_t MAX_QUEUED_BYTES = 16 << 20;

struct queued {
	std::string id; // its unique-id term; empty for a commit mark
	Xapian::Document doc;
	pdx_capture_doc capture;
	size_t bytes = 0;
};

struct shard {
	std::string path;
	Xapian::WritableDatabase db;
	std::mutex db_lock; // held while the database is in use

	std::mutex lock; // guards what follows
	std::condition_variable cv;
	std::deque<queued> queue; // documents to write, and commit marks
	size_t queued_bytes = 0;
	bool writing = false, stop = false;
	unsigned long added = 0, replaced = 0;
	pdx_capture_state captures; // written by the shard's thread, under db_lock
	polidex_status_t status = POLIDEX_STATUS_SUCCESS;
	char message[1024] = ""; // of the first failure: kept without allocating
	std::atomic<bool> broken{false}; // the thread stopped on a failure of its own locking
	std::thread thread;
};

// The status of the exception in flight, for WHAT on shard PATH, with its message in MESSAGE
// (SIZE bytes). Call only inside a catch block. Never throws.
polidex_status_t failure(const std::string &path, const char *what, char *message, size_t size)
{
	try {
		throw;
	} catch (const Xapian::Error &e) {
		std::snprintf(message, size, "%s: %s failed: %s: %s", path.c_str(), what,
			      e.get_type(), e.get_msg().c_str());
		return POLIDEX_STATUS_DB_ERROR;
	} catch (const std::bad_alloc &) {
		std::snprintf(message, size, "%s: %s failed: out of memory", path.c_str(), what);
		return POLIDEX_STATUS_OUT_OF_MEMORY;
	} catch (...) {
		std::snprintf(message, size, "%s: %s failed: unexpected error", path.c_str(), what);
		return POLIDEX_STATUS_INTERNAL_ERROR;
	}
}

// The status of the first failure on shard SH (locked by the caller), its message into
// MESSAGE (SIZE bytes) when there was one.
polidex_status_t shard_status(const shard *sh, char *message, size_t size)
{
	if (sh->status == POLIDEX_STATUS_SUCCESS && sh->broken) {
		std::snprintf(message, size, "%s: the shard's writer stopped", sh->path.c_str());
		return POLIDEX_STATUS_INTERNAL_ERROR;
	}
	if (sh->status != POLIDEX_STATUS_SUCCESS)
		std::snprintf(message, size, "%s", sh->message);
	return sh->status;
}

// Write ITEM, taken from shard S's queue: a document, or (an empty id) a commit of everything
// queued before it. Sets *RESULT for a document; returns the status, with a message in MESSAGE
// (SIZE bytes) on failure. ITEM, and the document it holds, is freed here, on the shard's
// thread.
polidex_status_t write_item(shard *s, queued item, pdx_capture_result *result, char *message,
			    size_t size)
{
	bool is_commit = item.id.empty();
	std::lock_guard<std::mutex> d(s->db_lock);

	try {
		if (is_commit)
			s->db.commit();
		else
			*result = pdx_captures_write(s->db, s->captures, item.id, item.doc,
						     item.capture);
	} catch (const Xapian::InvalidArgumentError &e) {
		std::snprintf(message, size, "%s: %s", s->path.c_str(), e.get_msg().c_str());
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	} catch (...) {
		return failure(s->path, is_commit ? "commit" : "writing a document", message, size);
	}
	return POLIDEX_STATUS_SUCCESS;
}

// Shard S's thread: write what is queued, in order, until told to stop.
void serve_queue(shard *s)
{
	std::unique_lock<std::mutex> l(s->lock);

	for (;;) {
		s->cv.wait(l, [s] { return s->stop || !s->queue.empty(); });
		if (s->queue.empty())
			return; // stop, with nothing left to do
		// A document, or a commit of everything queued before it (the walker goes on
		// queueing what comes after).
		queued item = std::move(s->queue.front());
		bool is_commit = item.id.empty();
		pdx_capture_result result = PDX_CW_UNCHANGED;
		char message[sizeof s->message];

		s->queue.pop_front();
		s->queued_bytes -= item.bytes;
		s->writing = true;
		l.unlock();
		s->cv.notify_all(); // room in the queue
		polidex_status_t status = write_item(s, std::move(item), &result, message,
						     sizeof message);
		l.lock();
		s->writing = false;
		if (status != POLIDEX_STATUS_SUCCESS && s->status == POLIDEX_STATUS_SUCCESS) {
			s->status = status;
			std::snprintf(s->message, sizeof s->message, "%s", message);
		} else if (status == POLIDEX_STATUS_SUCCESS && !is_commit) {
			if (result == PDX_CW_ADDED)
				s->added++;
			else if (result == PDX_CW_REPLACED)
				s->replaced++;
		}
		s->cv.notify_all();
	}
}

void run_shard(shard *s)
{
	try {
		serve_queue(s);
	} catch (...) {
		// Only locking can fail here (std::system_error, on a misused mutex): the shard
		// writes no more, and the walker learns it from its next call.
		// Set under the lock when it can be taken, so that a waiter between its test and
		// its sleep does not miss the wake-up.
		try {
			std::lock_guard<std::mutex> l(s->lock);
			s->broken = true;
		} catch (...) {
			s->broken = true;
		}
		s->cv.notify_all();
	}
}

// Tell the thread of shard SH to stop once its queue is written, and wait for it. False when
// it could not be stopped: the shard must then stay allocated for the thread.
bool stop_thread(shard *sh)
{
	try {
		{
			std::lock_guard<std::mutex> l(sh->lock);

			sh->stop = true;
		}
		sh->cv.notify_all();
		sh->thread.join();
		return true;
	} catch (...) {
		return false;
	}
}

// The lines of the stub file at PATH (a file, or a folder holding XAPIANDB); empty when PATH
// is no stub.
std::vector<std::string> stub_lines(const std::string &path, std::string *dir)
{
	std::vector<std::string> lines;
	struct stat st;
	std::string file = path;

	if (stat(path.c_str(), &st) < 0)
		return lines;
	if (S_ISDIR(st.st_mode)) {
		file = path + "/" + STUB_NAME;
		*dir = path;
	} else {
		size_t slash = path.find_last_of('/');
		*dir = slash == std::string::npos ? "." : path.substr(0, slash);
	}
	std::ifstream in(file);
	for (std::string line; std::getline(in, line);) {
		size_t start = line.find_first_not_of(" \t\r");

		if (start == std::string::npos || line[start] == '#')
			continue;
		lines.push_back(line.substr(start));
	}
	return lines;
}

bool has_remote(const std::string &path, int depth)
{
	std::string dir;

	if (depth > 8)
		return false;
	for (const std::string &line : stub_lines(path, &dir)) {
		std::istringstream words(line);
		std::string kind, where;

		words >> kind >> where;
		if (kind == "remote")
			return true;
		if (kind == "auto" && !where.empty() &&
		    has_remote(where[0] == '/' ? where : dir + "/" + where, depth + 1))
			return true;
	}
	return false;
}

std::string shard_name(unsigned i)
{
	char name[32];

	std::snprintf(name, sizeof name, "shard-%03u", i);
	return name;
}

// FNV-1a: the shard of a unique-id term, the same on every run and machine.
unsigned shard_of(const std::string &id, size_t n)
{
	unsigned long long h = 14695981039346656037ULL;

	for (unsigned char c : id) {
		h ^= c;
		h *= 1099511628211ULL;
	}
	return static_cast<unsigned>(h % n);
}

} // namespace

struct pdx_shards {
	std::string path; // the folder of the shards and their stub file
	std::vector<std::unique_ptr<shard>> shards;
};

bool pdx_shards_exist(const std::string &path)
{
	struct stat st;

	return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode) &&
	       stat((path + "/" + STUB_NAME).c_str(), &st) == 0;
}

bool pdx_stub_has_remote(const std::string &path)
{
	return has_remote(path, 0);
}

bool pdx_stub_local_parts(const std::string &path, std::vector<std::string> *parts, int depth)
{
	std::string dir;
	std::vector<std::string> lines = stub_lines(path, &dir);

	if (depth > 8)
		return false;
	if (lines.empty()) {
		parts->push_back(path);
		return true;
	}
	for (const std::string &line : lines) {
		std::istringstream words(line);
		std::string kind, where;

		words >> kind >> where;
		if ((kind != "auto" && kind != "glass") || where.empty() ||
		    !pdx_stub_local_parts(where[0] == '/' ? where : dir + "/" + where, parts,
					  depth + 1))
			return false;
	}
	return true;
}

void pdx_shard_create(const std::string &path)
{
	Xapian::WritableDatabase fresh(path, Xapian::DB_CREATE);

	fresh.set_metadata(PDX_SCHEMA_METADATA_KEY, PDX_SCHEMA_VERSION);
	fresh.commit();
	fresh.close();
}

// Write the stub file at PATH naming STUB's shards, durably.
static void write_stub(const std::string &path, const std::string &stub)
{
	FILE *f = std::fopen(path.c_str(), "w");

	if (!f)
		throw std::system_error(errno, std::generic_category(), path);
	bool ok = std::fputs(stub.c_str(), f) >= 0;
	ok = (std::fflush(f) == 0 && fsync(fileno(f)) == 0) && ok;
	ok = std::fclose(f) == 0 && ok;
	if (!ok)
		throw std::system_error(errno, std::generic_category(), path);
}

void pdx_shards_create(const std::string &path, unsigned n)
{
	pdx_folder_build_in_place(path, [n](const std::string &tmp) {
		std::string stub;

		if (mkdir(tmp.c_str(), 0777) < 0)
			throw std::system_error(errno, std::generic_category(), tmp);
		for (unsigned i = 0; i < n; i++) {
			pdx_shard_create(tmp + "/" + shard_name(i));
			stub += "auto " + shard_name(i) + "\n";
		}
		write_stub(tmp + "/" + STUB_NAME, stub);
	});
}

pdx_shards *pdx_shards_open(const std::string &path)
{
	std::unique_ptr<pdx_shards> s(new pdx_shards());
	std::string dir;

	s->path = path;
	for (const std::string &line : stub_lines(path, &dir)) {
		std::istringstream words(line);
		std::string kind, where;

		words >> kind >> where;
		if (kind != "auto" || where.empty())
			throw Xapian::DatabaseOpeningError(
			    path + "/" + STUB_NAME + ": \"" + line +
			    "\" is not a local shard polidex can write");
		std::unique_ptr<shard> sh(new shard());
		sh->path = where[0] == '/' ? where : dir + "/" + where;
		sh->db = Xapian::WritableDatabase(sh->path, Xapian::DB_OPEN);
		s->shards.push_back(std::move(sh));
	}
	if (s->shards.empty())
		throw Xapian::DatabaseOpeningError(path + "/" + STUB_NAME + ": names no shard");
	try {
		for (auto &sh : s->shards)
			sh->thread = std::thread(run_shard, sh.get());
	} catch (...) {
		// A thread that could not be made: stop those that were.
		for (auto &sh : s->shards)
			if (sh->thread.joinable() && !stop_thread(sh.get()))
				sh.release(); // its thread may still use it
		throw;
	}
	return s.release();
}

polidex_status_t pdx_shards_add(pdx_shards *s, std::string &&id, Xapian::Document &&doc,
				pdx_capture_doc &&capture, size_t bytes, char *message, size_t size)
{
	shard *sh = s->shards[shard_of(capture.route.empty() ? id : capture.route,
				       s->shards.size())].get();
	std::unique_lock<std::mutex> l(sh->lock);

	// A document bigger than the whole allowance goes into an empty queue.
	sh->cv.wait(l, [sh, bytes] {
		return sh->broken || sh->queue.empty() ||
		       (sh->queue.size() < MAX_QUEUED &&
			sh->queued_bytes + bytes <= MAX_QUEUED_BYTES);
	});
	polidex_status_t status = shard_status(sh, message, size);
	if (status != POLIDEX_STATUS_SUCCESS)
		return status;
	sh->queue.push_back({std::move(id), std::move(doc), std::move(capture), bytes});
	sh->queued_bytes += bytes;
	l.unlock();
	sh->cv.notify_all();
	return POLIDEX_STATUS_SUCCESS;
}

// Wait until shard SH has written and committed what it was given.
static void wait_idle(shard *sh, std::unique_lock<std::mutex> &l)
{
	sh->cv.wait(l, [sh] { return sh->broken || (sh->queue.empty() && !sh->writing); });
}

polidex_status_t pdx_shards_commit(pdx_shards *s, bool wait, char *message, size_t size)
{
	polidex_status_t status = POLIDEX_STATUS_SUCCESS;

	for (auto &sh : s->shards) {
		std::lock_guard<std::mutex> l(sh->lock);

		sh->queue.emplace_back();
		sh->cv.notify_all();
	}
	for (auto &sh : s->shards) {
		std::unique_lock<std::mutex> l(sh->lock);

		if (wait)
			wait_idle(sh.get(), l);
		if (status == POLIDEX_STATUS_SUCCESS)
			status = shard_status(sh.get(), message, size);
	}
	return status;
}

void pdx_shards_counts(pdx_shards *s, unsigned long *added, unsigned long *replaced)
{
	*added = *replaced = 0;
	for (auto &sh : s->shards) {
		std::unique_lock<std::mutex> l(sh->lock);

		wait_idle(sh.get(), l);
		*added += sh->added;
		*replaced += sh->replaced;
	}
}

Xapian::doccount pdx_shards_doccount(pdx_shards *s)
{
	Xapian::doccount n = 0;

	for (auto &sh : s->shards) {
		{
			std::unique_lock<std::mutex> l(sh->lock);

			wait_idle(sh.get(), l);
		}
		std::lock_guard<std::mutex> d(sh->db_lock);
		n += sh->db.get_doccount();
	}
	return n;
}

unsigned pdx_shards_of(const pdx_shards *s, const std::string &id)
{
	return shard_of(id, s->shards.size());
}

void pdx_shards_capture_counts(pdx_shards *s, pdx_capture_state *total)
{
	*total = pdx_capture_state();
	for (auto &sh : s->shards) {
		{
			std::unique_lock<std::mutex> l(sh->lock);

			wait_idle(sh.get(), l);
		}
		std::lock_guard<std::mutex> d(sh->db_lock);
		total->merged += sh->captures.merged;
		total->merged_revisits += sh->captures.merged_revisits;
		total->unchanged += sh->captures.unchanged;
		total->waiting += sh->captures.waiting;
		total->pending += sh->captures.pending;
	}
}

pdx_capture_state &pdx_shards_state(pdx_shards *s, unsigned i)
{
	return s->shards[i]->captures;
}

unsigned pdx_shards_size(const pdx_shards *s)
{
	return static_cast<unsigned>(s->shards.size());
}

Xapian::WritableDatabase &pdx_shards_lock(pdx_shards *s, unsigned i)
{
	shard *sh = s->shards[i].get();

	sh->db_lock.lock();
	return sh->db;
}

void pdx_shards_unlock(pdx_shards *s, unsigned i)
{
	s->shards[i]->db_lock.unlock();
}

polidex_status_t pdx_shards_close(pdx_shards *s, char *message, size_t size)
{
	polidex_status_t status;

	try {
		status = pdx_shards_commit(s, true, message, size);
	} catch (...) {
		status = failure(s->path, "commit", message, size);
	}
	for (auto &sh : s->shards) {
		if (!stop_thread(sh.get())) {
			sh.release(); // its thread may still use it
			continue;
		}
		try {
			sh->db.close();
		} catch (...) {
			char m[sizeof sh->message];
			polidex_status_t st =
			    failure(sh->path, "closing the database", m, sizeof m);

			if (status == POLIDEX_STATUS_SUCCESS) {
				status = st;
				std::snprintf(message, size, "%s", m);
			}
		}
	}
	delete s;
	return status;
}
