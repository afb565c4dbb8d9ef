// languages.h: a query over every language an index holds (C++ shim only).
#ifndef PDX_QUERY_LANGUAGES_H
#define PDX_QUERY_LANGUAGES_H

#include <string>
#include <vector>
#include <xapian.h>

// The languages of an index's pages.
struct pdx_index_languages {
	// The Snowball algorithms ("english", "spanish") its pages were stemmed with, sorted:
	// those of the languages it holds, and English when some page does not say its own.
	std::vector<std::string> stemmers;
	// The language terms of the pages stemmed with none (Chinese, Polish), which hold
	// their words as written only.
	std::vector<std::string> unstemmed;
};

// The languages of DB's pages.
pdx_index_languages pdx_index_languages_of(const Xapian::Database &db);

// One query from the parses of one text: RAW, its words as written (no stemming), and FORMS,
// stemmed each in a language, all of the same shape. Each word becomes the synonym group of
// its stems and, for the pages of UNSTEMMED (language terms, as pdx_index_languages gives
// them), its form as written; the word alone when its forms are one. What holds no stemmed
// word (a phrase, a wildcard, a range) is FORMS[0]'s. Sets *OUT and returns true, or returns
// false when the parses differ in shape.
bool pdx_merge_forms(const Xapian::Query &raw, const std::vector<Xapian::Query> &forms,
		     const std::vector<std::string> &unstemmed, Xapian::Query *out);

#endif
