// search.cc: running a query spec on Xapian: parsing, filters, the ranked match and its hits,
// in stages that polidex_search() runs in one try block (facets: facets.cc, snippets:
// snippets.cc, spelling: spelling.cc). Part of the shim: no exception leaves this file.
#include "config.h"

#include <cstdlib>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <new>
#include <vector>

#include "query/date-range.h"
#include "query/languages.h"
#include "query/search-internal.h"
#include "query/search-schemes.h"
#include "stemmers/stemmers.h"
#include "util/term.h"
#include "concepts/concepts.h"

// Xapian::Query::MatchAll and MatchNothing are static objects whose reference counts are not
// atomic: copying them from two threads at once is a data race. Queries here are built afresh
// instead: Query(std::string()) matches everything, Query() nothing.

std::string pdx_concept_term(const char *uri, const char *prefix)
{
	std::unique_ptr<char, pdx_malloc_deleter> term(pdx_term_make(prefix, uri));

	if (!term)
		throw std::bad_alloc();
	return term.get();
}

void PdxFilters::add(const pdx_facet_field *field, const Xapian::Query &term)
{
	auto it = by_field_.begin();

	while (it != by_field_.end() && it->first != field)
		++it;
	if (it == by_field_.end())
		by_field_.emplace_back(field, term);
	else
		it->second = Xapian::Query(Xapian::Query::OP_OR, it->second, term);
}

bool PdxFilters::on(const pdx_facet_field *field) const
{
	bool found = false;

	for (const auto &bf : by_field_)
		found = found || bf.first == field;
	return found;
}

Xapian::Query PdxFilters::filtered(const pdx_facet_field *skip) const
{
	std::vector<Xapian::Query> all;

	for (const auto &f : by_field_)
		if (f.first != skip)
			all.push_back(f.second);
	if (all.empty())
		return query_;
	return Xapian::Query(Xapian::Query::OP_FILTER, query_,
			     Xapian::Query(Xapian::Query::OP_AND, all.begin(), all.end()));
}

namespace {

struct results_deleter {
	void operator()(polidex_results_t *r) const { polidex_results_destroy(r); }
};

} // namespace

// Only a query of plain words is widened to the concepts its words name, so that "hegemony
// -china" keeps its exclusion.
bool pdx_query_plain_words(const char *text)
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

namespace
{

// How many of the first hits of a query of several words are re-ranked by proximity: enough
// for the first pages, few enough that their position lists cost a fraction of the match.
const Xapian::doccount RERANK_DEPTH = 50;

// The least idf of a term, for one in more than half of the pages.
const double CONCEPT_WEIGHT_MIN = 0.1;

// concept:"Balance of power", concept:均势 or concept:URI: the documents tagged with that
// concept or a narrower one; NAME:... the same for a named scheme, read when first used.
// Xapian 1.4's parser leaks when a field processor throws, so an unknown concept is kept
// as the parse's error and reported once parsing is done.
class ConceptField : public Xapian::FieldProcessor {
	polidex_db_t *db_;
	std::string name_; // a named scheme's; empty for the unnamed one
	const polidex_thesaurus_t *th_;
	std::string prefix_ = PDX_PREFIX_CONCEPT;
	const polidex_thesaurus_t *given_ = nullptr;

      public:
	std::string error;

	// The unnamed scheme's: TH, the query's own, else DB's, read when first used.
	ConceptField(polidex_db_t *db, const polidex_thesaurus_t *th) : db_(db), th_(th) {}
	// A named scheme's: GIVEN, the query's own copy, else DB's, read when first used.
	ConceptField(polidex_db_t *db, const char *name, const polidex_thesaurus_t *given)
		: db_(db), name_(name), th_(nullptr), given_(given)
	{
	}

	Xapian::Query operator()(const std::string &value) override
	{
		if (name_.empty() && !th_ && db_) {
			if (pdx_db_scheme(db_, &th_) != POLIDEX_STATUS_SUCCESS) {
				if (error.empty())
					error = std::string("concept: the scheme cannot be "
							    "read: ") +
						polidex_db_error(db_);
				return Xapian::Query();
			}
			db_ = nullptr; // read once, whether the index holds one or not
		}
		if (!name_.empty() && !th_) {
			const pdx_facet_field *field;
			polidex_status_t st =
				pdx_db_named_scheme(db_, name_.c_str(), given_, &field, &th_);
			if (st != POLIDEX_STATUS_SUCCESS || !th_) {
				if (error.empty())
					error = name_ + ": the scheme cannot be read: " +
						polidex_db_error(db_);
				return Xapian::Query();
			}
			prefix_ = field->prefix;
		}
		if (!th_)
			return Xapian::Query(pdx_concept_term(value.c_str(), prefix_.c_str()));
		long i = pdx_concepts_lookup(th_, value.c_str());
		if (i < 0) {
			if (error.empty())
				error = (name_.empty() ? std::string("concept") : name_) + ": '" +
					value + "' is no concept's label or URI in " +
					pdx_concepts_path(th_);
			return Xapian::Query(); // MatchNothing, built afresh
		}
		return Xapian::Query(
			pdx_concept_term(pdx_concepts_uri(th_, (size_t)i), prefix_.c_str()));
	}
};

// What parses a query: Xapian's parser with polidex's fields, and the processors of those
// fields that are not plain prefixes, which must outlive the parser's use.
struct query_parser {
	Xapian::QueryParser qp;
	PdxDateRange dates{PDX_SLOT_DATE};
	PdxDateField day{PDX_SLOT_DATE};
	PdxCaptureRange captures;
	PdxCaptureField captured;
	ConceptField concepts;
	std::vector<std::unique_ptr<ConceptField>> named; // a field for each named scheme

	query_parser(polidex_db_t *db, const polidex_query_t *q)
		: captures(*db->db), captured(*db->db), concepts(db, q->thesaurus)
	{
		size_t n = 0;
		if (pdx_db_named_schemes(db, &n) != POLIDEX_STATUS_SUCCESS)
			throw Xapian::QueryParserError(polidex_db_error(db));
		qp.set_database(*db->db);
		qp.set_stemmer(db->stemmers.get(q->language));
		// "some" is Xapian's STEM_SOME, capitalised words exact; "all" stems those too
		// (but not phrases, whose positions are those of the words as written): the same
		// parse over text whose capitals were folded.
		qp.set_stemming_strategy(q->stem_strategy == POLIDEX_STEM_NONE
						 ? Xapian::QueryParser::STEM_NONE
						 : Xapian::QueryParser::STEM_SOME);
		// Analysts expect every word to count: "back to top" must not match a page that
		// only says "back".
		qp.set_default_op(Xapian::Query::OP_AND);
		qp.add_prefix("title", PDX_PREFIX_TITLE);
		qp.add_boolean_prefix("author", PDX_PREFIX_AUTHOR);
		qp.add_boolean_prefix("section", PDX_PREFIX_SECTION);
		qp.add_boolean_prefix("type", PDX_PREFIX_TYPE);
		qp.add_boolean_prefix("lang", PDX_PREFIX_LANGUAGE);
		qp.add_boolean_prefix("tag", PDX_PREFIX_TAG);
		qp.add_boolean_prefix("site", PDX_PREFIX_HOST);
		qp.add_boolean_prefix("url", PDX_PREFIX_URL);
		qp.add_rangeprocessor(&dates);
		qp.add_boolean_prefix("date", &day);
		qp.add_rangeprocessor(&captures);
		qp.add_boolean_prefix("captured", &captured);
		qp.add_boolean_prefix("concept", &concepts);
		for (size_t i = 0; i < n; i++) {
			const char *name = pdx_db_named_scheme_name(db, i);
			named.emplace_back(new ConceptField(db, name, pdx_query_scheme(q, name)));
			qp.add_boolean_prefix(name, named.back().get());
		}
	}

	// The first error a field processor found, or "".
	const std::string &field_error() const
	{
		if (!concepts.error.empty())
			return concepts.error;
		for (const auto &f : named)
			if (!f->error.empty())
				return f->error;
		return concepts.error;
	}

	// The query of TEXT (normalised); what a field processor found wrong is thrown once
	// parsing is done.
	Xapian::Query parse(const std::string &text)
	{
		unsigned flags = Xapian::QueryParser::FLAG_DEFAULT |
				 Xapian::QueryParser::FLAG_CJK_NGRAM |
				 Xapian::QueryParser::FLAG_PURE_NOT |
				 Xapian::QueryParser::FLAG_WILDCARD;
		// A wildcard widens to its most frequent completions only.
		qp.set_max_expansion(200, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
		Xapian::Query query = qp.parse_query(text, flags);
		if (!field_error().empty())
			throw Xapian::QueryParserError(field_error());
		if (!day.error.empty())
			throw Xapian::QueryParserError(day.error);
		if (!captured.error.empty())
			throw Xapian::QueryParserError(captured.error);
		return query;
	}

	// The query of TEXT over every language of LANGUAGES (Snowball algorithms): parsed
	// once with the words as written and once stemmed in each, merged word by word;
	// QUERY, its parse in the query's own language OWN (NULL: none with a stemmer), is the
	// parse of that language, and the answer when the parses cannot be merged.
	Xapian::Query parse_every_language(const std::string &text, const Xapian::Query &query,
					   const char *own, const pdx_index_languages &languages,
					   PdxStemCache &stemmers)
	{
		std::vector<Xapian::Query> forms;
		for (const auto &language : languages.stemmers) {
			if (own && language == own) {
				forms.push_back(query);
				continue;
			}
			qp.set_stemmer(stemmers.get(language.c_str()));
			forms.push_back(parse(text));
		}
		qp.set_stemming_strategy(Xapian::QueryParser::STEM_NONE);
		Xapian::Query raw = parse(text), merged;
		return pdx_merge_forms(raw, forms, languages.unstemmed, &merged) ? merged : query;
	}
};

// Whether Q's words are looked for in every language of DB: no language was asked for, the
// words are stemmed, and DB holds pages of another stemming language than Q's. Sets
// *LANGUAGES to those of DB.
bool every_language(polidex_db_t *db, const polidex_query_t *q, pdx_index_languages *languages)
{
	if (q->one_language || q->stem_strategy == POLIDEX_STEM_NONE)
		return false;
	*languages = pdx_index_languages_of(*db->db);
	const std::vector<std::string> &stemmers = languages->stemmers;
	const char *own = pdx_stemmer_algorithm(q->language);
	return !(stemmers.empty() || (stemmers.size() == 1 && own && stemmers.front() == own));
}

// BM25's inverse document frequency of a term in FREQ of N documents, as Xapian's BM25Weight
// has it, and at least CONCEPT_WEIGHT_MIN.
double idf(double n, double freq)
{
	return std::max(CONCEPT_WEIGHT_MIN, std::log((n - freq + 0.5) / (freq + 0.5)));
}

// The pages tagged with every concept of URIS, each concept weighing what a word of its rarity
// in DB at most can (Xapian's BM25Weight, k1 = 1: twice its idf), so that a tagged page ranks
// above a page that only has the same words of the concepts' labels. Not more: a page tagged
// with a narrower concept holds the broader one's term too, however little it says of it.
// (Concept terms are boolean, which weigh nothing.)
Xapian::Query tagged_query(const Xapian::Database &db, const std::vector<std::string> &uris)
{
	std::vector<Xapian::Query> tagged;
	double n = db.get_doccount();

	for (const auto &uri : uris) {
		std::string term = pdx_concept_term(uri.c_str(), PDX_PREFIX_CONCEPT);
		double lift = 2.0 * idf(n, db.get_termfreq(term));
		auto *source = new Xapian::FixedWeightPostingSource(lift);
		tagged.emplace_back(Xapian::Query::OP_FILTER, Xapian::Query(source->release()),
				    Xapian::Query(term));
	}
	return Xapian::Query(Xapian::Query::OP_AND, tagged.begin(), tagged.end());
}

// QUERY widened, for a query Q of words that are all concept labels ("hegemonic", "win-win
// cooperation", "霸权"), to what is tagged with those concepts, whatever words the text itself
// uses.
Xapian::Query with_concepts(polidex_db_t *db, const polidex_query_t *q,
			    const Xapian::Query &query)
{
	const polidex_thesaurus_t *th = q->thesaurus;
	char **uris = nullptr;
	long n;

	if (!q->expand || !pdx_query_plain_words(q->text))
		return query;
	// A scheme in memory matches at once; else the index's label groups spare reading it,
	// and without them the whole scheme is read.
	n = -2;
	if (!th && pdx_db_cover(db, q->text, q->language, &uris, &n) != POLIDEX_STATUS_SUCCESS)
		throw Xapian::DatabaseError(polidex_db_error(db));
	std::vector<std::string> tagged_uris;
	if (n >= 0) {
		for (long i = 0; i < n; i++) {
			tagged_uris.emplace_back(uris[i]);
			std::free(uris[i]);
		}
		std::free(uris);
	} else {
		size_t *ids = nullptr;
		if (!th && pdx_db_scheme(db, &th) != POLIDEX_STATUS_SUCCESS)
			throw Xapian::DatabaseError(polidex_db_error(db));
		if (!th)
			return query;
		n = pdx_concepts_covering(th, q->text, q->language, &ids);
		std::unique_ptr<size_t, void (*)(void *)> hold(ids, std::free);
		if (n < 0)
			throw std::bad_alloc();
		for (long i = 0; i < n; i++)
			tagged_uris.emplace_back(pdx_concepts_uri(th, ids[i]));
	}
	if (tagged_uris.empty())
		return query;
	return Xapian::Query(Xapian::Query::OP_OR, query, tagged_query(*db->db, tagged_uris));
}

// The query of Q's text over DB, and in *CORRECTED its spelling correction ("" for none).
// Throws Xapian::QueryParserError for a query the parser refuses.
Xapian::Query parse(polidex_db_t *db, const polidex_query_t *q, std::string *corrected)
{
	std::unique_ptr<char, pdx_malloc_deleter> text(
		pdx_query_normalise_capitals(q->text, q->stem_strategy == POLIDEX_STEM_SOME));

	if (!text)
		throw std::bad_alloc();
	query_parser parser(db, q);
	std::string s(text.get());
	if (s.find_first_not_of(" \t\r\n") == std::string::npos)
		return Xapian::Query(std::string()); // MatchAll, built afresh (see above)
	char problem[256];
	if (!pdx_query_check(s.c_str(), problem, sizeof problem))
		throw Xapian::QueryParserError(problem);
	// Remote shards would send their whole vocabulary: corrections are for local ones.
	if (q->spelling && !db->remote)
		*corrected = pdx_spelling_correction(*db->db, db->stemmers.get(q->language), s);
	Xapian::Query query = parser.parse(s);
	pdx_index_languages languages;
	if (!query.empty() && every_language(db, q, &languages))
		query = parser.parse_every_language(s, query, pdx_stemmer_algorithm(q->language),
						    languages, db->stemmers);
	// A query of only a filter ("lang:en") parses to a pure boolean query, which is fine.
	if (query.empty())
		return Xapian::Query(std::string()); // MatchAll, built afresh (see above)
	return with_concepts(db, q, query);
}

// Stage "parse": Q's text parsed into *PARSED over DB, its spelling correction into
// *CORRECTED.
polidex_status_t parse_stage(polidex_db_t *db, const polidex_query_t *q, Xapian::Query *parsed,
			     std::string *corrected)
{
	try {
		*parsed = parse(db, q, corrected);
	} catch (const Xapian::QueryParserError &e) {
		pdx_db_fail(db, "query \"%s\": %s", q->text, e.get_msg().c_str());
		return POLIDEX_STATUS_QUERY_SYNTAX;
	}
	return POLIDEX_STATUS_SUCCESS;
}

// The boolean term of filter F, or an empty query with a message in *ERROR.
Xapian::Query filter_term(const struct pdx_filter &f, std::string *error)
{
	std::string field = f.field->name, value = f.value;
	const polidex_thesaurus_t *th = f.th;

	if (f.field->scheme) {
		if (!th)
			return Xapian::Query(pdx_concept_term(f.value, f.field->prefix));
		long i = pdx_concepts_lookup(th, f.value);
		if (i < 0) {
			*error = "filter " + field + ":" + value +
				 ": no concept's label or URI in " + pdx_concepts_path(th);
			return Xapian::Query();
		}
		return Xapian::Query(
			pdx_concept_term(pdx_concepts_uri(th, (size_t)i), f.field->prefix));
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
	std::unique_ptr<char, pdx_malloc_deleter> norm(
		pdx_normalise(f.value, std::strlen(f.value), &len));
	if (!norm)
		throw std::bad_alloc();
	std::unique_ptr<char, pdx_malloc_deleter> term(pdx_term_make(f.field->prefix, norm.get()));
	if (!term)
		throw std::bad_alloc();
	return Xapian::Query(term.get());
}

// Stage "filters": the filters of Q into *FILTERS.
polidex_status_t filters_stage(polidex_db_t *db, const polidex_query_t *q, PdxFilters *filters)
{
	for (size_t i = 0; i < q->n_filters; i++) {
		std::string error;
		Xapian::Query t = filter_term(q->filters[i], &error);
		if (!error.empty()) {
			pdx_db_fail(db, "%s", error.c_str());
			return POLIDEX_STATUS_UNKNOWN_FIELD;
		}
		filters->add(q->filters[i].field, t);
	}
	return POLIDEX_STATUS_SUCCESS;
}

// Stage "match": the ranked match of QUERY over DB, in the order Q asks for.
Xapian::Enquire ranked_enquire(polidex_db_t *db, const polidex_query_t *q,
			       const Xapian::Query &query)
{
	Xapian::Enquire enquire(*db->db);

	enquire.set_query(query);
	switch (q->sort) {
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
	return enquire;
}

// Stage "rank": the hits of MSET that Q asks for, in their order. MSET begins at Q's offset,
// or at the first hit when the first RERANK_DEPTH are re-ranked by proximity.
std::vector<pdx_ranked_hit> rank_stage(polidex_db_t *db, const polidex_query_t *q,
				       const std::vector<std::string> &words,
				       const Xapian::MSet &mset)
{
	std::vector<pdx_ranked_hit> hits =
		pdx_proximity_rerank(*db->db, mset, words, words.empty() ? 0 : RERANK_DEPTH);

	if (!words.empty())
		hits.erase(hits.begin(),
			   hits.begin() + std::min<size_t>(hits.size(), q->offset));
	return hits;
}

// Stage "hits": the hits of MSET into RESULTS, each with its snippet for QUERY.
void hits_stage(polidex_db_t *db, const polidex_query_t *q, const Xapian::Query &query,
		const Xapian::MSet &mset, const std::vector<pdx_ranked_hit> &ranked,
		polidex_results_t *results)
{
	PdxSnippets snippets(query);

	for (const pdx_ranked_hit &r : ranked) {
		Xapian::Document doc = r.it.get_document();
		std::string data = doc.get_data();
		polidex_hit_t *hit = pdx_results_add_hit(results, *r.it, r.weight, data.data(),
							 data.size());
		if (!hit)
			throw std::bad_alloc();
		std::string text = hit->text ? hit->text : "";
		// A hit's words are stemmed as it was, in the query's language when one was
		// asked for, else in its own (English when it does not say).
		const char *language =
			q->one_language || !hit->language ? q->language : hit->language;
		std::string snippet =
			snippets.make(mset, text, db->stemmers.get(language), language);
		if (pdx_hit_set_snippet(hit, snippet.data(), snippet.size()) < 0)
			throw std::bad_alloc();
	}
}

// The search of QUERY over DB into RESULTS, stage by stage. Throws.
polidex_status_t search(polidex_db_t *db, const polidex_query_t *query,
			polidex_results_t *results)
{
	std::vector<long> parents;
	Xapian::Query parsed;
	std::string corrected;
	polidex_status_t status = pdx_facet_parents(db, query, &parents);

	if (status == POLIDEX_STATUS_SUCCESS)
		status = parse_stage(db, query, &parsed, &corrected);
	PdxFilters filters(parsed);
	if (status == POLIDEX_STATUS_SUCCESS)
		status = filters_stage(db, query, &filters);
	if (status != POLIDEX_STATUS_SUCCESS)
		return status;
	Xapian::Query main_query = filters.filtered(nullptr);
	if (pdx_results_set_parsed_query(results, main_query.get_description().c_str()) < 0)
		throw std::bad_alloc();
	if (!corrected.empty() && pdx_results_set_corrected_query(results, corrected.c_str()) < 0)
		throw std::bad_alloc();

	Xapian::Enquire enquire = ranked_enquire(db, query, main_query);
	PdxFacetCounts facets(db, query, parents, filters);
	facets.count_before(enquire, results);
	// The first hits of a query of several words in relevance order are re-ranked by
	// proximity, and so matched from the first whenever a page of them is asked for.
	std::vector<std::string> words;
	if (query->sort == POLIDEX_SORT_RELEVANCE && query->offset < RERANK_DEPTH)
		words = pdx_proximity_words(query->text);
	Xapian::doccount first = words.empty() ? query->offset : 0;
	Xapian::doccount n =
		words.empty() ? query->limit : std::max(RERANK_DEPTH, query->offset + query->limit);
	Xapian::MSet mset = enquire.get_mset(first, n, facets.check_at_least());
	facets.count_after(mset, results);
	std::vector<pdx_ranked_hit> ranked = rank_stage(db, query, words, mset);
	if (ranked.size() > query->limit)
		ranked.resize(query->limit);
	hits_stage(db, query, main_query, mset, ranked, results);
	facets.add_to(results);
	return POLIDEX_STATUS_SUCCESS;
}

// The field of scheme NAME on DB into *FIELD, when *FIELD is still pending, and the scheme
// of a scheme field into *TH (for "concept", Q's). *FIELD is NULL when DB holds no such
// scheme.
polidex_status_t resolve_field(polidex_db_t *db, polidex_query_t *q, const char *name,
			       const pdx_facet_field **field, const polidex_thesaurus_t **th)
{
	if (*field == &pdx_scheme_field_pending)
		return pdx_db_named_scheme(db, name, pdx_query_scheme(q, name), field, th);
	*th = nullptr;
	if (!(*field)->scheme)
		return POLIDEX_STATUS_SUCCESS;
	// The index's unnamed scheme is read when a facet or filter needs it.
	if (!q->thesaurus) {
		polidex_status_t status = pdx_db_scheme(db, &q->thesaurus);
		if (status != POLIDEX_STATUS_SUCCESS)
			return status;
	}
	*th = q->thesaurus;
	return POLIDEX_STATUS_SUCCESS;
}

// Q's facets and filters into FACETS and FILTERS, their fields resolved on DB and pointed to
// by *Q. A field DB holds no scheme of is unknown.
polidex_status_t resolve_fields(polidex_db_t *db, polidex_query_t *q,
				std::vector<pdx_facet_request> &facets,
				std::vector<pdx_filter> &filters)
{
	const char *why = "the index holds no concept scheme of that name";

	facets.assign(q->facets, q->facets + q->n_facets);
	filters.assign(q->filters, q->filters + q->n_filters);
	for (auto &f : facets) {
		polidex_status_t st = resolve_field(db, q, f.scheme, &f.field, &f.th);
		if (st != POLIDEX_STATUS_SUCCESS)
			return st;
		if (!f.field) {
			pdx_db_fail(db, "facet %s: unknown field or size '%s': %s", f.name,
				    f.scheme, why);
			return POLIDEX_STATUS_UNKNOWN_FIELD;
		}
	}
	for (auto &f : filters) {
		polidex_status_t st = resolve_field(db, q, f.scheme, &f.field, &f.th);
		if (st != POLIDEX_STATUS_SUCCESS)
			return st;
		if (!f.field) {
			pdx_db_fail(db, "filter %s:%s: unknown field '%s': %s", f.scheme, f.value,
				    f.scheme, why);
			return POLIDEX_STATUS_UNKNOWN_FIELD;
		}
	}
	q->facets = facets.data();
	q->filters = filters.data();
	return POLIDEX_STATUS_SUCCESS;
}

} // namespace

polidex_status_t pdx_search_query(polidex_db_t *db, const polidex_query_t *query,
				  Xapian::Query *out)
{
	polidex_query_t with_scheme = *query;
	polidex_status_t status = pdx_db_check_scheme(db, query->thesaurus);
	size_t n_named;
	std::vector<pdx_facet_request> facets;
	std::vector<pdx_filter> filters;
	Xapian::Query parsed;
	std::string corrected;

	// Only the filters count: the facets are not counted.
	with_scheme.n_facets = 0;
	with_scheme.spelling = 0;
	if (status == POLIDEX_STATUS_SUCCESS)
		status = pdx_db_named_schemes(db, &n_named);
	if (status == POLIDEX_STATUS_SUCCESS)
		status = resolve_fields(db, &with_scheme, facets, filters);
	if (status == POLIDEX_STATUS_SUCCESS)
		status = parse_stage(db, &with_scheme, &parsed, &corrected);
	PdxFilters with_filters(parsed);
	if (status == POLIDEX_STATUS_SUCCESS)
		status = filters_stage(db, &with_scheme, &with_filters);
	if (status == POLIDEX_STATUS_SUCCESS)
		*out = with_filters.filtered(nullptr);
	return status;
}

extern "C" polidex_status_t polidex_search(polidex_db_t *db, const polidex_query_t *query,
					   polidex_results_t **out)
{
	if (out)
		*out = nullptr;
	if (!db || !query || !out)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	db->error[0] = '\0';
	try {
		// A query without a thesaurus searches with the index's own schemes, read as
		// it needs them; one with another scheme than the index's would give wrong
		// concepts.
		polidex_query_t with_scheme = *query;
		polidex_status_t status = pdx_db_check_scheme(db, query->thesaurus);
		size_t n_named;
		if (status == POLIDEX_STATUS_SUCCESS)
			status = pdx_db_named_schemes(db, &n_named);
		std::vector<pdx_facet_request> facets;
		std::vector<pdx_filter> filters;
		if (status == POLIDEX_STATUS_SUCCESS)
			status = resolve_fields(db, &with_scheme, facets, filters);
		if (status != POLIDEX_STATUS_SUCCESS)
			return status;
		std::unique_ptr<polidex_results_t, results_deleter> results(pdx_results_new());
		if (!results)
			throw std::bad_alloc();
		status = search(db, &with_scheme, results.get());
		if (status != POLIDEX_STATUS_SUCCESS)
			return status;
		*out = results.release();
	} catch (...) {
		return pdx_db_status_from_exception(db, "search");
	}
	return POLIDEX_STATUS_SUCCESS;
}
