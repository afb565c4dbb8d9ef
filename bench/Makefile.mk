# bench/: benchmark programs (built on demand: make bench/tag-speed).
EXTRA_PROGRAMS = bench/tag-speed
bench_tag_speed_SOURCES = bench/tag-speed.c
nodist_EXTRA_bench_tag_speed_SOURCES = tests/cxx-link.cc
bench_tag_speed_LDADD = libpolidex_core.la
CLEANFILES += bench/tag-speed

# gen-crawl: the synthetic crawl; built for the tests too.
check_PROGRAMS += bench/gen-crawl
bench_gen_crawl_SOURCES = bench/gen-crawl.c
bench_gen_crawl_CPPFLAGS = $(AM_CPPFLAGS) $(ZLIB_CFLAGS)
bench_gen_crawl_LDADD = libpolidex_core.la $(ZLIB_LIBS) -lm

# warc-read: the web archive reader alone, against bench/warcio/read.mjs; built for the tests.
check_PROGRAMS += bench/warc-read
bench_warc_read_SOURCES = bench/warc-read.c
nodist_EXTRA_bench_warc_read_SOURCES = tests/cxx-link.cc
bench_warc_read_LDADD = libpolidex_core.la -lpthread
