/* polidex-index-report.c: what polidex-index tells its user as it goes (a progress line on a
 * terminal, failures on stderr or as JSON Lines) and the summary at the end. */
#include "config.h"

#include "indexer/polidex-index.h"

#include <json-c/json.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"

double pdx_index_now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void pdx_index_clear_progress(struct run *r)
{
	if (r->progress && r->last_progress > 0)
		fputs("\r\033[K", stderr);
}

void pdx_index_show_progress(struct run *r)
{
	double t = pdx_index_now(), secs = t - r->started;
	unsigned long pages = r->written + r->unchanged;

	if (!r->progress || t - r->last_progress < 0.5)
		return;
	r->last_progress = t;
	fprintf(stderr, "\r\033[K" PROGRAM ": %lu pages, %.0f pages/s, %.1f MB/s, %lu errors",
		pages, secs > 0 ? pages / secs : 0, secs > 0 ? r->bytes / secs / 1e6 : 0,
		r->failed);
}

static const char *failure_name(enum failure kind)
{
	switch (kind) {
	case FAIL_UNREADABLE:
		return "unreadable";
	case FAIL_NOT_HTML:
		return "not-html";
	case FAIL_UNDECODABLE:
		return "undecodable";
	case FAIL_RECORD:
		break;
	}
	return "archive-record";
}

static void count_failure(struct run *r, enum failure kind)
{
	r->failed++;
	if (kind == FAIL_UNREADABLE)
		r->unreadable++;
	else if (kind == FAIL_NOT_HTML)
		r->not_html++;
	else if (kind == FAIL_UNDECODABLE)
		r->undecodable++;
	else
		r->bad_records++;
}

void pdx_index_report_failure(struct run *r, const char *source, const char *message,
			      enum failure kind)
{
	size_t n = strlen(source);
	const char *reason = strncmp(message, source, n) == 0 && message[n] == ':'
				     ? message + n + 2
				     : message;

	count_failure(r, kind);
	if (r->errors) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "path", json_object_new_string(source));
		json_object_object_add(o, "reason", json_object_new_string(reason));
		json_object_object_add(o, "kind", json_object_new_string(failure_name(kind)));
		fprintf(r->errors, "%s\n",
			json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
							      JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(o);
		return;
	}
	pdx_index_clear_progress(r);
	pdx_cli_error(PROGRAM, "%s: %s", source, reason);
}

void pdx_index_record_failure(struct run *r, const char *source, const char *message,
			      enum failure kind)
{
	pthread_mutex_lock(&r->lock);
	pdx_index_report_failure(r, source, message, kind);
	pthread_mutex_unlock(&r->lock);
}

void pdx_index_notice(struct run *r, const char *source, const char *message)
{
	pthread_mutex_lock(&r->lock);
	pdx_index_clear_progress(r);
	pdx_cli_error(PROGRAM, "%s: %s", source, message);
	pthread_mutex_unlock(&r->lock);
}

void pdx_index_count_skip(struct run *r, enum pdx_skip why)
{
	pthread_mutex_lock(&r->lock);
	r->skipped[why]++;
	pthread_mutex_unlock(&r->lock);
}

/* What the summary counts. */
struct counts {
	unsigned long added, replaced;	       /* documents written */
	unsigned long merged, merged_revisits; /* captures kept as dates of their pages */
	unsigned long unchanged;	       /* captures already indexed */
	unsigned long waiting;		       /* pages whose revisits wait for them */
	unsigned long skipped;		       /* inputs passed over on purpose */
};

/* The counts of pages: indexed, unchanged, failed, pruned and skipped, and the documents the
 * database holds. */
static void print_counts(const struct run *r, const struct counts *c, unsigned long pruned)
{
	unsigned long docs = 0;

	polidex_db_count_documents(r->db, &docs); /* 0 when it cannot be read */

	pdx_cli_error(PROGRAM,
		      "%lu page%s indexed (%lu new, %lu replaced), %lu unchanged, %lu failed, %lu "
		      "pruned, %lu skipped; %s holds %lu document%s",
		      c->added + c->replaced, c->added + c->replaced == 1 ? "" : "s", c->added,
		      c->replaced, r->unchanged + c->unchanged, r->failed, pruned, c->skipped,
		      r->set->db_path, docs, docs == 1 ? "" : "s");
}

/* What was skipped on purpose, by reason. */
static void print_skipped(const struct run *r)
{
	const char *sep = "";

	fprintf(stderr, PROGRAM ": skipped:");
	for (int i = 0; i < PDX_SKIP_N; i++) {
		if (!r->skipped[i])
			continue;
		fprintf(stderr, "%s %s %lu", sep, pdx_skip_name(i), r->skipped[i]);
		sep = ",";
	}
	fputc('\n', stderr);
}

/* What became of captures: earlier ones and revisits kept as dates, pages still waited for. */
static void print_captures(const struct counts *c)
{
	if (c->merged || c->merged_revisits)
		pdx_cli_error(PROGRAM,
			      "captures: %lu revisit%s and %lu earlier capture%s recorded as dates "
			      "of their pages",
			      c->merged_revisits, c->merged_revisits == 1 ? "" : "s", c->merged,
			      c->merged == 1 ? "" : "s");
	if (c->waiting)
		pdx_cli_error(PROGRAM,
			      "%lu page%s not indexed yet %s revisits kept until %s come%s",
			      c->waiting, c->waiting == 1 ? "" : "s",
			      c->waiting == 1 ? "has" : "have", c->waiting == 1 ? "it" : "they",
			      c->waiting == 1 ? "s" : "");
}

void pdx_index_print_summary(const struct run *r, unsigned long pruned)
{
	struct counts c = {0};

	polidex_db_write_counts(r->db, &c.added, &c.replaced);
	polidex_db_capture_counts(r->db, &c.merged, &c.merged_revisits, &c.unchanged, &c.waiting);
	for (int i = 0; i < PDX_SKIP_N; i++)
		c.skipped += r->skipped[i];
	print_counts(r, &c, pruned);
	if (c.skipped)
		print_skipped(r);
	if (r->failed)
		pdx_cli_error(PROGRAM,
			      "failed: %lu unreadable, %lu not HTML, %lu bad archive records, %lu "
			      "undecodable bodies",
			      r->unreadable, r->not_html, r->bad_records, r->undecodable);
	print_captures(&c);
}
