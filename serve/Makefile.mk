# serve/: polidex-serve, the HTTP JSON service, and the search page it serves at /.
bin_PROGRAMS += polidex-serve

polidex_serve_SOURCES = serve/polidex-serve.c
polidex_serve_CPPFLAGS = $(AM_CPPFLAGS) $(MHD_CFLAGS)
polidex_serve_LDADD = libpdx_cli.la libpolidex.la $(MHD_LIBS) -lpthread

wwwdir = $(pkgdatadir)/www
dist_www_DATA = serve/www/index.html serve/www/app.js serve/www/style.css
