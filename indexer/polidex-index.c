/* polidex-index: extract the articles of saved pages and index them into a polidex database. */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <getopt.h>
#include <json-c/json.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <strings.h>

#include "cli/cli.h"
#include "polidex.h"
#include "indexer/pipeline.h"
#include "indexer/url.h"
#include "indexer/archive.h"
#include "indexer/records.h"
#include "indexer/wacz.h"
#include "indexer/walk.h"

#ifdef HAVE_JEMALLOC
/* jemalloc's settings, read when it starts (the environment variable MALLOC_CONF overrides
 * them): one arena a core rather than four, which holds the peak memory of a long crawl some
 * 60 MB lower for a few per cent of its speed; and freed memory handed back to the system
 * after one second rather than ten, by a thread of jemalloc's own, so that what a batch's
 * commit frees does not stay resident as the crawl goes on (24 MB less at 100,000 pages, no
 * slower). */
const char *malloc_conf = "percpu_arena:percpu,background_thread:true,dirty_decay_ms:1000";
#endif

#define PROGRAM "polidex-index"
#define DEFAULT_BATCH 1000

struct run {
	polidex_db_t *db;
	unsigned long long max_size; /* pages larger are skipped; 0: no limit */
	const char *base_url;	     /* --base-url, or NULL */
	const char *root;	     /* the PATH being walked, for --base-url */
	polidex_thesaurus_t *thesaurus; /* NULL: no concept tagging */
	double min_score;
	unsigned long batch;
	unsigned long pending; /* documents since the last commit */
	unsigned long written, unchanged, failed;
	unsigned long unreadable, not_html, bad_records, undecodable; /* failures by reason */
	unsigned long skipped[PDX_SKIP_N]; /* inputs passed over on purpose, by reason */
	int each;                 /* --captures=each */
	int mode_set;             /* the database was told how captures are kept */
	FILE *errors;       /* --errors: failures as JSON Lines here instead of stderr */
	int progress;       /* a progress line on the terminal */
	double started, last_progress;
	unsigned long long bytes; /* of the pages read */
	pthread_mutex_t lock;     /* the database and everything above, between threads */
	pdx_pipeline_t *pipeline;
	int fatal;
};

enum failure { FAIL_UNREADABLE, FAIL_NOT_HTML, FAIL_RECORD, FAIL_UNDECODABLE };

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void clear_progress(struct run *r)
{
	if (r->progress && r->last_progress > 0)
		fputs("\r\033[K", stderr);
}

/* Rewrite the progress line at most twice a second. */
static void show_progress(struct run *r)
{
	double t = now(), secs = t - r->started;
	unsigned long pages = r->written + r->unchanged;

	if (!r->progress || t - r->last_progress < 0.5)
		return;
	r->last_progress = t;
	fprintf(stderr, "\r\033[K" PROGRAM ": %lu pages, %.0f pages/s, %.1f MB/s, %lu errors",
		pages, secs > 0 ? pages / secs : 0, secs > 0 ? r->bytes / secs / 1e6 : 0,
		r->failed);
}

/* Report a page or record that could not be indexed: on stderr, or as a JSON line in the
 * --errors file. MESSAGE is "SOURCE: reason". */
static void report_failure(struct run *r, const char *source, const char *message,
			   enum failure kind)
{
	size_t n = strlen(source);
	const char *reason = strncmp(message, source, n) == 0 && message[n] == ':'
				     ? message + n + 2
				     : message;

	r->failed++;
	if (kind == FAIL_UNREADABLE)
		r->unreadable++;
	else if (kind == FAIL_NOT_HTML)
		r->not_html++;
	else if (kind == FAIL_UNDECODABLE)
		r->undecodable++;
	else
		r->bad_records++;
	if (r->errors) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "path", json_object_new_string(source));
		json_object_object_add(o, "reason", json_object_new_string(reason));
		json_object_object_add(o, "kind",
				       json_object_new_string(kind == FAIL_UNREADABLE ? "unreadable"
							      : kind == FAIL_NOT_HTML ? "not-html"
							      : kind == FAIL_UNDECODABLE ? "undecodable"
											 : "archive-record"));
		fprintf(r->errors, "%s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
								  JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(o);
		return;
	}
	clear_progress(r);
	fprintf(stderr, PROGRAM ": %s: %s\n", source, reason);
}

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: " PROGRAM " --db DIR [OPTION]... PATH...\n"
		"Extract the article of each HTML page under PATH (files, or directories walked\n"
		"recursively) and index it into the polidex database DIR, created if missing.\n"
		"A page indexed before (same URL, or same path) is replaced, unless its bytes and\n"
		"the thesaurus are unchanged, when it is left as it is.\n"
		"\n"
		"  -d, --db DIR        the database to write\n"
		"  -b, --batch N       commit every N pages (default %d)\n"
		"  -j, --jobs N        extract, tag and build documents on N threads (default: the\n"
		"                      number of cores), while one more thread writes them;\n"
		"                      the index is the same whatever N\n"
		"  -t, --thesaurus FILE  tag concepts of this SKOS scheme (default: the installed\n"
		"                      international relations thesaurus, or $POLIDEX_THESAURUS)\n"
		"      --min-score N   keep concepts scoring N or more (default 1: one mention)\n"
		"      --no-concepts   do not tag concepts\n"
		"      --shards N      create DIR as N shards written side by side, and a stub\n"
		"                      database file (DIR/XAPIANDB) that opens them as one; an\n"
		"                      existing DIR keeps its shards (default 1)\n"
		"      --captures=latest|each  a page's captures in web archives: one document\n"
		"                      per URL, the text of its latest capture and the dates\n"
		"                      of all (latest, the default), or one per capture (each)\n"
		"      --prune         first remove the documents of files, and the captures of\n"
		"                      web archives, that no longer exist\n"
		"      --max-size N    skip pages larger than N bytes (suffixes k, M, G)\n"
		"      --base-url URL  give a page read from a file the URL of its path under URL\n"
		"                      (a WARC record keeps its crawl URL)\n"
		"      --errors FILE   write failed pages as JSON Lines to FILE, not to stderr\n"
		"      --files-from FILE  read the paths to index from FILE, one a line ('-' for\n"
		"                      standard input), besides any PATH given\n"
		"  -q, --quiet         no summary at the end\n"
		"  -h, --help          show this help and exit\n"
		"  -V, --version       show the version and exit\n"
		"\n"
		"Web archives (WARC, ARC, WACZ) give their HTML pages; other records are skipped\n"
		"and counted by reason.\n"
		"\n"
		"Exit status: 0 when nothing failed, 1 when some inputs failed (each is\n"
		"reported), 2 on a usage error or when the database cannot be written.\n",
		DEFAULT_BATCH);
}

/* Commit a batch: the shards commit on their own threads while the crawl goes on; the last
 * commit, when the database is closed, waits for them all. */
static int commit(struct run *r)
{
	if (polidex_db_start_commit(r->db) != POLIDEX_STATUS_SUCCESS) {
		fprintf(stderr, PROGRAM ": %s\n", polidex_db_error(r->db));
		r->fatal = 1;
		return -1;
	}
	r->pending = 0;
	return 0;
}

/* Hand ARTICLE, read (not parsed) with STATUS, to the workers unless it failed or is
 * unchanged; takes ownership of it. Runs on the thread that walks the inputs. Returns nonzero
 * to stop the run. */
static int index_read_article(struct run *r, polidex_article_t *article, polidex_status_t status)
{
	int unchanged = 0, stop = 0;

	pthread_mutex_lock(&r->lock);
	if (status != POLIDEX_STATUS_SUCCESS) {
		report_failure(r, polidex_article_get_source(article), polidex_article_error(article),
			       status == POLIDEX_STATUS_NOT_HTML ? FAIL_NOT_HTML : FAIL_UNREADABLE);
		stop = status == POLIDEX_STATUS_OUT_OF_MEMORY;
	} else if (polidex_db_is_unchanged(r->db, article, r->thesaurus, r->min_score,
					   &unchanged) != POLIDEX_STATUS_SUCCESS) {
		/* A page already indexed from the same bytes, with the same thesaurus, is left
		 * alone: a rerun on an unchanged crawl parses nothing. */
		clear_progress(r);
		fprintf(stderr, PROGRAM ": %s\n", polidex_db_error(r->db));
		r->fatal = stop = 1;
	} else if (unchanged) {
		r->unchanged++;
	}
	show_progress(r);
	pthread_mutex_unlock(&r->lock);
	if (stop || unchanged || status != POLIDEX_STATUS_SUCCESS) {
		polidex_article_destroy(article);
		return stop;
	}
	return pdx_pipeline_submit(r->pipeline, article);
}

/* What each worker has of its own: the concept tagger is not shared between threads. */
struct worker {
	polidex_thesaurus_t *thesaurus;
	double min_score;
};

/* On a worker: parse the page, tag its concepts and build its document. */
static polidex_status_t prepare_article(polidex_article_t *article, void *ctx, void **prepared)
{
	struct worker *w = ctx;
	polidex_status_t status = polidex_article_parse(article);
	polidex_document_t *document = NULL;

	if (status == POLIDEX_STATUS_SUCCESS && w->thesaurus)
		status = polidex_article_tag(article, w->thesaurus, w->min_score);
	if (status == POLIDEX_STATUS_SUCCESS)
		status = polidex_document_new(article, &document);
	*prepared = document;
	return status;
}

static void discard_article(polidex_article_t *article, void *prepared)
{
	polidex_document_destroy(prepared);
	polidex_article_destroy(article);
}

/* On the writer, in input order: add the prepared document, commit in batches. */
static int write_article(polidex_article_t *article, void *prepared, polidex_status_t status,
			 void *ctx)
{
	struct run *r = ctx;
	const char *path = polidex_article_get_source(article);
	int replaced = 0, stop = 0;

	pthread_mutex_lock(&r->lock);
	if (polidex_article_get_warning(article)) {
		clear_progress(r);
		fprintf(stderr, PROGRAM ": %s: %s\n", path, polidex_article_get_warning(article));
	}
	if (status == POLIDEX_STATUS_NOT_HTML && polidex_article_get_capture_date(article)) {
		/* A capture that is no page by its content is what the crawl archived, not
		 * damage. */
		r->skipped[PDX_SKIP_NO_TEXT]++;
	} else if (status == POLIDEX_STATUS_TOO_LARGE) {
		r->skipped[PDX_SKIP_TOO_LARGE]++;
	} else if (status != POLIDEX_STATUS_SUCCESS) {
		report_failure(r, path,
			       *polidex_article_error(article) ? polidex_article_error(article)
								: polidex_status_to_string(status),
			       status == POLIDEX_STATUS_NOT_HTML     ? FAIL_NOT_HTML
			       : status == POLIDEX_STATUS_UNDECODABLE ? FAIL_UNDECODABLE
								      : FAIL_UNREADABLE);
		stop = status == POLIDEX_STATUS_OUT_OF_MEMORY;
	} else if ((status = polidex_db_add_document(r->db, prepared, &replaced)) !=
		   POLIDEX_STATUS_SUCCESS) {
		/* The database cannot take more: stop, keeping what was indexed so far. */
		clear_progress(r);
		fprintf(stderr, PROGRAM ": %s: %s\n", path,
			*polidex_db_error(r->db) ? polidex_db_error(r->db)
						 : polidex_status_to_string(status));
		r->fatal = stop = 1;
	} else {
		r->written++;
		if (++r->pending >= r->batch && commit(r) < 0)
			stop = 1;
	}
	show_progress(r);
	pthread_mutex_unlock(&r->lock);
	discard_article(article, prepared);
	return stop;
}

/* Say what a user should know that lost nothing. */
static void notice(struct run *r, const char *source, const char *message)
{
	pthread_mutex_lock(&r->lock);
	clear_progress(r);
	fprintf(stderr, PROGRAM ": %s: %s\n", source, message);
	pthread_mutex_unlock(&r->lock);
}

static void count_skip(struct run *r, enum pdx_skip why)
{
	pthread_mutex_lock(&r->lock);
	r->skipped[why]++;
	pthread_mutex_unlock(&r->lock);
}

static void record_failure(struct run *r, const char *source, const char *message,
			   enum failure kind)
{
	pthread_mutex_lock(&r->lock);
	report_failure(r, source, message, kind);
	pthread_mutex_unlock(&r->lock);
}

/* Tell the database how captures are kept, before the first is written. Returns -1 when it
 * keeps them the other way. */
static int set_capture_mode(struct run *r)
{
	int fatal = 0;

	pthread_mutex_lock(&r->lock);
	if (!r->mode_set) {
		r->mode_set = 1;
		if (polidex_db_set_capture_mode(r->db, r->each) != POLIDEX_STATUS_SUCCESS) {
			clear_progress(r);
			fprintf(stderr, PROGRAM ": %s\n", polidex_db_error(r->db));
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
	capture.each = r->each;
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
	size_t limit = r->max_size && r->max_size < POLIDEX_MAX_PAGE_BYTES ? (size_t)r->max_size
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
		count_skip(r, PDX_SKIP_TOO_LARGE);
		return 0;
	}
	if (st == PDX_DECODE_NO_MEMORY) {
		fprintf(stderr, PROGRAM ": %s: %s\n", source, why);
		r->fatal = 1;
		return 1;
	}
	if (st == PDX_DECODE_TRUNCATED) {
		/* What a cut record holds is still the page as archived. */
		snprintf(message, sizeof message, "%s; indexed what it holds", why);
		record_failure(r, source, message, FAIL_RECORD);
	}
	if (set_capture_mode(r) < 0)
		return 1;
	article = capture_article(r, f, rec, 0);
	if (!article || polidex_article_set_content_encoding(article, rec->content_encoding)) {
		polidex_article_destroy(article);
		fprintf(stderr, PROGRAM ": %s: out of memory\n", source);
		r->fatal = 1;
		return 1;
	}
	pthread_mutex_lock(&r->lock);
	r->bytes += len;
	pthread_mutex_unlock(&r->lock);
	status = polidex_article_read_memory(article, payload, len);
	return index_read_article(r, article, status);
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
		fprintf(stderr, PROGRAM ": %s: out of memory\n", f->name);
		r->fatal = 1;
		return 1;
	}
	return index_read_article(r, article, POLIDEX_STATUS_SUCCESS);
}

/* Every record of archive A: pages indexed, revisits recorded, the rest skipped by reason,
 * damage reported while reading goes on. Returns nonzero to stop the run. */
static int index_records(struct run *r, pdx_archive_t *a, const struct archive_file *f)
{
	struct pdx_archive_record rec;
	enum pdx_archive_event ev;

	while (!r->fatal && (ev = pdx_archive_next(a, &rec)) != PDX_ARCHIVE_END) {
		enum pdx_skip why;
		const char *problem;
		char source[4096];
		int stop = 0;

		if (ev == PDX_ARCHIVE_DAMAGED) {
			record_failure(r, f->name, pdx_archive_message(a), FAIL_RECORD);
			continue;
		}
		if (ev == PDX_ARCHIVE_NOTICE) {
			notice(r, f->name, pdx_archive_message(a));
			continue;
		}
		enum pdx_verdict verdict = pdx_record_judge(&rec, &why, &problem);

		switch (verdict) {
		case PDX_VERDICT_SKIP:
			count_skip(r, why);
			break;
		case PDX_VERDICT_DAMAGED:
			snprintf(source, sizeof source, "%s: record %lu (offset %llu)", f->name,
				 rec.number, rec.offset);
			record_failure(r, source, problem, FAIL_RECORD);
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
static int index_archive(const char *path, int zip, struct run *r)
{
	char why[2048];

	if (!zip) {
		pdx_archive_t *a = pdx_archive_open(path, why, sizeof why);
		struct archive_file f = {path, NULL, path};

		if (!a) {
			record_failure(r, path, why, FAIL_UNREADABLE);
			return r->fatal;
		}
		index_records(r, a, &f);
		pdx_archive_close(a);
		return r->fatal;
	}
	pdx_wacz_t *w = pdx_wacz_open(path, why, sizeof why);

	if (!w) {
		record_failure(r, path, why, FAIL_UNREADABLE);
		return r->fatal;
	}
	for (size_t i = 0; i < pdx_wacz_count(w) && !r->fatal; i++) {
		char name[4096];
		struct archive_file f = {path, pdx_wacz_name(w, i), name};
		pdx_archive_t *a;

		snprintf(name, sizeof name, "%s: %s", path, pdx_wacz_name(w, i));
		a = pdx_wacz_open_archive(w, i, name, why, sizeof why);
		if (!a) {
			record_failure(r, name, why, FAIL_UNREADABLE);
			continue;
		}
		index_records(r, a, &f);
		pdx_archive_close(a);
	}
	pdx_wacz_close(w);
	return r->fatal;
}

/* Give ARTICLE, read from PATH, the URL of PATH under --base-url: the part of PATH below the
 * directory being walked, or for a file named itself its path as given without a leading
 * "./" or "/". Returns -1 when memory ran out. */
static int set_base_url(const struct run *r, polidex_article_t *article, const char *path)
{
	size_t n = strlen(r->root);
	const char *rel = path;
	char *url;
	size_t len, at;
	polidex_status_t status;

	while (n > 1 && r->root[n - 1] == '/')
		n--;
	if (strncmp(path, r->root, n) == 0 && path[n] == '/')
		rel = path + n + 1;
	while (rel[0] == '.' && rel[1] == '/')
		rel += 2;
	while (*rel == '/')
		rel++;
	len = strlen(r->base_url);
	url = malloc(len + 1 + 3 * strlen(rel) + 1);
	if (!url)
		return -1;
	memcpy(url, r->base_url, len);
	at = len;
	if (at == 0 || url[at - 1] != '/')
		url[at++] = '/';
	for (const unsigned char *p = (const unsigned char *)rel; *p; p++) {
		if (pdx_url_must_escape(*p))
			at += (size_t)sprintf(url + at, "%%%02X", *p);
		else
			url[at++] = (char)*p;
	}
	url[at] = '\0';
	status = polidex_article_set_url(article, url);
	free(url);
	return status == POLIDEX_STATUS_SUCCESS ? 0 : -1;
}

static int index_page(const char *path, void *ctx)
{
	struct run *r = ctx;
	polidex_article_t *article;

	if (!pdx_walk_is_html_name(path)) {
		/* Web archives by their name or their first bytes, whatever they are called (but
		 * a page's name: a crawl's pages are not opened twice). */
		enum pdx_archive_kind kind = pdx_archive_sniff_file(path);

		if (kind == PDX_KIND_ZIP)
			return index_archive(path, 1, r);
		if (kind == PDX_KIND_WARC || kind == PDX_KIND_ARC || pdx_archive_is_name(path))
			return index_archive(path, 0, r);
	}
	{
		struct stat st;

		if (stat(path, &st) < 0)
			st.st_size = 0;
		pthread_mutex_lock(&r->lock);
		r->bytes += (unsigned long long)st.st_size;
		pthread_mutex_unlock(&r->lock);
		if (r->max_size && (unsigned long long)st.st_size > r->max_size) {
			pthread_mutex_lock(&r->lock);
			clear_progress(r);
			pthread_mutex_unlock(&r->lock);
			fprintf(stderr, PROGRAM ": %s: skipped, larger than --max-size (%lld bytes)\n",
				path, (long long)st.st_size);
			count_skip(r, PDX_SKIP_TOO_LARGE);
			return 0;
		}
	}
	article = polidex_article_new(path);
	if (!article || (r->base_url && set_base_url(r, article, path) < 0)) {
		fprintf(stderr, PROGRAM ": %s: out of memory\n", path);
		polidex_article_destroy(article);
		r->fatal = 1;
		return 1;
	}
	return index_read_article(r, article, polidex_article_read_file(article, path));
}

static void path_error(const char *path, const char *reason, int failed, void *ctx)
{
	struct run *r = ctx;

	pthread_mutex_lock(&r->lock);
	if (failed) {
		report_failure(r, path, reason, FAIL_UNREADABLE);
	} else {
		clear_progress(r);
		fprintf(stderr, PROGRAM ": %s: %s\n", path, reason);
	}
	pthread_mutex_unlock(&r->lock);
}

static void path_skipped(const char *path, enum pdx_walk_skip why, void *ctx)
{
	(void)path;
	count_skip(ctx, why == PDX_WALK_SKIP_DANGLING_LINK ? PDX_SKIP_DANGLING_LINK
			: why == PDX_WALK_SKIP_LINK_LOOP   ? PDX_SKIP_LINK_LOOP
							   : PDX_SKIP_NOT_PAGE);
}

/* Index the paths listed in FILE ("-": standard input), one a line. Returns -1 when FILE
 * cannot be read. */
static int index_files_from(const char *file, struct run *r)
{
	FILE *fh = strcmp(file, "-") == 0 ? stdin : fopen(file, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (!fh) {
		fprintf(stderr, PROGRAM ": --files-from %s: %s\n", file, strerror(errno));
		return -1;
	}
	while (!r->fatal && (n = getline(&line, &cap, fh)) >= 0) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n > 0) {
			r->root = line;
			pdx_walk(line, index_page, path_error, path_skipped, r);
		}
	}
	free(line);
	if (fh != stdin)
		fclose(fh);
	return 0;
}

/* The summary: what was indexed, what was skipped on purpose and why, what failed and why. */
static void print_summary(const struct run *r, const char *db_path, unsigned long added,
			  unsigned long replaced, unsigned long unchanged, unsigned long pruned)
{
	unsigned long docs = 0, skipped = 0;

	polidex_db_count_documents(r->db, &docs); /* 0 when it cannot be read */
	for (int i = 0; i < PDX_SKIP_N; i++)
		skipped += r->skipped[i];
	fprintf(stderr,
		PROGRAM ": %lu page%s indexed (%lu new, %lu replaced), %lu unchanged, %lu failed, "
			"%lu pruned, %lu skipped; %s holds %lu document%s\n",
		added + replaced, added + replaced == 1 ? "" : "s", added, replaced,
		r->unchanged + unchanged, r->failed, pruned, skipped, db_path, docs,
		docs == 1 ? "" : "s");
	if (skipped) {
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
	if (r->failed)
		fprintf(stderr,
			PROGRAM ": failed: %lu unreadable, %lu not HTML, %lu bad archive records, %lu "
				"undecodable bodies\n",
			r->unreadable, r->not_html, r->bad_records, r->undecodable);
}

static int parse_size(const char *s, unsigned long long *out)
{
	char *end;
	unsigned long long v;

	if (!s || !*s || *s == '-')
		return -1;
	v = strtoull(s, &end, 10);
	if (end == s)
		return -1;
	switch (*end) {
	case 'k': case 'K': v *= 1024; end++; break;
	case 'M': v *= 1024 * 1024; end++; break;
	case 'G': v *= 1024ULL * 1024 * 1024; end++; break;
	default: break;
	}
	if (*end || v == 0)
		return -1;
	*out = v;
	return 0;
}

static int parse_count(const char *s, unsigned long *out)
{
	char *end;
	unsigned long v;

	if (!s || !*s || *s == '-')
		return -1;
	v = strtoul(s, &end, 10);
	if (*end || v == 0 || v == ULONG_MAX)
		return -1;
	*out = v;
	return 0;
}

int main(int argc, char **argv)
{
	enum { OPT_MIN_SCORE = 256, OPT_NO_CONCEPTS, OPT_PRUNE, OPT_FILES_FROM, OPT_MAX_SIZE,
	       OPT_ERRORS, OPT_BASE_URL, OPT_SHARDS, OPT_CAPTURES };
	static const struct option options[] = {
		{"db", required_argument, NULL, 'd'},
		{"batch", required_argument, NULL, 'b'},
		{"jobs", required_argument, NULL, 'j'},
		{"thesaurus", required_argument, NULL, 't'},
		{"min-score", required_argument, NULL, OPT_MIN_SCORE},
		{"no-concepts", no_argument, NULL, OPT_NO_CONCEPTS},
		{"prune", no_argument, NULL, OPT_PRUNE},
		{"captures", required_argument, NULL, OPT_CAPTURES},
		{"max-size", required_argument, NULL, OPT_MAX_SIZE},
		{"base-url", required_argument, NULL, OPT_BASE_URL},
		{"shards", required_argument, NULL, OPT_SHARDS},
		{"errors", required_argument, NULL, OPT_ERRORS},
		{"files-from", required_argument, NULL, OPT_FILES_FROM},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0}};
	struct run r = {0};
	const char *errors_path = NULL;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned long jobs = cores > 0 ? (unsigned long)cores : 1;
	struct worker *workers = NULL;
	void **worker_ctx = NULL;
	const char *thesaurus_path = NULL, *files_from = NULL;
	int concepts = 1, prune = 0;
	unsigned long pruned = 0, shards = 0, added, replaced;
	unsigned long merged, merged_revisits, unchanged, waiting;
	const char *db_path = NULL;
	char *message = NULL;
	int quiet = 0, opt;
	polidex_status_t status;

	r.batch = DEFAULT_BATCH;
	r.min_score = 1;
	while ((opt = getopt_long(argc, argv, "d:b:j:t:qhV", options, NULL)) != -1) {
		switch (opt) {
		case 'j':
			if (parse_count(optarg, &jobs) < 0 || jobs > 256) {
				fprintf(stderr, PROGRAM ": --jobs: '%s' is not a number from 1 to 256\n",
					optarg);
				return 2;
			}
			break;
		case 't':
			thesaurus_path = optarg;
			break;
		case OPT_MIN_SCORE:
			if (pdx_cli_parse_score(PROGRAM, optarg, &r.min_score) < 0)
				return 2;
			break;
		case OPT_NO_CONCEPTS:
			concepts = 0;
			break;
		case OPT_PRUNE:
			prune = 1;
			break;
		case OPT_CAPTURES:
			if (strcmp(optarg, "latest") != 0 && strcmp(optarg, "each") != 0) {
				fprintf(stderr, PROGRAM ": --captures: '%s' is not 'latest' or 'each'\n",
					optarg);
				return 2;
			}
			r.each = strcmp(optarg, "each") == 0;
			break;
		case OPT_FILES_FROM:
			files_from = optarg;
			break;
		case OPT_ERRORS:
			errors_path = optarg;
			break;
		case OPT_BASE_URL:
			if (!strstr(optarg, "://")) {
				fprintf(stderr, PROGRAM ": --base-url: '%s' is not an absolute URL\n",
					optarg);
				return 2;
			}
			r.base_url = optarg;
			break;
		case OPT_MAX_SIZE:
			if (parse_size(optarg, &r.max_size) < 0) {
				fprintf(stderr, PROGRAM ": --max-size: '%s' is not a size (N, Nk, NM, NG)\n",
					optarg);
				return 2;
			}
			break;
		case OPT_SHARDS:
			if (parse_count(optarg, &shards) < 0 || shards > 256) {
				fprintf(stderr, PROGRAM ": --shards: '%s' is not a number from 1 to 256\n",
					optarg);
				return 2;
			}
			break;
		case 'd':
			db_path = optarg;
			break;
		case 'b':
			if (parse_count(optarg, &r.batch) < 0) {
				fprintf(stderr, PROGRAM ": --batch: '%s' is not a positive number\n",
					optarg);
				return 2;
			}
			break;
		case 'q':
			quiet = 1;
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
	if (!db_path || (optind >= argc && !files_from && !prune)) {
		fprintf(stderr, PROGRAM ": %s\nTry '" PROGRAM " --help' for more information.\n",
			!db_path ? "no database given (--db DIR)" : "no pages given (PATH...)");
		return 2;
	}

	if (errors_path) {
		r.errors = fopen(errors_path, "w");
		if (!r.errors) {
			fprintf(stderr, PROGRAM ": --errors %s: %s\n", errors_path, strerror(errno));
			return 2;
		}
	}
	r.progress = !quiet && isatty(STDERR_FILENO);
	r.started = now();
	/* An index without its concepts would be silently incomplete: the thesaurus must load
	 * (or --no-concepts say that none is wanted). */
	if (concepts) {
		int fatal;

		r.thesaurus = pdx_cli_load_thesaurus(PROGRAM, thesaurus_path, 0, &fatal);
		if (!r.thesaurus)
			return 2;
	}
	status = polidex_db_open_writable(db_path, (unsigned)shards, &r.db, &message);
	if (status != POLIDEX_STATUS_SUCCESS) {
		fprintf(stderr, PROGRAM ": %s\n",
			message ? message : polidex_status_to_string(status));
		free(message);
		polidex_thesaurus_destroy(r.thesaurus);
		return 2;
	}
	/* Each worker tags with a thesaurus of its own: loading is cheap beside a crawl. */
	pthread_mutex_init(&r.lock, NULL);
	workers = calloc(jobs, sizeof *workers);
	worker_ctx = calloc(jobs, sizeof *worker_ctx);
	if (!workers || !worker_ctx) {
		fprintf(stderr, PROGRAM ": out of memory\n");
		return 2;
	}
	for (unsigned long i = 0; i < jobs; i++) {
		int fatal;

		workers[i].min_score = r.min_score;
		if (r.thesaurus && i == 0)
			workers[i].thesaurus = r.thesaurus;
		else if (r.thesaurus &&
			 !(workers[i].thesaurus = pdx_cli_load_thesaurus(PROGRAM, thesaurus_path, 0,
									 &fatal)))
			return 2;
		worker_ctx[i] = &workers[i];
	}
	/* Pruning goes first: a page whose latest capture was in an archive now gone comes back
	 * from the captures that are left. */
	if (prune) {
		if (polidex_db_prune_missing_files(r.db, &pruned) != POLIDEX_STATUS_SUCCESS) {
			fprintf(stderr, PROGRAM ": %s\n", polidex_db_error(r.db));
			polidex_db_close(r.db);
			return 2;
		}
		if (pruned)
			r.pending++;
	}
	r.pipeline = pdx_pipeline_start((int)jobs, worker_ctx, prepare_article, write_article,
					discard_article, &r);
	if (!r.pipeline) {
		fprintf(stderr, PROGRAM ": cannot start %lu worker threads\n", jobs);
		return 2;
	}
	for (int i = optind; i < argc && !r.fatal; i++) {
		r.root = argv[i];
		pdx_walk(argv[i], index_page, path_error, path_skipped, &r);
	}
	if (files_from && !r.fatal && index_files_from(files_from, &r) < 0)
		r.fatal = 1;
	pdx_pipeline_finish(r.pipeline);
	for (unsigned long i = 1; i < jobs; i++)
		polidex_thesaurus_destroy(workers[i].thesaurus);
	free(workers);
	free(worker_ctx);
	if (r.pending)
		commit(&r);
	clear_progress(&r);
	polidex_db_write_counts(r.db, &added, &replaced);
	polidex_db_capture_counts(r.db, &merged, &merged_revisits, &unchanged, &waiting);
	if (!quiet)
		print_summary(&r, db_path, added, replaced, unchanged, pruned);
	if (!quiet && (merged || merged_revisits))
		fprintf(stderr,
			PROGRAM ": captures: %lu revisit%s and %lu earlier capture%s recorded as dates "
				"of their pages\n",
			merged_revisits, merged_revisits == 1 ? "" : "s", merged,
			merged == 1 ? "" : "s");
	if (!quiet && waiting)
		fprintf(stderr,
			PROGRAM ": %lu page%s not indexed yet %s revisits kept until %s come%s\n",
			waiting, waiting == 1 ? "" : "s", waiting == 1 ? "has" : "have",
			waiting == 1 ? "it" : "they", waiting == 1 ? "s" : "");
	if (r.errors && fclose(r.errors) != 0) {
		fprintf(stderr, PROGRAM ": --errors %s: %s\n", errors_path, strerror(errno));
		r.fatal = 1;
	}
	polidex_thesaurus_destroy(r.thesaurus);
	if (polidex_db_close(r.db) != POLIDEX_STATUS_SUCCESS) {
		fprintf(stderr, PROGRAM ": %s: closing the database failed\n", db_path);
		return 2;
	}
	if (r.fatal)
		return 2;
	return r.failed ? 1 : 0;
}
