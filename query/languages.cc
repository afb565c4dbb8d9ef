// languages.cc: a query over every language an index holds. Each page is stemmed in its own
// language, so a query word is looked for as its stem in each of them and as written, one
// synonym group a word so that ranking counts the forms as one word. Part of the search shim.
#include "config.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "lib/database.h"
#include "query/languages.h"
#include "stemmers/stemmers.h"

pdx_index_languages pdx_index_languages_of(const Xapian::Database &db)
{
	pdx_index_languages found;
	std::vector<std::string> &algorithms = found.stemmers;
	Xapian::doccount tagged = 0;
	const std::string prefix(PDX_PREFIX_LANGUAGE);

	for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
		std::string tag = (*t).substr(prefix.size());
		const char *algorithm = pdx_stemmer_algorithm(tag.c_str());

		tagged += t.get_termfreq();
		if (!algorithm)
			found.unstemmed.push_back(*t);
		else if (std::find(algorithms.begin(), algorithms.end(), algorithm) ==
			 algorithms.end())
			algorithms.emplace_back(algorithm);
	}
	// A page that does not say its language was stemmed as English.
	const char *english = pdx_stemmer_algorithm("en");
	if (tagged < db.get_doccount() &&
	    std::find(algorithms.begin(), algorithms.end(), english) == algorithms.end())
		algorithms.emplace_back(english);
	std::sort(algorithms.begin(), algorithms.end());
	return found;
}

namespace
{

// The term of a query that is one term.
std::string leaf_term(const Xapian::Query &q)
{
	auto t = q.get_terms_begin();
	return t == q.get_terms_end() ? std::string() : *t;
}

// Whether queries of type TYPE are rebuilt from their subqueries alone, with no parameter
// (a phrase's window, a scale's factor) that Xapian's API does not give back.
bool plain_operator(Xapian::Query::op type)
{
	switch (type) {
	case Xapian::Query::OP_AND:
	case Xapian::Query::OP_OR:
	case Xapian::Query::OP_AND_NOT:
	case Xapian::Query::OP_XOR:
	case Xapian::Query::OP_AND_MAYBE:
	case Xapian::Query::OP_FILTER:
	case Xapian::Query::OP_SYNONYM:
	case Xapian::Query::OP_MAX:
		return true;
	default:
		return false;
	}
}

} // namespace

bool pdx_merge_forms(const Xapian::Query &raw, const std::vector<Xapian::Query> &forms,
		     const std::vector<std::string> &unstemmed, Xapian::Query *out)
{
	Xapian::Query::op type = raw.get_type();
	size_t n = raw.get_num_subqueries();

	if (forms.empty())
		return false;
	for (const auto &f : forms)
		if (f.get_type() != type || f.get_num_subqueries() != n)
			return false;
	if (type == Xapian::Query::LEAF_TERM) {
		std::vector<std::string> terms{leaf_term(raw)};
		for (const auto &f : forms) {
			std::string t = leaf_term(f);
			if (std::find(terms.begin(), terms.end(), t) == terms.end())
				terms.push_back(t);
		}
		if (terms.size() == 1) {
			*out = raw;
			return true;
		}
		// The pages of a stemmed language hold every word's stem; only the others need
		// the word as written, which is as long a list as a stem's.
		std::vector<Xapian::Query> each;
		for (size_t i = 1; i < terms.size(); i++)
			each.emplace_back(terms[i]);
		if (!unstemmed.empty()) {
			std::vector<Xapian::Query> tags(unstemmed.begin(), unstemmed.end());
			each.emplace_back(Xapian::Query::OP_FILTER, Xapian::Query(terms[0]),
					  Xapian::Query(Xapian::Query::OP_OR, tags.begin(),
							tags.end()));
		}
		*out = each.size() == 1
			       ? each[0]
			       : Xapian::Query(Xapian::Query::OP_SYNONYM, each.begin(), each.end());
		return true;
	}
	if (!plain_operator(type) || n == 0) {
		// A phrase of words as written, a wildcard, a range, a field's own query: the
		// same in every language's parse.
		*out = forms[0];
		return true;
	}
	std::vector<Xapian::Query> subs;
	for (size_t i = 0; i < n; i++) {
		std::vector<Xapian::Query> sub_forms;
		for (const auto &f : forms)
			sub_forms.push_back(f.get_subquery(i));
		Xapian::Query merged;
		if (!pdx_merge_forms(raw.get_subquery(i), sub_forms, unstemmed, &merged))
			return false;
		subs.push_back(merged);
	}
	*out = Xapian::Query(type, subs.begin(), subs.end());
	return true;
}
