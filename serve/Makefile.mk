# serve/: polidex-serve, the HTTP JSON service, and the search page it serves at /. It may use
# the public API (include/polidex.h), cli/, libmicrohttpd and json-c.
bin_PROGRAMS += polidex-serve

polidex_serve_SOURCES = serve/polidex-serve.c serve/http.c serve/params.c serve/workers.c serve/export.c
polidex_serve_CPPFLAGS = $(AM_CPPFLAGS) $(MHD_CFLAGS) $(JSONC_CFLAGS)
polidex_serve_LDADD = libpdx_cli.la libpolidex.la $(MHD_LIBS) $(JSONC_LIBS) -lpthread
noinst_HEADERS += serve/serve.h

wwwdir = $(pkgdatadir)/www
dist_www_DATA = serve/www/index.html serve/www/app.js serve/www/style.css
