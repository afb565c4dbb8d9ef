/* workers.c: polidex-serve's worker threads, which answer in turn the requests that need the
 * database (/search, /doc/DOCID, /health), each with its own handle on it. */
#include "config.h"

#include "serve/serve.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

/* What each worker has of its own: Xapian handles are not shared between threads. */
struct thread_state {
	polidex_db_t *db;
	time_t checked; /* when the database was last reopened */
};

static void free_state(void *p)
{
	struct thread_state *st = p;

	if (!st)
		return;
	polidex_db_close(st->db);
	free(st);
}

/* This thread's database, opened on first use and reopened at most once a second so that a
 * search sees what the indexer has committed. NULL with a message in MESSAGE on failure. */
static struct thread_state *thread_state(struct server *srv, char *message, size_t size)
{
	struct thread_state *st = pthread_getspecific(srv->state_key);
	time_t now = time(NULL);
	char *why = NULL;

	if (st) {
		if (now != st->checked) {
			polidex_db_reopen(st->db, NULL);
			st->checked = now;
		}
		return st;
	}
	st = calloc(1, sizeof *st);
	if (!st) {
		snprintf(message, size, "out of memory");
		return NULL;
	}
	if (polidex_db_open_many(srv->dbs, srv->n_dbs, &st->db, &why) != POLIDEX_STATUS_SUCCESS) {
		snprintf(message, size, "%s", why ? why : "cannot open the database");
		free(why);
		free(st);
		return NULL;
	}
	free(why);
	st->checked = now;
	pthread_setspecific(srv->state_key, st);
	return st;
}

/* ---- the requests ------------------------------------------------------------------- */

/* The parameter a search's refusal is about: the query's syntax, or the facet or filter
 * whose field the index does not hold, as the message begins by naming it. */
static const char *bad_parameter(polidex_status_t status, const char *message)
{
	if (status == POLIDEX_STATUS_QUERY_SYNTAX)
		return "q";
	return strncmp(message, "facet ", 6) == 0 ? "facet" : "filter";
}

static enum MHD_Result handle_search(struct request *rq)
{
	polidex_query_t *q = pdx_serve_search_query(rq);
	struct thread_state *st;
	polidex_results_t *results = NULL;
	polidex_status_t status;
	polidex_export_format_t format;
	char message[512];
	enum MHD_Result ret;

	if (!q)
		return MHD_YES; /* the reply says what was wrong */
	st = thread_state(rq->srv, message, sizeof message);
	if (!st) {
		polidex_query_destroy(q);
		return pdx_serve_send_error(rq, MHD_HTTP_SERVICE_UNAVAILABLE, NULL, "%s", message);
	}
	/* Without a thesaurus, searches run by words alone, as polidex-query's do. */
	polidex_query_set_thesaurus(q, rq->srv->thesaurus);
	for (size_t i = 0; i < rq->srv->n_named; i++)
		polidex_query_set_scheme(q, rq->srv->named_names[i], rq->srv->named[i]);
	if (rq->srv->replay_url &&
	    polidex_query_set_replay_url(q, rq->srv->replay_url) != POLIDEX_STATUS_SUCCESS) {
		polidex_query_destroy(q);
		return pdx_serve_send_error(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, NULL,
					    "out of memory");
	}
	if (pdx_serve_export_format(rq, &format))
		return pdx_serve_start_export(rq, q, format); /* which takes Q */
	status = polidex_search(st->db, q, &results);
	if (status == POLIDEX_STATUS_DB_ERROR) {
		/* The revision this thread read was overwritten: read the latest and retry. */
		polidex_db_reopen(st->db, NULL);
		status = polidex_search(st->db, q, &results);
	}
	if (status == POLIDEX_STATUS_SUCCESS)
		ret = pdx_serve_send_json(rq, MHD_HTTP_OK, polidex_results_to_json(results, q, 0));
	else if (status == POLIDEX_STATUS_QUERY_SYNTAX || status == POLIDEX_STATUS_UNKNOWN_FIELD)
		ret = pdx_serve_send_error(rq, MHD_HTTP_BAD_REQUEST,
					   bad_parameter(status, polidex_db_error(st->db)),
					   "%s", polidex_db_error(st->db));
	else
		ret = pdx_serve_send_error(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, NULL, "%s",
					   polidex_db_error(st->db));
	polidex_results_destroy(results);
	polidex_query_destroy(q);
	return ret;
}

static enum MHD_Result handle_doc(struct request *rq, const char *id)
{
	struct thread_state *st;
	unsigned long docid;
	char message[512], *json = NULL;
	polidex_status_t status;

	if (pdx_serve_parse_number(id, 1, UINT_MAX, &docid) < 0)
		return pdx_serve_send_error(rq, MHD_HTTP_BAD_REQUEST, "docid",
					    "'%.64s' is not a document id (a number from 1)", id);
	st = thread_state(rq->srv, message, sizeof message);
	if (!st)
		return pdx_serve_send_error(rq, MHD_HTTP_SERVICE_UNAVAILABLE, NULL, "%s", message);
	status = polidex_db_get_document(st->db, (unsigned)docid, &json);
	if (status == POLIDEX_STATUS_NOT_FOUND)
		return pdx_serve_send_error(rq, MHD_HTTP_NOT_FOUND, "docid", "no document %lu",
					    docid);
	if (status != POLIDEX_STATUS_SUCCESS)
		return pdx_serve_send_error(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, NULL, "%s",
					    polidex_db_error(st->db));
	return pdx_serve_send_json(rq, MHD_HTTP_OK, json);
}

static enum MHD_Result handle_health(struct request *rq)
{
	struct thread_state *st;
	char message[512], body[128];
	unsigned long documents = 0;

	st = thread_state(rq->srv, message, sizeof message);
	if (!st)
		return pdx_serve_send_error(rq, MHD_HTTP_SERVICE_UNAVAILABLE, NULL, "%s", message);
	polidex_db_count_documents(st->db, &documents); /* 0 when it cannot be read */
	snprintf(body, sizeof body, "{\"status\":\"ok\",\"documents\":%lu}", documents);
	return pdx_serve_respond(rq, MHD_HTTP_OK, "application/json", body, strlen(body));
}

/* Answer RQ, which needs the database. */
static void work(struct request *rq)
{
	if (rq->work == WORK_SEARCH)
		handle_search(rq);
	else if (rq->work == WORK_DOC)
		handle_doc(rq, rq->url + 5);
	else
		handle_health(rq);
	if (!rq->answered)
		pdx_serve_send_error(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, NULL, "out of memory");
}

/* ---- the queue ---------------------------------------------------------------------- */

/* A worker: takes the oldest waiting request, answers it and hands the connection back to
 * MHD, until told to quit. Its database is its own (thread_state()). */
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
		/* MHD calls the handler again, which queues the reply; RQ is not ours now. */
		MHD_resume_connection(rq->conn);
	}
	return NULL;
}

int pdx_serve_enqueue(struct request *rq)
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

int pdx_serve_start_workers(struct server *srv, unsigned n)
{
	pthread_key_create(&srv->state_key, free_state);
	pthread_mutex_init(&srv->queue_lock, NULL);
	pthread_cond_init(&srv->queue_ready, NULL);
	pthread_cond_init(&srv->idle, NULL);
	srv->workers = calloc(n, sizeof *srv->workers);
	if (!srv->workers) {
		pdx_cli_error(PROGRAM, "out of memory");
		return -1;
	}
	for (; srv->n_workers < n; srv->n_workers++) {
		if (pthread_create(&srv->workers[srv->n_workers], NULL, worker, srv) != 0) {
			pdx_cli_error(PROGRAM, "cannot start a thread: %s", strerror(errno));
			return -1;
		}
	}
	return 0;
}

void pdx_serve_stop_workers(struct server *srv)
{
	struct timespec deadline;

	/* Requests already in are answered (for 10 s at most); new ones get 503. */
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += 10;
	pthread_mutex_lock(&srv->queue_lock);
	srv->stopping = 1;
	while (srv->open_requests > 0 &&
	       pthread_cond_timedwait(&srv->idle, &srv->queue_lock, &deadline) == 0)
		;
	srv->quit = 1;
	pthread_cond_broadcast(&srv->queue_ready);
	pthread_mutex_unlock(&srv->queue_lock);
	/* The workers answer what is left in the queue, resuming every connection, and end. */
	for (unsigned i = 0; i < srv->n_workers; i++)
		pthread_join(srv->workers[i], NULL);
	free(srv->workers);
}
