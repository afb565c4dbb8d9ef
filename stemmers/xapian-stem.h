/* xapian-stem.h: the project's Snowball stemmers as Xapian stemmers (C++ shim only). */
#ifndef PDX_XAPIAN_STEM_H
#define PDX_XAPIAN_STEM_H

#include <map>
#include <string>
#include <xapian.h>

/* A Xapian::Stem running libstemmer's algorithm for LANGUAGE (BCP 47 tag or algorithm
 * name), or Xapian's "none" stemmer when there is none. Throws std::bad_alloc. */
Xapian::Stem pdx_xapian_stem(const char *language);

/* The stemmers of one thread, by language, each made once with pdx_xapian_stem() (NULL: the
 * "none" stemmer): Xapian::Stem's reference count is not atomic, so threads must not share
 * a cache. */
class PdxStemCache {
	std::map<std::string, Xapian::Stem> stems_;

      public:
	/* The stemmer for LANGUAGE, valid as long as the cache. Throws std::bad_alloc. */
	const Xapian::Stem &get(const char *language);
};

#endif
