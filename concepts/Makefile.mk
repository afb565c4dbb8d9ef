# concepts/: SKOS concept schemes (raptor2), the tagger that finds their labels in text, and
# the thesaurus object of the public API. It may use util/, stemmers/, raptor2, utf8proc and
# xxhash.
noinst_LTLIBRARIES += libpdx_concepts.la
libpdx_concepts_la_SOURCES = concepts/thesaurus.c concepts/tagger-maps.c \
	concepts/tagger-words.c concepts/tagger-compile.c concepts/tagger-state.c concepts/tagger.c \
	concepts/tagger-score.c concepts/tagger-acronyms.c concepts/tagger-cover.c concepts/concepts.c concepts/compiled.c concepts/raptor.c
libpdx_concepts_la_CPPFLAGS = $(AM_CPPFLAGS) $(RAPTOR_CFLAGS) $(UTF8PROC_CFLAGS) \
	$(XXHASH_CFLAGS)
noinst_HEADERS += concepts/concepts.h concepts/thesaurus.h concepts/tagger.h \
	concepts/tagger-internal.h concepts/compiled.h concepts/raptor.h
