// xapian-stem.cc: libstemmer wrapped as a Xapian::StemImplementation.
#include "config.h"

#include "xapian-stem.h"

#include <new>
#include <string>
#include <unordered_map>

#include "stemmer.h"

namespace {

// Stems with libstemmer so that the index, the query parser and the concept tagger share
// one set of Snowball algorithms, including those Xapian itself lacks. Words recur (a few
// hundred make up half of any text), so stems are remembered: a lookup costs a fraction of
// running the algorithm. The memory is bounded by forgetting them all now and then.
class SnowballStem : public Xapian::StemImplementation {
	static constexpr size_t REMEMBERED = 65536;
	pdx_stemmer_t *stemmer_;
	std::unordered_map<std::string, std::string> known_;

      public:
	explicit SnowballStem(pdx_stemmer_t *stemmer) : stemmer_(stemmer) {}
	~SnowballStem() override { pdx_stemmer_destroy(stemmer_); }
	SnowballStem(const SnowballStem &) = delete;
	SnowballStem &operator=(const SnowballStem &) = delete;

	std::string operator()(const std::string &word) override
	{
		auto it = known_.find(word);
		if (it != known_.end())
			return it->second;

		size_t len = 0;
		const char *stem = pdx_stemmer_stem(stemmer_, word.data(), word.size(), &len);
		if (!stem)
			throw std::bad_alloc();
		if (known_.size() >= REMEMBERED)
			known_.clear();
		return known_.emplace(word, std::string(stem, len)).first->second;
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
