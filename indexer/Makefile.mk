# indexer/: sources (folders, lists, web archives), page extraction with libxml2, the document
# schema, the writer's side of indexing, and the polidex-index and polidex-extract programs.
# It may use util/, stemmers/, concepts/, lib/'s writing interface, libxml2, json-c, CLD2,
# utf8proc, xxhash and the decoders (zlib, libdeflate, Brotli, zstd, libzip); not Xapian.
noinst_LTLIBRARIES += libpdx_indexer.la
libpdx_indexer_la_SOURCES = indexer/article.c indexer/article-items.c indexer/html.c \
	indexer/metadata.c indexer/meta-sources.c indexer/meta-language.c indexer/meta-title.c \
	indexer/meta-byline.c indexer/meta-byline-dom.c indexer/meta-byline-zh.c \
	indexer/meta-date.c \
	indexer/meta-section.c indexer/meta-kind.c indexer/page-type.c indexer/content.c \
	indexer/content-score.c \
	indexer/content-furniture.c indexer/encoding.c indexer/language.cc indexer/extract.c \
	indexer/tag.c indexer/document.c indexer/document-data.c indexer/index.c \
	indexer/decode.c indexer/archive.c indexer/archive-stream.c indexer/archive-headers.c \
	indexer/archive-sniff.c indexer/wacz.c indexer/records.c
libpdx_indexer_la_CPPFLAGS = $(AM_CPPFLAGS) $(LIBXML2_CFLAGS) $(JSONC_CFLAGS) \
	$(UTF8PROC_CFLAGS) $(XXHASH_CFLAGS) $(ZLIB_CFLAGS) $(LIBDEFLATE_CFLAGS) \
	$(BROTLI_CFLAGS) $(ZSTD_CFLAGS) $(LIBZIP_CFLAGS)
noinst_HEADERS += indexer/encoding.h indexer/language.h indexer/article.h indexer/html.h \
	indexer/page-type.h \
	indexer/metadata.h indexer/metadata-internal.h indexer/content.h \
	indexer/content-internal.h indexer/document.h indexer/walk.h \
	indexer/article-json.h indexer/pipeline.h indexer/url.h indexer/decode.h \
	indexer/archive.h indexer/archive-internal.h indexer/wacz.h indexer/records.h \
	indexer/polidex-index.h

bin_PROGRAMS += polidex-index polidex-extract

polidex_index_SOURCES = indexer/polidex-index.c indexer/polidex-index-options.c \
	indexer/polidex-index-archives.c indexer/polidex-index-report.c indexer/walk.c \
	indexer/pipeline.c
polidex_index_CPPFLAGS = $(AM_CPPFLAGS) $(ZLIB_CFLAGS) $(JSONC_CFLAGS)
# The web archive reader is private to polidex: the indexer links the whole library in.
polidex_index_LDADD = libpdx_cli.la libpolidex_core.la $(ZLIB_LIBS) $(JSONC_LIBS) -lpthread \
	$(JEMALLOC_LIBS)
nodist_EXTRA_polidex_index_SOURCES = lib/cxx-link.cc

polidex_extract_SOURCES = indexer/polidex-extract.c indexer/article-json.c
polidex_extract_CPPFLAGS = $(AM_CPPFLAGS) $(JSONC_CFLAGS)
polidex_extract_LDADD = libpdx_cli.la libpolidex.la $(JSONC_LIBS)
