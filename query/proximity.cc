// proximity.cc: the first hits of a query of several words re-ranked by whether its words
// stand together in them ("balance of power" written so, rather than "balance" in one
// paragraph and "power" in another). Only the first hits are looked at: position lists are
// read for a few dozen documents rather than checked for every match, as a NEAR query would.
// Part of the search shim.
#include "config.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "query/search-internal.h"
#include "stemmers/stemmers.h"

namespace
{

// Whether TEXT holds a letter of a script written without spaces, whose words the index
// holds as runs of characters rather than as words.
bool has_unspaced_script(const std::string &text)
{
	for (Xapian::Utf8Iterator it(text); it != Xapian::Utf8Iterator(); ++it) {
		unsigned c = *it;
		if ((c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
		    (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF))
			return true;
	}
	return false;
}

// The positions of TERM in document DID of DB, sorted (none when it is not there).
std::vector<Xapian::termpos> positions(const Xapian::Database &db, Xapian::docid did,
				       const std::string &term)
{
	std::vector<Xapian::termpos> out;

	for (auto p = db.positionlist_begin(did, term); p != db.positionlist_end(did, term); ++p)
		out.push_back(*p);
	return out;
}

// Whether a position of B follows one of A (both sorted) by at most WINDOW.
bool follows(const std::vector<Xapian::termpos> &a, const std::vector<Xapian::termpos> &b,
	     Xapian::termpos window)
{
	size_t j = 0;

	for (Xapian::termpos x : a) {
		while (j < b.size() && b[j] <= x)
			j++;
		if (j == b.size())
			return false;
		if (b[j] - x <= window)
			return true;
	}
	return false;
}

} // namespace

std::vector<std::string> pdx_proximity_words(const char *text)
{
	std::vector<std::string> words;

	// Quoted words are a phrase already; operators and fields say what the user wants.
	if (!text || std::strchr(text, '"') || !pdx_query_plain_words(text))
		return words;
	std::unique_ptr<char, pdx_malloc_deleter> norm(
	    pdx_normalise(text, std::strlen(text), nullptr));
	if (!norm)
		throw std::bad_alloc();
	std::string s(norm.get());
	if (has_unspaced_script(s))
		return words;
	// The words as the index holds them with their positions: split as the indexer
	// splits, unstemmed.
	Xapian::TermGenerator tg;
	Xapian::Document doc;
	tg.set_document(doc);
	tg.index_text(s);
	std::vector<std::pair<Xapian::termpos, std::string>> at;
	for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
		for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p)
			at.emplace_back(*p, *t);
	std::sort(at.begin(), at.end());
	for (const auto &a : at)
		words.push_back(a.second);
	if (words.size() < 2)
		words.clear();
	return words;
}

std::vector<pdx_ranked_hit> pdx_proximity_rerank(const Xapian::Database &db,
						 const Xapian::MSet &mset,
						 const std::vector<std::string> &words,
						 Xapian::doccount depth)
{
	std::vector<pdx_ranked_hit> hits;
	Xapian::doccount n = 0;

	for (auto it = mset.begin(); it != mset.end(); ++it, ++n) {
		double weight = it.get_weight();
		if (n < depth && words.size() >= 2) {
			// A page where the query's words stand together, each after the one
			// before it with at most one word between, counts twice.
			bool together = true;
			std::vector<Xapian::termpos> before = positions(db, *it, words[0]);
			for (size_t i = 1; together && i < words.size(); i++) {
				std::vector<Xapian::termpos> at = positions(db, *it, words[i]);
				together = follows(before, at, 2);
				before.swap(at);
			}
			if (together)
				weight *= 2.0;
		}
		hits.push_back({it, weight});
	}
	// Re-ranked among the first DEPTH only, so that a page further on is where it was.
	size_t first = std::min<size_t>(hits.size(), depth);
	std::stable_sort(
	    hits.begin(), hits.begin() + first,
	    [](const pdx_ranked_hit &a, const pdx_ranked_hit &b) { return a.weight > b.weight; });
	return hits;
}
