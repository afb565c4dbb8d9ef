/* serve.h: what the parts of polidex-serve share: the server, its requests, their replies,
 * their parameters and the workers that answer them. */
#ifndef PDX_SERVE_H
#define PDX_SERVE_H

#include <microhttpd.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "cli/cli.h"
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

/* The files of the search page, the only ones served (http.c). */
#define N_STATIC_FILES 4

struct request;

struct server {
	const char *dbs[MAX_DATABASES];
	size_t n_dbs;
	const char *www;            /* the search page's folder */
	const char *cors[MAX_CORS]; /* origins allowed to call from a browser */
	size_t n_cors;
	const char *replay_url;     /* --replay-url: hits' links to their archived copies */
	unsigned long export_limit; /* --export-limit: the most matches a download holds */
	FILE *log;
	pthread_mutex_t log_lock;
	pthread_key_t state_key;
	/* Loaded once, before the threads start, and only read by the searches of them all;
	 * NULL: searches run by words alone. */
	polidex_thesaurus_t *thesaurus;
	/* The index's named schemes, loaded once in the same way for every thread. */
	polidex_thesaurus_t *named[PDX_CLI_SCHEMES_MAX];
	char named_names[PDX_CLI_SCHEMES_MAX][32];
	size_t n_named;
	char *statics[N_STATIC_FILES]; /* the files, read once */
	size_t static_len[N_STATIC_FILES];
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
	void *stream; /* a download being made (export.c), instead of BODY */
	struct timespec start;
};

/* ---- http.c: replies, the search page's files, and MHD's handlers ----------------------- */

/* Set the reply of RQ to a copy of BODY (LEN bytes) of the media type TYPE. */
enum MHD_Result pdx_serve_respond(struct request *rq, unsigned status, const char *type,
				  const char *body, size_t len);

/* Set the reply of RQ to JSON, a string it takes; NULL (memory ran out) makes an error 500. */
enum MHD_Result pdx_serve_send_json(struct request *rq, unsigned status, char *json);

/* Set the reply of RQ to an error of the HTTP status STATUS, with a JSON body naming PARAMETER
 * (or NULL) and the reason. */
enum MHD_Result pdx_serve_send_error(struct request *rq, unsigned status, const char *parameter,
				     const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Read the page's files from the server's folder; a missing folder leaves the page out (the
 * JSON service still runs). Returns -1 on a file that exists but cannot be read. */
int pdx_serve_load_statics(struct server *srv);

/* Free what pdx_serve_load_statics() read. */
void pdx_serve_free_statics(struct server *srv);

/* MHD's request handler and its end-of-request callback; CLS is the server. */
enum MHD_Result pdx_serve_answer(void *cls, struct MHD_Connection *conn, const char *url,
				 const char *method, const char *version, const char *upload_data,
				 size_t *upload_size, void **req_cls);
void pdx_serve_completed(void *cls, struct MHD_Connection *conn, void **req_cls,
			 enum MHD_RequestTerminationCode toe);

/* ---- params.c: what requests ask ------------------------------------------------------- */

/* Nonzero when the LEN bytes at S are well-formed UTF-8 (no overlong forms, surrogates or
 * code points above U+10FFFF). */
int pdx_serve_utf8_valid(const char *s, size_t len);

/* Read S, digits only, as a number from MIN to MAX. Returns 0 with *OUT set, or -1. */
int pdx_serve_parse_number(const char *s, unsigned long min, unsigned long max,
			   unsigned long *out);

/* The query a /search request asks for, from its parameters. NULL once the reply of RQ says
 * what was wrong with them. */
polidex_query_t *pdx_serve_search_query(struct request *rq);

/* ---- workers.c: the threads that answer what needs the database ------------------------ */

/* Queue RQ for a worker, its connection suspended meanwhile. Returns 0, or -1 when the
 * service is stopping. */
int pdx_serve_enqueue(struct request *rq);

/* Start N workers. Returns 0, or -1 after saying why they could not all start. */
int pdx_serve_start_workers(struct server *srv, unsigned n);

/* Stop taking requests, answer those already in (for 10 s at most), and end the workers. */
void pdx_serve_stop_workers(struct server *srv);

/* ---- export.c: result sets as downloads ----------------------------------------------- */

/* Whether RQ asks for its whole result set (format=csv or jsonl), its format into *FORMAT. */
int pdx_serve_export_format(struct request *rq, polidex_export_format_t *format);

/* Make the reply of RQ the download of every match of Q (which it takes) as FORMAT, or an
 * error reply (a result set over --export-limit, a bad query, no database). */
enum MHD_Result pdx_serve_start_export(struct request *rq, polidex_query_t *q,
				       polidex_export_format_t format);

/* The response that streams RQ's download, which it takes (MHD's thread); NULL when memory
 * ran out. */
struct MHD_Response *pdx_serve_stream_response(struct request *rq);

/* Free a download that was never sent. NULL is a no-op. */
void pdx_serve_stream_free(void *stream);

#endif
