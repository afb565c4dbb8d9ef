/* polidex-serve: polidex search as an HTTP/1.1 JSON service, with a search page. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cli/cli.h"
#include "serve/serve.h"

/* What the command line asks for, besides what goes to the server. */
struct serve_settings {
	struct server *srv;
	const char *listen_at;	    /* ADDR:PORT */
	const char *log_path;	    /* --access-log, "-" for standard error; NULL: none */
	const char *thesaurus_path; /* NULL: the default */
	unsigned threads;	    /* 0: one a core */
};

static void usage(FILE *out)
{
	fputs("Usage: " PROGRAM " --db DIR [OPTION]...\n"
	      "Serve polidex search of the database DIR over HTTP: GET /search (the JSON of\n"
	      "polidex-query --format=json), GET /doc/DOCID (a document's stored fields),\n"
	      "GET /health, and a search page at /.\n"
	      "\n"
	      "  -d, --db DIR           a database to search (repeatable, as polidex-query)\n"
	      "  -L, --listen ADDR:PORT where to listen (default 127.0.0.1:8080; port 0 takes a\n"
	      "                         free one, printed on standard output)\n"
	      "  -j, --threads N        requests answered at once, first come first served\n"
	      "                         (default: the number of cores)\n"
	      "  -t, --thesaurus FILE   the SKOS scheme of the index's concepts (not needed:\n"
	      "                         the index keeps it)\n"
	      "      --cors ORIGIN      let pages from ORIGIN call the service (repeatable)\n"
	      "      --www DIR          the search page's files (default: the installed ones)\n"
	      "      --replay-url PATTERN  link each hit of a web archive to its replay, as\n"
	      "                         http://localhost:8080/COLLECTION/{timestamp}/{url} for\n"
	      "                         pywb (also {date} {url_escaped} {file} {member} {offset}\n"
	      "                         {record_id}); /search gives it as replay_url\n"
	      "      --export-limit N   the most matches /search?format=csv|jsonl downloads\n"
	      "                         (default 100000; 0: no downloads)\n"
	      "      --access-log FILE  one line a request to FILE ('-': standard error, the\n"
	      "                         default)\n"
	      "      --no-access-log    no access log\n"
	      "  -h, --help             show this help and exit\n"
	      "  -V, --version          show the version and exit\n"
	      "\n"
	      "SIGTERM or SIGINT stops the service once the requests in progress are answered.\n",
	      out);
}

enum { OPT_CORS = 256, OPT_WWW, OPT_ACCESS_LOG, OPT_NO_ACCESS_LOG, OPT_EXPORT_LIMIT };

/* Read the option OPT, with the argument ARG, into the settings CTX. Returns PDX_CLI_GO_ON, or
 * the status to exit with. */
static int read_option(int opt, const char *arg, void *ctx)
{
	struct serve_settings *s = ctx;
	struct server *srv = s->srv;
	unsigned long n;

	switch (opt) {
	case 'd':
		if (pdx_cli_add_repeated(PROGRAM, "--db", "databases", srv->dbs, &srv->n_dbs,
					 MAX_DATABASES, arg) < 0)
			return PDX_CLI_EXIT_FAILURE;
		break;
	case 'L':
		s->listen_at = arg;
		break;
	case 'j':
		if (pdx_serve_parse_number(arg, 1, 256, &n) < 0)
			return pdx_cli_bad_number(PROGRAM, "--threads", arg, 1, 256);
		s->threads = (unsigned)n;
		break;
	case 't':
		s->thesaurus_path = arg;
		break;
	case OPT_CORS:
		if (pdx_cli_add_repeated(PROGRAM, "--cors", "origins", srv->cors, &srv->n_cors,
					 MAX_CORS, arg) < 0)
			return PDX_CLI_EXIT_FAILURE;
		break;
	case OPT_WWW:
		srv->www = arg;
		break;
	case PDX_CLI_OPT_REPLAY_URL:
		if (pdx_cli_check_replay_url(PROGRAM, arg) < 0)
			return PDX_CLI_EXIT_FAILURE;
		srv->replay_url = arg;
		break;
	case OPT_ACCESS_LOG:
		s->log_path = arg;
		break;
	case OPT_NO_ACCESS_LOG:
		s->log_path = NULL;
		break;
	case OPT_EXPORT_LIMIT:
		if (pdx_serve_parse_number(arg, 0, 100000000, &n) < 0)
			return pdx_cli_bad_number(PROGRAM, "--export-limit", arg, 0, 100000000);
		srv->export_limit = n;
		break;
	}
	return PDX_CLI_GO_ON;
}

/* Read the command line into S. Returns PDX_CLI_GO_ON, or the status to exit with. */
static int read_options(int argc, char **argv, struct serve_settings *s)
{
	static const struct option options[] = {
		{"listen", required_argument, NULL, 'L'},
		{"threads", required_argument, NULL, 'j'},
		{"cors", required_argument, NULL, OPT_CORS},
		{"www", required_argument, NULL, OPT_WWW},
		{"access-log", required_argument, NULL, OPT_ACCESS_LOG},
		{"no-access-log", no_argument, NULL, OPT_NO_ACCESS_LOG},
		{"export-limit", required_argument, NULL, OPT_EXPORT_LIMIT},
		{NULL, 0, NULL, 0}};
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int rc = pdx_cli_read_options(PROGRAM, argc, argv, "L:j:", options,
				      PDX_CLI_DB | PDX_CLI_THESAURUS | PDX_CLI_REPLAY_URL, usage,
				      read_option, s);

	if (rc != PDX_CLI_GO_ON)
		return rc;
	if (s->srv->n_dbs == 0)
		return pdx_cli_usage_error(PROGRAM, "no database given (--db DIR)");
	if (optind < argc)
		return pdx_cli_usage_error(PROGRAM, "unexpected argument");
	if (s->threads == 0)
		s->threads = cores > 0 && cores <= 256 ? (unsigned)cores : 2;
	return PDX_CLI_GO_ON;
}

/* Parse "ADDR:PORT", "[ADDR6]:PORT" or "PORT" into SA. */
static int parse_listen(const char *s, struct sockaddr_storage *sa, socklen_t *len)
{
	char host[INET6_ADDRSTRLEN + 2] = "127.0.0.1";
	const char *colon = strrchr(s, ':'), *port_s = s;
	unsigned long port;

	memset(sa, 0, sizeof *sa);
	if (colon) {
		size_t n = (size_t)(colon - s);

		if (n >= sizeof host)
			return -1;
		memcpy(host, s, n);
		host[n] = '\0';
		port_s = colon + 1;
	}
	if (pdx_serve_parse_number(port_s, 0, 65535, &port) < 0)
		return -1;
	if (host[0] == '[' && host[strlen(host) - 1] == ']') {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)sa;

		host[strlen(host) - 1] = '\0';
		a->sin6_family = AF_INET6;
		a->sin6_port = htons((uint16_t)port);
		*len = sizeof *a;
		return inet_pton(AF_INET6, host + 1, &a->sin6_addr) == 1 ? 0 : -1;
	}
	{
		struct sockaddr_in *a = (struct sockaddr_in *)sa;

		a->sin_family = AF_INET;
		a->sin_port = htons((uint16_t)port);
		*len = sizeof *a;
		return inet_pton(AF_INET, host, &a->sin_addr) == 1 ? 0 : -1;
	}
}

/* Whether the server CTX has room for another named scheme. */
static int wants_held(void *ctx, const char *name)
{
	const struct server *srv = ctx;

	(void)name;
	return srv->n_named < PDX_CLI_SCHEMES_MAX;
}

/* Keep TH, the named scheme NAME, in the server CTX for every thread. */
static void keep_held(void *ctx, const char *name, polidex_thesaurus_t *th)
{
	struct server *srv = ctx;

	snprintf(srv->named_names[srv->n_named], sizeof srv->named_names[0], "%s", name);
	srv->named[srv->n_named++] = th;
}

/* What the service needs before it listens: the databases (one that cannot be opened is
 * reported now, not on the first request), the thesaurus, the page's files and the access
 * log. Returns 0, or -1 after saying what failed. */
static int prepare(struct server *srv, const struct serve_settings *s)
{
	polidex_db_t *probe = NULL;
	char *why = NULL;

	if (polidex_db_open_many(srv->dbs, srv->n_dbs, &probe, &why) != POLIDEX_STATUS_SUCCESS) {
		pdx_cli_error(PROGRAM, "%s", why ? why : "cannot open the database");
		free(why);
		return -1;
	}
	/* The index's own scheme, when it holds one; else a thesaurus named with --thesaurus
	 * must load, and the default one may be missing, searches then running by words
	 * alone. */
	if (pdx_cli_index_thesaurus(PROGRAM, probe, s->thesaurus_path,
				    PDX_CLI_SERVICE_WITHOUT_LABELS, &srv->thesaurus) < 0 ||
	    pdx_cli_held_schemes(PROGRAM, probe, wants_held, keep_held, srv) < 0) {
		polidex_db_close(probe);
		return -1;
	}
	polidex_db_close(probe);
	if (pdx_serve_load_statics(srv) < 0)
		return -1;
	if (s->log_path && strcmp(s->log_path, "-") != 0) {
		srv->log = fopen(s->log_path, "a");
		if (!srv->log) {
			pdx_cli_error(PROGRAM, "--access-log %s: %s", s->log_path, strerror(errno));
			return -1;
		}
	} else if (s->log_path) {
		srv->log = stderr;
	}
	pthread_mutex_init(&srv->log_lock, NULL);
	return 0;
}

/* Start listening at ADDR: one thread reads requests and writes replies, the workers search.
 * NULL after saying why it cannot. */
static struct MHD_Daemon *start_daemon(struct server *srv, const struct sockaddr_storage *addr,
				       const char *listen_at)
{
	struct MHD_Daemon *daemon = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG |
			MHD_ALLOW_SUSPEND_RESUME | (addr->ss_family == AF_INET6 ? MHD_USE_IPv6 : 0),
		0, NULL, NULL, pdx_serve_answer, srv, MHD_OPTION_SOCK_ADDR,
		(const struct sockaddr *)addr, MHD_OPTION_NOTIFY_COMPLETED, pdx_serve_completed,
		srv,
		/* Bounded: connections beyond these wait in the kernel's backlog or are
		 * refused, and a client that sends nothing is dropped after 10 s. */
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)256, MHD_OPTION_CONNECTION_TIMEOUT,
		(unsigned)10, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(16 * 1024),
		MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)1024, MHD_OPTION_END);

	if (!daemon)
		pdx_cli_error(PROGRAM, "cannot listen on %s: %s", listen_at,
			      errno ? strerror(errno) : "address in use or not available");
	return daemon;
}

/* Say on standard output where the service listens, with the port it was given. */
static void say_listening(struct MHD_Daemon *daemon, const struct sockaddr_storage *addr,
			  unsigned threads)
{
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
	char host[INET6_ADDRSTRLEN] = "";
	int v6 = addr->ss_family == AF_INET6;

	if (v6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)addr)->sin6_addr, host,
			  sizeof host);
	else
		inet_ntop(AF_INET, &((const struct sockaddr_in *)addr)->sin_addr, host,
			  sizeof host);
	printf(PROGRAM ": listening on http://%s%s%s:%u/ with %u threads\n", v6 ? "[" : "", host,
	       v6 ? "]" : "", info ? info->port : 0, threads);
	fflush(stdout);
}

/* Free what the server holds once it has stopped. Returns 0, or -1 when the access log could
 * not be written. */
static int free_server(struct server *srv)
{
	polidex_thesaurus_destroy(srv->thesaurus);
	for (size_t i = 0; i < srv->n_named; i++)
		polidex_thesaurus_destroy(srv->named[i]);
	pdx_serve_free_statics(srv);
	if (srv->log && srv->log != stderr && fclose(srv->log) != 0)
		return -1;
	return 0;
}

int main(int argc, char **argv)
{
	static struct server srv = {.www = PDX_PKGDATADIR "/www", .export_limit = 100000};
	struct serve_settings s = {&srv, "127.0.0.1:8080", "-", NULL, 0};
	struct sockaddr_storage addr;
	socklen_t addr_len;
	struct MHD_Daemon *daemon;
	sigset_t stop;
	int sig, rc = read_options(argc, argv, &s);

	if (rc != PDX_CLI_GO_ON)
		return rc;
	if (parse_listen(s.listen_at, &addr, &addr_len) < 0) {
		pdx_cli_error(PROGRAM, "--listen: '%s' is not ADDR:PORT (as 127.0.0.1:8080)",
			      s.listen_at);
		return PDX_CLI_EXIT_FAILURE;
	}
	if (prepare(&srv, &s) < 0)
		return PDX_CLI_EXIT_FAILURE;
	/* The threads started from here on inherit this mask: the signals come to sigwait()
	 * below. */
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (pdx_serve_start_workers(&srv, s.threads) < 0)
		return PDX_CLI_EXIT_FAILURE;
	daemon = start_daemon(&srv, &addr, s.listen_at);
	if (!daemon)
		return PDX_CLI_EXIT_FAILURE;
	say_listening(daemon, &addr, s.threads);
	while (sigwait(&stop, &sig) != 0)
		;
	pdx_cli_error(PROGRAM, "%s: stopping", sig == SIGTERM ? "SIGTERM" : "SIGINT");
	pdx_serve_stop_workers(&srv);
	MHD_stop_daemon(daemon);
	return free_server(&srv) < 0 ? PDX_CLI_EXIT_FAILURE : PDX_CLI_EXIT_SUCCESS;
}
