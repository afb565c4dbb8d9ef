// search.cc: running a query spec on Xapian: parsing, facets over the whole match set, hits
// and snippets. Part of the shim: no exception leaves this file.
#include "config.h"

#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <vector>

#include "date-range.h"
#include "db-internal.h"
#include "facet-spy.h"
#include "query-internal.h"
#include "schema.h"
#include "term.h"
#include "thesaurus.h"

namespace {

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
	const pdx_thesaurus_t *th_;

      public:
	std::string error;

	explicit ConceptField(const pdx_thesaurus_t *th) : th_(th) {}

	Xapian::Query operator()(const std::string &value) override
	{
		if (!th_)
			return Xapian::Query(concept_term(value.c_str()));
		long i = pdx_concept_lookup(th_, value.c_str());
		if (i < 0) {
			if (error.empty())
				error = "concept: '" + value + "' is no concept's label or URI in " +
					th_->path;
			return Xapian::Query::MatchNothing;
		}
		return Xapian::Query(concept_term(th_->concepts[i].uri));
	}
};

Xapian::Query parse(polidex_db_t *db, const polidex_query_t *q, Xapian::QueryParser &qp,
		    PdxDateRange &dates, PdxDateField &day, ConceptField &concepts)
{
	std::unique_ptr<char, malloc_deleter> text(pdx_query_normalise(q->text));

	if (!text)
		throw std::bad_alloc();
	qp.set_database(*db->db);
	qp.set_stemmer(pdx_db_stemmer(db, q->language));
	qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
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
	qp.add_boolean_prefix("concept", &concepts);

	std::string s(text.get());
	if (s.find_first_not_of(" \t\r\n") == std::string::npos)
		return Xapian::Query::MatchAll;
	unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_CJK_NGRAM |
			 Xapian::QueryParser::FLAG_PURE_NOT;
	Xapian::Query query = qp.parse_query(s, flags);
	if (!concepts.error.empty())
		throw Xapian::QueryParserError(concepts.error);
	if (!day.error.empty())
		throw Xapian::QueryParserError(day.error);
	// A query of only a filter ("lang:en") parses to a pure boolean query, which is fine.
	if (query.empty())
		return Xapian::Query::MatchAll;
	// Words that are all concept labels ("hegemonic", "win-win cooperation", "霸权") also
	// find what is tagged with those concepts, whatever words the text itself uses.
	if (q->thesaurus && q->expand && plain_words(q->text)) {
		size_t *ids = nullptr;
		long n = pdx_concepts_covering(q->thesaurus, q->text, q->language, &ids);
		std::unique_ptr<size_t, void (*)(void *)> hold(ids, std::free);

		if (n < 0)
			throw std::bad_alloc();
		if (n > 0) {
			const pdx_thesaurus_t *th = pdx_thesaurus_of(q->thesaurus);
			std::vector<Xapian::Query> tagged;

			for (long i = 0; i < n; i++)
				tagged.emplace_back(concept_term(th->concepts[ids[i]].uri));
			query = Xapian::Query(Xapian::Query::OP_OR, query,
					      Xapian::Query(Xapian::Query::OP_AND, tagged.begin(),
							    tagged.end()));
		}
	}
	return query;
}

// Whether concept URI belongs in the counts of facet REQUEST: a top concept for "concept",
// a concept directly narrower than the parent for "concept:PARENT". Sets *LABEL.
bool keep_concept(const pdx_thesaurus_t *th, long parent, const std::string &uri,
		  const char *language, const char **label)
{
	*label = nullptr;
	if (!th)
		return true;
	long i = pdx_thesaurus_find(th, uri.c_str());
	if (i < 0)
		return false; // tagged with another scheme
	const struct pdx_concept &c = th->concepts[i];
	*label = pdx_thesaurus_label(th, (size_t)i, language);
	if (parent < 0)
		return c.n_broader == 0;
	for (size_t b = 0; b < c.n_broader; b++)
		if ((long)c.broader[b] == parent)
			return true;
	return false;
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
		const pdx_thesaurus_t *th = query->thesaurus ? pdx_thesaurus_of(query->thesaurus)
							     : nullptr;
		ConceptField concepts(th);
		Xapian::Query xq;
		std::vector<long> parents;
		for (size_t i = 0; i < query->n_facets; i++) {
			long parent = -1;
			if (query->facets[i].parent && !th) {
				pdx_db_fail(db, "facet %s: drilling down needs the thesaurus",
					    query->facets[i].name);
				return POLIDEX_STATUS_UNKNOWN_FIELD;
			}
			if (query->facets[i].parent && th) {
				parent = pdx_concept_lookup(th, query->facets[i].parent);
				if (parent < 0) {
					pdx_db_fail(db, "facet %s: no such concept in %s",
						    query->facets[i].name, th->path);
					return POLIDEX_STATUS_UNKNOWN_FIELD;
				}
			}
			parents.push_back(parent);
		}
		try {
			xq = parse(db, query, qp, dates, day, concepts);
		} catch (const Xapian::QueryParserError &e) {
			pdx_db_fail(db, "query \"%s\": %s", query->text, e.get_msg().c_str());
			return POLIDEX_STATUS_QUERY_SYNTAX;
		}
		if (pdx_results_set_parsed_query(results.get(), xq.get_description().c_str()) < 0)
			throw std::bad_alloc();

		Xapian::Enquire enquire(*db->db);
		enquire.set_query(xq);
		std::vector<std::unique_ptr<PdxFacetCounter>> spies;
		for (size_t i = 0; i < query->n_facets; i++) {
			spies.emplace_back(
				new PdxFacetCounter(query->facets[i].field->slot, db->remote));
			enquire.add_matchspy(spies.back()->spy());
		}
		// Facets count the whole match set, so the match must visit every document; without
		// them, looking at a thousand keeps the total close for ordinary result pages.
		Xapian::doccount check_at_least =
			spies.empty() ? query->offset + query->limit + 1000 : db->db->get_doccount();
		Xapian::MSet mset = enquire.get_mset(query->offset, query->limit, check_at_least);
		// Exact when every match was visited for the facets, else Xapian's estimate.
		results->total = mset.get_matches_estimated();

		const Xapian::Stem &stem = pdx_db_stemmer(db, query->language);
		for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
			Xapian::Document doc = it.get_document();
			std::string data = doc.get_data();
			polidex_hit_t *hit = pdx_results_add_hit(results.get(), *it, it.get_weight(),
								 data.data(), data.size());
			if (!hit)
				throw std::bad_alloc();
			std::string text = hit->text ? hit->text : "";
			std::string snippet = mset.snippet(
				text, SNIPPET_LENGTH, stem,
				Xapian::MSet::SNIPPET_BACKGROUND_MODEL |
					Xapian::MSet::SNIPPET_EXHAUSTIVE |
					Xapian::MSet::SNIPPET_CJK_NGRAM,
				"<mark>", "</mark>", "\xe2\x80\xa6");
			if (pdx_hit_set_snippet(hit, snippet.data(), snippet.size()) < 0)
				throw std::bad_alloc();
		}

		for (size_t i = 0; i < spies.size(); i++) {
			struct pdx_facet_result *f =
				pdx_results_add_facet(results.get(), &query->facets[i]);
			if (!f)
				throw std::bad_alloc();
			bool is_concept = query->facets[i].field->slot == PDX_SLOT_CONCEPTS;
			for (const auto &kv : spies[i]->counts()) {
				const char *label = nullptr;
				if (is_concept &&
				    !keep_concept(th, parents[i], kv.first, query->language, &label))
					continue;
				if (pdx_facet_add_count(f, kv.first.data(), kv.first.size(), label,
							kv.second) < 0)
					throw std::bad_alloc();
			}
			pdx_facet_finish(f);
		}
		*out = results.release();
	} catch (...) {
		return pdx_db_status_from_exception(db, "search");
	}
	return POLIDEX_STATUS_SUCCESS;
}
