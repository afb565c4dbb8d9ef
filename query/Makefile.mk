# query/: query building, facets, snippets, output, and the polidex-query program.
libpolidex_core_la_SOURCES += query/query.c query/replay.c query/querytext.c query/results.c query/json.c \
	query/search.cc query/facet-spy.cc query/facet-column.cc query/date-range.cc \
	query/snippet-region.c
noinst_HEADERS += query/query-internal.h query/facet-spy.h query/facet-column.h query/date-range.h query/output.h

bin_PROGRAMS += polidex-query

polidex_query_SOURCES = query/polidex-query.c query/output.c
polidex_query_LDADD = libpolidex.la
