# query/: query building, facets, snippets, output, and the polidex-query program. It may use
# util/, stemmers/, concepts/, lib/, Xapian and json-c.
noinst_LTLIBRARIES += libpdx_query.la
libpdx_query_la_SOURCES = query/query.c query/replay.c query/querytext.c query/results.c \
	query/json.c query/search.cc query/spelling.cc query/snippets.cc query/facets.cc \
	query/facet-spy.cc query/facet-column.cc query/date-range.cc query/snippet-region.c \
	query/hit-items.c query/schemes.c query/cover.c query/languages.cc query/export.cc query/export-row.c \
	query/proximity.cc
libpdx_query_la_CPPFLAGS = $(AM_CPPFLAGS) $(XAPIAN_CFLAGS) $(JSONC_CFLAGS)
noinst_HEADERS += query/query-internal.h query/search-internal.h query/facet-spy.h \
	query/facet-column.h \
	query/date-range.h query/output.h query/search-schemes.h query/languages.h

bin_PROGRAMS += polidex-query

polidex_query_SOURCES = query/polidex-query.c query/output.c
# Linked with the objects it uses rather than with libpolidex, and only with the libraries
# those need: a search starts without loading the parsers and decoders of indexing.
polidex_query_LDADD = libpdx_cli.la libpolidex_core.la
polidex_query_LDFLAGS = $(AM_LDFLAGS) -Wl,--as-needed
nodist_EXTRA_polidex_query_SOURCES = lib/cxx-link.cc
polidex_query_CPPFLAGS = $(AM_CPPFLAGS)
