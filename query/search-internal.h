// search-internal.h: what the parts of the search shim share: query/search.cc (parsing,
// filters, the ranked match, hits), spelling.cc, snippets.cc and facets.cc. C++ only. Every
// function here throws (Xapian::Error, std::bad_alloc); polidex_search() turns that into a
// status.
#ifndef PDX_SEARCH_INTERNAL_H
#define PDX_SEARCH_INTERNAL_H

#include <cstdlib>
#include <exception>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>
#include <xapian.h>

#include "lib/database.h"
#include "query/facet-column.h"
#include "query/facet-spy.h"
#include "query/query-internal.h"

struct pdx_malloc_deleter {
	void operator()(char *p) const { std::free(p); }
};

// The whole query of QUERY over DB as polidex_search() matches it, its filters included, into
// *OUT; a status with the message on DB when QUERY cannot be run.
polidex_status_t pdx_search_query(polidex_db_t *db, const polidex_query_t *query,
				  Xapian::Query *out);

// The term of concept URI of the scheme field whose prefix is PREFIX.
std::string pdx_concept_term(const char *uri, const char *prefix);

// TEXT (normalised) with each word that is in no document of DB, in no form (stemmed with
// STEM), replaced by the closest word of the index; "" when no word was replaced. Field values,
// operators, wildcards and words written with a capital are left alone.
std::string pdx_spelling_correction(const Xapian::Database &db, const Xapian::Stem &stem,
				    const std::string &text);

// The snippets of the hits of one query: the words of the query to look for in a hit's text,
// each term of a word as the start of the words it stands for (a stem without its last two
// bytes: English stems "policy" to "polici") and whether the term is a stem. Terms of fields
// are left out.
class PdxSnippets {
	std::vector<std::string> starts_, terms_;
	std::vector<bool> stemmed_;
	std::vector<const char *> pointers_;
	const Xapian::Stem *stem_ = nullptr; // the hit's, while make() runs
	// What is_word() caught: it is called from C, which an exception must not unwind, so it
	// keeps it here for make() to throw again.
	std::exception_ptr failure_;

	// pdx_snippet_word_fn: a stem's word must stem to it, a word be it.
	static int is_word(void *ctx, size_t w, const char *word, size_t len);

      public:
	// The words of QUERY.
	explicit PdxSnippets(const Xapian::Query &query);

	// The snippet of TEXT, stemmed with STEM (that of LANGUAGE, its language), for the hits
	// of MSET: Xapian picks and marks the passage, from the stretch of a long text that holds
	// the query's words (see pdx_snippet_region()).
	std::string make(const Xapian::MSet &mset, const std::string &text,
			 const Xapian::Stem &stem, const char *language);
};

// Whether TEXT is words only, with no operator, field or sign (quotes may group them).
bool pdx_query_plain_words(const char *text);

// A hit of a ranked match and its weight once re-ranked.
struct pdx_ranked_hit {
	Xapian::MSetIterator it;
	double weight;
};

// The words of query TEXT in their order, as the index holds them with positions (unstemmed),
// for a query of two words or more without quotes, operators or fields; none for other
// queries and for words of scripts written without spaces.
std::vector<std::string> pdx_proximity_words(const char *text);

// The hits of MSET in order, the first DEPTH re-ranked: each one's weight raised by the share
// of WORDS' neighbouring pairs that stand together (at most one word apart) in the document
// of DB, doubled where all do. Hits after the first DEPTH keep their place and weight.
std::vector<pdx_ranked_hit> pdx_proximity_rerank(const Xapian::Database &db,
						 const Xapian::MSet &mset,
						 const std::vector<std::string> &words,
						 Xapian::doccount depth);

// The filters of a query (polidex_query_add_filter()), ORed within a field and ANDed across
// fields, over the parsed query they filter.
class PdxFilters {
	Xapian::Query query_;
	std::vector<std::pair<const pdx_facet_field *, Xapian::Query>> by_field_;

      public:
	explicit PdxFilters(const Xapian::Query &query) : query_(query) {}

	// Add TERM, the filter on FIELD.
	void add(const pdx_facet_field *field, const Xapian::Query &term);

	// Whether a filter is on FIELD.
	bool on(const pdx_facet_field *field) const;

	// The query with every filter but those on field SKIP (NULL: none).
	Xapian::Query filtered(const pdx_facet_field *skip) const;
};

// For each facet of QUERY, the concept it drills into (its index in the thesaurus), or -1.
// Returns POLIDEX_STATUS_UNKNOWN_FIELD with a message on DB for a concept the thesaurus lacks,
// or a drill-down without a thesaurus.
polidex_status_t pdx_facet_parents(polidex_db_t *db, const polidex_query_t *query,
				   std::vector<long> *parents);

// One facet's counts, from columns summed over the parts of the database or from a spy. The
// views point into the columns or the spy's counts.
struct pdx_facet_tally {
	std::vector<std::pair<std::string_view, Xapian::doccount>> values;
	std::unordered_map<std::string_view, size_t> where; // when summing several parts

	void add(const PdxFacetColumn &column, const std::vector<uint32_t> &counts, bool sum);
};

// The facets of one search, counted over the whole match set in unweighted matches of their
// own, which need no relevance weights; the ranked match then stops early. A facet on a field
// the query filters on is counted without those filters (as Elasticsearch's post_filter
// does); the others share the match of every filter, which also gives the exact total.
// With columns (query/facet-column.h) each match costs a few array reads, part by part.
// Without, each facet's slot is read from each match, except that concept facets with a
// thesaurus need only the counts of a handful of concepts (the top ones, or the children of
// one): over a large match set each is counted by a match of its own term, far cheaper than
// reading some twenty URIs from every match.
class PdxFacetCounts {
	typedef std::vector<std::vector<std::shared_ptr<const PdxFacetColumn>>> column_table;

	polidex_db_t *db_;
	const polidex_query_t *query_;
	const std::vector<long> &parents_;
	const PdxFilters &filters_;
	column_table columns_; // [part][facet]
	bool by_columns_;
	std::vector<std::unique_ptr<PdxFacetCounter>> spies_;
	std::vector<pdx_facet_tally> tallies_;
	std::vector<const pdx_facet_field *> groups_; // nullptr: the match of every filter
	std::vector<const pdx_facet_field *> group_of_;
	std::vector<std::pair<const pdx_facet_field *, Xapian::doccount>> group_size_;
	Xapian::doccount all_;
	bool exact_ = false;
	bool ranked_counts_;
	PdxColumnSpy ranked_spy_;
	std::vector<size_t> ranked_index_;

	bool use_columns();
	Xapian::doccount count_by_columns(const pdx_facet_field *group);
	Xapian::doccount count_by_spies(const pdx_facet_field *group);
	void count_concepts_by_term(struct pdx_facet_result *f, size_t i);
	void add_facet(polidex_results_t *results, size_t i);

      public:
	// Plan the counts of QUERY's facets over DB, FILTERS filtering the query; PARENTS as
	// pdx_facet_parents() gives them. The arguments must outlive the counts.
	PdxFacetCounts(polidex_db_t *db, const polidex_query_t *query,
		       const std::vector<long> &parents, const PdxFilters &filters);

	// Count, before the ranked match RANKED, the facets that need matches of their own, and
	// add to RANKED what it counts itself. Sets RESULTS' total when it is known exactly.
	void count_before(Xapian::Enquire &ranked, polidex_results_t *results);

	// How many matches the ranked match must look at (Xapian's checkatleast).
	Xapian::doccount check_at_least() const;

	// Take the counts of the ranked match MSET, and RESULTS' total when it was not known.
	void count_after(const Xapian::MSet &mset, polidex_results_t *results);

	// Add each facet's counts to RESULTS.
	void add_to(polidex_results_t *results);
};

#endif
