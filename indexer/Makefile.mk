# indexer/: extraction, the document schema, and the polidex-index and polidex-extract programs.
libpolidex_core_la_SOURCES += indexer/article.c indexer/html.c indexer/metadata.c \
	indexer/content.c indexer/encoding.c indexer/language.cc indexer/thesaurus.c indexer/tagger.c indexer/concepts.c indexer/extract.c indexer/document.c indexer/index.c \
	indexer/decode.c indexer/archive.c indexer/wacz.c indexer/records.c
noinst_HEADERS += indexer/encoding.h indexer/language.h indexer/thesaurus.h indexer/tagger.h indexer/article.h indexer/html.h indexer/metadata.h indexer/content.h \
	indexer/document.h indexer/walk.h indexer/article-json.h indexer/cli-thesaurus.h indexer/pipeline.h \
	indexer/url.h indexer/decode.h indexer/archive.h indexer/wacz.h indexer/records.h

bin_PROGRAMS += polidex-index polidex-extract

polidex_index_SOURCES = indexer/polidex-index.c indexer/walk.c indexer/cli-thesaurus.c \
	indexer/pipeline.c
polidex_index_CPPFLAGS = $(AM_CPPFLAGS) $(ZLIB_CFLAGS) $(JSONC_CFLAGS)
# The web archive reader is private to polidex: the indexer links the whole library in.
polidex_index_LDADD = libpolidex_core.la $(ZLIB_LIBS) $(JSONC_LIBS) -lpthread $(JEMALLOC_LIBS)
nodist_EXTRA_polidex_index_SOURCES = lib/cxx-link.cc

polidex_extract_SOURCES = indexer/polidex-extract.c indexer/article-json.c \
	indexer/cli-thesaurus.c
polidex_extract_CPPFLAGS = $(AM_CPPFLAGS) $(JSONC_CFLAGS)
polidex_extract_LDADD = libpolidex.la $(JSONC_LIBS)
