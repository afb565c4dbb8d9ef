// xapian-stem.cc: libstemmer wrapped as a Xapian::StemImplementation.
#include "config.h"

#include "stemmers/xapian-stem.h"

#include <cstdint>
#include <new>
#include <string>
#include <vector>

#include "stemmers/stemmer.h"

namespace {

// Stems with libstemmer so that the index, the query parser and the concept tagger share
// one set of Snowball algorithms, including those Xapian itself lacks. Words recur (a few
// hundred make up half of any text), so stems are remembered in a table with a place for each
// word's hash: a lookup is one hash and one comparison, and a word that lands on another's
// place replaces it. The table starts small and doubles as it fills, up to PLACES: a query of
// a few words costs a few places, an indexer's stream of text the whole table.
class SnowballStem : public Xapian::StemImplementation {
	static constexpr size_t FIRST = 256, PLACES = 65536; // powers of two
	struct place {
		std::string word, stem;
	};
	pdx_stemmer_t *stemmer_;
	std::vector<place> known_;
	size_t used_ = 0; // places holding a word

	static uint32_t hash(const std::string &word)
	{
		// FNV-1a
		uint32_t h = 2166136261u;
		for (unsigned char c : word)
			h = (h ^ c) * 16777619u;
		return h;
	}

	// Twice the places, the words known kept.
	void grow()
	{
		std::vector<place> bigger(known_.size() * 2);

		for (place &p : known_)
			if (!p.word.empty())
				bigger[hash(p.word) & (bigger.size() - 1)] = std::move(p);
		known_.swap(bigger);
		used_ = 0;
		for (const place &p : known_)
			used_ += !p.word.empty();
	}

      public:
	explicit SnowballStem(pdx_stemmer_t *stemmer) : stemmer_(stemmer), known_(FIRST) {}
	~SnowballStem() override { pdx_stemmer_destroy(stemmer_); }
	SnowballStem(const SnowballStem &) = delete;
	SnowballStem &operator=(const SnowballStem &) = delete;

	std::string operator()(const std::string &word) override
	{
		uint32_t h = hash(word);
		place *p = &known_[h & (known_.size() - 1)];
		if (!word.empty() && p->word == word)
			return p->stem;

		size_t len = 0;
		const char *stem = pdx_stemmer_stem(stemmer_, word.data(), word.size(), &len);
		if (!stem)
			throw std::bad_alloc();
		if (p->word.empty() && !word.empty() && ++used_ * 2 > known_.size() &&
		    known_.size() < PLACES) {
			grow();
			p = &known_[h & (known_.size() - 1)];
			used_ += p->word.empty();
		}
		p->word = word;
		p->stem.assign(stem, len);
		return p->stem;
	}

	std::string get_description() const override
	{
		return std::string("polidex snowball ") + pdx_stemmer_name(stemmer_);
	}
};

} // namespace

Xapian::Stem pdx_xapian_stem(const char *language)
{
	pdx_stemmer_t *stemmer = pdx_stemmer_new(language);

	if (!stemmer)
		return Xapian::Stem("none");
	return Xapian::Stem(new SnowballStem(stemmer));
}

const Xapian::Stem &PdxStemCache::get(const char *language)
{
	std::string key = language ? language : "";
	auto it = stems_.find(key);

	if (it == stems_.end())
		it = stems_.emplace(key, pdx_xapian_stem(language ? language : "none")).first;
	return it->second;
}
