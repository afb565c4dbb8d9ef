// search.cc: running a query spec on Xapian: parsing, facets over the whole match set, hits
// and snippets. Part of the shim: no exception leaves this file.
#include "config.h"

#include <cstdlib>
#include <algorithm>
#include <cstring>
#include <memory>
#include <new>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "query/date-range.h"
#include "lib/database.h"
#include "query/facet-column.h"
#include "query/facet-spy.h"
#include "stemmers/stemmers.h"
#include "query/query-internal.h"
#include "util/term.h"
#include "concepts/concepts.h"

namespace {

// Xapian::Query::MatchAll and MatchNothing are static objects whose reference counts are not
// atomic: copying them from two threads at once is a data race. Queries here are built afresh
// instead: Query(std::string()) matches everything, Query() nothing.

// Below this many matches, a concept facet reads the concepts slot of each match; above, it
// counts each candidate concept by a match of its term.
const Xapian::doccount SMALL_MATCH = 2000;

// Length of a snippet, in bytes of text.
const size_t SNIPPET_LENGTH = 300;

struct results_deleter {
	void operator()(polidex_results_t *r) const { polidex_results_destroy(r); }
};

struct malloc_deleter {
	void operator()(char *p) const { std::free(p); }
};

// Whether TEXT is words only: no field, no operator, no + or - before a word, no brackets.
// Only such a query is widened to the concepts its words name, so that "hegemony -china"
// keeps its exclusion.
bool plain_words(const char *text)
{
	static const char *const operators[] = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
	const char *p = text;

	while (*p) {
		size_t n;

		while (*p == ' ' || *p == '\t' || *p == '"')
			p++;
		if (*p == '-' || *p == '+')
			return false;
		n = std::strcspn(p, " \t\"");
		for (size_t i = 0; i < n; i++)
			if (p[i] == ':' || p[i] == '(' || p[i] == ')')
				return false;
		for (const char *op : operators)
			if (std::strlen(op) <= n && std::strncmp(p, op, std::strlen(op)) == 0 &&
			    (n == std::strlen(op) || p[std::strlen(op)] == '/'))
				return false;
		p += n;
	}
	return true;
}

// The term of concept URI.
std::string concept_term(const char *uri)
{
	std::unique_ptr<char, malloc_deleter> term(pdx_term_make(PDX_PREFIX_CONCEPT, uri));

	if (!term)
		throw std::bad_alloc();
	return term.get();
}

// concept:"Balance of power", concept:均势 or concept:URI: the documents tagged with that
// concept or a narrower one.
// Xapian 1.4's parser leaks when a field processor throws, so an unknown concept is kept
// as the parse's error and reported once parsing is done.
class ConceptField : public Xapian::FieldProcessor {
	const polidex_thesaurus_t *th_;

      public:
	std::string error;

	explicit ConceptField(const polidex_thesaurus_t *th) : th_(th) {}

	Xapian::Query operator()(const std::string &value) override
	{
		if (!th_)
			return Xapian::Query(concept_term(value.c_str()));
		long i = pdx_concepts_lookup(th_, value.c_str());
		if (i < 0) {
			if (error.empty())
				error = "concept: '" + value + "' is no concept's label or URI in " +
					pdx_concepts_path(th_);
			return Xapian::Query(); // MatchNothing, built afresh
		}
		return Xapian::Query(concept_term(pdx_concepts_uri(th_, (size_t)i)));
	}
};

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

// TEXT (normalised) with each word that is in no document, in no form, replaced by the
// closest word of the index; "" when no word was replaced. Field values, operators,
// wildcards and words written with a capital are left alone.
std::string spelling_correction(const Xapian::Database &db, const Xapian::Stem &stem,
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

Xapian::Query parse(polidex_db_t *db, const polidex_query_t *q, Xapian::QueryParser &qp,
		    PdxDateRange &dates, PdxDateField &day, ConceptField &concepts,
		    PdxCaptureRange &captures, PdxCaptureField &captured, std::string *corrected)
{
	std::unique_ptr<char, malloc_deleter> text(
		pdx_query_normalise_capitals(q->text, q->stem_strategy == POLIDEX_STEM_SOME));

	if (!text)
		throw std::bad_alloc();
	qp.set_database(*db->db);
	qp.set_stemmer(db->stemmers.get(q->language));
	// "some" is Xapian's STEM_SOME, capitalised words exact; "all" stems those too (but not
	// phrases, whose positions are those of the words as written): the same parse over text
	// whose capitals were folded.
	qp.set_stemming_strategy(q->stem_strategy == POLIDEX_STEM_NONE
					 ? Xapian::QueryParser::STEM_NONE
					 : Xapian::QueryParser::STEM_SOME);
	// Analysts expect every word to count: "back to top" must not match a page that only
	// says "back".
	qp.set_default_op(Xapian::Query::OP_AND);
	qp.add_prefix("title", PDX_PREFIX_TITLE);
	qp.add_boolean_prefix("author", PDX_PREFIX_AUTHOR);
	qp.add_boolean_prefix("section", PDX_PREFIX_SECTION);
	qp.add_boolean_prefix("lang", PDX_PREFIX_LANGUAGE);
	qp.add_boolean_prefix("tag", PDX_PREFIX_TAG);
	qp.add_boolean_prefix("site", PDX_PREFIX_HOST);
	qp.add_boolean_prefix("url", PDX_PREFIX_URL);
	qp.add_rangeprocessor(&dates);
	qp.add_boolean_prefix("date", &day);
	qp.add_rangeprocessor(&captures);
	qp.add_boolean_prefix("captured", &captured);
	qp.add_boolean_prefix("concept", &concepts);

	std::string s(text.get());
	if (s.find_first_not_of(" \t\r\n") == std::string::npos)
		return Xapian::Query(std::string()); // MatchAll, built afresh (see above)
	char problem[256];
	if (!pdx_query_check(s.c_str(), problem, sizeof problem))
		throw Xapian::QueryParserError(problem);
	// Remote shards would send their whole vocabulary: corrections are for local ones.
	if (q->spelling && !db->remote)
		*corrected = spelling_correction(*db->db, db->stemmers.get(q->language), s);
	unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_CJK_NGRAM |
			 Xapian::QueryParser::FLAG_PURE_NOT | Xapian::QueryParser::FLAG_WILDCARD;
	// A wildcard widens to its most frequent completions only.
	qp.set_max_expansion(200, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
	Xapian::Query query = qp.parse_query(s, flags);
	if (!concepts.error.empty())
		throw Xapian::QueryParserError(concepts.error);
	if (!day.error.empty())
		throw Xapian::QueryParserError(day.error);
	if (!captured.error.empty())
		throw Xapian::QueryParserError(captured.error);
	// A query of only a filter ("lang:en") parses to a pure boolean query, which is fine.
	if (query.empty())
		return Xapian::Query(std::string()); // MatchAll, built afresh (see above)
	// Words that are all concept labels ("hegemonic", "win-win cooperation", "霸权") also
	// find what is tagged with those concepts, whatever words the text itself uses.
	if (q->thesaurus && q->expand && plain_words(q->text)) {
		size_t *ids = nullptr;
		long n = pdx_concepts_covering(q->thesaurus, q->text, q->language, &ids);
		std::unique_ptr<size_t, void (*)(void *)> hold(ids, std::free);

		if (n < 0)
			throw std::bad_alloc();
		if (n > 0) {
			const polidex_thesaurus_t *th = q->thesaurus;
			std::vector<Xapian::Query> tagged;

			for (long i = 0; i < n; i++)
				tagged.emplace_back(concept_term(pdx_concepts_uri(th, ids[i])));
			query = Xapian::Query(Xapian::Query::OP_OR, query,
					      Xapian::Query(Xapian::Query::OP_AND, tagged.begin(),
							    tagged.end()));
		}
	}
	return query;
}

// Whether concept URI belongs in the counts of facet REQUEST: a top concept for "concept",
// a concept directly narrower than the parent for "concept:PARENT". Sets *LABEL.
bool keep_concept(const polidex_thesaurus_t *th, long parent, const std::string &uri,
		  const char *language, const char **label)
{
	*label = nullptr;
	if (!th)
		return true;
	long i = pdx_concepts_find(th, uri.c_str());
	if (i < 0)
		return false; // tagged with another scheme
	*label = pdx_concepts_label(th, (size_t)i, language);
	if (parent < 0)
		return pdx_concepts_is_top(th, (size_t)i);
	return pdx_concepts_has_broader(th, (size_t)i, (size_t)parent);
}

// The boolean term of filter F, or an empty query with a message in *ERROR.
Xapian::Query filter_term(const polidex_thesaurus_t *th, const struct pdx_filter &f, std::string *error)
{
	std::string field = f.field->name, value = f.value;

	if (field == "concept") {
		if (!th)
			return Xapian::Query(concept_term(f.value));
		long i = pdx_concepts_lookup(th, f.value);
		if (i < 0) {
			*error = "filter concept:" + value + ": no concept's label or URI in " +
				 pdx_concepts_path(th);
			return Xapian::Query();
		}
		return Xapian::Query(concept_term(pdx_concepts_uri(th, (size_t)i)));
	}
	if (field == "year" || field == "month") {
		std::string digits;
		for (char c : value)
			if (c != '-')
				digits += c;
		bool ok = digits.size() == (field == "year" ? 4u : 6u) &&
			  digits.find_first_not_of("0123456789") == std::string::npos &&
			  (field == "year" || (value.size() == 7 && value[4] == '-'));
		if (!ok) {
			*error = "filter " + field + ":" + value + ": not a " +
				 (field == "year" ? "year (YYYY)" : "month (YYYY-MM)");
			return Xapian::Query();
		}
		return Xapian::Query(std::string(f.field->prefix) + digits);
	}
	size_t len;
	std::unique_ptr<char, malloc_deleter> norm(pdx_normalise(f.value, std::strlen(f.value), &len));
	if (!norm)
		throw std::bad_alloc();
	std::unique_ptr<char, malloc_deleter> term(pdx_term_make(f.field->prefix, norm.get()));
	if (!term)
		throw std::bad_alloc();
	return Xapian::Query(term.get());
}

// The filters of Q, ORed within a field and ANDed across fields, leaving out those on field
// SKIP (NULL: none); MatchAll when there are none.
typedef std::vector<std::pair<const pdx_facet_field *, Xapian::Query>> filter_list;

Xapian::Query filters_except(const filter_list &by_field, const pdx_facet_field *skip)
{
	std::vector<Xapian::Query> all;

	for (const auto &f : by_field)
		if (f.first != skip)
			all.push_back(f.second);
	if (all.empty())
		return Xapian::Query(std::string()); // MatchAll, built afresh (see above)
	return Xapian::Query(Xapian::Query::OP_AND, all.begin(), all.end());
}

// An unweighted match of QUERY, for counting: no relevance weights to compute, and an
// article held by several databases searched together counted once.
Xapian::Enquire counting_enquire(polidex_db_t *db, const Xapian::Query &query)
{
	Xapian::Enquire e(*db->db);

	e.set_query(query);
	e.set_weighting_scheme(Xapian::BoolWeight());
	if (db->n_databases > 1)
		e.set_collapse_key(PDX_SLOT_ID);
	return e;
}

// How one facet is counted: from a column held in memory, by a spy reading its slot, or
// (neither) by a match of each candidate concept's term.
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

// The words of a query to look for in a hit's text: each term of a word, as the start of
// the words it stands for (a stem without its last two bytes: English stems "policy" to
// "polici"), and whether the term is a stem. Terms of fields are left out.
struct snippet_words {
	std::vector<std::string> starts, terms;
	std::vector<bool> stemmed;
	std::vector<const char *> pointers;
	const Xapian::Stem *stem;

	snippet_words(const Xapian::Query &query, const Xapian::Stem &stemmer) : stem(&stemmer)
	{
		// A phrase is marked only where its words stand together, which their
		// nearest occurrences need not: such a query is looked for in the whole text.
		if (has_phrase(query))
			return;
		for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end();
		     ++t) {
			std::string term = *t;
			bool z = !term.empty() && term[0] == 'Z';
			if (z)
				term.erase(0, 1);
			if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z'))
				continue;
			std::string start = term;
			if (z && start.size() > 3)
				start.resize(std::max<size_t>(3, start.size() - 2));
			starts.push_back(start);
			terms.push_back(term);
			stemmed.push_back(z);
		}
		for (const std::string &w : starts)
			pointers.push_back(w.c_str());
	}

	// pdx_snippet_word_fn: a stem's word must stem to it, a word be it.
	static int is_word(void *ctx, size_t w, const char *word, size_t len)
	{
		const snippet_words *self = static_cast<const snippet_words *>(ctx);
		std::string found(word, len);

		if (self->stemmed[w])
			return (*self->stem)(found) == self->terms[w];
		return found == self->terms[w];
	}
};

// The snippet of TEXT for the hits of MSET: Xapian picks and marks the passage, from the
// stretch of a long text that holds the query's WORDS (see pdx_snippet_region()).
std::string make_snippet(const Xapian::MSet &mset, const Xapian::Stem &stem, const std::string &text,
			 snippet_words &words)
{
	static const char omit[] = "\xe2\x80\xa6";
	size_t start = 0, end = text.size();
	bool cut = pdx_snippet_region(text.data(), text.size(), words.pointers.data(),
				      words.pointers.size(), snippet_words::is_word, &words,
				      SNIPPET_LENGTH / 2, &start, &end);
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
	if (start > 0 && snippet.compare(0, sizeof omit - 1, omit) != 0)
		snippet.insert(0, omit);
	if (end < text.size() && (snippet.size() < sizeof omit - 1 ||
				  snippet.compare(snippet.size() - (sizeof omit - 1), sizeof omit - 1,
						  omit) != 0))
		snippet += omit;
	return snippet;
}

// Whether the facets of QUERY are counted from columns held in memory (query/facet-column.h),
// building those missing; sets (*COLUMNS)[part][facet] to the column each facet counts. Columns
// are kept once the facets of this handle have counted, without them, as many documents'
// values as the database holds: from then on building them has cost no more than counting
// without them already did, and each later count is several times cheaper. A single query
// never builds them; a server or a batch of queries does after a few broad ones. Only
// read-only handles on local databases searched alone have them: a writable one changes
// under them, Xapian's remote protocol has no value streams, and several databases searched
// together need their duplicates collapsed.
// A concept facet with thesaurus TH wants the counts of a few concepts only (the top ones, or
// the children of PARENTS[facet]), so it counts a column of just those: some twenty concepts
// a document, with their broader ones, come down to a few.
typedef std::vector<std::vector<std::shared_ptr<const PdxFacetColumn>>> column_table;

bool use_columns(polidex_db_t *db, const polidex_query_t *query, const polidex_thesaurus_t *th,
		 const std::vector<long> &parents, column_table *columns)
{
	if (query->n_facets == 0 || db->remote || db->wdb || db->shards || db->n_databases > 1 ||
	    db->parts.empty() || db->db->get_doccount() == 0)
		return false;
	if (db->columns.empty()) {
		if (db->facet_reads < db->db->get_doccount())
			return false;
		db->columns.resize(db->parts.size());
	}
	columns->assign(db->parts.size(), {});
	for (size_t p = 0; p < db->parts.size(); p++) {
		auto &held = db->columns[p];
		for (size_t i = 0; i < query->n_facets; i++) {
			unsigned slot = query->facets[i].field->slot;
			std::string name = std::to_string(slot);
			auto &full = held[name];
			if (!full)
				full = std::make_shared<const PdxFacetColumn>(db->parts[p], slot);
			if (!th || slot != PDX_SLOT_CONCEPTS) {
				(*columns)[p].push_back(full);
				continue;
			}
			name += "/" + std::to_string(pdx_concepts_serial(th)) + "/" + std::to_string(parents[i]);
			auto it = held.find(name);
			if (it == held.end()) {
				// Bounded: drilling into many concepts forgets the earlier ones.
				if (held.size() > 64)
					for (auto h = held.begin(); h != held.end();)
						h = h->first.find('/') != std::string::npos ? held.erase(h)
											     : std::next(h);
				std::vector<bool> keep(full->n_values());
				for (uint32_t o = 0; o < full->n_values(); o++) {
					const char *label;
					keep[o] = keep_concept(th, parents[i], full->value(o), nullptr,
							       &label);
				}
				it = held.emplace(name, std::make_shared<const PdxFacetColumn>(*full, keep))
					     .first;
			}
			(*columns)[p].push_back(it->second);
		}
	}
	return true;
}

// One facet's counts, from columns summed over the parts of the database or from a spy. The
// views point into the columns or the spy's counts.
struct facet_tally {
	std::vector<std::pair<std::string_view, Xapian::doccount>> values;
	std::unordered_map<std::string_view, size_t> where; // when summing several parts

	void add(const PdxFacetColumn &column, const std::vector<uint32_t> &counts, bool sum)
	{
		for (uint32_t o = 0; o < counts.size(); o++) {
			if (counts[o] == 0)
				continue;
			std::string_view v(column.value(o));
			auto it = sum ? where.find(v) : where.end();
			if (it != where.end()) {
				values[it->second].second += counts[o];
				continue;
			}
			if (sum)
				where.emplace(v, values.size());
			values.emplace_back(v, counts[o]);
		}
	}
};

// Add to F the values of TALLY: with a thesaurus TH, the concepts that facet request PARENT
// keeps, labelled in LANGUAGE; else the LIMIT most frequent (0: all), which spares copying
// values that would be cut.
void add_tally(struct pdx_facet_result *f, facet_tally &tally, const polidex_thesaurus_t *th,
	       long parent, const char *language, unsigned limit)
{
	auto &v = tally.values;

	if (!th && limit > 0 && !f->field->by_value && v.size() > limit) {
		auto before = [](const std::pair<std::string_view, Xapian::doccount> &a,
				 const std::pair<std::string_view, Xapian::doccount> &b) {
			if (a.second != b.second)
				return a.second > b.second;
			return a.first < b.first;
		};
		std::partial_sort(v.begin(), v.begin() + limit, v.end(), before);
		v.resize(limit);
	}
	for (const auto &kv : v) {
		const char *label = nullptr;
		if (th && !keep_concept(th, parent, std::string(kv.first), language, &label))
			continue;
		if (pdx_facet_add_count(f, kv.first.data(), kv.first.size(), label, kv.second) < 0)
			throw std::bad_alloc();
	}
	pdx_facet_finish(f, limit);
}

} // namespace

extern "C" polidex_status_t polidex_search(polidex_db_t *db, const polidex_query_t *query,
					   polidex_results_t **out)
{
	if (out)
		*out = nullptr;
	if (!db || !query || !out)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	db->error[0] = '\0';
	try {
		std::unique_ptr<polidex_results_t, results_deleter> results(pdx_results_new());
		if (!results)
			throw std::bad_alloc();

		Xapian::QueryParser qp;
		PdxDateRange dates(PDX_SLOT_DATE);
		PdxDateField day(PDX_SLOT_DATE);
		PdxCaptureRange captures(*db->db);
		PdxCaptureField captured(*db->db);
		const polidex_thesaurus_t *th = query->thesaurus;
		ConceptField concepts(th);
		Xapian::Query xq;
		std::string corrected;
		std::vector<long> parents;
		for (size_t i = 0; i < query->n_facets; i++) {
			long parent = -1;
			if (query->facets[i].parent && !th) {
				pdx_db_fail(db, "facet %s: drilling down needs the thesaurus",
					    query->facets[i].name);
				return POLIDEX_STATUS_UNKNOWN_FIELD;
			}
			if (query->facets[i].parent && th) {
				parent = pdx_concepts_lookup(th, query->facets[i].parent);
				if (parent < 0) {
					pdx_db_fail(db, "facet %s: no such concept in %s",
						    query->facets[i].name, pdx_concepts_path(th));
					return POLIDEX_STATUS_UNKNOWN_FIELD;
				}
			}
			parents.push_back(parent);
		}
		try {
			xq = parse(db, query, qp, dates, day, concepts, captures, captured,
				   &corrected);
		} catch (const Xapian::QueryParserError &e) {
			pdx_db_fail(db, "query \"%s\": %s", query->text, e.get_msg().c_str());
			return POLIDEX_STATUS_QUERY_SYNTAX;
		}
		// Filters, ORed within a field and ANDed across fields.
		filter_list by_field;
		for (size_t i = 0; i < query->n_filters; i++) {
			std::string error;
			Xapian::Query t = filter_term(th, query->filters[i], &error);
			if (!error.empty()) {
				pdx_db_fail(db, "%s", error.c_str());
				return POLIDEX_STATUS_UNKNOWN_FIELD;
			}
			auto it = by_field.begin();
			while (it != by_field.end() && it->first != query->filters[i].field)
				++it;
			if (it == by_field.end())
				by_field.emplace_back(query->filters[i].field, t);
			else
				it->second = Xapian::Query(Xapian::Query::OP_OR, it->second, t);
		}
		auto filtered = [&](const pdx_facet_field *skip) {
			Xapian::Query f = filters_except(by_field, skip);
			return f.get_type() == Xapian::Query::LEAF_MATCH_ALL
				       ? xq
				       : Xapian::Query(Xapian::Query::OP_FILTER, xq, f);
		};
		Xapian::Query main_query = filtered(nullptr);
		if (pdx_results_set_parsed_query(results.get(),
						 main_query.get_description().c_str()) < 0)
			throw std::bad_alloc();
		if (!corrected.empty() &&
		    pdx_results_set_corrected_query(results.get(), corrected.c_str()) < 0)
			throw std::bad_alloc();

		Xapian::Enquire enquire(*db->db);
		enquire.set_query(main_query);
		switch (query->sort) {
		case POLIDEX_SORT_NEWEST:
			enquire.set_sort_by_value_then_relevance(PDX_SLOT_DATE, true);
			break;
		case POLIDEX_SORT_OLDEST:
			enquire.set_sort_by_value_then_relevance(PDX_SLOT_DATE, false);
			break;
		default:
			// Equally good matches, newest first.
			enquire.set_sort_by_relevance_then_value(PDX_SLOT_DATE, true);
		}
		// Databases searched together may hold the same article; shards never do.
		if (db->n_databases > 1)
			enquire.set_collapse_key(PDX_SLOT_ID);

		// Facets are counted over the whole match set in unweighted matches of their own,
		// which need no relevance weights; the ranked match then stops early. A facet on a
		// field the query filters on is counted without those filters (as Elasticsearch's
		// post_filter does); the others share the match of every filter, which also gives
		// the exact total.
		// With columns (see use_columns()) each match costs a few array reads, part by
		// part. Without, each facet's slot is read from each match, except that concept
		// facets with a thesaurus need only the counts of a handful of concepts (the top
		// ones, or the children of one): over a large match set each is counted by a match
		// of its own term, far cheaper than reading some twenty URIs from every match.
		column_table columns;
		bool by_columns = use_columns(db, query, th, parents, &columns);
		std::vector<std::unique_ptr<PdxFacetCounter>> spies(query->n_facets);
		std::vector<facet_tally> tallies(by_columns ? query->n_facets : 0);
		std::vector<const pdx_facet_field *> groups; // nullptr: the match of every filter
		std::vector<const pdx_facet_field *> group_of;
		for (size_t i = 0; i < query->n_facets; i++) {
			const pdx_facet_field *f = query->facets[i].field;
			bool filtered_on = false;
			for (const auto &bf : by_field)
				filtered_on = filtered_on || bf.first == f;
			if (!by_columns && !(th && f->slot == PDX_SLOT_CONCEPTS))
				spies[i].reset(new PdxFacetCounter(f->slot, db->remote));
			group_of.push_back(filtered_on ? f : nullptr);
			if (std::find(groups.begin(), groups.end(), group_of.back()) == groups.end())
				groups.push_back(group_of.back());
		}
		if (!groups.empty() && std::find(groups.begin(), groups.end(), nullptr) == groups.end())
			groups.push_back(nullptr); // for the exact total
		Xapian::doccount all = db->db->get_doccount();
		bool exact = false;
		std::vector<std::pair<const pdx_facet_field *, Xapian::doccount>> group_size;
		// With columns over one database, the ranked match itself counts the facets that
		// share the match of every filter: it then visits every match, but one pass
		// over the postings costs less than two.
		bool ranked_counts = by_columns && db->parts.size() == 1 &&
				     std::find(groups.begin(), groups.end(), nullptr) != groups.end();
		PdxColumnSpy ranked_spy;
		std::vector<size_t> ranked_index(query->n_facets);
		for (const pdx_facet_field *g : groups) {
			Xapian::doccount n = 0;
			if (ranked_counts && !g) {
				for (size_t i = 0; i < query->n_facets; i++)
					if (!group_of[i])
						ranked_index[i] = ranked_spy.add(
							columns[0][i].get());
				enquire.add_matchspy(&ranked_spy);
				continue;
			}
			if (by_columns) {
				for (size_t p = 0; p < db->parts.size(); p++) {
					Xapian::Enquire side(db->parts[p]);
					PdxColumnSpy spy;
					std::vector<size_t> index(query->n_facets);
					side.set_query(filtered(g));
					side.set_weighting_scheme(Xapian::BoolWeight());
					for (size_t i = 0; i < query->n_facets; i++)
						if (group_of[i] == g)
							index[i] = spy.add(columns[p][i].get());
					side.add_matchspy(&spy);
					n += side.get_mset(0, 0, db->parts[p].get_doccount())
						     .get_matches_estimated();
					for (size_t i = 0; i < query->n_facets; i++)
						if (group_of[i] == g)
							tallies[i].add(*columns[p][i], spy.counts(index[i]),
								       db->parts.size() > 1);
				}
			} else {
				Xapian::Enquire side = counting_enquire(db, filtered(g));
				for (size_t i = 0; i < query->n_facets; i++)
					if (group_of[i] == g && spies[i])
						side.add_matchspy(spies[i]->spy());
				n = side.get_mset(0, 0, all).get_matches_estimated();
				// Facets counted without columns add to the case for building them.
				for (size_t i = 0; i < query->n_facets; i++)
					if (group_of[i] == g)
						db->facet_reads += n;
			}
			group_size.emplace_back(g, n);
			if (!g) {
				results->total = n;
				exact = true;
			}
		}
		// Without facets the total is Xapian's estimate, which looking at a thousand more
		// matches makes closer; with them a counting match gives it exactly.
		Xapian::MSet mset = enquire.get_mset(query->offset, query->limit,
						     ranked_counts ? all
						     : exact       ? 0
								   : query->offset + query->limit + 1000);
		if (ranked_counts) {
			results->total = mset.get_matches_estimated();
			group_size.emplace_back(nullptr, results->total);
			for (size_t i = 0; i < query->n_facets; i++)
				if (!group_of[i])
					tallies[i].add(*columns[0][i], ranked_spy.counts(ranked_index[i]),
						       false);
		} else if (!exact) {
			results->total = mset.get_matches_estimated();
		}

		const Xapian::Stem &stem = db->stemmers.get(query->language);
		snippet_words words(main_query, stem);
		for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
			Xapian::Document doc = it.get_document();
			std::string data = doc.get_data();
			polidex_hit_t *hit = pdx_results_add_hit(results.get(), *it, it.get_weight(),
								 data.data(), data.size());
			if (!hit)
				throw std::bad_alloc();
			std::string text = hit->text ? hit->text : "";
			std::string snippet = make_snippet(mset, stem, text, words);
			if (pdx_hit_set_snippet(hit, snippet.data(), snippet.size()) < 0)
				throw std::bad_alloc();
		}

		for (size_t i = 0; i < query->n_facets; i++) {
			struct pdx_facet_result *f =
				pdx_results_add_facet(results.get(), &query->facets[i]);
			if (!f)
				throw std::bad_alloc();
			bool is_concept = query->facets[i].field->slot == PDX_SLOT_CONCEPTS;
			if (by_columns) {
				add_tally(f, tallies[i], is_concept ? th : nullptr, parents[i],
					  query->language, query->facets[i].limit);
				continue;
			}
			Xapian::doccount matched = 0;
			for (const auto &gs : group_size)
				if (gs.first == group_of[i])
					matched = gs.second;
			// A small match set is cheaper to read once than to intersect with every
			// candidate concept's postings.
			if (!spies[i] && matched <= SMALL_MATCH) {
				spies[i].reset(new PdxFacetCounter(PDX_SLOT_CONCEPTS, db->remote));
				Xapian::Enquire side = counting_enquire(db, filtered(group_of[i]));
				side.add_matchspy(spies[i]->spy());
				side.get_mset(0, 0, all);
			}
			if (!spies[i]) {
				for (size_t c = 0; c < polidex_thesaurus_count_concepts(th); c++) {
					const char *label = nullptr;
					std::string uri = pdx_concepts_uri(th, c);
					if (!keep_concept(th, parents[i], uri, query->language, &label))
						continue;
					Xapian::Enquire one = counting_enquire(
						db, Xapian::Query(Xapian::Query::OP_FILTER,
								  filtered(group_of[i]),
								  Xapian::Query(concept_term(uri.c_str()))));
					Xapian::doccount n = one.get_mset(0, 0, all).get_matches_estimated();
					if (n > 0 && pdx_facet_add_count(f, uri.data(), uri.size(), label,
									 n) < 0)
						throw std::bad_alloc();
				}
				pdx_facet_finish(f, query->facets[i].limit);
				continue;
			}
			facet_tally tally;
			for (const auto &kv : spies[i]->counts())
				tally.values.emplace_back(kv.first, kv.second);
			add_tally(f, tally, is_concept ? th : nullptr, parents[i], query->language,
				  query->facets[i].limit);
		}
		*out = results.release();
	} catch (...) {
		return pdx_db_status_from_exception(db, "search");
	}
	return POLIDEX_STATUS_SUCCESS;
}
