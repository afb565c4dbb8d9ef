# lib/: the Xapian database: the index schema, writing documents (one database or shards,
# with their captures), opening and status codes. It may use util/, stemmers/ and Xapian.
# libpolidex_core holds every folder's objects, for the unit tests that reach private
# functions; libpolidex exports only the public polidex_* API.
noinst_LTLIBRARIES += libpdx_db.la libpolidex_core.la
lib_LTLIBRARIES += libpolidex.la
include_HEADERS += include/polidex.h

libpdx_db_la_SOURCES = lib/status.c lib/capture.c lib/db.cc lib/document.cc lib/folder.cc \
	lib/shards.cc lib/captures.cc lib/metadata.cc
libpdx_db_la_CPPFLAGS = $(AM_CPPFLAGS) $(XAPIAN_CFLAGS) $(JSONC_CFLAGS)
noinst_HEADERS += lib/database.h lib/schema.h lib/docspec.h lib/db-internal.h lib/db-write.h lib/shards.h \
	lib/capture.h lib/captures.h lib/folder.h lib/metadata.h

libpolidex_core_la_SOURCES =
nodist_EXTRA_libpolidex_core_la_SOURCES = lib/cxx-link.cc
libpolidex_core_la_LIBADD = libpdx_indexer.la libpdx_query.la libpdx_concepts.la \
	libpdx_db.la libpdx_stemmers.la libpdx_util.la \
	$(XAPIAN_LIBS) $(LIBXML2_LIBS) $(UTF8PROC_LIBS) $(JSONC_LIBS) \
	$(STEMMER_LIBS) $(CLD2_LIBS) $(XXHASH_LIBS) $(ZLIB_LIBS) \
	$(LIBDEFLATE_LIBS) $(BROTLI_LIBS) $(ZSTD_LIBS) $(LIBZIP_LIBS) -lpthread

libpolidex_la_SOURCES =
# Linking with the C++ compiler brings in libstdc++ for the shim.
nodist_EXTRA_libpolidex_la_SOURCES = lib/cxx-link.cc
libpolidex_la_LIBADD = libpolidex_core.la
# libtool's symbol list does not reach the dynamic table when the C++ compiler links, so a
# version script hides everything else (the shim's C++ symbols among them).
# The tagger frees each thread's caches by a destructor of the library's, called when the
# thread ends: the library must stay loaded while threads that tagged live (-z nodelete).
libpolidex_la_LDFLAGS = $(AM_LDFLAGS) -version-info $(POLIDEX_LT_VERSION) -no-undefined \
	-export-symbols-regex '^polidex_' -Wl,--version-script=$(srcdir)/lib/libpolidex.map \
	-Wl,-z,nodelete
EXTRA_libpolidex_la_DEPENDENCIES = lib/libpolidex.map
EXTRA_DIST += lib/libpolidex.map
