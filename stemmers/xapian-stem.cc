// xapian-stem.cc: libstemmer wrapped as a Xapian::StemImplementation.
#include "config.h"

#include "xapian-stem.h"

#include <new>
#include <string>

#include "stemmer.h"

namespace {

// Stems with libstemmer so that the index, the query parser and the concept tagger share
// one set of Snowball algorithms, including those Xapian itself lacks.
class SnowballStem : public Xapian::StemImplementation {
	pdx_stemmer_t *stemmer_;

      public:
	explicit SnowballStem(pdx_stemmer_t *stemmer) : stemmer_(stemmer) {}
	~SnowballStem() override { pdx_stemmer_destroy(stemmer_); }
	SnowballStem(const SnowballStem &) = delete;
	SnowballStem &operator=(const SnowballStem &) = delete;

	std::string operator()(const std::string &word) override
	{
		size_t len = 0;
		const char *stem = pdx_stemmer_stem(stemmer_, word.data(), word.size(), &len);

		if (!stem)
			throw std::bad_alloc();
		return std::string(stem, len);
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
