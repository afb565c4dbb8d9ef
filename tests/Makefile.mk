# tests/: cmocka unit tests (TAP) and end-to-end tests of the installed-to-be programs (sh).
UNIT_TESTS = tests/test_status tests/test_stemmer tests/test_date tests/test_extract \
	tests/test_seed tests/test_db tests/test_query tests/test_thesaurus tests/test_tagger \
	tests/test_archive tests/test_captures
E2E_TESTS = tests/e2e-extract.sh tests/e2e-index-query.sh tests/e2e-errors.sh \
	tests/e2e-exports.sh tests/e2e-robustness.sh tests/e2e-concepts.sh tests/e2e-incremental.sh \
	tests/e2e-warc.sh tests/e2e-warcio.sh tests/e2e-archives.sh tests/e2e-inputs.sh \
	tests/e2e-crash.sh tests/e2e-jobs.sh tests/e2e-gen-crawl.sh \
	tests/e2e-shards.sh tests/e2e-query.sh tests/e2e-serve.sh tests/e2e-example.sh \
	tests/e2e-schemes.sh tests/e2e-languages.sh tests/e2e-result-sets.sh tests/e2e-browser.sh \
	tests/e2e-ranking.sh

check_PROGRAMS += $(UNIT_TESTS) tests/hold-lock
# check-layout checks the tree's own rules (doc/architecture.md): sizes, interfaces, libraries.
TESTS += $(UNIT_TESTS) $(E2E_TESTS) tests/check-layout
dist_noinst_SCRIPTS += $(E2E_TESTS) tests/e2e-lib.sh tests/json-valid tests/check-layout
# The concept gold set and its scorer (see tests/concept-gold/README.md).
EXTRA_DIST += tests/concept-gold/README.md tests/concept-gold/score tests/concept-gold/pages.tsv \
	tests/concept-gold/default.tsv tests/concept-gold/eurovoc.tsv \
	tests/concept-gold/unesco.tsv tests/concept-gold/stw.tsv
EXTRA_DIST += tests/browser/package.json tests/browser/package-lock.json \
	tests/browser/search-page.mjs
dist_noinst_DATA += tests/thesauri/mini.ttl tests/thesauri/mini.rdf tests/thesauri/mini.nt \
	tests/thesauri/broken.ttl tests/thesauri/cycle.ttl tests/thesauri/no-concepts.ttl \
	tests/thesauri/tagger.ttl \
	tests/pages/README.md \
	tests/pages/builder-widget-boxes.expected.json \
	tests/pages/builder-widget-boxes.html \
	tests/pages/chinese-big5.expected.json \
	tests/pages/chinese-big5.html \
	tests/pages/chinese-gbk.expected.json \
	tests/pages/chinese-gbk.html \
	tests/pages/chinese-utf8.expected.json \
	tests/pages/chinese-utf8.html \
	tests/pages/collection-site-title.expected.json \
	tests/pages/collection-site-title.html \
	tests/pages/comments-heavy.expected.json \
	tests/pages/comments-heavy.html \
	tests/pages/div-paragraphs.expected.json \
	tests/pages/div-paragraphs.html \
	tests/pages/dublin-core.expected.json \
	tests/pages/dublin-core.html \
	tests/pages/forum-noscript-posts.expected.json \
	tests/pages/forum-noscript-posts.html \
	tests/pages/french-lemonde-style.expected.json \
	tests/pages/french-lemonde-style.html \
	tests/pages/headline-dash-segment.expected.json \
	tests/pages/headline-dash-segment.html \
	tests/pages/health-center-banner.expected.json \
	tests/pages/health-center-banner.html \
	tests/pages/jsonld-body-only.expected.json \
	tests/pages/jsonld-body-only.html \
	tests/pages/latin1-declared.expected.json \
	tests/pages/latin1-declared.html \
	tests/pages/listing-research-front.expected.json \
	tests/pages/listing-research-front.html \
	tests/pages/marked-headline-social-title.expected.json \
	tests/pages/marked-headline-social-title.html \
	tests/pages/microdata-seo-title.expected.json \
	tests/pages/microdata-seo-title.html \
	tests/pages/microdata.expected.json \
	tests/pages/microdata.html \
	tests/pages/mostly-links.expected.json \
	tests/pages/mostly-links.html \
	tests/pages/news-jsonld-newsarticle.expected.json \
	tests/pages/news-jsonld-newsarticle.html \
	tests/pages/opengraph-only.expected.json \
	tests/pages/opengraph-only.html \
	tests/pages/opinion-no-metadata.expected.json \
	tests/pages/opinion-no-metadata.html \
	tests/pages/report-highwire.expected.json \
	tests/pages/report-highwire.html \
	tests/pages/think-tank-three-authors-roles.expected.json \
	tests/pages/think-tank-three-authors-roles.html \
	tests/pages/utf8-bom-no-charset.expected.json \
	tests/pages/utf8-bom-no-charset.html \
	tests/pages/wire-organisation-author.expected.json \
	tests/pages/wire-organisation-author.html \
	tests/pages/zh-author-affiliation.expected.json \
	tests/pages/zh-author-affiliation.html \
	tests/pages/zh-reporters-line.expected.json \
	tests/pages/zh-reporters-line.html

noinst_HEADERS += tests/test-util.h

TEST_EXTENSIONS = .sh
# Every test speaks TAP, one line a check: cmocka's tests, the shell tests (through
# tests/e2e-lib.sh) and the layout check.
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
SH_LOG_DRIVER = $(LOG_DRIVER)
SH_LOG_COMPILER = $(SHELL)
AM_TESTS_ENVIRONMENT = \
	CMOCKA_MESSAGE_OUTPUT=TAP; export CMOCKA_MESSAGE_OUTPUT; \
	POLIDEX_SHARED='$(POLIDEX_SHARED)'; export POLIDEX_SHARED; \
	POLIDEX_SRCDIR='$(abs_top_srcdir)'; export POLIDEX_SRCDIR; \
	POLIDEX_BUILDDIR='$(abs_top_builddir)'; export POLIDEX_BUILDDIR; \
	POLIDEX_THESAURUS='$(abs_top_srcdir)/data/thesaurus/polidex-ir.ttl'; \
	export POLIDEX_THESAURUS; \
	POLIDEX_SAN_FLAGS='$(SAN_FLAGS)'; export POLIDEX_SAN_FLAGS; \
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0; export ASAN_OPTIONS; \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1; export UBSAN_OPTIONS;

TEST_CPPFLAGS = $(AM_CPPFLAGS) $(CMOCKA_CFLAGS) $(JSONC_CFLAGS)
TEST_LDADD = tests/libtestutil.la libpolidex_core.la $(CMOCKA_LIBS) $(JSONC_LIBS)

noinst_LTLIBRARIES += tests/libtestutil.la
tests_libtestutil_la_SOURCES = tests/test-util.c
tests_libtestutil_la_CPPFLAGS = $(TEST_CPPFLAGS)

# Each unit test links the library's objects, C++ among them: link with the C++ compiler.
tests_test_status_SOURCES = tests/test_status.c
nodist_EXTRA_tests_test_status_SOURCES = tests/cxx-link.cc
tests_test_status_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_status_LDADD = $(TEST_LDADD)

tests_test_stemmer_SOURCES = tests/test_stemmer.c
nodist_EXTRA_tests_test_stemmer_SOURCES = tests/cxx-link.cc
tests_test_stemmer_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_stemmer_LDADD = $(TEST_LDADD)

tests_test_date_SOURCES = tests/test_date.c
nodist_EXTRA_tests_test_date_SOURCES = tests/cxx-link.cc
tests_test_date_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_date_LDADD = $(TEST_LDADD)

tests_test_extract_SOURCES = tests/test_extract.c
nodist_EXTRA_tests_test_extract_SOURCES = tests/cxx-link.cc
tests_test_extract_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_extract_LDADD = $(TEST_LDADD)

tests_test_seed_SOURCES = tests/test_seed.c
nodist_EXTRA_tests_test_seed_SOURCES = tests/cxx-link.cc
tests_test_seed_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_seed_LDADD = $(TEST_LDADD)

tests_test_thesaurus_SOURCES = tests/test_thesaurus.c
nodist_EXTRA_tests_test_thesaurus_SOURCES = tests/cxx-link.cc
tests_test_thesaurus_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_thesaurus_LDADD = $(TEST_LDADD)

tests_test_tagger_SOURCES = tests/test_tagger.c
nodist_EXTRA_tests_test_tagger_SOURCES = tests/cxx-link.cc
tests_test_tagger_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_tagger_LDADD = $(TEST_LDADD)

tests_test_archive_SOURCES = tests/test_archive.c
nodist_EXTRA_tests_test_archive_SOURCES = tests/cxx-link.cc
tests_test_archive_CPPFLAGS = $(TEST_CPPFLAGS) $(BROTLIENC_CFLAGS) $(ZSTD_CFLAGS) $(LIBZIP_CFLAGS)
tests_test_archive_LDADD = $(TEST_LDADD) $(BROTLIENC_LIBS) $(ZSTD_LIBS) $(LIBZIP_LIBS) $(ZLIB_LIBS)

tests_test_captures_SOURCES = tests/test_captures.c
nodist_EXTRA_tests_test_captures_SOURCES = tests/cxx-link.cc
tests_test_captures_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_captures_LDADD = $(TEST_LDADD)

tests_test_db_SOURCES = tests/test_db.c
nodist_EXTRA_tests_test_db_SOURCES = tests/cxx-link.cc
tests_test_db_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_db_LDADD = $(TEST_LDADD) -lpthread

tests_test_query_SOURCES = tests/test_query.c
nodist_EXTRA_tests_test_query_SOURCES = tests/cxx-link.cc
tests_test_query_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_query_LDADD = $(TEST_LDADD)

# Holds a database's write lock while a test checks that polidex-index is refused.
tests_hold_lock_SOURCES = tests/hold-lock.c
tests_hold_lock_LDADD = libpolidex.la

# The libFuzzer targets (./configure CC=clang CXX=clang++ --enable-fuzzing); tools/fuzz runs
# them with the project's pages and thesauri as their seed corpora.
EXTRA_DIST += tests/fuzz/fuzz-extract.c tests/fuzz/fuzz-skos.c tests/fuzz/fuzz-warc.c \
	tests/fuzz/fuzz-query.c tests/fuzz/lsan-raptor2.supp tests/fuzz/query-seeds
if FUZZING
noinst_PROGRAMS += tests/fuzz/fuzz-extract tests/fuzz/fuzz-skos tests/fuzz/fuzz-warc \
	tests/fuzz/fuzz-query
tests_fuzz_fuzz_query_SOURCES = tests/fuzz/fuzz-query.c
nodist_EXTRA_tests_fuzz_fuzz_query_SOURCES = tests/cxx-link.cc
tests_fuzz_fuzz_query_LDADD = libpolidex_core.la
tests_fuzz_fuzz_query_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
tests_fuzz_fuzz_warc_SOURCES = tests/fuzz/fuzz-warc.c
tests_fuzz_fuzz_warc_LDADD = libpolidex_core.la
nodist_EXTRA_tests_fuzz_fuzz_warc_SOURCES = tests/cxx-link.cc
tests_fuzz_fuzz_warc_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
tests_fuzz_fuzz_skos_SOURCES = tests/fuzz/fuzz-skos.c
nodist_EXTRA_tests_fuzz_fuzz_skos_SOURCES = tests/cxx-link.cc
tests_fuzz_fuzz_skos_LDADD = libpolidex_core.la
tests_fuzz_fuzz_skos_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
tests_fuzz_fuzz_extract_SOURCES = tests/fuzz/fuzz-extract.c
nodist_EXTRA_tests_fuzz_fuzz_extract_SOURCES = tests/cxx-link.cc
tests_fuzz_fuzz_extract_LDADD = libpolidex_core.la
tests_fuzz_fuzz_extract_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
endif

# The iterators over an article's lists.
UNIT_TESTS += tests/test_iterators
tests_test_iterators_SOURCES = tests/test_iterators.c
nodist_EXTRA_tests_test_iterators_SOURCES = tests/cxx-link.cc
tests_test_iterators_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_iterators_LDADD = $(TEST_LDADD)

# The shim's failures and the sharded writer: statuses and messages, not crashes. The helpers
# of tests/test-db-util.c serve every test of databases.
UNIT_TESTS += tests/test_shim tests/test_shards
noinst_HEADERS += tests/test-db-util.h
tests_test_db_SOURCES += tests/test-db-util.c
tests_test_captures_SOURCES += tests/test-db-util.c
tests_test_shim_SOURCES = tests/test_shim.c tests/test-db-util.c
nodist_EXTRA_tests_test_shim_SOURCES = tests/cxx-link.cc
tests_test_shim_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_shim_LDADD = $(TEST_LDADD)
tests_test_shards_SOURCES = tests/test_shards.cc tests/test-db-util.c
tests_test_shards_CPPFLAGS = $(TEST_CPPFLAGS) $(XAPIAN_CFLAGS)
tests_test_shards_LDADD = $(TEST_LDADD) $(XAPIAN_LIBS)

# The extractor's own modules, each with a unit test of its private functions; the archive
# tests share the writing of coded bodies and web archives (tests/test-warc.c) with the
# decoders' own test.
UNIT_TESTS += tests/test_decode tests/test_html tests/test_metadata tests/test_content \
	tests/test_document
noinst_HEADERS += tests/test-warc.h
EXTRACT_TEST_CPPFLAGS = $(TEST_CPPFLAGS) $(LIBXML2_CFLAGS) $(JSONC_CFLAGS)

tests_test_archive_SOURCES += tests/test-warc.c
tests_test_archive_CPPFLAGS += $(LIBDEFLATE_CFLAGS)
tests_test_archive_LDADD += $(LIBDEFLATE_LIBS)

tests_test_decode_SOURCES = tests/test_decode.c tests/test-warc.c
nodist_EXTRA_tests_test_decode_SOURCES = tests/cxx-link.cc
tests_test_decode_CPPFLAGS = $(TEST_CPPFLAGS) $(BROTLIENC_CFLAGS) $(ZSTD_CFLAGS) \
	$(LIBDEFLATE_CFLAGS)
tests_test_decode_LDADD = $(TEST_LDADD) $(BROTLIENC_LIBS) $(ZSTD_LIBS) $(LIBDEFLATE_LIBS)

tests_test_html_SOURCES = tests/test_html.c
nodist_EXTRA_tests_test_html_SOURCES = tests/cxx-link.cc
tests_test_html_CPPFLAGS = $(EXTRACT_TEST_CPPFLAGS)
tests_test_html_LDADD = $(TEST_LDADD) $(LIBXML2_LIBS)

tests_test_metadata_SOURCES = tests/test_metadata.c
nodist_EXTRA_tests_test_metadata_SOURCES = tests/cxx-link.cc
tests_test_metadata_CPPFLAGS = $(EXTRACT_TEST_CPPFLAGS)
tests_test_metadata_LDADD = $(TEST_LDADD) $(LIBXML2_LIBS)

tests_test_content_SOURCES = tests/test_content.c
nodist_EXTRA_tests_test_content_SOURCES = tests/cxx-link.cc
tests_test_content_CPPFLAGS = $(EXTRACT_TEST_CPPFLAGS)
tests_test_content_LDADD = $(TEST_LDADD) $(LIBXML2_LIBS)

tests_test_document_SOURCES = tests/test_document.c
nodist_EXTRA_tests_test_document_SOURCES = tests/cxx-link.cc
tests_test_document_CPPFLAGS = $(EXTRACT_TEST_CPPFLAGS)
tests_test_document_LDADD = $(TEST_LDADD) $(LIBXML2_LIBS)

# One thesaurus shared between threads: tagging and covering from four threads at once, and a
# thesaurus destroyed while the threads that used it live.
UNIT_TESTS += tests/test_concepts
tests_test_concepts_SOURCES = tests/test_concepts.c
nodist_EXTRA_tests_test_concepts_SOURCES = tests/cxx-link.cc
tests_test_concepts_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_concepts_LDADD = $(TEST_LDADD) -lpthread

# A scheme compiled and read back is the scheme it was; a damaged block is refused; an index
# keeps the scheme it was tagged with.
UNIT_TESTS += tests/test_compiled
tests_test_compiled_SOURCES = tests/test_compiled.c tests/test-db-util.c
nodist_EXTRA_tests_test_compiled_SOURCES = tests/cxx-link.cc
tests_test_compiled_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_compiled_LDADD = $(TEST_LDADD)

# cli/: option values, the reading of options, the thesaurus and the messages the programs
# share; serve/: what polidex-serve reads of a request.
UNIT_TESTS += tests/test_cli tests/test_serve_params
tests_test_cli_SOURCES = tests/test_cli.c
nodist_EXTRA_tests_test_cli_SOURCES = tests/cxx-link.cc
tests_test_cli_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_cli_LDADD = libpdx_cli.la $(TEST_LDADD)
tests_test_serve_params_SOURCES = tests/test_serve_params.c serve/http.c serve/params.c \
	serve/workers.c serve/export.c
nodist_EXTRA_tests_test_serve_params_SOURCES = tests/cxx-link.cc
tests_test_serve_params_CPPFLAGS = $(TEST_CPPFLAGS) $(MHD_CFLAGS)
tests_test_serve_params_LDADD = libpdx_cli.la $(TEST_LDADD) $(MHD_LIBS) -lpthread
