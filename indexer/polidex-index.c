/* polidex-index: extract the articles of saved pages and index them into a polidex database. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "concepts/concepts.h"
#include "indexer/archive.h"
#include "indexer/article.h"
#include "indexer/polidex-index.h"
#include "indexer/url.h"
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

/* Commit a batch: the shards commit on their own threads while the crawl goes on; the last
 * commit, when the database is closed, waits for them all. */
static int commit(struct run *r)
{
	if (polidex_db_start_commit(r->db) != POLIDEX_STATUS_SUCCESS) {
		pdx_cli_error(PROGRAM, "%s", polidex_db_error(r->db));
		r->fatal = 1;
		return -1;
	}
	r->pending = 0;
	return 0;
}

/* Hand ARTICLE, read (not parsed) with STATUS, to the workers unless it failed or is
 * unchanged; takes ownership of it. Runs on the thread that walks the inputs. Returns nonzero
 * to stop the run. */
int pdx_index_read_article(struct run *r, polidex_article_t *article, polidex_status_t status)
{
	int unchanged = 0, stop = 0;

	pthread_mutex_lock(&r->lock);
	if (status != POLIDEX_STATUS_SUCCESS) {
		pdx_index_report_failure(r, polidex_article_get_source(article),
					 polidex_article_error(article),
					 status == POLIDEX_STATUS_NOT_HTML ? FAIL_NOT_HTML
									   : FAIL_UNREADABLE);
		stop = status == POLIDEX_STATUS_OUT_OF_MEMORY;
	} else if (pdx_db_is_unchanged_tagged(r->db, article, r->tagging, &unchanged) !=
		   POLIDEX_STATUS_SUCCESS) {
		/* A page already indexed from the same bytes, with the same thesaurus, is left
		 * alone: a rerun on an unchanged crawl parses nothing. */
		pdx_index_clear_progress(r);
		pdx_cli_error(PROGRAM, "%s", polidex_db_error(r->db));
		r->fatal = stop = 1;
	} else if (unchanged) {
		r->unchanged++;
	}
	pdx_index_show_progress(r);
	pthread_mutex_unlock(&r->lock);
	if (stop || unchanged || status != POLIDEX_STATUS_SUCCESS) {
		polidex_article_destroy(article);
		return stop;
	}
	return pdx_pipeline_submit(r->pipeline, article);
}

/* What the workers share, and only read. */
struct worker {
	const polidex_thesaurus_t *thesaurus; /* loaded once for them all; NULL: no tagging */
	const struct run *run;                /* its named schemes */
	double min_score;
};

/* On a worker: parse the page, tag its concepts and build its document. */
static polidex_status_t prepare_article(polidex_article_t *article, void *ctx, void **prepared)
{
	const struct worker *w = ctx;
	polidex_status_t status = polidex_article_parse(article);
	polidex_document_t *document = NULL;

	if (status == POLIDEX_STATUS_SUCCESS && w->thesaurus)
		status = polidex_article_tag(article, w->thesaurus, w->min_score);
	for (size_t i = 0; status == POLIDEX_STATUS_SUCCESS && i < w->run->n_named; i++)
		status = polidex_article_tag_scheme(article, w->run->named_names[i],
						    w->run->named[i], w->min_score);
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

/* What kind of failure STATUS is for a page that could not be prepared. */
static enum failure failure_kind(polidex_status_t status)
{
	if (status == POLIDEX_STATUS_NOT_HTML)
		return FAIL_NOT_HTML;
	if (status == POLIDEX_STATUS_UNDECODABLE)
		return FAIL_UNDECODABLE;
	return FAIL_UNREADABLE;
}

/* Add DOCUMENT, made from PATH, to the database, and commit after each batch. With the run's
 * lock held. Returns nonzero to stop the run. */
static int add_document(struct run *r, const char *path, polidex_document_t *document)
{
	int replaced = 0;
	polidex_status_t status = polidex_db_add_document(r->db, document, &replaced);

	if (status != POLIDEX_STATUS_SUCCESS) {
		/* The database cannot take more: stop, keeping what was indexed so far. */
		pdx_index_clear_progress(r);
		pdx_cli_error(PROGRAM, "%s: %s", path,
			      *polidex_db_error(r->db) ? polidex_db_error(r->db)
						       : polidex_status_to_string(status));
		r->fatal = 1;
		return 1;
	}
	r->written++;
	r->pending++;
	return r->pending >= r->set->batch && commit(r) < 0;
}

/* On the writer, in input order: add the prepared document, commit in batches. */
static int write_article(polidex_article_t *article, void *prepared, polidex_status_t status,
			 void *ctx)
{
	struct run *r = ctx;
	const char *path = polidex_article_get_source(article);
	int stop = 0;

	pthread_mutex_lock(&r->lock);
	if (polidex_article_get_warning(article)) {
		pdx_index_clear_progress(r);
		pdx_cli_error(PROGRAM, "%s: %s", path, polidex_article_get_warning(article));
	}
	if (status == POLIDEX_STATUS_NOT_HTML && polidex_article_get_capture_date(article)) {
		/* A capture that is no page by its content is what the crawl archived, not
		 * damage. */
		r->skipped[PDX_SKIP_NO_TEXT]++;
	} else if (status == POLIDEX_STATUS_TOO_LARGE) {
		r->skipped[PDX_SKIP_TOO_LARGE]++;
	} else if (status != POLIDEX_STATUS_SUCCESS) {
		pdx_index_report_failure(r, path,
					 *polidex_article_error(article)
						 ? polidex_article_error(article)
						 : polidex_status_to_string(status),
					 failure_kind(status));
		stop = status == POLIDEX_STATUS_OUT_OF_MEMORY;
	} else {
		stop = add_document(r, path, prepared);
	}
	pdx_index_show_progress(r);
	pthread_mutex_unlock(&r->lock);
	discard_article(article, prepared);
	return stop;
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
	len = strlen(r->set->base_url);
	url = malloc(len + 1 + 3 * strlen(rel) + 1);
	if (!url)
		return -1;
	memcpy(url, r->set->base_url, len);
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

/* Count the bytes of the page file PATH, and skip it when it is larger than --max-size.
 * Returns nonzero when it was skipped. */
static int skip_if_too_large(struct run *r, const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		st.st_size = 0;
	pthread_mutex_lock(&r->lock);
	r->bytes += (unsigned long long)st.st_size;
	pthread_mutex_unlock(&r->lock);
	if (!r->set->max_size || (unsigned long long)st.st_size <= r->set->max_size)
		return 0;
	pthread_mutex_lock(&r->lock);
	pdx_index_clear_progress(r);
	pthread_mutex_unlock(&r->lock);
	pdx_cli_error(PROGRAM, "%s: skipped, larger than --max-size (%lld bytes)", path,
		      (long long)st.st_size);
	pdx_index_count_skip(r, PDX_SKIP_TOO_LARGE);
	return 1;
}

/* A file found by the walk: a web archive, or a page. Returns nonzero to stop the walk. */
static int index_page(const char *path, void *ctx)
{
	struct run *r = ctx;
	polidex_article_t *article;

	if (!pdx_walk_is_html_name(path)) {
		/* Web archives by their name or their first bytes, whatever they are called (but
		 * a page's name: a crawl's pages are not opened twice). */
		enum pdx_archive_kind kind = pdx_archive_sniff_file(path);

		if (kind == PDX_KIND_ZIP)
			return pdx_index_archive(path, 1, r);
		if (kind == PDX_KIND_WARC || kind == PDX_KIND_ARC || pdx_archive_is_name(path))
			return pdx_index_archive(path, 0, r);
	}
	if (skip_if_too_large(r, path))
		return 0;
	article = polidex_article_new(path);
	if (!article || (r->set->base_url && set_base_url(r, article, path) < 0)) {
		pdx_cli_error(PROGRAM, "%s: out of memory", path);
		polidex_article_destroy(article);
		r->fatal = 1;
		return 1;
	}
	return pdx_index_read_article(r, article, polidex_article_read_file(article, path));
}

static void path_error(const char *path, const char *reason, int failed, void *ctx)
{
	struct run *r = ctx;

	pthread_mutex_lock(&r->lock);
	if (failed) {
		pdx_index_report_failure(r, path, reason, FAIL_UNREADABLE);
	} else {
		pdx_index_clear_progress(r);
		pdx_cli_error(PROGRAM, "%s: %s", path, reason);
	}
	pthread_mutex_unlock(&r->lock);
}

static void path_skipped(const char *path, enum pdx_walk_skip why, void *ctx)
{
	(void)path;
	pdx_index_count_skip(ctx, why == PDX_WALK_SKIP_DANGLING_LINK ? PDX_SKIP_DANGLING_LINK
			: why == PDX_WALK_SKIP_LINK_LOOP   ? PDX_SKIP_LINK_LOOP
							   : PDX_SKIP_NOT_PAGE);
}

/* Index the paths listed in FILE ("-": standard input), one a line. Returns -1 when FILE
 * cannot be read. */
static int index_files_from(const char *file, struct run *r)
{
	FILE *fh = pdx_cli_open_lines(file);
	char *line = NULL;
	size_t cap = 0;

	if (!fh) {
		pdx_cli_error(PROGRAM, "--files-from %s: %s", file, strerror(errno));
		return -1;
	}
	while (!r->fatal) {
		ssize_t n = getline(&line, &cap, fh);

		if (n < 0)
			break;
		if (pdx_cli_cut_line_end(line, (size_t)n) > 0) {
			r->root = line;
			pdx_walk(line, index_page, path_error, path_skipped, r);
		}
	}
	free(line);
	if (fh != stdin)
		fclose(fh);
	return 0;
}

/* Index every PATH of the command line, then the paths of --files-from. */
static void index_inputs(struct run *r, int argc, char **argv)
{
	for (int i = r->set->first_path; i < argc && !r->fatal; i++) {
		r->root = argv[i];
		pdx_walk(argv[i], index_page, path_error, path_skipped, r);
	}
	if (r->set->files_from && !r->fatal && index_files_from(r->set->files_from, r) < 0)
		r->fatal = 1;
}

/* ---- the run -------------------------------------------------------------------------- */

/* Say why a call on R's database gave STATUS. Returns -1. */
static int db_failed(struct run *r, polidex_status_t status)
{
	pdx_cli_error(PROGRAM, "%s",
		      status == POLIDEX_STATUS_OUT_OF_MEMORY ? "out of memory"
							     : polidex_db_error(r->db));
	return -1;
}

/* Add the scheme TH called NAME to R's, in name order. */
static void add_named(struct run *r, const char *name, polidex_thesaurus_t *th)
{
	size_t at = r->n_named;

	while (at > 0 && strcmp(r->named_names[at - 1], name) > 0) {
		r->named[at] = r->named[at - 1];
		memcpy(r->named_names[at], r->named_names[at - 1], sizeof r->named_names[at]);
		at--;
	}
	r->named[at] = th;
	snprintf(r->named_names[at], sizeof r->named_names[at], "%s", name);
	r->n_named++;
}

/* Whether the run CTX is to load the scheme called NAME its database holds: it has no scheme
 * of that name, and room for one more. */
static int wants_held(void *ctx, const char *name)
{
	const struct run *r = ctx;

	for (size_t i = 0; i < r->n_named; i++)
		if (strcmp(r->named_names[i], name) == 0)
			return 0;
	return r->n_named < PDX_CLI_SCHEMES_MAX;
}

static void keep_held(void *ctx, const char *name, polidex_thesaurus_t *th)
{
	add_named(ctx, name, th);
}

/* The named schemes of the run: those of S, each given to R's database (which refuses one
 * that differs from a scheme of the same name it holds), and those the database holds that
 * S does not name. Returns 0, or -1 after saying why not. */
static int named_schemes(struct run *r)
{
	polidex_status_t status;

	for (size_t i = 0; i < r->n_named; i++) {
		status = polidex_db_set_scheme(r->db, r->named_names[i], r->named[i]);
		if (status == POLIDEX_STATUS_THESAURUS_MISMATCH) {
			pdx_cli_error(PROGRAM, "--thesaurus %s=...: %s; leave it out to use the "
					       "scheme the index holds",
				      r->named_names[i], polidex_db_error(r->db));
			return -1;
		}
		if (status != POLIDEX_STATUS_SUCCESS)
			return db_failed(r, status);
	}
	return pdx_cli_held_schemes(PROGRAM, r->db, wants_held, keep_held, r);
}

/* The unnamed scheme of the run, whatever schemes are named besides: the one --thesaurus
 * FILE names, else the one the database holds, else the default. Returns 0, or -1 after
 * saying why not. */
static int unnamed_scheme(struct run *r, const struct index_settings *s)
{
	polidex_status_t status;

	if (pdx_cli_index_thesaurus(PROGRAM, r->db, s->thesaurus_path, PDX_CLI_THESAURUS_NEEDED,
				    &r->thesaurus) < 0)
		return -1;
	status = polidex_db_set_thesaurus(r->db, r->thesaurus);
	return status == POLIDEX_STATUS_SUCCESS ? 0 : db_failed(r, status);
}

/* Drop R's schemes. */
static void drop_schemes(struct run *r)
{
	polidex_thesaurus_destroy(r->thesaurus);
	r->thesaurus = NULL;
	for (size_t i = 0; i < r->n_named; i++)
		polidex_thesaurus_destroy(r->named[i]);
	r->n_named = 0;
}

/* The hash of how R tags: its schemes and minimum score. */
static unsigned long long tagging_hash(const struct run *r)
{
	unsigned long long h = pdx_concepts_fingerprint(r->thesaurus, r->set->min_score);

	for (size_t i = 0; i < r->n_named; i++)
		h = pdx_tagging_hash_add(h, r->named_names[i],
					 pdx_concepts_fingerprint(r->named[i], r->set->min_score));
	return h;
}

/* Open what the run of the settings S writes: the --errors file, the thesauri it tags with
 * and the database. Returns 0, or -1 after saying what failed. */
static int open_run(struct run *r, const struct index_settings *s)
{
	char *message = NULL;
	polidex_status_t status;

	r->set = s;
	if (s->errors_path) {
		r->errors = fopen(s->errors_path, "w");
		if (!r->errors) {
			pdx_cli_error(PROGRAM, "--errors %s: %s", s->errors_path, strerror(errno));
			return -1;
		}
	}
	r->progress = !s->quiet && isatty(STDERR_FILENO);
	r->started = pdx_index_now();
	/* An index without its concepts would be silently incomplete: the thesaurus must load
	 * (or --no-concepts say that none is wanted). One named with --thesaurus, or the
	 * default for a database yet to be made, is loaded before the database is opened: a
	 * thesaurus that cannot be loaded leaves no database behind. */
	if (s->concepts && (s->thesaurus_path || (!s->n_named && access(s->db_path, F_OK) != 0)) &&
	    pdx_cli_load_thesaurus(PROGRAM, s->thesaurus_path, PDX_CLI_THESAURUS_NEEDED,
				   &r->thesaurus) < 0)
		return -1;
	for (size_t i = 0; s->concepts && i < s->n_named; i++) {
		polidex_thesaurus_t *th = NULL;

		if (pdx_cli_load_thesaurus(PROGRAM, s->named[i].path, PDX_CLI_THESAURUS_NEEDED,
					   &th) < 0) {
			drop_schemes(r);
			return -1;
		}
		add_named(r, s->named[i].name, th);
	}
	status = polidex_db_open_writable(s->db_path, (unsigned)s->shards, &r->db, &message);
	if (status != POLIDEX_STATUS_SUCCESS) {
		pdx_cli_error(PROGRAM, "%s", message ? message : polidex_status_to_string(status));
		free(message);
		drop_schemes(r);
		return -1;
	}
	/* An index that holds a scheme is tagged with it and no other; one that holds none is
	 * given the run's. */
	if (s->concepts && (unnamed_scheme(r, s) < 0 || named_schemes(r) < 0)) {
		drop_schemes(r);
		polidex_db_close(r->db);
		r->db = NULL;
		return -1;
	}
	r->tagging = tagging_hash(r);
	pthread_mutex_init(&r->lock, NULL);
	return 0;
}

/* Remove the documents of files, and the captures of web archives, that no longer exist; the
 * count in *PRUNED. Returns 0, or -1 after saying what failed. */
static int prune_missing(struct run *r, unsigned long *pruned)
{
	if (polidex_db_prune_missing_files(r->db, pruned) != POLIDEX_STATUS_SUCCESS) {
		pdx_cli_error(PROGRAM, "%s", polidex_db_error(r->db));
		polidex_db_close(r->db);
		return -1;
	}
	if (*pruned)
		r->pending++;
	return 0;
}

/* End the run: the last commit, the summary (PRUNED documents pruned), the --errors file and
 * the database closed. Returns the exit status. */
static int close_run(struct run *r, unsigned long pruned)
{
	if (r->pending)
		commit(r);
	pdx_index_clear_progress(r);
	if (!r->set->quiet)
		pdx_index_print_summary(r, pruned);
	if (r->errors && fclose(r->errors) != 0) {
		pdx_cli_error(PROGRAM, "--errors %s: %s", r->set->errors_path, strerror(errno));
		r->fatal = 1;
	}
	drop_schemes(r);
	if (polidex_db_close(r->db) != POLIDEX_STATUS_SUCCESS) {
		pdx_cli_error(PROGRAM, "%s: closing the database failed", r->set->db_path);
		return PDX_CLI_EXIT_FAILURE;
	}
	if (r->fatal)
		return PDX_CLI_EXIT_FAILURE;
	return r->failed ? PDX_CLI_EXIT_PARTIAL : PDX_CLI_EXIT_SUCCESS;
}

int main(int argc, char **argv)
{
	struct index_settings s = {0};
	struct run r = {0};
	struct worker w;
	unsigned long pruned = 0;
	int rc = pdx_index_read_options(argc, argv, &s);

	if (rc != PDX_CLI_GO_ON)
		return rc;
	if (open_run(&r, &s) < 0)
		return PDX_CLI_EXIT_FAILURE;
	/* Pruning goes first: a page whose latest capture was in an archive now gone comes back
	 * from the captures that are left. */
	if (s.prune && prune_missing(&r, &pruned) < 0)
		return PDX_CLI_EXIT_FAILURE;
	/* Every worker tags with the same thesauri, which tagging only reads. */
	w.thesaurus = r.thesaurus;
	w.run = &r;
	w.min_score = s.min_score;
	r.pipeline = pdx_pipeline_start((int)s.jobs, &w, prepare_article, write_article,
					discard_article, &r);
	if (!r.pipeline) {
		pdx_cli_error(PROGRAM, "cannot start %lu worker threads", s.jobs);
		return PDX_CLI_EXIT_FAILURE;
	}
	index_inputs(&r, argc, argv);
	pdx_pipeline_finish(r.pipeline);
	return close_run(&r, pruned);
}
