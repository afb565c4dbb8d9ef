// facet-spy.h: a Xapian MatchSpy counting every entry of a multi-valued slot (shim only).
#ifndef PDX_FACET_SPY_H
#define PDX_FACET_SPY_H

#include <deque>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <xapian.h>

// Counts, over every document the match visits, each value of a slot holding a multi-value
// (lib/multivalue.h). ValueCountMatchSpy counts one value per slot, which is not enough for
// authors or concepts.
class PdxFacetSpy : public Xapian::MatchSpy {
	Xapian::valueno slot_;
	Xapian::doccount total_;
	// Counted by hashing a view of the encoded value: a value seen before costs one hash
	// and no allocation. KEYS_ owns the text the views point at.
	std::deque<std::string> keys_;
	std::unordered_map<std::string_view, Xapian::doccount> counts_;
	std::map<std::string, Xapian::doccount> sorted_;

	void add(std::string_view key, Xapian::doccount n);

      public:
	explicit PdxFacetSpy(Xapian::valueno slot) : slot_(slot), total_(0) {}

	void operator()(const Xapian::Document &doc, double wt) override;
	Xapian::MatchSpy *clone() const override;
	std::string name() const override;
	std::string serialise() const override;
	Xapian::MatchSpy *unserialise(const std::string &s,
				      const Xapian::Registry &context) const override;
	std::string serialise_results() const override;
	void merge_results(const std::string &s) override;
	std::string get_description() const override;

	// The counts by value; call once the match is done.
	const std::map<std::string, Xapian::doccount> &counts();
	Xapian::doccount documents_seen() const { return total_; }
};

// The counts of one facet over the match set. Over local databases the polidex spy counts
// them; a remote shard served by Xapian's own xapian-tcpsrv knows only Xapian's spies, so
// there ValueCountMatchSpy counts each document's whole list of values and the lists are
// split here afterwards, which gives the same counts.
class PdxFacetCounter {
	std::unique_ptr<PdxFacetSpy> own_;
	std::unique_ptr<Xapian::ValueCountMatchSpy> stock_;
	std::map<std::string, Xapian::doccount> split_;

      public:
	PdxFacetCounter(Xapian::valueno slot, bool remote);

	Xapian::MatchSpy *spy();
	// Call once the match is done.
	const std::map<std::string, Xapian::doccount> &counts();
};

#endif
