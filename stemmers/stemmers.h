/* stemmers.h: what the rest of polidex uses of stemmers/: the text normaliser, Snowball
 * stemmers for C callers and, in C++, as Xapian stemmers. */
#ifndef PDX_STEMMERS_H
#define PDX_STEMMERS_H

#include "stemmers/function-words.h"
#include "stemmers/normalise.h"
#include "stemmers/stemmer.h"

#ifdef __cplusplus
#include "stemmers/xapian-stem.h"
#endif

#endif
