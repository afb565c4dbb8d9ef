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
// hundred make up half of any text), so stems are remembered in a fixed table with a place
// for each word's hash: a lookup is one hash and one comparison, and a word that lands on
// another's place replaces it.
class SnowballStem : public Xapian::StemImplementation {
	static constexpr size_t PLACES = 65536; // a power of two
	struct place {
		std::string word, stem;
	};
	pdx_stemmer_t *stemmer_;
	std::vector<place> known_;

      public:
	explicit SnowballStem(pdx_stemmer_t *stemmer) : stemmer_(stemmer), known_(PLACES) {}
	~SnowballStem() override { pdx_stemmer_destroy(stemmer_); }
	SnowballStem(const SnowballStem &) = delete;
	SnowballStem &operator=(const SnowballStem &) = delete;

	std::string operator()(const std::string &word) override
	{
		// FNV-1a
		uint32_t h = 2166136261u;
		for (unsigned char c : word)
			h = (h ^ c) * 16777619u;
		place &p = known_[h & (PLACES - 1)];
		if (!word.empty() && p.word == word)
			return p.stem;

		size_t len = 0;
		const char *stem = pdx_stemmer_stem(stemmer_, word.data(), word.size(), &len);
		if (!stem)
			throw std::bad_alloc();
		p.word = word;
		p.stem.assign(stem, len);
		return p.stem;
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
