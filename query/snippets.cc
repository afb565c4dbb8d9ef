// snippets.cc: the snippet of each hit, the passage of its text that holds the query's words
// with those words marked. Part of the search shim; called inside polidex_search()'s try block.
#include "config.h"

#include <algorithm>
#include <string>
#include <vector>

#include "query/search-internal.h"
#include "stemmers/stemmers.h"

namespace {

// Length of a snippet, in bytes of text.
const size_t SNIPPET_LENGTH = 300;

// Whether QUERY holds a phrase or a NEAR.
bool has_phrase(const Xapian::Query &query)
{
	if (query.get_type() == Xapian::Query::OP_PHRASE ||
	    query.get_type() == Xapian::Query::OP_NEAR)
		return true;
	for (size_t i = 0; i < query.get_num_subqueries(); i++)
		if (has_phrase(query.get_subquery(i)))
			return true;
	return false;
}

// SNIPPET with its highlights tidied: words marked next to each other are one highlight
// ("balance of power"), and a function word of LANGUAGE marked on its own ("of", "de"), where
// other words are marked, loses its mark: it matched no phrase and tells the reader nothing.
std::string tidy_marks(const std::string &snippet, const char *language)
{
	static const std::string open = "<mark>", close = "</mark>";
	std::string s = snippet;

	for (size_t at = s.find(close + " " + open); at != std::string::npos;
	     at = s.find(close + " " + open, at))
		s.replace(at, close.size() + 1 + open.size(), " ");
	// The marked stretches, and whether each is a function word alone.
	std::vector<std::pair<size_t, size_t>> marks;
	std::vector<bool> function;
	size_t words = 0;
	for (size_t at = s.find(open); at != std::string::npos; at = s.find(open, at + 1)) {
		size_t end = s.find(close, at);
		if (end == std::string::npos)
			break;
		size_t from = at + open.size();
		bool fw = pdx_is_function_word_of(language, s.data() + from, end - from) != 0;
		marks.emplace_back(at, end);
		function.push_back(fw);
		words += !fw;
	}
	if (words == 0)
		return s;
	for (size_t i = marks.size(); i-- > 0;) {
		if (!function[i])
			continue;
		s.erase(marks[i].second, close.size());
		s.erase(marks[i].first, open.size());
	}
	return s;
}

} // namespace

PdxSnippets::PdxSnippets(const Xapian::Query &query)
{
	// A phrase is marked only where its words stand together, which their nearest
	// occurrences need not: such a query is looked for in the whole text.
	if (has_phrase(query))
		return;
	for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
		std::string term = *t;
		bool z = !term.empty() && term[0] == 'Z';
		if (z)
			term.erase(0, 1);
		if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z'))
			continue;
		std::string start = term;
		if (z && start.size() > 3)
			start.resize(std::max<size_t>(3, start.size() - 2));
		starts_.push_back(start);
		terms_.push_back(term);
		stemmed_.push_back(z);
	}
	for (const std::string &w : starts_)
		pointers_.push_back(w.c_str());
}

int PdxSnippets::is_word(void *ctx, size_t w, const char *word, size_t len)
{
	PdxSnippets *self = static_cast<PdxSnippets *>(ctx);

	if (self->failure_)
		return 0;
	try {
		std::string found(word, len);

		if (self->stemmed_[w])
			return (*self->stem_)(found) == self->terms_[w];
		return found == self->terms_[w];
	} catch (...) {
		self->failure_ = std::current_exception();
		return 0;
	}
}

std::string PdxSnippets::make(const Xapian::MSet &mset, const std::string &text,
			      const Xapian::Stem &stem, const char *language)
{
	static const char omit[] = "\xe2\x80\xa6";
	size_t start = 0, end = text.size();
	stem_ = &stem;
	bool cut = pdx_snippet_region(text.data(), text.size(), pointers_.data(), pointers_.size(),
				      is_word, this, SNIPPET_LENGTH / 2, &start, &end);
	if (failure_)
		std::rethrow_exception(failure_);
	// Every window of the text is weighed by the query's words (exhaustive, so a window
	// holding all of them wins). Xapian's background model would also weigh every other
	// word by its frequency in the index: a B-tree lookup per distinct word of each hit,
	// which was three quarters of a search.
	std::string snippet = mset.snippet(cut ? text.substr(start, end - start) : text,
					   SNIPPET_LENGTH, stem,
					   Xapian::MSet::SNIPPET_EXHAUSTIVE |
						   Xapian::MSet::SNIPPET_CJK_NGRAM,
					   "<mark>", "</mark>", omit);
	if (snippet.empty())
		return snippet;
	snippet = tidy_marks(snippet, language);
	if (start > 0 && snippet.compare(0, sizeof omit - 1, omit) != 0)
		snippet.insert(0, omit);
	if (end < text.size() &&
	    (snippet.size() < sizeof omit - 1 ||
	     snippet.compare(snippet.size() - (sizeof omit - 1), sizeof omit - 1, omit) != 0))
		snippet += omit;
	return snippet;
}
