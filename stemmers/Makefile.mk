# stemmers/: Snowball through libstemmer, for Xapian and for C callers; the text normaliser.
# It may use util/, libstemmer, utf8proc and Xapian.
noinst_LTLIBRARIES += libpdx_stemmers.la
libpdx_stemmers_la_SOURCES = stemmers/normalise.c stemmers/stemmer.c stemmers/xapian-stem.cc \
	stemmers/function-words.c
libpdx_stemmers_la_CPPFLAGS = $(AM_CPPFLAGS) $(UTF8PROC_CFLAGS) $(XAPIAN_CFLAGS)
noinst_HEADERS += stemmers/stemmers.h stemmers/normalise.h stemmers/stemmer.h stemmers/xapian-stem.h \
	stemmers/function-words.h
