# cli/: what the four programs share (options, the thesaurus they load, messages). It may use
# the public API (include/polidex.h) only.
noinst_LTLIBRARIES += libpdx_cli.la
libpdx_cli_la_SOURCES = cli/messages.c cli/options.c cli/thesaurus.c
noinst_HEADERS += cli/cli.h
