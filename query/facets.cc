// facets.cc: counting a search's facets over its whole match set: planning which matches
// count which facets, columns held in memory, spies and concept terms, and the tallies they
// give. Part of the search shim; called inside polidex_search()'s try block.
#include "config.h"

#include <algorithm>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include "concepts/concepts.h"
#include "query/search-internal.h"

namespace {

// Below this many matches, a concept facet reads the concepts slot of each match; above, it
// counts each candidate concept by a match of its term.
const Xapian::doccount SMALL_MATCH = 2000;

// The URI of the concept VALUE (as the slot of FIELD holds it) names; NULL when it is another
// scheme's.
const char *concept_uri(const pdx_facet_field *field, const std::string &value)
{
	size_t n = std::strlen(field->value_prefix);

	if (value.compare(0, n, field->value_prefix) != 0)
		return nullptr;
	return value.c_str() + n;
}

// Whether the concept of VALUE (as the slot of FIELD holds it) belongs in the counts of a facet
// of scheme TH: a top concept for "concept", a concept directly narrower than the parent for
// "concept:PARENT". Sets *LABEL.
bool keep_concept(const polidex_thesaurus_t *th, const pdx_facet_field *field, long parent,
		  const std::string &value, const char *language, const char **label)
{
	*label = nullptr;
	if (!th)
		return true;
	const char *uri = concept_uri(field, value);
	if (!uri)
		return false; // another scheme's
	long i = pdx_concepts_find(th, uri);
	if (i < 0)
		return false; // tagged with another scheme
	*label = pdx_concepts_label(th, (size_t)i, language);
	if (parent < 0)
		return pdx_concepts_is_top(th, (size_t)i);
	return pdx_concepts_has_broader(th, (size_t)i, (size_t)parent);
}

// An unweighted match of QUERY, for counting: no relevance weights to compute, and an
// article held by several databases searched together counted once.
Xapian::Enquire counting_enquire(polidex_db_t *db, const Xapian::Query &query)
{
	Xapian::Enquire e(*db->db);

	e.set_query(query);
	e.set_weighting_scheme(Xapian::BoolWeight());
	if (db->n_databases > 1)
		e.set_collapse_key(PDX_SLOT_ID);
	return e;
}

// The column of concept facet I of QUERY, from FULL, the whole concepts column of a part of
// the database: a concept facet with thesaurus TH wants the counts of a few concepts only (the
// top ones, or the children of PARENTS[I]), so it counts a column of just those: some twenty
// concepts a document, with their broader ones, come down to a few. Kept in HELD, which is
// bounded: drilling into many concepts forgets the earlier ones.
std::shared_ptr<const PdxFacetColumn>
concept_column(std::map<std::string, std::shared_ptr<const PdxFacetColumn>> &held,
	       const std::shared_ptr<const PdxFacetColumn> &full, const polidex_thesaurus_t *th,
	       const pdx_facet_field *field, long parent, const std::string &name)
{
	auto it = held.find(name);

	if (it != held.end())
		return it->second;
	if (held.size() > 64)
		for (auto h = held.begin(); h != held.end();)
			h = h->first.find('/') != std::string::npos ? held.erase(h) : std::next(h);
	std::vector<bool> keep(full->n_values());
	for (uint32_t o = 0; o < full->n_values(); o++) {
		const char *label;
		keep[o] = keep_concept(th, field, parent, full->value(o), nullptr, &label);
	}
	return held.emplace(name, std::make_shared<const PdxFacetColumn>(*full, keep))
		.first->second;
}

// Add to F the values of TALLY: with a thesaurus TH, the concepts that facet request PARENT
// keeps, labelled in LANGUAGE, as their URIs; else the LIMIT most frequent (0: all), which
// spares copying values that would be cut.
void add_tally(struct pdx_facet_result *f, pdx_facet_tally &tally, const polidex_thesaurus_t *th,
	       long parent, const char *language, unsigned limit)
{
	auto &v = tally.values;

	if (!th && limit > 0 && !f->field->by_value && v.size() > limit) {
		auto before = [](const std::pair<std::string_view, Xapian::doccount> &a,
				 const std::pair<std::string_view, Xapian::doccount> &b) {
			if (a.second != b.second)
				return a.second > b.second;
			return a.first < b.first;
		};
		std::partial_sort(v.begin(), v.begin() + limit, v.end(), before);
		v.resize(limit);
	}
	size_t skip = th ? std::strlen(f->field->value_prefix) : 0;
	for (const auto &kv : v) {
		const char *label = nullptr;
		if (th && !keep_concept(th, f->field, parent, std::string(kv.first), language,
					&label))
			continue;
		if (pdx_facet_add_count(f, kv.first.data() + skip, kv.first.size() - skip, label,
					kv.second) < 0)
			throw std::bad_alloc();
	}
	pdx_facet_finish(f, limit);
}

} // namespace

polidex_status_t pdx_facet_parents(polidex_db_t *db, const polidex_query_t *query,
				   std::vector<long> *parents)
{
	for (size_t i = 0; i < query->n_facets; i++) {
		const polidex_thesaurus_t *th = query->facets[i].th;
		long parent = -1;
		if (query->facets[i].parent && !th) {
			pdx_db_fail(db, "facet %s: drilling down needs the thesaurus",
				    query->facets[i].name);
			return POLIDEX_STATUS_UNKNOWN_FIELD;
		}
		if (query->facets[i].parent && th) {
			parent = pdx_concepts_lookup(th, query->facets[i].parent);
			if (parent < 0) {
				pdx_db_fail(db, "facet %s: no such concept in %s",
					    query->facets[i].name, pdx_concepts_path(th));
				return POLIDEX_STATUS_UNKNOWN_FIELD;
			}
		}
		parents->push_back(parent);
	}
	return POLIDEX_STATUS_SUCCESS;
}

void pdx_facet_tally::add(const PdxFacetColumn &column, const std::vector<uint32_t> &counts,
			  bool sum)
{
	for (uint32_t o = 0; o < counts.size(); o++) {
		if (counts[o] == 0)
			continue;
		std::string_view v(column.value(o));
		auto it = sum ? where.find(v) : where.end();
		if (it != where.end()) {
			values[it->second].second += counts[o];
			continue;
		}
		if (sum)
			where.emplace(v, values.size());
		values.emplace_back(v, counts[o]);
	}
}

// Whether the facets are counted from columns held in memory (query/facet-column.h), building
// those missing; sets columns_[part][facet] to the column each facet counts. Columns are kept
// once the facets of this handle have counted, without them, as many documents' values as the
// database holds: from then on building them has cost no more than counting without them
// already did, and each later count is several times cheaper. A single query never builds
// them; a server or a batch of queries does after a few broad ones. Only read-only handles on
// local databases searched alone have them: a writable one changes under them, Xapian's remote
// protocol has no value streams, and several databases searched together need their
// duplicates collapsed.
bool PdxFacetCounts::use_columns()
{
	polidex_db_t *db = db_;

	if (query_->n_facets == 0 || db->remote || db->wdb || db->shards || db->n_databases > 1 ||
	    db->parts.empty() || db->db->get_doccount() == 0)
		return false;
	if (db->columns.empty()) {
		if (db->facet_reads < db->db->get_doccount())
			return false;
		db->columns.resize(db->parts.size());
	}
	columns_.assign(db->parts.size(), {});
	for (size_t p = 0; p < db->parts.size(); p++) {
		auto &held = db->columns[p];
		for (size_t i = 0; i < query_->n_facets; i++) {
			const pdx_facet_field *field = query_->facets[i].field;
			const polidex_thesaurus_t *th = query_->facets[i].th;
			std::string name = std::to_string(field->slot);
			auto &full = held[name];
			if (!full)
				full = std::make_shared<const PdxFacetColumn>(db->parts[p],
									      field->slot);
			if (!th) {
				columns_[p].push_back(full);
				continue;
			}
			name += "/" + std::to_string(pdx_concepts_serial(th)) + "/" +
				std::to_string(parents_[i]);
			columns_[p].push_back(
				concept_column(held, full, th, field, parents_[i], name));
		}
	}
	return true;
}

PdxFacetCounts::PdxFacetCounts(polidex_db_t *db, const polidex_query_t *query,
			       const std::vector<long> &parents, const PdxFilters &filters)
	: db_(db), query_(query), parents_(parents), filters_(filters)
{
	by_columns_ = use_columns();
	spies_.resize(query->n_facets);
	tallies_.resize(by_columns_ ? query->n_facets : 0);
	for (size_t i = 0; i < query->n_facets; i++) {
		const pdx_facet_field *f = query->facets[i].field;
		bool filtered_on = filters.on(f);
		if (!by_columns_ && !query->facets[i].th)
			spies_[i].reset(new PdxFacetCounter(f->slot, db->remote));
		group_of_.push_back(filtered_on ? f : nullptr);
		if (std::find(groups_.begin(), groups_.end(), group_of_.back()) == groups_.end())
			groups_.push_back(group_of_.back());
	}
	if (!groups_.empty() && std::find(groups_.begin(), groups_.end(), nullptr) == groups_.end())
		groups_.push_back(nullptr); // for the exact total
	all_ = db->db->get_doccount();
	// With columns over one database, the ranked match itself counts the facets that share
	// the match of every filter: it then visits every match, but one pass over the postings
	// costs less than two.
	ranked_counts_ = by_columns_ && db->parts.size() == 1 &&
			 std::find(groups_.begin(), groups_.end(), nullptr) != groups_.end();
	ranked_index_.resize(query->n_facets);
}

// Count the facets of GROUP from columns, part by part; returns the size of its match.
Xapian::doccount PdxFacetCounts::count_by_columns(const pdx_facet_field *group)
{
	Xapian::doccount n = 0;

	for (size_t p = 0; p < db_->parts.size(); p++) {
		Xapian::Enquire side(db_->parts[p]);
		PdxColumnSpy spy;
		std::vector<size_t> index(query_->n_facets);
		side.set_query(filters_.filtered(group));
		side.set_weighting_scheme(Xapian::BoolWeight());
		for (size_t i = 0; i < query_->n_facets; i++)
			if (group_of_[i] == group)
				index[i] = spy.add(columns_[p][i].get());
		side.add_matchspy(&spy);
		n += side.get_mset(0, 0, db_->parts[p].get_doccount()).get_matches_estimated();
		for (size_t i = 0; i < query_->n_facets; i++)
			if (group_of_[i] == group)
				tallies_[i].add(*columns_[p][i], spy.counts(index[i]),
						db_->parts.size() > 1);
	}
	return n;
}

// Count the facets of GROUP by spies reading their slots; returns the size of its match.
Xapian::doccount PdxFacetCounts::count_by_spies(const pdx_facet_field *group)
{
	Xapian::Enquire side = counting_enquire(db_, filters_.filtered(group));
	Xapian::doccount n;

	for (size_t i = 0; i < query_->n_facets; i++)
		if (group_of_[i] == group && spies_[i])
			side.add_matchspy(spies_[i]->spy());
	n = side.get_mset(0, 0, all_).get_matches_estimated();
	// Facets counted without columns add to the case for building them.
	for (size_t i = 0; i < query_->n_facets; i++)
		if (group_of_[i] == group)
			db_->facet_reads += n;
	return n;
}

void PdxFacetCounts::count_before(Xapian::Enquire &ranked, polidex_results_t *results)
{
	for (const pdx_facet_field *g : groups_) {
		Xapian::doccount n = 0;
		if (ranked_counts_ && !g) {
			for (size_t i = 0; i < query_->n_facets; i++)
				if (!group_of_[i])
					ranked_index_[i] = ranked_spy_.add(columns_[0][i].get());
			ranked.add_matchspy(&ranked_spy_);
			continue;
		}
		n = by_columns_ ? count_by_columns(g) : count_by_spies(g);
		group_size_.emplace_back(g, n);
		if (!g) {
			results->total = n;
			exact_ = true;
		}
	}
}

Xapian::doccount PdxFacetCounts::check_at_least() const
{
	// Without facets the total is Xapian's estimate, which looking at a thousand more
	// matches makes closer; with them a counting match gives it exactly.
	if (ranked_counts_)
		return all_;
	return exact_ ? 0 : query_->offset + query_->limit + 1000;
}

void PdxFacetCounts::count_after(const Xapian::MSet &mset, polidex_results_t *results)
{
	if (ranked_counts_) {
		results->total = mset.get_matches_estimated();
		group_size_.emplace_back(nullptr, results->total);
		for (size_t i = 0; i < query_->n_facets; i++)
			if (!group_of_[i])
				tallies_[i].add(*columns_[0][i],
						ranked_spy_.counts(ranked_index_[i]), false);
	} else if (!exact_) {
		results->total = mset.get_matches_estimated();
	}
}

// Count concept facet I into F by a match of each candidate concept's term.
void PdxFacetCounts::count_concepts_by_term(struct pdx_facet_result *f, size_t i)
{
	const polidex_thesaurus_t *th = query_->facets[i].th;
	const pdx_facet_field *field = query_->facets[i].field;

	for (size_t c = 0; c < polidex_thesaurus_count_concepts(th); c++) {
		const char *label = nullptr;
		std::string uri = pdx_concepts_uri(th, c);
		if (!keep_concept(th, field, parents_[i], field->value_prefix + uri,
				  query_->language, &label))
			continue;
		Xapian::Enquire one = counting_enquire(
			db_, Xapian::Query(Xapian::Query::OP_FILTER,
					   filters_.filtered(group_of_[i]),
					   Xapian::Query(pdx_concept_term(uri.c_str(),
									  field->prefix))));
		Xapian::doccount n = one.get_mset(0, 0, all_).get_matches_estimated();
		if (n > 0 && pdx_facet_add_count(f, uri.data(), uri.size(), label, n) < 0)
			throw std::bad_alloc();
	}
	pdx_facet_finish(f, query_->facets[i].limit);
}

// Add the counts of facet I to RESULTS.
void PdxFacetCounts::add_facet(polidex_results_t *results, size_t i)
{
	const polidex_thesaurus_t *th = query_->facets[i].th;
	struct pdx_facet_result *f = pdx_results_add_facet(results, &query_->facets[i]);

	if (!f)
		throw std::bad_alloc();
	if (by_columns_) {
		add_tally(f, tallies_[i], th, parents_[i], query_->language,
			  query_->facets[i].limit);
		return;
	}
	Xapian::doccount matched = 0;
	for (const auto &gs : group_size_)
		if (gs.first == group_of_[i])
			matched = gs.second;
	// A small match set is cheaper to read once than to intersect with every candidate
	// concept's postings.
	if (!spies_[i] && matched <= SMALL_MATCH) {
		spies_[i].reset(new PdxFacetCounter(query_->facets[i].field->slot, db_->remote));
		Xapian::Enquire side = counting_enquire(db_, filters_.filtered(group_of_[i]));
		side.add_matchspy(spies_[i]->spy());
		side.get_mset(0, 0, all_);
	}
	if (!spies_[i]) {
		count_concepts_by_term(f, i);
		return;
	}
	pdx_facet_tally tally;
	for (const auto &kv : spies_[i]->counts())
		tally.values.emplace_back(kv.first, kv.second);
	add_tally(f, tally, th, parents_[i], query_->language, query_->facets[i].limit);
}

void PdxFacetCounts::add_to(polidex_results_t *results)
{
	for (size_t i = 0; i < query_->n_facets; i++)
		add_facet(results, i);
}
