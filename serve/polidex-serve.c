/* polidex-serve: polidex search as an HTTP/1.1 JSON service, with a search page. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "polidex.h"

#define PROGRAM "polidex-serve"

/* Request limits. */
#define MAX_QUERY_BYTES 1024 /* the q parameter */
#define MAX_FACETS 16
#define MAX_FILTERS 32
#define MAX_LIMIT 100
#define MAX_OFFSET 10000
#define MAX_CORS 16
#define MAX_DATABASES 16
#define MAX_STATIC_BYTES (1024 * 1024)

/* The files of the search page, the only ones served: nothing else under the folder is
 * reachable, whatever the path asks for. */
static const struct {
	const char *path, *file, *type;
} static_files[] = {
	{"/", "index.html", "text/html; charset=utf-8"},
	{"/index.html", "index.html", "text/html; charset=utf-8"},
	{"/app.js", "app.js", "text/javascript; charset=utf-8"},
	{"/style.css", "style.css", "text/css; charset=utf-8"},
};

struct server {
	const char *dbs[MAX_DATABASES];
	size_t n_dbs;
	const char *thesaurus_path; /* NULL: the default */
	const char *www;            /* the search page's folder */
	const char *cors[MAX_CORS]; /* origins allowed to call from a browser */
	size_t n_cors;
	const char *replay_url;     /* --replay-url: hits' links to their archived copies */
	FILE *log;
	pthread_mutex_t log_lock;
	pthread_key_t state_key;
	/* One thesaurus for each thread, loaded before the threads start (loading one while
	 * another thread loads or parses is not safe); each thread takes one. */
	polidex_thesaurus_t **thesauri;
	size_t n_thesauri;
	pthread_mutex_t pool_lock;
	char *statics[sizeof static_files / sizeof static_files[0]]; /* the files, read once */
	size_t static_len[sizeof static_files / sizeof static_files[0]];
	/* Requests that need the database wait here, first come first served, for the next
	 * free worker: one queue for all connections, so that a slow search holds up one
	 * worker while the others take the next requests, whichever connection they came on
	 * (a thread for each part of the connections made those behind it wait it out). */
	pthread_mutex_t queue_lock;
	pthread_cond_t queue_ready; /* a request waits, or the workers are to stop */
	pthread_cond_t idle;        /* a request was completed */
	struct request *head, *tail;
	unsigned long open_requests; /* suspended or being answered, not yet completed */
	int stopping;                /* no new work: SIGTERM came */
	int quit;                    /* the workers are to end */
	pthread_t *workers;
	unsigned n_workers;
};

/* What each of the server's threads has of its own: Xapian handles and the thesaurus are
 * not shared between threads. */
struct thread_state {
	polidex_db_t *db;
	polidex_thesaurus_t *thesaurus;
	time_t checked; /* when the database was last reopened */
};

/* What a request needs from a worker. */
enum work { WORK_NONE, WORK_SEARCH, WORK_DOC, WORK_HEALTH };

/* A request being answered: its reply is made first (by a worker for what needs the
 * database) and queued on the connection by MHD's thread. */
struct request {
	struct server *srv;
	struct MHD_Connection *conn;
	const char *method, *url;
	enum work work;
	struct request *next; /* in the queue */
	int answered;         /* the reply is made */
	unsigned status;
	const char *type;
	char *body; /* malloc'd */
	size_t bytes;
	struct timespec start;
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
	      "  -t, --thesaurus FILE   the SKOS scheme of the index's concepts\n"
	      "      --cors ORIGIN      let pages from ORIGIN call the service (repeatable)\n"
	      "      --www DIR          the search page's files (default: the installed ones)\n"
	      "      --replay-url PATTERN  link each hit of a web archive to its replay, as\n"
	      "                         http://localhost:8080/COLLECTION/{timestamp}/{url} for\n"
	      "                         pywb (also {date} {url_escaped} {file} {member} {offset}\n"
	      "                         {record_id}); /search gives it as replay_url\n"
	      "      --access-log FILE  one line a request to FILE ('-': standard error, the\n"
	      "                         default)\n"
	      "      --no-access-log    no access log\n"
	      "  -h, --help             show this help and exit\n"
	      "  -V, --version          show the version and exit\n"
	      "\n"
	      "SIGTERM or SIGINT stops the service once the requests in progress are answered.\n",
	      out);
}

/* ---- responses ---------------------------------------------------------------------- */

/* Set the reply of RQ to a copy of BODY (LEN bytes). */
static enum MHD_Result respond(struct request *rq, unsigned status, const char *type,
			       const char *body, size_t len)
{
	char *copy = malloc(len ? len : 1);

	if (!copy)
		return MHD_NO;
	memcpy(copy, body, len);
	free(rq->body);
	rq->body = copy;
	rq->bytes = len;
	rq->status = status;
	rq->type = type;
	rq->answered = 1;
	return MHD_YES;
}

/* The --cors entry that lets the request's Origin call the service, or NULL. */
static const char *allowed_origin(const struct request *rq, const char *origin)
{
	for (size_t i = 0; origin && i < rq->srv->n_cors; i++)
		if (strcmp(origin, rq->srv->cors[i]) == 0 || strcmp(rq->srv->cors[i], "*") == 0)
			return rq->srv->cors[i];
	return NULL;
}

/* Queue the reply of RQ on its connection (MHD's thread only), with the headers every
 * response has. */
static enum MHD_Result queue_reply(struct request *rq)
{
	struct MHD_Response *r;
	const char *origin, *allowed;
	enum MHD_Result ret;

	if (!rq->body)
		return MHD_NO;
	r = MHD_create_response_from_buffer(rq->bytes, rq->body, MHD_RESPMEM_MUST_FREE);
	if (!r)
		return MHD_NO;
	rq->body = NULL; /* the response owns it */
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, rq->type);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	if (strncmp(rq->type, "text/html", 9) == 0)
		/* The page runs its own script only and talks to this service only. */
		MHD_add_response_header(r, "Content-Security-Policy",
					"default-src 'self'; img-src 'self' data:; "
					"frame-ancestors 'self'");
	origin = MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, "Origin");
	allowed = allowed_origin(rq, origin);
	if (allowed) {
		MHD_add_response_header(r, MHD_HTTP_HEADER_ACCESS_CONTROL_ALLOW_ORIGIN,
					allowed[0] == '*' ? "*" : origin);
		MHD_add_response_header(r, MHD_HTTP_HEADER_VARY, "Origin");
	}
	ret = MHD_queue_response(rq->conn, rq->status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result send_json(struct request *rq, unsigned status, char *json)
{
	if (!json)
		return respond(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "application/json",
			       "{\"error\":{\"status\":500,\"parameter\":null,\"message\":\"out of "
			       "memory\"}}",
			       68);
	free(rq->body);
	rq->body = json;
	rq->bytes = strlen(json);
	rq->status = status;
	rq->type = "application/json";
	rq->answered = 1;
	return MHD_YES;
}

/* An error with a JSON body naming PARAMETER (or NULL) and the reason. */
static enum MHD_Result send_error(struct request *rq, unsigned status, const char *parameter,
				  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static enum MHD_Result send_error(struct request *rq, unsigned status, const char *parameter,
				  const char *fmt, ...)
{
	char message[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof message, fmt, ap);
	va_end(ap);
	return send_json(rq, status, polidex_error_to_json(status, parameter, message));
}

/* ---- per-thread state --------------------------------------------------------------- */

static void free_state(void *p)
{
	struct thread_state *st = p;

	if (!st)
		return;
	polidex_db_close(st->db);
	polidex_thesaurus_destroy(st->thesaurus);
	free(st);
}

/* This thread's database, opened on first use and reopened at most once a second so that a
 * search sees what the indexer has committed. NULL with a message in MESSAGE on failure. */
static struct thread_state *thread_state(struct server *srv, char *message, size_t size)
{
	struct thread_state *st = pthread_getspecific(srv->state_key);
	time_t now = time(NULL);

	if (!st) {
		char *why = NULL;

		st = calloc(1, sizeof *st);
		if (!st) {
			snprintf(message, size, "out of memory");
			return NULL;
		}
		if (polidex_db_open_many(srv->dbs, srv->n_dbs, &st->db, &why) !=
		    POLIDEX_STATUS_SUCCESS) {
			snprintf(message, size, "%s", why ? why : "cannot open the database");
			free(why);
			free(st);
			return NULL;
		}
		free(why);
		/* Without a thesaurus, searches run by words alone, as polidex-query's do. */
		pthread_mutex_lock(&srv->pool_lock);
		if (srv->n_thesauri > 0)
			st->thesaurus = srv->thesauri[--srv->n_thesauri];
		pthread_mutex_unlock(&srv->pool_lock);
		st->checked = now;
		pthread_setspecific(srv->state_key, st);
	} else if (now != st->checked) {
		polidex_db_reopen(st->db, NULL);
		st->checked = now;
	}
	return st;
}

/* ---- /search ------------------------------------------------------------------------ */

struct params {
	struct request *rq;
	polidex_query_t *q;
	const char *bad;  /* the parameter that failed, or NULL */
	char why[256];
	size_t n_facets, n_filters;
};

static int parse_unsigned(const char *s, unsigned max, unsigned *out)
{
	char *end;
	unsigned long v;

	if (!s || !*s || strspn(s, "0123456789") != strlen(s))
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || v > max)
		return -1;
	*out = (unsigned)v;
	return 0;
}

static void param_fail(struct params *p, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void param_fail(struct params *p, const char *name, const char *fmt, ...)
{
	va_list ap;

	if (p->bad)
		return;
	p->bad = name;
	va_start(ap, fmt);
	vsnprintf(p->why, sizeof p->why, fmt, ap);
	va_end(ap);
}

/* Each query-string parameter, in the order given (repeated ones included). */
static enum MHD_Result each_param(void *cls, enum MHD_ValueKind kind, const char *key,
				  size_t key_len, const char *value, size_t value_len)
{
	struct params *p = cls;
	polidex_status_t st;
	unsigned n;

	(void)kind;
	if (strlen(key) != key_len) {
		param_fail(p, "(name)", "a parameter name holds a NUL byte");
		return MHD_NO;
	}
	if (p->bad)
		return MHD_NO;
	if (!value)
		value = "";
	if (!polidex_utf8_valid(key, strlen(key))) {
		param_fail(p, "(name)", "a parameter name is not UTF-8");
		return MHD_NO;
	}
	if (strlen(value) != value_len || !polidex_utf8_valid(value, value_len)) {
		param_fail(p, key, "not UTF-8 text");
		return MHD_NO;
	}
	if (strcmp(key, "q") == 0) {
		/* Taken when the query is made. */
	} else if (strcmp(key, "facet") == 0) {
		if (++p->n_facets > MAX_FACETS)
			param_fail(p, key, "at most %d facets", MAX_FACETS);
		else if (polidex_query_add_facet(p->q, value) != POLIDEX_STATUS_SUCCESS)
			param_fail(p, key, "unknown field or size '%s'", value);
	} else if (strcmp(key, "filter") == 0) {
		if (++p->n_filters > MAX_FILTERS)
			param_fail(p, key, "at most %d filters", MAX_FILTERS);
		else if ((st = polidex_query_add_filter_spec(p->q, value)) != POLIDEX_STATUS_SUCCESS)
			param_fail(p, key, "'%s': %s", value,
				   st == POLIDEX_STATUS_UNKNOWN_FIELD ? "unknown field"
								      : "not FIELD:VALUE");
	} else if (strcmp(key, "sort") == 0) {
		if (strcmp(value, "relevance") == 0)
			polidex_query_set_sort(p->q, POLIDEX_SORT_RELEVANCE);
		else if (strcmp(value, "date") == 0)
			polidex_query_set_sort(p->q, POLIDEX_SORT_NEWEST);
		else if (strcmp(value, "-date") == 0)
			polidex_query_set_sort(p->q, POLIDEX_SORT_OLDEST);
		else
			param_fail(p, key, "'%s' is not one of relevance, date, -date", value);
	} else if (strcmp(key, "offset") == 0) {
		if (parse_unsigned(value, MAX_OFFSET, &n) < 0)
			param_fail(p, key, "'%s' is not a number from 0 to %d", value, MAX_OFFSET);
		else
			polidex_query_set_offset(p->q, n);
	} else if (strcmp(key, "limit") == 0) {
		if (parse_unsigned(value, MAX_LIMIT, &n) < 0)
			param_fail(p, key, "'%s' is not a number from 0 to %d", value, MAX_LIMIT);
		else
			polidex_query_set_limit(p->q, n);
	} else if (strcmp(key, "lang") == 0) {
		if (polidex_query_set_language(p->q, value) != POLIDEX_STATUS_SUCCESS)
			param_fail(p, key, "'%s' is not a language polidex knows", value);
	} else if (strcmp(key, "stem") == 0) {
		if (strcmp(value, "none") == 0)
			polidex_query_set_stem_strategy(p->q, POLIDEX_STEM_NONE);
		else if (strcmp(value, "some") == 0)
			polidex_query_set_stem_strategy(p->q, POLIDEX_STEM_SOME);
		else if (strcmp(value, "all") == 0)
			polidex_query_set_stem_strategy(p->q, POLIDEX_STEM_ALL);
		else
			param_fail(p, key, "'%s' is not one of none, some, all", value);
	} else {
		param_fail(p, key, "unknown parameter (known: q, filter, facet, sort, offset, limit, "
				   "lang, stem)");
	}
	return p->bad ? MHD_NO : MHD_YES;
}

static enum MHD_Result handle_search(struct request *rq)
{
	const char *text = MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, "q");
	struct params p = {rq, NULL, NULL, "", 0, 0};
	struct thread_state *st;
	polidex_results_t *results = NULL;
	polidex_status_t status;
	char message[512];
	enum MHD_Result ret;

	if (!text)
		text = "";
	if (strlen(text) > MAX_QUERY_BYTES)
		return send_error(rq, MHD_HTTP_BAD_REQUEST, "q", "the query is longer than %d bytes",
				  MAX_QUERY_BYTES);
	p.q = polidex_query_new(text);
	if (!p.q)
		return send_error(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, NULL, "out of memory");
	MHD_get_connection_values_n(rq->conn, MHD_GET_ARGUMENT_KIND, each_param, &p);
	if (p.bad) {
		polidex_query_destroy(p.q);
		return send_error(rq, MHD_HTTP_BAD_REQUEST, p.bad, "%s", p.why);
	}
	st = thread_state(rq->srv, message, sizeof message);
	if (!st) {
		polidex_query_destroy(p.q);
		return send_error(rq, MHD_HTTP_SERVICE_UNAVAILABLE, NULL, "%s", message);
	}
	polidex_query_set_thesaurus(p.q, st->thesaurus);
	if (rq->srv->replay_url &&
	    polidex_query_set_replay_url(p.q, rq->srv->replay_url) != POLIDEX_STATUS_SUCCESS) {
		polidex_query_destroy(p.q);
		return send_error(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, NULL, "out of memory");
	}
	status = polidex_search(st->db, p.q, &results);
	if (status == POLIDEX_STATUS_DB_ERROR) {
		/* The revision this thread read was overwritten: read the latest and retry. */
		polidex_db_reopen(st->db, NULL);
		status = polidex_search(st->db, p.q, &results);
	}
	if (status == POLIDEX_STATUS_SUCCESS)
		ret = send_json(rq, MHD_HTTP_OK, polidex_results_to_json(results, p.q, 0));
	else if (status == POLIDEX_STATUS_QUERY_SYNTAX || status == POLIDEX_STATUS_UNKNOWN_FIELD)
		ret = send_error(rq, MHD_HTTP_BAD_REQUEST,
				 status == POLIDEX_STATUS_QUERY_SYNTAX ? "q" : "filter", "%s",
				 polidex_db_error(st->db));
	else
		ret = send_error(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, NULL, "%s",
				 polidex_db_error(st->db));
	polidex_results_destroy(results);
	polidex_query_destroy(p.q);
	return ret;
}

/* ---- /doc/DOCID, /health, the page -------------------------------------------------- */

static enum MHD_Result handle_doc(struct request *rq, const char *id)
{
	struct thread_state *st;
	unsigned docid;
	char message[512], *json = NULL;
	polidex_status_t status;

	if (parse_unsigned(id, UINT_MAX, &docid) < 0 || docid == 0)
		return send_error(rq, MHD_HTTP_BAD_REQUEST, "docid",
				  "'%.64s' is not a document id (a number from 1)", id);
	st = thread_state(rq->srv, message, sizeof message);
	if (!st)
		return send_error(rq, MHD_HTTP_SERVICE_UNAVAILABLE, NULL, "%s", message);
	status = polidex_db_get_document(st->db, docid, &json);
	if (status == POLIDEX_STATUS_NOT_FOUND)
		return send_error(rq, MHD_HTTP_NOT_FOUND, "docid", "no document %u", docid);
	if (status != POLIDEX_STATUS_SUCCESS)
		return send_error(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, NULL, "%s",
				  polidex_db_error(st->db));
	return send_json(rq, MHD_HTTP_OK, json);
}

static enum MHD_Result handle_health(struct request *rq)
{
	struct thread_state *st;
	char message[512], body[128];
	unsigned long documents = 0;

	st = thread_state(rq->srv, message, sizeof message);
	if (!st)
		return send_error(rq, MHD_HTTP_SERVICE_UNAVAILABLE, NULL, "%s", message);
	polidex_db_count_documents(st->db, &documents); /* 0 when it cannot be read */
	snprintf(body, sizeof body, "{\"status\":\"ok\",\"documents\":%lu}", documents);
	return respond(rq, MHD_HTTP_OK, "application/json", body, strlen(body));
}

static void log_request(struct request *rq)
{
	struct timespec end;
	const union MHD_ConnectionInfo *ci;
	char addr[INET6_ADDRSTRLEN] = "-", when[64];
	time_t now = time(NULL);
	struct tm tm;
	double ms;

	if (!rq->srv->log)
		return;
	clock_gettime(CLOCK_MONOTONIC, &end);
	ms = (double)(end.tv_sec - rq->start.tv_sec) * 1e3 +
	     (double)(end.tv_nsec - rq->start.tv_nsec) / 1e6;
	ci = MHD_get_connection_info(rq->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;

		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
				  addr, sizeof addr);
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6,
				  &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, addr,
				  sizeof addr);
	}
	gmtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	pthread_mutex_lock(&rq->srv->log_lock);
	/* The URL is logged as the client sent it, cut short: it may be long or hostile. */
	fprintf(rq->srv->log, "%s %s %s %.200s %u %zu %.1fms\n", when, addr, rq->method,
		rq->url, rq->status, rq->bytes, ms);
	fflush(rq->srv->log);
	pthread_mutex_unlock(&rq->srv->log_lock);
}

/* Answer RQ, which needs the database: on a worker thread. */
static void work(struct request *rq)
{
	if (rq->work == WORK_SEARCH)
		handle_search(rq);
	else if (rq->work == WORK_DOC)
		handle_doc(rq, rq->url + 5);
	else
		handle_health(rq);
	if (!rq->answered)
		send_error(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, NULL, "out of memory");
}

/* A worker: takes the oldest waiting request, answers it and hands the connection back to
 * MHD, until told to quit. Its database and thesaurus are its own (thread_state()). */
static void *worker(void *arg)
{
	struct server *srv = arg;

	for (;;) {
		struct request *rq;

		pthread_mutex_lock(&srv->queue_lock);
		while (!srv->head && !srv->quit)
			pthread_cond_wait(&srv->queue_ready, &srv->queue_lock);
		rq = srv->head;
		if (rq) {
			srv->head = rq->next;
			if (!srv->head)
				srv->tail = NULL;
		}
		pthread_mutex_unlock(&srv->queue_lock);
		if (!rq)
			break; /* quit, and nothing left */
		work(rq);
		/* MHD calls answer() again, which queues the reply; RQ is not ours now. */
		MHD_resume_connection(rq->conn);
	}
	return NULL;
}

/* Queue RQ for a worker, its connection suspended meanwhile. Returns 0, or -1 when the
 * service is stopping. */
static int enqueue(struct request *rq)
{
	struct server *srv = rq->srv;

	pthread_mutex_lock(&srv->queue_lock);
	if (srv->stopping) {
		pthread_mutex_unlock(&srv->queue_lock);
		return -1;
	}
	/* Suspended before a worker can see it, so that no worker resumes it first. */
	MHD_suspend_connection(rq->conn);
	rq->next = NULL;
	if (srv->tail)
		srv->tail->next = rq;
	else
		srv->head = rq;
	srv->tail = rq;
	pthread_cond_signal(&srv->queue_ready);
	pthread_mutex_unlock(&srv->queue_lock);
	return 0;
}

/* Called by MHD once a request is over, its reply sent or its connection gone. */
static void completed(void *cls, struct MHD_Connection *conn, void **req_cls,
		      enum MHD_RequestTerminationCode toe)
{
	struct server *srv = cls;
	struct request *rq = *req_cls;

	(void)conn;
	(void)toe;
	if (!rq)
		return;
	*req_cls = NULL;
	pthread_mutex_lock(&srv->queue_lock);
	srv->open_requests--;
	pthread_cond_broadcast(&srv->idle);
	pthread_mutex_unlock(&srv->queue_lock);
	free(rq->body);
	free(rq);
}

/* Make the reply of a request that does not need the database. */
static void answer_here(struct request *rq)
{
	const char *method = rq->method, *url = rq->url;

	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
		send_error(rq, MHD_HTTP_METHOD_NOT_ALLOWED, NULL, "%s is not allowed (GET only)",
			   method);
	} else if (!polidex_utf8_valid(url, strlen(url))) {
		send_error(rq, MHD_HTTP_BAD_REQUEST, NULL, "the path is not UTF-8");
	} else {
		size_t i = 0;

		while (i < sizeof static_files / sizeof static_files[0] &&
		       strcmp(url, static_files[i].path) != 0)
			i++;
		if (i < sizeof static_files / sizeof static_files[0] && rq->srv->statics[i])
			respond(rq, MHD_HTTP_OK, static_files[i].type, rq->srv->statics[i],
				rq->srv->static_len[i]);
		else
			send_error(rq, MHD_HTTP_NOT_FOUND, NULL,
				   "no such page (try /search?q=..., /doc/DOCID, /health)");
	}
}

static enum MHD_Result queue_options(struct request *rq)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(0, "", MHD_RESPMEM_PERSISTENT);
	const char *origin = MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, "Origin");
	enum MHD_Result ret;

	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD, OPTIONS");
	MHD_add_response_header(r, MHD_HTTP_HEADER_ACCESS_CONTROL_ALLOW_METHODS,
				"GET, HEAD, OPTIONS");
	if (allowed_origin(rq, origin))
		MHD_add_response_header(r, MHD_HTTP_HEADER_ACCESS_CONTROL_ALLOW_ORIGIN, origin);
	ret = MHD_queue_response(rq->conn, MHD_HTTP_NO_CONTENT, r);
	MHD_destroy_response(r);
	return ret;
}

/* MHD's request handler, on MHD's thread: the first call for a request makes its reply or
 * queues it for a worker; the call after the worker resumes the connection queues the
 * reply. */
static enum MHD_Result answer(void *cls, struct MHD_Connection *conn, const char *url,
			      const char *method, const char *version, const char *upload_data,
			      size_t *upload_size, void **req_cls)
{
	struct server *srv = cls;
	struct request *rq = *req_cls;
	enum MHD_Result ret;

	(void)version;
	(void)upload_data;
	/* Requests carry no body: it is read and dropped. */
	if (*upload_size) {
		*upload_size = 0;
		return MHD_YES;
	}
	if (!rq) {
		rq = calloc(1, sizeof *rq);
		if (!rq)
			return MHD_NO;
		rq->srv = srv;
		rq->conn = conn;
		rq->method = method;
		rq->url = url;
		clock_gettime(CLOCK_MONOTONIC, &rq->start);
		*req_cls = rq;
		pthread_mutex_lock(&srv->queue_lock);
		srv->open_requests++;
		pthread_mutex_unlock(&srv->queue_lock);
		if (strcmp(method, "OPTIONS") == 0) {
			rq->status = MHD_HTTP_NO_CONTENT;
			ret = queue_options(rq);
			log_request(rq);
			return ret;
		}
		if ((strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0) &&
		    polidex_utf8_valid(url, strlen(url))) {
			if (strcmp(url, "/search") == 0)
				rq->work = WORK_SEARCH;
			else if (strncmp(url, "/doc/", 5) == 0)
				rq->work = WORK_DOC;
			else if (strcmp(url, "/health") == 0)
				rq->work = WORK_HEALTH;
		}
		if (rq->work == WORK_NONE)
			answer_here(rq);
		else if (enqueue(rq) == 0)
			return MHD_YES; /* a worker answers, then resumes the connection */
		else
			send_error(rq, MHD_HTTP_SERVICE_UNAVAILABLE, NULL, "the service is stopping");
	}
	if (!rq->answered)
		return MHD_YES; /* not yet: called again once answered */
	ret = queue_reply(rq);
	log_request(rq);
	return ret;
}

/* ---- start-up ----------------------------------------------------------------------- */

/* Read the page's files from WWW; a missing folder leaves the page out (the JSON service
 * still runs). Returns -1 on a file that exists but cannot be read. */
static int load_statics(struct server *srv)
{
	for (size_t i = 0; i < sizeof static_files / sizeof static_files[0]; i++) {
		char path[PATH_MAX];
		FILE *f;
		size_t n;
		char *buf;

		snprintf(path, sizeof path, "%s/%s", srv->www, static_files[i].file);
		f = fopen(path, "rb");
		if (!f) {
			if (errno == ENOENT)
				continue;
			fprintf(stderr, PROGRAM ": %s: %s\n", path, strerror(errno));
			return -1;
		}
		buf = malloc(MAX_STATIC_BYTES);
		n = buf ? fread(buf, 1, MAX_STATIC_BYTES, f) : 0;
		if (!buf || ferror(f)) {
			fprintf(stderr, PROGRAM ": %s: %s\n", path, buf ? strerror(errno) : "out of memory");
			free(buf);
			fclose(f);
			return -1;
		}
		fclose(f);
		srv->statics[i] = buf;
		srv->static_len[i] = n;
	}
	return 0;
}

/* Parse "ADDR:PORT", "[ADDR6]:PORT" or "PORT" into SA. */
static int parse_listen(const char *s, struct sockaddr_storage *sa, socklen_t *len)
{
	char host[INET6_ADDRSTRLEN + 2] = "127.0.0.1";
	const char *colon = strrchr(s, ':'), *port_s = s;
	unsigned port;

	memset(sa, 0, sizeof *sa);
	if (colon) {
		size_t n = (size_t)(colon - s);

		if (n >= sizeof host)
			return -1;
		memcpy(host, s, n);
		host[n] = '\0';
		port_s = colon + 1;
	}
	if (parse_unsigned(port_s, 65535, &port) < 0)
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

int main(int argc, char **argv)
{
	enum { OPT_CORS = 256, OPT_WWW, OPT_ACCESS_LOG, OPT_NO_ACCESS_LOG, OPT_REPLAY_URL };
	static const struct option options[] = {
		{"db", required_argument, NULL, 'd'},
		{"listen", required_argument, NULL, 'L'},
		{"threads", required_argument, NULL, 'j'},
		{"thesaurus", required_argument, NULL, 't'},
		{"cors", required_argument, NULL, OPT_CORS},
		{"replay-url", required_argument, NULL, OPT_REPLAY_URL},
		{"www", required_argument, NULL, OPT_WWW},
		{"access-log", required_argument, NULL, OPT_ACCESS_LOG},
		{"no-access-log", no_argument, NULL, OPT_NO_ACCESS_LOG},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0}};
	static struct server srv;
	struct sockaddr_storage addr;
	socklen_t addr_len;
	const char *listen_at = "127.0.0.1:8080", *log_path = "-";
	unsigned threads = 0;
	struct MHD_Daemon *daemon;
	const union MHD_DaemonInfo *info;
	sigset_t stop;
	int opt, sig, rc = 0;
	char *why = NULL;
	polidex_db_t *probe = NULL;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);

	srv.www = PDX_PKGDATADIR "/www";
	while ((opt = getopt_long(argc, argv, "d:L:j:t:hV", options, NULL)) != -1) {
		switch (opt) {
		case 'd':
			if (srv.n_dbs == MAX_DATABASES) {
				fprintf(stderr, PROGRAM ": --db: at most %d databases\n", MAX_DATABASES);
				return 2;
			}
			srv.dbs[srv.n_dbs++] = optarg;
			break;
		case 'L':
			listen_at = optarg;
			break;
		case 'j':
			if (parse_unsigned(optarg, 256, &threads) < 0 || threads == 0) {
				fprintf(stderr, PROGRAM ": --threads: '%s' is not a number from 1 to 256\n",
					optarg);
				return 2;
			}
			break;
		case 't':
			srv.thesaurus_path = optarg;
			break;
		case OPT_CORS:
			if (srv.n_cors == MAX_CORS) {
				fprintf(stderr, PROGRAM ": --cors: at most %d origins\n", MAX_CORS);
				return 2;
			}
			srv.cors[srv.n_cors++] = optarg;
			break;
		case OPT_WWW:
			srv.www = optarg;
			break;
		case OPT_REPLAY_URL: {
			polidex_query_t *check = polidex_query_new("");

			if (!check || polidex_query_set_replay_url(check, optarg) !=
					      POLIDEX_STATUS_SUCCESS) {
				fprintf(stderr, PROGRAM ": --replay-url: '%s' has a placeholder polidex "
					"does not know (known: {timestamp} {url} {url_escaped} {date} "
					"{file} {member} {offset} {record_id})\n", optarg);
				polidex_query_destroy(check);
				return 2;
			}
			polidex_query_destroy(check);
			srv.replay_url = optarg;
			break;
		}
		case OPT_ACCESS_LOG:
			log_path = optarg;
			break;
		case OPT_NO_ACCESS_LOG:
			log_path = NULL;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf(PROGRAM " (polidex) %s\n", polidex_version());
			return 0;
		default:
			fprintf(stderr, "Try '" PROGRAM " --help' for more information.\n");
			return 2;
		}
	}
	if (srv.n_dbs == 0 || optind < argc) {
		fprintf(stderr, PROGRAM ": %s\nTry '" PROGRAM " --help' for more information.\n",
			srv.n_dbs == 0 ? "no database given (--db DIR)" : "unexpected argument");
		return 2;
	}
	if (parse_listen(listen_at, &addr, &addr_len) < 0) {
		fprintf(stderr, PROGRAM ": --listen: '%s' is not ADDR:PORT (as 127.0.0.1:8080)\n",
			listen_at);
		return 2;
	}
	if (threads == 0)
		threads = cores > 0 && cores <= 256 ? (unsigned)cores : 2;
	/* A database that cannot be opened is reported now, not on the first request. */
	if (polidex_db_open_many(srv.dbs, srv.n_dbs, &probe, &why) != POLIDEX_STATUS_SUCCESS) {
		fprintf(stderr, PROGRAM ": %s\n", why ? why : "cannot open the database");
		free(why);
		return 2;
	}
	polidex_db_close(probe);
	/* A thesaurus named with --thesaurus must load; the default one may be missing, and
	 * searches then run by words alone. */
	srv.thesauri = calloc(threads, sizeof *srv.thesauri);
	if (!srv.thesauri) {
		fprintf(stderr, PROGRAM ": out of memory\n");
		return 2;
	}
	for (unsigned i = 0; i < threads; i++) {
		const char *th = srv.thesaurus_path ? srv.thesaurus_path
						    : polidex_thesaurus_default_path();

		if (polidex_thesaurus_load(th, &srv.thesauri[i], &why) != POLIDEX_STATUS_SUCCESS) {
			if (srv.thesaurus_path) {
				fprintf(stderr, PROGRAM ": %s\n", why ? why : "cannot load the thesaurus");
				free(why);
				return 2;
			}
			if (i == 0)
				fprintf(stderr, PROGRAM ": %s; searching without concept labels\n",
					why ? why : "cannot load the default thesaurus");
			free(why);
			why = NULL;
			break;
		}
		srv.n_thesauri++;
	}
	pthread_mutex_init(&srv.pool_lock, NULL);
	if (load_statics(&srv) < 0)
		return 2;
	if (log_path && strcmp(log_path, "-") != 0) {
		srv.log = fopen(log_path, "a");
		if (!srv.log) {
			fprintf(stderr, PROGRAM ": --access-log %s: %s\n", log_path, strerror(errno));
			return 2;
		}
	} else if (log_path) {
		srv.log = stderr;
	}
	pthread_mutex_init(&srv.log_lock, NULL);
	pthread_key_create(&srv.state_key, free_state);
	pthread_mutex_init(&srv.queue_lock, NULL);
	pthread_cond_init(&srv.queue_ready, NULL);
	pthread_cond_init(&srv.idle, NULL);
	/* The threads started from here on inherit this mask: the signals come to sigwait()
	 * below. */
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);
	srv.workers = calloc(threads, sizeof *srv.workers);
	if (!srv.workers) {
		fprintf(stderr, PROGRAM ": out of memory\n");
		return 2;
	}
	for (; srv.n_workers < threads; srv.n_workers++)
		if (pthread_create(&srv.workers[srv.n_workers], NULL, worker, &srv) != 0) {
			fprintf(stderr, PROGRAM ": cannot start a thread: %s\n", strerror(errno));
			return 2;
		}
	/* One thread reads requests and writes replies; the workers search. */
	daemon = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG |
			MHD_ALLOW_SUSPEND_RESUME | (addr.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0),
		0, NULL, NULL, answer, &srv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
		MHD_OPTION_NOTIFY_COMPLETED, completed, &srv,
		/* Bounded: connections beyond these wait in the kernel's backlog or are
		 * refused, and a client that sends nothing is dropped after 10 s. */
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)256, MHD_OPTION_CONNECTION_TIMEOUT,
		(unsigned)10, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(16 * 1024),
		MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)1024, MHD_OPTION_END);
	if (!daemon) {
		fprintf(stderr, PROGRAM ": cannot listen on %s: %s\n", listen_at,
			errno ? strerror(errno) : "address in use or not available");
		return 2;
	}
	info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
	{
		char host[INET6_ADDRSTRLEN] = "";

		if (addr.ss_family == AF_INET6)
			inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&addr)->sin6_addr, host,
				  sizeof host);
		else
			inet_ntop(AF_INET, &((struct sockaddr_in *)&addr)->sin_addr, host, sizeof host);
		printf(PROGRAM ": listening on http://%s%s%s:%u/ with %u threads\n",
		       addr.ss_family == AF_INET6 ? "[" : "", host,
		       addr.ss_family == AF_INET6 ? "]" : "", info ? info->port : 0, threads);
		fflush(stdout);
	}
	while (sigwait(&stop, &sig) != 0)
		;
	fprintf(stderr, PROGRAM ": %s: stopping\n", sig == SIGTERM ? "SIGTERM" : "SIGINT");
	/* Requests already in are answered (for 10 s at most); new ones get 503. */
	{
		struct timespec deadline;

		clock_gettime(CLOCK_REALTIME, &deadline);
		deadline.tv_sec += 10;
		pthread_mutex_lock(&srv.queue_lock);
		srv.stopping = 1;
		while (srv.open_requests > 0 &&
		       pthread_cond_timedwait(&srv.idle, &srv.queue_lock, &deadline) == 0)
			;
		srv.quit = 1;
		pthread_cond_broadcast(&srv.queue_ready);
		pthread_mutex_unlock(&srv.queue_lock);
	}
	/* The workers answer what is left in the queue, resuming every connection, and end. */
	for (unsigned i = 0; i < srv.n_workers; i++)
		pthread_join(srv.workers[i], NULL);
	free(srv.workers);
	MHD_stop_daemon(daemon);
	while (srv.n_thesauri > 0)
		polidex_thesaurus_destroy(srv.thesauri[--srv.n_thesauri]);
	free(srv.thesauri);
	for (size_t i = 0; i < sizeof static_files / sizeof static_files[0]; i++)
		free(srv.statics[i]);
	if (srv.log && srv.log != stderr && fclose(srv.log) != 0)
		rc = 2;
	return rc;
}
