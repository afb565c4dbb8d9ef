// facet-spy.h: a Xapian MatchSpy counting every entry of a multi-valued slot (shim only).
#ifndef PDX_FACET_SPY_H
#define PDX_FACET_SPY_H

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <xapian.h>

// Counts, over every document the match visits, each value of a slot holding a multi-value
// (lib/multivalue.h). ValueCountMatchSpy counts one value per slot, which is not enough for
// authors or concepts.
class PdxFacetSpy : public Xapian::MatchSpy {
	Xapian::valueno slot_;
	Xapian::doccount total_;
	// Found by a view of the encoded value, so that counting a value seen before
	// allocates nothing.
	std::map<std::string, Xapian::doccount, std::less<>> counts_;

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

	const std::map<std::string, Xapian::doccount, std::less<>> &counts() const { return counts_; }
	Xapian::doccount documents_seen() const { return total_; }
};

// The counts of one facet over the match set. Over local databases the polidex spy counts
// them; a remote shard served by Xapian's own xapian-tcpsrv knows only Xapian's spies, so
// there ValueCountMatchSpy counts each document's whole list of values and the lists are
// split here afterwards, which gives the same counts.
class PdxFacetCounter {
	std::unique_ptr<PdxFacetSpy> own_;
	std::unique_ptr<Xapian::ValueCountMatchSpy> stock_;
	std::map<std::string, Xapian::doccount, std::less<>> split_;

      public:
	PdxFacetCounter(Xapian::valueno slot, bool remote);

	Xapian::MatchSpy *spy();
	// Call once the match is done.
	const std::map<std::string, Xapian::doccount, std::less<>> &counts();
};

#endif
