# stemmers/: Snowball through libstemmer, for Xapian and for C callers; the text normaliser.
libpolidex_core_la_SOURCES += stemmers/normalise.c stemmers/stemmer.c stemmers/xapian-stem.cc
noinst_HEADERS += stemmers/normalise.h stemmers/stemmer.h stemmers/xapian-stem.h
