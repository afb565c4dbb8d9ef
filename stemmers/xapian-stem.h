/* xapian-stem.h: the project's Snowball stemmers as Xapian stemmers (C++ shim only). */
#ifndef PDX_XAPIAN_STEM_H
#define PDX_XAPIAN_STEM_H

#include <xapian.h>

/* A Xapian::Stem running libstemmer's algorithm for LANGUAGE (BCP 47 tag or algorithm
 * name), or Xapian's "none" stemmer when there is none. Throws std::bad_alloc. */
Xapian::Stem pdx_xapian_stem(const char *language);

#endif
