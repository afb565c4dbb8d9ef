// export.cc: every match of a query, line by line, in one pass and bounded memory: an
// unweighted match of each part of the database (its shards) in turn, whose spy writes each
// document as the match meets it. Remote shards cannot run the spy, and databases searched
// together must have their duplicates collapsed first: those are read a batch of matches at
// a time. Part of the search
// shim: no exception leaves this file.
#include "config.h"

#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <string>

#include "query/search-internal.h"

namespace
{

// Matches read at a time where the spy cannot be used.
const Xapian::doccount BATCH = 1000;

// Thrown by a writer that wants no more lines, to end the match.
struct stop_export {
};

// Writes lines, counting the documents.
struct line_writer {
	polidex_export_fn write;
	void *ctx;
	bool csv;
	unsigned long total, done = 0;

	void header()
	{
		std::unique_ptr<char, pdx_malloc_deleter> line(pdx_export_csv_header());
		if (!line)
			throw std::bad_alloc();
		if (write(line.get(), std::strlen(line.get()), 0, total, ctx) != 0)
			throw stop_export();
	}

	void document(Xapian::docid docid, const std::string &data)
	{
		std::unique_ptr<char, pdx_malloc_deleter> line(
		    pdx_export_row(docid, data.c_str(), csv));
		if (!line)
			throw std::bad_alloc();
		if (write(line.get(), std::strlen(line.get()), ++done, total, ctx) != 0)
			throw stop_export();
	}
};

// The spy that writes each match it is shown, of part PART of PARTS: a spy sees a part's own
// docids, which the whole database interleaves (its docid is (local - 1) * PARTS + PART + 1).
class ExportSpy : public Xapian::MatchSpy
{
	line_writer &out_;
	Xapian::doccount part_, parts_;

      public:
	ExportSpy(line_writer &out, Xapian::doccount part, Xapian::doccount parts)
	    : out_(out), part_(part), parts_(parts)
	{
	}
	void operator()(const Xapian::Document &doc, double) override
	{
		out_.document((doc.get_docid() - 1) * parts_ + part_ + 1, doc.get_data());
	}
};

// An enquire of QUERY over DB (or its part PART) for every match, unweighted, in docid order.
Xapian::Enquire unweighted(polidex_db_t *db, const Xapian::Query &query,
			   const Xapian::Database *part = nullptr)
{
	Xapian::Enquire enquire(part ? *part : *db->db);
	enquire.set_query(query);
	enquire.set_weighting_scheme(Xapian::BoolWeight());
	enquire.set_docid_order(Xapian::Enquire::ASCENDING);
	if (db->n_databases > 1)
		enquire.set_collapse_key(PDX_SLOT_ID);
	return enquire;
}

// Every match of ENQUIRE into OUT a batch at a time.
void export_by_batches(Xapian::Enquire &enquire, line_writer &out)
{
	for (Xapian::doccount offset = 0;; offset += BATCH) {
		Xapian::MSet mset = enquire.get_mset(offset, BATCH);
		for (auto it = mset.begin(); it != mset.end(); ++it)
			out.document(*it, it.get_document().get_data());
		if (mset.size() < BATCH)
			return;
	}
}

polidex_status_t run_export(polidex_db_t *db, const polidex_query_t *query, bool csv,
			    unsigned long max, polidex_export_fn write, void *ctx)
{
	Xapian::Query q;
	polidex_status_t status = pdx_search_query(db, query, &q);
	if (status != POLIDEX_STATUS_SUCCESS)
		return status;
	Xapian::Enquire enquire = unweighted(db, q);
	line_writer out{write, ctx, csv, 0};
	Xapian::doccount all = db->db->get_doccount();
	out.total = enquire.get_mset(0, 0, all).get_matches_estimated();
	if (max && out.total > max) {
		pdx_db_fail(db, "query \"%s\": %lu matches, more than the %lu an export may hold",
			    query->text, out.total, max);
		return POLIDEX_STATUS_TOO_LARGE;
	}
	try {
		if (csv)
			out.header();
		if (db->remote || db->n_databases > 1 || db->parts.empty()) {
			export_by_batches(enquire, out);
		} else {
			// Each part (shard) in turn, each in one unweighted match.
			Xapian::doccount n = (Xapian::doccount)db->parts.size();
			for (Xapian::doccount p = 0; p < n; p++) {
				Xapian::Enquire one = unweighted(db, q, &db->parts[p]);
				ExportSpy spy(out, p, n);
				one.add_matchspy(&spy);
				one.get_mset(0, 0, db->parts[p].get_doccount());
			}
		}
	} catch (const stop_export &) {
		// The writer has what it wanted.
	}
	return POLIDEX_STATUS_SUCCESS;
}

} // namespace

extern "C" polidex_status_t polidex_export(polidex_db_t *db, const polidex_query_t *query,
					   polidex_export_format_t format, unsigned long max,
					   polidex_export_fn write, void *ctx)
{
	if (!db || !query || !write ||
	    (format != POLIDEX_EXPORT_JSONL && format != POLIDEX_EXPORT_CSV))
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	db->error[0] = '\0';
	try {
		return run_export(db, query, format == POLIDEX_EXPORT_CSV, max, write, ctx);
	} catch (...) {
		return pdx_db_status_from_exception(db, "export");
	}
}
