# util/: the helpers every layer uses (growable buffers, dates, multi-value slots, terms, the
# public iterator over strings).
# It may use the C library and the public header only.
noinst_LTLIBRARIES += libpdx_util.la
libpdx_util_la_SOURCES = util/buf.c util/multivalue.c util/date.c util/term.c util/strings.c \
	util/array.c
noinst_HEADERS += util/buf.h util/multivalue.h util/date.h util/term.h util/strings.h \
	util/array.h
