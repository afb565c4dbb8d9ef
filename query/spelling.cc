// spelling.cc: "did you mean": the words of a query the index lacks, replaced by the closest
// words it holds. Part of the search shim; called inside polidex_search()'s try block.
#include "config.h"

#include <algorithm>
#include <string>
#include <vector>

#include "query/search-internal.h"

namespace {

// The edit distance (insertions, deletions, substitutions and swaps of neighbours, on bytes)
// between A and B, or LIMIT + 1 once it is known to exceed LIMIT.
size_t edit_distance(const std::string &a, const std::string &b, size_t limit)
{
	size_t n = a.size(), m = b.size();

	if ((n > m ? n - m : m - n) > limit)
		return limit + 1;
	std::vector<size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
	for (size_t j = 0; j <= m; j++)
		prev[j] = j;
	for (size_t i = 1; i <= n; i++) {
		size_t best = cur[0] = i;
		for (size_t j = 1; j <= m; j++) {
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t d = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
				d = std::min(d, prev2[j - 2] + 1);
			cur[j] = d;
			best = std::min(best, d);
		}
		if (best > limit)
			return limit + 1;
		prev2.swap(prev);
		prev.swap(cur);
	}
	return prev[m];
}

// The word of the index closest to WORD (which the index lacks): within two edits (one for
// words of four bytes or fewer), then the most frequent; "" when none. The index's own words
// that share WORD's first character are the candidates, so no spelling table is needed.
std::string closest_word(const Xapian::Database &db, const std::string &word)
{
	size_t first = 1;
	while (first < word.size() && (static_cast<unsigned char>(word[first]) & 0xC0) == 0x80)
		first++;
	std::string prefix = word.substr(0, first), best;
	size_t limit = word.size() <= 4 ? 1 : 2, best_distance = limit + 1;
	Xapian::doccount best_freq = 0;

	for (Xapian::TermIterator t = db.allterms_begin(prefix); t != db.allterms_end(prefix);
	     ++t) {
		const std::string &term = *t;
		size_t d = edit_distance(word, term, std::min(limit, best_distance));

		if (d > limit)
			continue;
		Xapian::doccount freq = t.get_termfreq();
		if (d < best_distance || (d == best_distance && freq > best_freq)) {
			best = term;
			best_distance = d;
			best_freq = freq;
		}
	}
	return best;
}

} // namespace

std::string pdx_spelling_correction(const Xapian::Database &db, const Xapian::Stem &stem,
				    const std::string &text)
{
	std::string out;
	bool changed = false;
	size_t i = 0;

	while (i < text.size()) {
		size_t end = text.find_first_of(" \t\"()", i);
		if (end == i) {
			out += text[i++];
			continue;
		}
		if (end == std::string::npos)
			end = text.size();
		std::string word = text.substr(i, end - i), lead;
		if (!word.empty() && (word[0] == '+' || word[0] == '-')) {
			lead = word.substr(0, 1);
			word = word.substr(1);
		}
		bool plain = word.size() >= 3 && word.size() <= 64 &&
			     word.find_first_of(":*/.0123456789") == std::string::npos &&
			     !(word[0] >= 'A' && word[0] <= 'Z');
		// Chinese, Japanese and Korean are indexed as n-grams, not words.
		for (size_t k = 0; plain && k < word.size(); k++)
			plain = static_cast<unsigned char>(word[k]) < 0xE3;
		// A word the index holds, or holds another form of, is no misspelling.
		std::string better = plain && db.get_termfreq(word) == 0 &&
					     db.get_termfreq("Z" + stem(word)) == 0
					     ? closest_word(db, word)
					     : std::string();
		if (!better.empty()) {
			out += lead + better;
			changed = true;
		} else {
			out += text.substr(i, end - i);
		}
		i = end;
	}
	return changed ? out : std::string();
}
