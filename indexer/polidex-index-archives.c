/* polidex-index-archives.c: polidex-index's reading of web archives: each record of a WARC or
 * ARC file, or of the archives of a WACZ, indexed as a page, recorded as a revisit, or skipped
 * or reported by reason. */
#include "config.h"

#include "indexer/polidex-index.h"

#include <stdio.h>

#include "cli/cli.h"
#include "indexer/archive.h"
#include "indexer/wacz.h"

/* Tell the database how captures are kept, before the first is written. Returns -1 when it
 * keeps them the other way. */
static int set_capture_mode(struct run *r)
{
	int fatal = 0;

	pthread_mutex_lock(&r->lock);
	if (!r->mode_set) {
		r->mode_set = 1;
		if (polidex_db_set_capture_mode(r->db, r->set->each) != POLIDEX_STATUS_SUCCESS) {
			pdx_index_clear_progress(r);
			pdx_cli_error(PROGRAM, "%s", polidex_db_error(r->db));
			r->fatal = fatal = 1;
		}
	}
	pthread_mutex_unlock(&r->lock);
	return fatal ? -1 : 0;
}

/* Where a record of an archive is: its file (and the archive inside a WACZ). */
struct archive_file {
	const char *path;   /* as given */
	const char *member; /* in a WACZ, or NULL */
	const char *name;   /* for messages */
};

/* How record REC of file F is named in messages. */
static void record_source(const struct archive_file *f, const struct pdx_archive_record *rec,
			  char *out, size_t size)
{
	snprintf(out, size, "%s: record %lu (%s)", f->name, rec->number, rec->uri);
}

/* A new article for record REC of file F, its capture set. NULL when memory ran out. */
static polidex_article_t *capture_article(struct run *r, const struct archive_file *f,
					  const struct pdx_archive_record *rec, int revisit)
{
	char source[4096];
	polidex_capture_t capture = {0};
	polidex_article_t *article;

	record_source(f, rec, source, sizeof source);
	capture.date = rec->date;
	capture.file = f->path;
	capture.member = f->member;
	capture.offset = rec->offset;
	capture.record_id = rec->record_id;
	capture.format = rec->format == PDX_ARCHIVE_ARC ? "arc" : "warc";
	capture.revisit = revisit;
	capture.refers_to_date = rec->refers_to_date;
	capture.each = r->set->each;
	article = polidex_article_new(source);
	if (!article || polidex_article_set_url(article, rec->uri) ||
	    polidex_article_set_charset(article, rec->charset) ||
	    polidex_article_set_capture(article, &capture)) {
		polidex_article_destroy(article);
		return NULL;
	}
	return article;
}

/* A page of an archive: its payload as the server sent it, read as a page of the crawl under
 * its URL; its content coding is undone by the worker that parses it. Returns nonzero to stop
 * the run. */
static int index_record_page(struct run *r, pdx_archive_t *a, const struct archive_file *f,
			     const struct pdx_archive_record *rec)
{
	char source[4096], why[1024], message[1200];
	size_t limit = r->set->max_size && r->set->max_size < POLIDEX_MAX_PAGE_BYTES
			   ? (size_t)r->set->max_size
			   : POLIDEX_MAX_PAGE_BYTES,
	       len;
	const char *payload;
	int cut;
	enum pdx_decode_status st;
	polidex_article_t *article;
	polidex_status_t status;

	record_source(f, rec, source, sizeof source);
	st = pdx_archive_read_payload(a, limit, 0, &payload, &len, &cut, why, sizeof why);
	if (st == PDX_DECODE_TOO_LARGE) {
		pdx_index_count_skip(r, PDX_SKIP_TOO_LARGE);
		return 0;
	}
	if (st == PDX_DECODE_NO_MEMORY) {
		pdx_cli_error(PROGRAM, "%s: %s", source, why);
		r->fatal = 1;
		return 1;
	}
	if (st == PDX_DECODE_TRUNCATED) {
		/* What a cut record holds is still the page as archived. */
		snprintf(message, sizeof message, "%s; indexed what it holds", why);
		pdx_index_record_failure(r, source, message, FAIL_RECORD);
	}
	if (set_capture_mode(r) < 0)
		return 1;
	article = capture_article(r, f, rec, 0);
	if (!article || polidex_article_set_content_encoding(article, rec->content_encoding)) {
		polidex_article_destroy(article);
		pdx_cli_error(PROGRAM, "%s: out of memory", source);
		r->fatal = 1;
		return 1;
	}
	pthread_mutex_lock(&r->lock);
	r->bytes += len;
	pthread_mutex_unlock(&r->lock);
	status = polidex_article_read_memory(article, payload, len);
	return pdx_index_read_article(r, article, status);
}

/* A revisit: a date for the page of its URL, written in order with the pages. */
static int index_record_revisit(struct run *r, const struct archive_file *f,
				const struct pdx_archive_record *rec)
{
	polidex_article_t *article;

	if (set_capture_mode(r) < 0)
		return 1;
	article = capture_article(r, f, rec, 1);
	if (!article) {
		pdx_cli_error(PROGRAM, "%s: out of memory", f->name);
		r->fatal = 1;
		return 1;
	}
	return pdx_index_read_article(r, article, POLIDEX_STATUS_SUCCESS);
}

/* Every record of archive A: pages indexed, revisits recorded, the rest skipped by reason,
 * damage reported while reading goes on. Returns nonzero to stop the run. */
static int index_records(struct run *r, pdx_archive_t *a, const struct archive_file *f)
{
	struct pdx_archive_record rec;
	enum pdx_archive_event ev;

	while (!r->fatal) {
		enum pdx_skip why;
		const char *problem;
		char source[4096];
		int stop = 0;

		ev = pdx_archive_next(a, &rec);
		if (ev == PDX_ARCHIVE_END)
			break;
		if (ev == PDX_ARCHIVE_DAMAGED) {
			pdx_index_record_failure(r, f->name, pdx_archive_message(a), FAIL_RECORD);
			continue;
		}
		if (ev == PDX_ARCHIVE_NOTICE) {
			pdx_index_notice(r, f->name, pdx_archive_message(a));
			continue;
		}
		enum pdx_verdict verdict = pdx_record_judge(&rec, &why, &problem);

		switch (verdict) {
		case PDX_VERDICT_SKIP:
			pdx_index_count_skip(r, why);
			break;
		case PDX_VERDICT_DAMAGED:
			snprintf(source, sizeof source, "%s: record %lu (offset %llu)", f->name,
				 rec.number, rec.offset);
			pdx_index_record_failure(r, source, problem, FAIL_RECORD);
			break;
		case PDX_VERDICT_REVISIT:
			stop = index_record_revisit(r, f, &rec);
			break;
		case PDX_VERDICT_PAGE:
		case PDX_VERDICT_PAGE_IF_HTML:
			/* Whether a payload of no stated type is a page, the parse tells. */
			stop = index_record_page(r, a, f, &rec);
			break;
		}
		if (stop)
			return 1;
	}
	return r->fatal;
}

/* A WARC or ARC file, or the archives of a WACZ. */
int pdx_index_archive(const char *path, int zip, struct run *r)
{
	char why[2048];

	if (!zip) {
		pdx_archive_t *a = pdx_archive_open(path, why, sizeof why);
		struct archive_file f = {path, NULL, path};

		if (!a) {
			pdx_index_record_failure(r, path, why, FAIL_UNREADABLE);
			return r->fatal;
		}
		index_records(r, a, &f);
		pdx_archive_close(a);
		return r->fatal;
	}
	pdx_wacz_t *w = pdx_wacz_open(path, why, sizeof why);

	if (!w) {
		pdx_index_record_failure(r, path, why, FAIL_UNREADABLE);
		return r->fatal;
	}
	for (size_t i = 0; i < pdx_wacz_count(w) && !r->fatal; i++) {
		char name[4096];
		struct archive_file f = {path, pdx_wacz_name(w, i), name};
		pdx_archive_t *a;

		snprintf(name, sizeof name, "%s: %s", path, pdx_wacz_name(w, i));
		a = pdx_wacz_open_archive(w, i, name, why, sizeof why);
		if (!a) {
			pdx_index_record_failure(r, name, why, FAIL_UNREADABLE);
			continue;
		}
		index_records(r, a, &f);
		pdx_archive_close(a);
	}
	pdx_wacz_close(w);
	return r->fatal;
}
