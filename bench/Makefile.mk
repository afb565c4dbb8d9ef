# bench/: benchmark programs (built on demand: make bench/tag-speed).
EXTRA_PROGRAMS = bench/tag-speed
bench_tag_speed_SOURCES = bench/tag-speed.c
nodist_EXTRA_bench_tag_speed_SOURCES = tests/cxx-link.cc
bench_tag_speed_LDADD = libpolidex_core.la
CLEANFILES += bench/tag-speed
