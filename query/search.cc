// search.cc: running a query spec on Xapian: parsing, facets over the whole match set, hits
// and snippets. Part of the shim: no exception leaves this file.
#include "config.h"

#include <cstdlib>
#include <memory>
#include <new>
#include <vector>

#include "date-range.h"
#include "db-internal.h"
#include "facet-spy.h"
#include "query-internal.h"
#include "schema.h"

namespace {

// Length of a snippet, in bytes of text.
const size_t SNIPPET_LENGTH = 300;

struct results_deleter {
	void operator()(polidex_results_t *r) const { polidex_results_destroy(r); }
};

struct malloc_deleter {
	void operator()(char *p) const { std::free(p); }
};

Xapian::Query parse(polidex_db_t *db, const polidex_query_t *q, Xapian::QueryParser &qp,
		    PdxDateRange &dates, PdxDateField &day)
{
	std::unique_ptr<char, malloc_deleter> text(pdx_query_normalise(q->text));

	if (!text)
		throw std::bad_alloc();
	qp.set_database(*db->db);
	qp.set_stemmer(pdx_db_stemmer(db, q->language));
	qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
	// Analysts expect every word to count: "back to top" must not match a page that only
	// says "back".
	qp.set_default_op(Xapian::Query::OP_AND);
	qp.add_prefix("title", PDX_PREFIX_TITLE);
	qp.add_boolean_prefix("author", PDX_PREFIX_AUTHOR);
	qp.add_boolean_prefix("section", PDX_PREFIX_SECTION);
	qp.add_boolean_prefix("lang", PDX_PREFIX_LANGUAGE);
	qp.add_boolean_prefix("tag", PDX_PREFIX_TAG);
	qp.add_boolean_prefix("site", PDX_PREFIX_HOST);
	qp.add_boolean_prefix("url", PDX_PREFIX_URL);
	qp.add_rangeprocessor(&dates);
	qp.add_boolean_prefix("date", &day);

	std::string s(text.get());
	if (s.find_first_not_of(" \t\r\n") == std::string::npos)
		return Xapian::Query::MatchAll;
	unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_CJK_NGRAM |
			 Xapian::QueryParser::FLAG_PURE_NOT;
	Xapian::Query query = qp.parse_query(s, flags);
	// A query of only a filter ("lang:en") parses to a pure boolean query, which is fine.
	return query.empty() ? Xapian::Query::MatchAll : query;
}

} // namespace

extern "C" polidex_status_t polidex_search(polidex_db_t *db, const polidex_query_t *query,
					   polidex_results_t **out)
{
	if (out)
		*out = nullptr;
	if (!db || !query || !out)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	db->error[0] = '\0';
	try {
		std::unique_ptr<polidex_results_t, results_deleter> results(pdx_results_new());
		if (!results)
			throw std::bad_alloc();

		Xapian::QueryParser qp;
		PdxDateRange dates(PDX_SLOT_DATE);
		PdxDateField day(PDX_SLOT_DATE);
		Xapian::Query xq;
		try {
			xq = parse(db, query, qp, dates, day);
		} catch (const Xapian::QueryParserError &e) {
			pdx_db_fail(db, "query \"%s\": %s", query->text, e.get_msg().c_str());
			return POLIDEX_STATUS_QUERY_SYNTAX;
		}
		if (pdx_results_set_parsed_query(results.get(), xq.get_description().c_str()) < 0)
			throw std::bad_alloc();

		Xapian::Enquire enquire(*db->db);
		enquire.set_query(xq);
		std::vector<std::unique_ptr<PdxFacetSpy>> spies;
		for (size_t i = 0; i < query->n_facets; i++) {
			spies.emplace_back(new PdxFacetSpy(query->facets[i]->slot));
			enquire.add_matchspy(spies.back().get());
		}
		// Facets count the whole match set, so the match must visit every document; without
		// them, looking at a thousand keeps the total close for ordinary result pages.
		Xapian::doccount check_at_least =
			spies.empty() ? query->offset + query->limit + 1000 : db->db->get_doccount();
		Xapian::MSet mset = enquire.get_mset(query->offset, query->limit, check_at_least);
		// Exact when every match was visited for the facets, else Xapian's estimate.
		results->total = mset.get_matches_estimated();

		const Xapian::Stem &stem = pdx_db_stemmer(db, query->language);
		for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
			Xapian::Document doc = it.get_document();
			std::string data = doc.get_data();
			polidex_hit_t *hit = pdx_results_add_hit(results.get(), *it, it.get_weight(),
								 data.data(), data.size());
			if (!hit)
				throw std::bad_alloc();
			std::string text = hit->text ? hit->text : "";
			std::string snippet = mset.snippet(
				text, SNIPPET_LENGTH, stem,
				Xapian::MSet::SNIPPET_BACKGROUND_MODEL |
					Xapian::MSet::SNIPPET_EXHAUSTIVE |
					Xapian::MSet::SNIPPET_CJK_NGRAM,
				"<mark>", "</mark>", "\xe2\x80\xa6");
			if (pdx_hit_set_snippet(hit, snippet.data(), snippet.size()) < 0)
				throw std::bad_alloc();
		}

		for (size_t i = 0; i < spies.size(); i++) {
			struct pdx_facet_result *f =
				pdx_results_add_facet(results.get(), query->facets[i]);
			if (!f)
				throw std::bad_alloc();
			for (const auto &kv : spies[i]->counts())
				if (pdx_facet_add_count(f, kv.first.data(), kv.first.size(),
							kv.second) < 0)
					throw std::bad_alloc();
			pdx_facet_finish(f);
		}
		*out = results.release();
	} catch (...) {
		return pdx_db_status_from_exception(db, "search");
	}
	return POLIDEX_STATUS_SUCCESS;
}
