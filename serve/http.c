/* http.c: polidex-serve's replies and their headers, the search page's files, the access log,
 * and the handlers MHD calls for each request. */
#include "config.h"

#include "serve/serve.h"

#include <arpa/inet.h>
#include <errno.h>
#include <json-c/json.h>
#include <limits.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "cli/cli.h"

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

_Static_assert(sizeof static_files / sizeof static_files[0] == N_STATIC_FILES,
	       "N_STATIC_FILES counts the search page's files");

/* The reply to a request when memory ran out for the one it was to have. */
static const char out_of_memory[] =
	"{\"error\":{\"status\":500,\"parameter\":null,\"message\":\"out of memory\"}}";

/* Set the reply of RQ to BODY, of LEN bytes, which it takes. */
static enum MHD_Result set_reply(struct request *rq, unsigned status, const char *type,
				 char *body, size_t len)
{
	free(rq->body);
	rq->body = body;
	rq->bytes = len;
	rq->status = status;
	rq->type = type;
	rq->answered = 1;
	return MHD_YES;
}

enum MHD_Result pdx_serve_respond(struct request *rq, unsigned status, const char *type,
				  const char *body, size_t len)
{
	char *copy = malloc(len ? len : 1);

	if (!copy)
		return MHD_NO;
	memcpy(copy, body, len);
	return set_reply(rq, status, type, copy, len);
}

enum MHD_Result pdx_serve_send_json(struct request *rq, unsigned status, char *json)
{
	if (!json)
		return pdx_serve_respond(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "application/json",
					 out_of_memory, sizeof out_of_memory);
	return set_reply(rq, status, "application/json", json, strlen(json));
}

/* The body of an error reply: {"error": {"status": STATUS, "parameter": PARAMETER or null,
 * "message": MESSAGE}} on one line, to be freed; NULL when memory ran out. */
static char *error_json(unsigned status, const char *parameter, const char *message)
{
	json_object *body = json_object_new_object(), *error = json_object_new_object();
	const char *text = NULL;
	char *json = NULL;

	if (body && error) {
		json_object_object_add(error, "status", json_object_new_int((int)status));
		json_object_object_add(error, "parameter",
				       parameter ? json_object_new_string(parameter) : NULL);
		json_object_object_add(error, "message", json_object_new_string(message));
		json_object_object_add(body, "error", json_object_get(error));
		text = json_object_to_json_string_ext(body, JSON_C_TO_STRING_PLAIN |
								    JSON_C_TO_STRING_NOSLASHESCAPE);
	}
	if (text)
		json = strdup(text);
	json_object_put(error);
	json_object_put(body);
	return json;
}

enum MHD_Result pdx_serve_send_error(struct request *rq, unsigned status, const char *parameter,
				     const char *fmt, ...)
{
	char message[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof message, fmt, ap);
	va_end(ap);
	return pdx_serve_send_json(rq, status, error_json(status, parameter, message));
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

	if (rq->stream) {
		r = pdx_serve_stream_response(rq);
		if (!r)
			return MHD_NO;
	} else {
		if (!rq->body)
			return MHD_NO;
		r = MHD_create_response_from_buffer(rq->bytes, rq->body, MHD_RESPMEM_MUST_FREE);
		if (!r)
			return MHD_NO;
		rq->body = NULL; /* the response owns it */
	}
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

/* The reply to a preflight request: which methods may be used, and by whom. */
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

/* ---- the search page ---------------------------------------------------------------- */

int pdx_serve_load_statics(struct server *srv)
{
	for (size_t i = 0; i < N_STATIC_FILES; i++) {
		char path[PATH_MAX];
		FILE *f;
		size_t n;
		char *buf;

		snprintf(path, sizeof path, "%s/%s", srv->www, static_files[i].file);
		f = fopen(path, "rb");
		if (!f) {
			if (errno == ENOENT)
				continue;
			pdx_cli_error(PROGRAM, "%s: %s", path, strerror(errno));
			return -1;
		}
		buf = malloc(MAX_STATIC_BYTES);
		n = buf ? fread(buf, 1, MAX_STATIC_BYTES, f) : 0;
		if (!buf || ferror(f)) {
			pdx_cli_error(PROGRAM, "%s: %s", path,
				      buf ? strerror(errno) : "out of memory");
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

void pdx_serve_free_statics(struct server *srv)
{
	for (size_t i = 0; i < N_STATIC_FILES; i++)
		free(srv->statics[i]);
}

/* Make the reply of a request that does not need the database. */
static void answer_here(struct request *rq)
{
	const char *method = rq->method, *url = rq->url;
	size_t i = 0;

	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
		pdx_serve_send_error(rq, MHD_HTTP_METHOD_NOT_ALLOWED, NULL,
				     "%s is not allowed (GET only)", method);
		return;
	}
	if (!pdx_serve_utf8_valid(url, strlen(url))) {
		pdx_serve_send_error(rq, MHD_HTTP_BAD_REQUEST, NULL, "the path is not UTF-8");
		return;
	}
	while (i < N_STATIC_FILES && strcmp(url, static_files[i].path) != 0)
		i++;
	if (i < N_STATIC_FILES && rq->srv->statics[i])
		pdx_serve_respond(rq, MHD_HTTP_OK, static_files[i].type, rq->srv->statics[i],
				  rq->srv->static_len[i]);
	else
		pdx_serve_send_error(rq, MHD_HTTP_NOT_FOUND, NULL,
				     "no such page (try /search?q=..., /doc/DOCID, /health)");
}

/* ---- requests ----------------------------------------------------------------------- */

/* The client's address of RQ's connection as text in OUT, or "-". */
static void client_address(const struct request *rq, char *out, size_t size)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(rq->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	snprintf(out, size, "-");
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out,
			  (socklen_t)size);
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
			  out, (socklen_t)size);
}

static void log_request(struct request *rq)
{
	struct timespec end;
	char addr[INET6_ADDRSTRLEN], when[64];
	time_t now = time(NULL);
	struct tm tm;
	double ms;

	if (!rq->srv->log)
		return;
	clock_gettime(CLOCK_MONOTONIC, &end);
	ms = (double)(end.tv_sec - rq->start.tv_sec) * 1e3 +
	     (double)(end.tv_nsec - rq->start.tv_nsec) / 1e6;
	client_address(rq, addr, sizeof addr);
	gmtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	pthread_mutex_lock(&rq->srv->log_lock);
	/* The URL is logged as the client sent it, cut short: it may be long or hostile. */
	fprintf(rq->srv->log, "%s %s %s %.200s %u %zu %.1fms\n", when, addr, rq->method,
		rq->url, rq->status, rq->bytes, ms);
	fflush(rq->srv->log);
	pthread_mutex_unlock(&rq->srv->log_lock);
}

/* A new request on CONN, counted as open. NULL when memory ran out. */
static struct request *new_request(struct server *srv, struct MHD_Connection *conn,
				   const char *url, const char *method)
{
	struct request *rq = calloc(1, sizeof *rq);

	if (!rq)
		return NULL;
	rq->srv = srv;
	rq->conn = conn;
	rq->method = method;
	rq->url = url;
	clock_gettime(CLOCK_MONOTONIC, &rq->start);
	pthread_mutex_lock(&srv->queue_lock);
	srv->open_requests++;
	pthread_mutex_unlock(&srv->queue_lock);
	return rq;
}

/* What a worker is to do for RQ: WORK_NONE when the request does not need the database. */
static enum work work_for(const struct request *rq)
{
	const char *url = rq->url;

	if ((strcmp(rq->method, "GET") != 0 && strcmp(rq->method, "HEAD") != 0) ||
	    !pdx_serve_utf8_valid(url, strlen(url)))
		return WORK_NONE;
	if (strcmp(url, "/search") == 0)
		return WORK_SEARCH;
	if (strncmp(url, "/doc/", 5) == 0)
		return WORK_DOC;
	if (strcmp(url, "/health") == 0)
		return WORK_HEALTH;
	return WORK_NONE;
}

/* MHD's request handler, on MHD's thread: the first call for a request makes its reply or
 * queues it for a worker; the call after the worker resumes the connection queues the
 * reply. */
enum MHD_Result pdx_serve_answer(void *cls, struct MHD_Connection *conn, const char *url,
				 const char *method, const char *version, const char *upload_data,
				 size_t *upload_size, void **req_cls)
{
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
		rq = new_request(cls, conn, url, method);
		if (!rq)
			return MHD_NO;
		*req_cls = rq;
		if (strcmp(method, "OPTIONS") == 0) {
			rq->status = MHD_HTTP_NO_CONTENT;
			ret = queue_options(rq);
			log_request(rq);
			return ret;
		}
		rq->work = work_for(rq);
		if (rq->work == WORK_NONE)
			answer_here(rq);
		else if (pdx_serve_enqueue(rq) == 0)
			return MHD_YES; /* a worker answers, then resumes the connection */
		else
			pdx_serve_send_error(rq, MHD_HTTP_SERVICE_UNAVAILABLE, NULL,
					     "the service is stopping");
	}
	if (!rq->answered)
		return MHD_YES; /* not yet: called again once answered */
	ret = queue_reply(rq);
	log_request(rq);
	return ret;
}

/* Called by MHD once a request is over, its reply sent or its connection gone. */
void pdx_serve_completed(void *cls, struct MHD_Connection *conn, void **req_cls,
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
	pdx_serve_stream_free(rq->stream);
	free(rq->body);
	free(rq);
}
