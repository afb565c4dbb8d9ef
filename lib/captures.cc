// captures.cc: one document per URL of a crawl's captures, whatever the order they are read
// in: the text of the latest capture with content, the dates of all, and the revisits that
// came before their page kept in the database's metadata until it does.
#include "config.h"

#include "lib/captures.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <json-c/json.h>
#include <set>
#include <sys/stat.h>
#include <vector>

#include "util/buf.h"
#include "lib/capture.h"
#include "util/multivalue.h"
#include "lib/schema.h"
#include "util/term.h"

namespace {

using entries_t = std::vector<std::string>;

std::string key_of(const std::string &entry)
{
	return entry.substr(0, pdx_capture_key_len(entry.data(), entry.size()));
}

bool is_content(const std::string &entry)
{
	struct pdx_capture_fields f;

	return pdx_capture_split(entry.data(), entry.size(), &f) == 0 && f.len[PDX_CAP_KIND] == 1 &&
	       f.value[PDX_CAP_KIND][0] == 'c';
}

std::string field(const std::string &entry, enum pdx_capture_field which)
{
	struct pdx_capture_fields f;

	if (pdx_capture_split(entry.data(), entry.size(), &f) < 0)
		return std::string();
	return std::string(f.value[which], f.len[which]);
}

entries_t decode(const std::string &value)
{
	entries_t out;
	size_t pos = 0, len;
	const char *v;

	while (pdx_multivalue_next(value.data(), value.size(), &pos, &v, &len) == 1)
		out.emplace_back(v, len);
	return out;
}

std::string encode(const entries_t &entries)
{
	pdx_buf b = PDX_BUF_INIT;

	for (const std::string &e : entries)
		pdx_multivalue_add(&b, e.data(), e.size());
	if (b.oom)
		throw std::bad_alloc();
	std::string out(b.data ? b.data : "", b.len);
	pdx_buf_release(&b);
	return out;
}

entries_t entries_of(const Xapian::Document &doc)
{
	return decode(doc.get_value(PDX_SLOT_CAPTURES));
}

// The key of the capture whose text a document holds: the latest with content (by date,
// then hash, so that the choice does not depend on the order of reading); "" for none.
std::string text_key(const entries_t &entries)
{
	std::string best;

	for (const std::string &e : entries)
		if (is_content(e) && key_of(e) > best)
			best = key_of(e);
	return best;
}

bool has_key(const entries_t &entries, const std::string &key)
{
	for (const std::string &e : entries)
		if (key_of(e) == key)
			return true;
	return false;
}

// A and B together, each capture once, in date order.
entries_t merged(const entries_t &a, const entries_t &b)
{
	entries_t out = a;
	std::set<std::string> keys;

	for (const std::string &e : a)
		keys.insert(key_of(e));
	for (const std::string &e : b)
		if (keys.insert(key_of(e)).second)
			out.push_back(e);
	std::stable_sort(out.begin(), out.end(), [](const std::string &x, const std::string &y) {
		return key_of(x) < key_of(y);
	});
	return out;
}

std::string iso(const std::string &timestamp)
{
	char out[21];

	if (timestamp.size() != 14)
		return std::string();
	pdx_capture_iso(timestamp.c_str(), out);
	return out;
}

// The document's stored fields with the span of ENTRIES.
std::string with_span(const std::string &data, const entries_t &entries)
{
	json_object *o = json_tokener_parse(data.c_str());
	std::string first, last, out;

	if (!o)
		return data; // not polidex's: left as it is
	for (const std::string &e : entries) {
		std::string date = field(e, PDX_CAP_DATE);

		if (first.empty() || date < first)
			first = date;
		if (date > last)
			last = date;
	}
	json_object_object_add(o, "first_captured",
			       first.empty() ? nullptr
					     : json_object_new_string(iso(first).c_str()));
	json_object_object_add(o, "last_captured",
			       last.empty() ? nullptr : json_object_new_string(iso(last).c_str()));
	json_object_object_add(o, "captures", json_object_new_int((int)entries.size()));
	const char *s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
							      JSON_C_TO_STRING_NOSLASHESCAPE);
	out = s ? s : data;
	json_object_put(o);
	return out;
}

// Give DOC the captures ENTRIES: their slot, their terms, the capture-year facet and the span
// in its stored fields.
void apply_captures(Xapian::Document &doc, const entries_t &entries)
{
	static const char *const prefixes[] = {PDX_PREFIX_ARCHIVE, PDX_PREFIX_CAPTURE_DAY,
					       PDX_PREFIX_CAPTURE_MONTH, PDX_PREFIX_CAPTURE_YEAR};
	std::vector<std::string> gone;
	std::set<std::string> years;

	for (const char *prefix : prefixes) {
		Xapian::TermIterator t = doc.termlist_begin();

		for (t.skip_to(prefix); t != doc.termlist_end(); ++t) {
			std::string term = *t;

			if (term.compare(0, std::strlen(prefix), prefix) != 0)
				break;
			gone.push_back(term);
		}
	}
	for (const std::string &term : gone)
		doc.remove_term(term);
	for (const std::string &e : entries) {
		char *terms[4];

		if (pdx_capture_terms(e.data(), e.size(), terms) < 0)
			continue;
		for (char *term : terms) {
			doc.add_boolean_term(term);
			std::free(term);
		}
		years.insert(field(e, PDX_CAP_DATE).substr(0, 4));
	}
	doc.add_value(PDX_SLOT_CAPTURES, encode(entries));
	doc.add_value(PDX_SLOT_CAPTURE_YEAR, encode(entries_t(years.begin(), years.end())));
	doc.set_data(with_span(doc.get_data(), entries));
}

bool find(Xapian::Database &db, const std::string &term, Xapian::docid *did)
{
	Xapian::PostingIterator p = db.postlist_begin(term);

	if (p == db.postlist_end(term))
		return false;
	*did = *p;
	return true;
}

// Revisits waiting for the page whose id term is ROUTE.
std::string pending_key(const std::string &route)
{
	char hex[17];

	std::snprintf(hex, sizeof hex, "%016llx", pdx_hash64(route.data(), route.size()));
	return std::string(PDX_PENDING_METADATA_PREFIX) + hex;
}

entries_t pending_of(Xapian::Database &db, const std::string &route)
{
	std::string v = db.get_metadata(pending_key(route));
	size_t nl = v.find('\n');

	if (nl == std::string::npos || v.compare(0, nl, route) != 0)
		return entries_t();
	return decode(v.substr(nl + 1));
}

void set_pending(Xapian::WritableDatabase &db, pdx_capture_state &state, const std::string &route,
		 const entries_t &entries)
{
	std::string key = pending_key(route);
	bool had = !db.get_metadata(key).empty();

	if (entries.empty()) {
		if (had) {
			db.set_metadata(key, std::string());
			state.pending -= state.pending ? 1 : 0;
		}
		return;
	}
	db.set_metadata(key, route + "\n" + encode(entries));
	if (!had)
		state.pending++;
}

void load(Xapian::Database &db, pdx_capture_state &state)
{
	if (state.loaded)
		return;
	state.mode = db.get_metadata(PDX_CAPTURES_METADATA_KEY);
	state.pending = 0;
	for (Xapian::TermIterator k = db.metadata_keys_begin(PDX_PENDING_METADATA_PREFIX);
	     k != db.metadata_keys_end(PDX_PENDING_METADATA_PREFIX); ++k)
		state.pending++;
	state.loaded = true;
}

// The revisits in PENDING that belong to a capture dated DATE (each capture kept): those
// that refer to it, and those that refer to none and came after it. They leave PENDING.
entries_t take_revisits_of(entries_t &pending, const std::string &date)
{
	entries_t mine, rest;

	for (const std::string &e : pending) {
		std::string refers = field(e, PDX_CAP_REFERS);

		if (refers == date || (refers.empty() && field(e, PDX_CAP_DATE) >= date))
			mine.push_back(e);
		else
			rest.push_back(e);
	}
	pending.swap(rest);
	return mine;
}

// Each capture kept, a revisit that names no capture: the document of the URL's latest
// capture before it.
bool find_revisited(Xapian::Database &db, const pdx_capture_doc &c, Xapian::docid *out)
{
	std::string date = field(c.entry, PDX_CAP_DATE), best;
	bool found = false;

	for (Xapian::PostingIterator p = db.postlist_begin(c.url_term);
	     p != db.postlist_end(c.url_term); ++p) {
		std::string text = text_key(entries_of(db.get_document(*p)));

		if (!text.empty() && text.substr(0, 14) <= date && text > best) {
			best = text;
			*out = *p;
			found = true;
		}
	}
	return found;
}

pdx_capture_result write_revisit(Xapian::WritableDatabase &db, pdx_capture_state &state,
				 const pdx_capture_doc &c)
{
	Xapian::docid did;
	std::string key = key_of(c.entry);
	bool found = c.target.empty() ? find_revisited(db, c, &did) : find(db, c.target, &did);

	if (found) {
		Xapian::Document doc = db.get_document(did);
		entries_t have = entries_of(doc);

		if (has_key(have, key)) {
			state.unchanged++;
			return PDX_CW_UNCHANGED;
		}
		apply_captures(doc, merged(have, {c.entry}));
		db.replace_document(did, doc);
		state.merged_revisits++;
		return PDX_CW_MERGED_REVISIT;
	}
	entries_t pending = pending_of(db, c.route);

	if (has_key(pending, key)) {
		state.unchanged++;
		return PDX_CW_UNCHANGED;
	}
	set_pending(db, state, c.route, merged(pending, {c.entry}));
	state.waiting++;
	return PDX_CW_PENDING;
}

pdx_capture_result write_content(Xapian::WritableDatabase &db, pdx_capture_state &state,
				 const std::string &id, Xapian::Document &doc,
				 const pdx_capture_doc &c)
{
	Xapian::docid did;
	std::string key = key_of(c.entry);
	entries_t own = {c.entry}, pending, extra;

	if (state.pending) {
		pending = pending_of(db, c.route);
		extra = c.each ? take_revisits_of(pending, field(c.entry, PDX_CAP_DATE)) : pending;
		if (!c.each)
			pending.clear();
	}
	if (!find(db, id, &did)) {
		if (!extra.empty()) {
			apply_captures(doc, merged(own, extra));
			set_pending(db, state, c.route, pending);
		}
		db.replace_document(id, doc);
		return PDX_CW_ADDED;
	}
	Xapian::Document old = db.get_document(did);
	entries_t have = entries_of(old), all = merged(merged(have, own), extra);
	std::string text = text_key(have);
	pdx_capture_result result;

	if (!extra.empty())
		set_pending(db, state, c.route, pending);
	if (text.empty() || key >= text) {
		// The newest capture, or the text's own read again: the new document, holding
		// every date. A document of no capture (a saved page of the same id) is replaced.
		apply_captures(doc, all);
		db.replace_document(did, doc);
		result = PDX_CW_REPLACED;
	} else if (has_key(have, key) && extra.empty()) {
		state.unchanged++;
		return PDX_CW_UNCHANGED;
	} else {
		// An earlier capture: its date joins the text of the later one.
		apply_captures(old, all);
		db.replace_document(did, old);
		state.merged++;
		result = PDX_CW_MERGED;
	}
	return result;
}

} // namespace

void pdx_captures_check_mode(Xapian::WritableDatabase &db, pdx_capture_state &state, bool each)
{
	const char *want = each ? PDX_CAPTURES_EACH : PDX_CAPTURES_LATEST;

	load(db, state);
	if (state.mode.empty()) {
		db.set_metadata(PDX_CAPTURES_METADATA_KEY, want);
		state.mode = want;
	} else if (state.mode != want) {
		throw Xapian::InvalidArgumentError(
			std::string("it keeps ") +
			(state.mode == PDX_CAPTURES_EACH
			 ? "each capture as a document of its own"
			 : "one document per URL, with its captures") +
			"; index into a new database to keep them " +
			(each ? "each as a document (--captures=each)"
			      : "by URL (--captures=latest)"));
	}
}

pdx_capture_result pdx_captures_write(Xapian::WritableDatabase &db, pdx_capture_state &state,
				      const std::string &id, Xapian::Document &doc,
				      const pdx_capture_doc &capture)
{
	Xapian::doccount before;

	if (capture.kind == PDX_CAPTURE_NONE) {
		// Whether it was there shows in the count, which costs no second lookup.
		before = db.get_doccount();
		db.replace_document(id, doc);
		return db.get_doccount() <= before ? PDX_CW_REPLACED : PDX_CW_ADDED;
	}
	pdx_captures_check_mode(db, state, capture.each);
	if (capture.kind == PDX_CAPTURE_REVISIT)
		return write_revisit(db, state, capture);
	return write_content(db, state, id, doc, capture);
}

bool pdx_captures_known(Xapian::Database &db, const std::string &id,
			const pdx_capture_doc &capture, const std::string &tagging)
{
	std::string key = key_of(capture.entry);
	Xapian::docid did;

	if (capture.kind == PDX_CAPTURE_REVISIT) {
		bool found = capture.target.empty() ? find_revisited(db, capture, &did)
						    : find(db, capture.target, &did);

		if (found && has_key(entries_of(db.get_document(did)), key))
			return true;
		return has_key(pending_of(db, capture.route), key);
	}
	if (!find(db, id, &did))
		return false;
	Xapian::Document doc = db.get_document(did);
	entries_t have = entries_of(doc);

	if (!has_key(have, key))
		return false;
	// An earlier capture is known by its key; the text's own also by how it was tagged.
	return key != text_key(have) || doc.get_value(PDX_SLOT_TAGGING) == tagging;
}

unsigned long pdx_captures_prune(Xapian::WritableDatabase &db, pdx_capture_state &state)
{
	const std::string prefix = PDX_PREFIX_ARCHIVE;
	std::vector<std::string> gone_files;
	unsigned long deleted = 0;
	struct stat st;

	load(db, state);
	for (Xapian::TermIterator t = db.allterms_begin(prefix); t != db.allterms_end(prefix);
	     ++t) {
		std::string term = *t, path = term.substr(prefix.size());

		// A shortened term (a very long path) cannot be checked: keep it.
		if (term.size() >= PDX_MAX_TERM_BYTES - 17 && term.find('#') != std::string::npos)
			continue;
		if (stat(path.c_str(), &st) < 0 && errno == ENOENT)
			gone_files.push_back(path);
	}
	std::set<std::string> gone(gone_files.begin(), gone_files.end());
	auto kept = [&](const entries_t &entries) {
		entries_t out;

		for (const std::string &e : entries)
			if (!gone.count(field(e, PDX_CAP_FILE)))
				out.push_back(e);
		return out;
	};
	for (const std::string &path : gone_files) {
		std::string term = prefix + path;
		std::vector<Xapian::docid> docs;

		for (Xapian::PostingIterator p = db.postlist_begin(term);
		     p != db.postlist_end(term); ++p)
			docs.push_back(*p);
		for (Xapian::docid did : docs) {
			Xapian::Document doc;

			try {
				doc = db.get_document(did);
			} catch (const Xapian::DocNotFoundError &) {
				continue; // deleted with an earlier file
			}
			entries_t have = entries_of(doc), left = kept(have);
			std::string text = text_key(have);
			bool text_left = false;

			for (const std::string &e : left)
				text_left = text_left || key_of(e) == text;
			if (!text_left) {
				// Its text came from a file that is gone.
				db.delete_document(did);
				deleted++;
			} else if (left.size() != have.size()) {
				apply_captures(doc, left);
				db.replace_document(did, doc);
			}
		}
	}
	if (!gone.empty() && state.pending) {
		std::vector<std::pair<std::string, std::string>> waiting;

		for (Xapian::TermIterator k = db.metadata_keys_begin(PDX_PENDING_METADATA_PREFIX);
		     k != db.metadata_keys_end(PDX_PENDING_METADATA_PREFIX); ++k)
			waiting.emplace_back(*k, db.get_metadata(*k));
		for (const auto &kv : waiting) {
			size_t nl = kv.second.find('\n');

			if (nl == std::string::npos)
				continue;
			std::string route = kv.second.substr(0, nl);

			set_pending(db, state, route, kept(decode(kv.second.substr(nl + 1))));
		}
	}
	return deleted;
}
