// facet-column.h: a facet slot's values for every document, held in memory, so that counting
// a facet over a large match set costs a few array reads a match (shim only).
#ifndef PDX_FACET_COLUMN_H
#define PDX_FACET_COLUMN_H

#include <cstdint>
#include <deque>
#include <string>
#include <vector>
#include <xapian.h>

// Each distinct value of the slot gets an ordinal; each document the ordinals of its values,
// stored one after another (the document's range starts at start_[docid]). Built by reading the
// slot's value stream once, which costs about what counting one facet over every document
// costs; see pdx_facet_columns() for when that pays.
class PdxFacetColumn {
	std::vector<uint32_t> start_; // by docid: where its ordinals begin in ords_
	std::vector<uint32_t> ords_;
	std::deque<std::string> values_; // by ordinal

      public:
	// Reads SLOT of every document of DB (local databases only). Throws
	// Xapian::DatabaseCorruptError on a malformed multi-value.
	PdxFacetColumn(const Xapian::Database &db, Xapian::valueno slot);

	// The part of FULL whose values KEEP holds (by ordinal): fewer entries to count when
	// only those values are wanted. Values keep their ordinals.
	PdxFacetColumn(const PdxFacetColumn &full, const std::vector<bool> &keep);

	size_t n_values() const { return values_.size(); }
	const std::string &value(uint32_t ord) const { return values_[ord]; }

	// Add one to COUNTS (n_values() long) for each value of document DID.
	void count(Xapian::docid did, uint32_t *counts) const
	{
		if (did + 1 >= start_.size())
			return;
		for (uint32_t i = start_[did]; i < start_[did + 1]; i++)
			counts[ords_[i]]++;
	}
};

// Counts, for each document the match visits, the values of several columns.
class PdxColumnSpy : public Xapian::MatchSpy {
	std::vector<const PdxFacetColumn *> columns_;
	std::vector<std::vector<uint32_t>> counts_;

      public:
	// Counts for COLUMN, which must outlive the spy; returns its index for counts().
	size_t add(const PdxFacetColumn *column);

	void operator()(const Xapian::Document &doc, double wt) override;
	std::string get_description() const override { return "PdxColumnSpy"; }

	// The counts of the column added as I, by ordinal; call once the match is done.
	const std::vector<uint32_t> &counts(size_t i) const { return counts_[i]; }
};

#endif
