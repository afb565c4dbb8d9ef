// languages.h: a query over every language an index holds (C++ shim only).
#ifndef PDX_QUERY_LANGUAGES_H
#define PDX_QUERY_LANGUAGES_H

#include <string>
#include <vector>
#include <xapian.h>

// The Snowball algorithms ("english", "spanish") the pages of DB were stemmed with, sorted:
// those of the languages it holds, and English when some page does not say its language.
std::vector<std::string> pdx_index_stemmers(const Xapian::Database &db);

// One query from the parses of one text: RAW, its words as written (no stemming), and FORMS,
// stemmed each in a language, all of the same shape. Each word becomes the synonym group of
// its forms (the word alone when they are one); what holds no stemmed word (a phrase, a
// wildcard, a range) is FORMS[0]'s. Sets *OUT and returns true, or returns false when the
// parses differ in shape.
bool pdx_merge_forms(const Xapian::Query &raw, const std::vector<Xapian::Query> &forms,
		     Xapian::Query *out);

#endif
