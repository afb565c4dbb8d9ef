// facet-column.cc: facet slots held in memory, and the spy that counts them.
#include "config.h"

#include "query/facet-column.h"

#include <string_view>
#include <unordered_map>

#include "util/multivalue.h"

PdxFacetColumn::PdxFacetColumn(const Xapian::Database &db, Xapian::valueno slot)
{
	// Keys are views into values_, a deque, whose strings stay where they are as it grows.
	std::unordered_map<std::string_view, uint32_t> ordinal;

	start_.assign(1, 0);
	for (Xapian::ValueIterator v = db.valuestream_begin(slot); v != db.valuestream_end(slot);
	     ++v) {
		Xapian::docid did = v.get_docid();
		std::string enc = *v;
		size_t pos = 0, len;
		const char *entry;
		int rc;

		// Documents without the value have an empty range.
		if (start_.size() < static_cast<size_t>(did) + 1)
			start_.resize(static_cast<size_t>(did) + 1,
				      static_cast<uint32_t>(ords_.size()));
		while ((rc = pdx_multivalue_next(enc.data(), enc.size(), &pos, &entry,
						 &len)) == 1) {
			std::string_view key(entry, len);
			auto it = ordinal.find(key);
			if (it == ordinal.end()) {
				values_.emplace_back(key);
				it = ordinal.emplace(std::string_view(values_.back()),
						     static_cast<uint32_t>(values_.size() - 1))
					     .first;
			}
			ords_.push_back(it->second);
		}
		if (rc < 0)
			throw Xapian::DatabaseCorruptError("document " + std::to_string(did) +
							   ": malformed facet values in slot " +
							   std::to_string(slot));
		start_.push_back(static_cast<uint32_t>(ords_.size()));
	}
	ords_.shrink_to_fit();
	start_.shrink_to_fit();
}

PdxFacetColumn::PdxFacetColumn(const PdxFacetColumn &full, const std::vector<bool> &keep)
	: values_(full.values_)
{
	start_.reserve(full.start_.size());
	start_.push_back(0);
	for (size_t did = 1; did < full.start_.size(); did++) {
		for (uint32_t i = full.start_[did - 1]; i < full.start_[did]; i++)
			if (keep[full.ords_[i]])
				ords_.push_back(full.ords_[i]);
		start_.push_back(static_cast<uint32_t>(ords_.size()));
	}
	ords_.shrink_to_fit();
}

size_t PdxColumnSpy::add(const PdxFacetColumn *column)
{
	columns_.push_back(column);
	counts_.emplace_back(column->n_values(), 0);
	return columns_.size() - 1;
}

void PdxColumnSpy::operator()(const Xapian::Document &doc, double)
{
	Xapian::docid did = doc.get_docid();

	for (size_t i = 0; i < columns_.size(); i++)
		columns_[i]->count(did, counts_[i].data());
}
