// facet-spy.cc: counting multi-valued facet slots over the whole match set.
#include "config.h"

#include "query/facet-spy.h"

#include <cstdlib>

#include "util/buf.h"
#include "util/multivalue.h"

void PdxFacetSpy::operator()(const Xapian::Document &doc, double)
{
	std::string v = doc.get_value(slot_);
	size_t pos = 0, len;
	const char *entry;

	++total_;
	while (pdx_multivalue_next(v.data(), v.size(), &pos, &entry, &len) == 1)
		add(std::string_view(entry, len), 1);
}

void PdxFacetSpy::add(std::string_view key, Xapian::doccount n)
{
	auto it = counts_.find(key);

	if (it != counts_.end()) {
		it->second += n;
		return;
	}
	keys_.emplace_back(key);
	counts_.emplace(std::string_view(keys_.back()), n);
}

const std::map<std::string, Xapian::doccount> &PdxFacetSpy::counts()
{
	sorted_.clear();
	for (const auto &kv : counts_)
		sorted_.emplace(std::string(kv.first), kv.second);
	return sorted_;
}

Xapian::MatchSpy *PdxFacetSpy::clone() const
{
	return new PdxFacetSpy(slot_);
}

std::string PdxFacetSpy::name() const
{
	return "polidex.FacetSpy";
}

std::string PdxFacetSpy::serialise() const
{
	return std::to_string(slot_);
}

Xapian::MatchSpy *PdxFacetSpy::unserialise(const std::string &s, const Xapian::Registry &) const
{
	return new PdxFacetSpy(static_cast<Xapian::valueno>(std::strtoul(s.c_str(), nullptr, 10)));
}

// Results travel as a multi-value of alternating value and count, preceded by the total.
std::string PdxFacetSpy::serialise_results() const
{
	pdx_buf b = PDX_BUF_INIT;
	std::string total = std::to_string(total_);

	pdx_multivalue_add(&b, total.data(), total.size());
	for (const auto &kv : counts_) {
		std::string count = std::to_string(kv.second);

		pdx_multivalue_add(&b, kv.first.data(), kv.first.size());
		pdx_multivalue_add(&b, count.data(), count.size());
	}
	if (b.oom) {
		pdx_buf_release(&b);
		throw std::bad_alloc();
	}
	std::string out(pdx_buf_str(&b), b.len);
	pdx_buf_release(&b);
	return out;
}

void PdxFacetSpy::merge_results(const std::string &s)
{
	size_t pos = 0, len, count_len;
	const char *entry, *count;

	if (pdx_multivalue_next(s.data(), s.size(), &pos, &entry, &len) != 1)
		throw Xapian::NetworkError("malformed facet counts from a remote shard");
	total_ += static_cast<Xapian::doccount>(std::strtoul(std::string(entry, len).c_str(),
							     nullptr, 10));
	while (pdx_multivalue_next(s.data(), s.size(), &pos, &entry, &len) == 1) {
		if (pdx_multivalue_next(s.data(), s.size(), &pos, &count, &count_len) != 1)
			throw Xapian::NetworkError("malformed facet counts from a remote shard");
		add(std::string_view(entry, len), static_cast<Xapian::doccount>(
			std::strtoul(std::string(count, count_len).c_str(), nullptr, 10)));
	}
}

std::string PdxFacetSpy::get_description() const
{
	return "PdxFacetSpy(slot " + std::to_string(slot_) + ")";
}

PdxFacetCounter::PdxFacetCounter(Xapian::valueno slot, bool remote)
{
	if (remote)
		stock_.reset(new Xapian::ValueCountMatchSpy(slot));
	else
		own_.reset(new PdxFacetSpy(slot));
}

Xapian::MatchSpy *PdxFacetCounter::spy()
{
	return own_ ? static_cast<Xapian::MatchSpy *>(own_.get()) : stock_.get();
}

const std::map<std::string, Xapian::doccount> &PdxFacetCounter::counts()
{
	if (own_)
		return own_->counts();
	split_.clear();
	for (Xapian::TermIterator it = stock_->values_begin(); it != stock_->values_end(); ++it) {
		std::string list = *it;
		size_t pos = 0, len;
		const char *entry;
		int rc;

		while ((rc = pdx_multivalue_next(list.data(), list.size(), &pos, &entry,
						 &len)) == 1)
			split_[std::string(entry, len)] += it.get_termfreq();
		if (rc < 0)
			throw Xapian::DatabaseCorruptError(
			    "malformed facet values in a remote shard");
	}
	return split_;
}
