/* export.c: /search?format=csv|jsonl, every match of a search as a download. A thread of its
 * own runs the export on a database handle of its own into a bounded buffer; MHD's content
 * reader takes from the buffer, and the connection is suspended while the buffer is empty and
 * resumed when the thread adds to it. The operator caps the size of a download
 * (--export-limit). */
#include "config.h"

#include "serve/serve.h"

#include <stdlib.h>
#include <string.h>

/* Bytes the buffer holds before the export waits for the client. */
#define STREAM_BUFFER (1024 * 1024)

/* A download while it is made and sent; LOCK guards every member below it. */
struct stream {
	struct MHD_Connection *conn;
	polidex_db_t *db;
	polidex_query_t *q;
	polidex_export_format_t format;
	unsigned long max;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t changed; /* data taken, the export started or ended, or cancelled */
	char *buf;
	size_t len, taken;
	int started;   /* the export counted its matches and writes */
	int ended;     /* the export returned */
	int cancelled; /* the client is gone */
	int suspended; /* the reader suspended the connection for want of data */
	polidex_status_t status;
	char message[512];
};

/* Wake the reader when it waits for data. Called with the lock held. */
static void wake_reader(struct stream *st)
{
	if (st->suspended) {
		st->suspended = 0;
		MHD_resume_connection(st->conn);
	}
}

/* polidex_export_fn: LINE into the buffer, waiting while it is full. */
static int buffer_line(const char *line, size_t len, unsigned long done, unsigned long total,
		       void *ctx)
{
	struct stream *st = ctx;
	int stop;

	(void)done;
	(void)total;
	pthread_mutex_lock(&st->lock);
	if (!st->started) {
		st->started = 1;
		pthread_cond_broadcast(&st->changed);
	}
	while (!st->cancelled && st->len - st->taken + len > STREAM_BUFFER && st->len > st->taken)
		pthread_cond_wait(&st->changed, &st->lock);
	stop = st->cancelled;
	if (!stop) {
		char *grown;

		/* What the reader took makes room. */
		if (st->taken) {
			memmove(st->buf, st->buf + st->taken, st->len - st->taken);
			st->len -= st->taken;
			st->taken = 0;
		}
		grown = realloc(st->buf, st->len + len);
		if (!grown) {
			stop = 1;
		} else {
			st->buf = grown;
			memcpy(st->buf + st->len, line, len);
			st->len += len;
		}
		wake_reader(st);
	}
	pthread_mutex_unlock(&st->lock);
	return stop;
}

static void *run_export(void *arg)
{
	struct stream *st = arg;
	polidex_status_t status =
	    polidex_export(st->db, st->q, st->format, st->max, buffer_line, st);

	pthread_mutex_lock(&st->lock);
	st->status = status;
	if (status != POLIDEX_STATUS_SUCCESS)
		snprintf(st->message, sizeof st->message, "%s", polidex_db_error(st->db));
	st->ended = 1;
	pthread_cond_broadcast(&st->changed);
	wake_reader(st);
	pthread_mutex_unlock(&st->lock);
	return NULL;
}

void pdx_serve_stream_free(void *cls)
{
	struct stream *st = cls;

	if (!st)
		return;
	pthread_mutex_lock(&st->lock);
	st->cancelled = 1;
	pthread_cond_broadcast(&st->changed);
	pthread_mutex_unlock(&st->lock);
	pthread_join(st->thread, NULL);
	pthread_cond_destroy(&st->changed);
	pthread_mutex_destroy(&st->lock);
	polidex_query_destroy(st->q);
	polidex_db_close(st->db);
	free(st->buf);
	free(st);
}

int pdx_serve_export_format(struct request *rq, polidex_export_format_t *format)
{
	const char *f = MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, "format");

	if (f && strcmp(f, "csv") == 0)
		*format = POLIDEX_EXPORT_CSV;
	else if (f && strcmp(f, "jsonl") == 0)
		*format = POLIDEX_EXPORT_JSONL;
	else
		return 0; /* json, or none: a page of hits */
	return 1;
}

/* A new stream for RQ exporting Q as FORMAT, its database open; NULL with the reply set. */
static struct stream *new_stream(struct request *rq, polidex_query_t *q,
				 polidex_export_format_t format)
{
	struct stream *st = calloc(1, sizeof *st);
	char *why = NULL;

	if (!st) {
		pdx_serve_send_error(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, NULL, "out of memory");
		return NULL;
	}
	if (polidex_db_open_many(rq->srv->dbs, rq->srv->n_dbs, &st->db, &why) !=
	    POLIDEX_STATUS_SUCCESS) {
		pdx_serve_send_error(rq, MHD_HTTP_SERVICE_UNAVAILABLE, NULL, "%s",
				     why ? why : "cannot open the database");
		free(why);
		free(st);
		return NULL;
	}
	free(why);
	st->conn = rq->conn;
	st->q = q;
	st->format = format;
	st->max = rq->srv->export_limit;
	pthread_mutex_init(&st->lock, NULL);
	pthread_cond_init(&st->changed, NULL);
	return st;
}

enum MHD_Result pdx_serve_start_export(struct request *rq, polidex_query_t *q,
				       polidex_export_format_t format)
{
	struct stream *st;
	int failed;

	if (!rq->srv->export_limit) {
		polidex_query_destroy(q);
		return pdx_serve_send_error(rq, MHD_HTTP_FORBIDDEN, "format",
					    "this service does not export result sets");
	}
	st = new_stream(rq, q, format);
	if (!st) {
		polidex_query_destroy(q);
		return MHD_YES;
	}
	if (pthread_create(&st->thread, NULL, run_export, st) != 0) {
		st->q = NULL;
		polidex_query_destroy(q);
		polidex_db_close(st->db);
		free(st);
		return pdx_serve_send_error(rq, MHD_HTTP_SERVICE_UNAVAILABLE, NULL,
					    "cannot start an export");
	}
	/* The reply's status is known once the export has counted its matches. */
	pthread_mutex_lock(&st->lock);
	while (!st->started && !st->ended)
		pthread_cond_wait(&st->changed, &st->lock);
	failed = !st->started && st->status != POLIDEX_STATUS_SUCCESS;
	pthread_mutex_unlock(&st->lock);
	if (failed) {
		int bad = st->status == POLIDEX_STATUS_TOO_LARGE ||
			  st->status == POLIDEX_STATUS_QUERY_SYNTAX ||
			  st->status == POLIDEX_STATUS_UNKNOWN_FIELD;
		const char *parameter = st->status == POLIDEX_STATUS_TOO_LARGE	    ? "format"
					: st->status == POLIDEX_STATUS_QUERY_SYNTAX ? "q"
										    : NULL;

		unsigned code = bad ? MHD_HTTP_BAD_REQUEST : MHD_HTTP_INTERNAL_SERVER_ERROR;

		pdx_serve_send_error(rq, code, parameter, "%s", st->message);
		pdx_serve_stream_free(st);
		return MHD_YES;
	}
	rq->stream = st;
	rq->status = MHD_HTTP_OK;
	rq->type =
	    format == POLIDEX_EXPORT_CSV ? "text/csv; charset=utf-8" : "application/x-ndjson";
	rq->answered = 1;
	return MHD_YES;
}

/* MHD's content reader: what the buffer holds, up to MAX bytes, into BUF; with nothing yet,
 * the connection waits suspended. */
static ssize_t read_stream(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct stream *st = cls;
	ssize_t n = 0;

	(void)pos;
	pthread_mutex_lock(&st->lock);
	if (st->len > st->taken) {
		size_t k = st->len - st->taken < max ? st->len - st->taken : max;

		memcpy(buf, st->buf + st->taken, k);
		st->taken += k;
		n = (ssize_t)k;
		pthread_cond_broadcast(&st->changed);
	} else if (st->ended) {
		/* A failure midway cuts the download short, which the client sees. */
		n = st->status == POLIDEX_STATUS_SUCCESS ? MHD_CONTENT_READER_END_OF_STREAM
							 : MHD_CONTENT_READER_END_WITH_ERROR;
	} else {
		st->suspended = 1;
		MHD_suspend_connection(st->conn);
	}
	pthread_mutex_unlock(&st->lock);
	return n;
}

struct MHD_Response *pdx_serve_stream_response(struct request *rq)
{
	struct MHD_Response *r = MHD_create_response_from_callback(
	    MHD_SIZE_UNKNOWN, 64 * 1024, read_stream, rq->stream, pdx_serve_stream_free);

	if (!r)
		return NULL;
	rq->stream = NULL; /* the response owns it */
	MHD_add_response_header(r, "Content-Disposition",
				strncmp(rq->type, "text/csv", 8) == 0
				    ? "attachment; filename=\"polidex-export.csv\""
				    : "attachment; filename=\"polidex-export.jsonl\"");
	return r;
}
