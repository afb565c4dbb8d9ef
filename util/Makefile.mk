# util/: the helpers every layer uses (growable buffers, dates, multi-value slots, terms).
# It may use the C library only.
noinst_LTLIBRARIES += libpdx_util.la
libpdx_util_la_SOURCES = util/buf.c util/multivalue.c util/date.c util/term.c
noinst_HEADERS += util/buf.h util/multivalue.h util/date.h util/term.h util/array.h
