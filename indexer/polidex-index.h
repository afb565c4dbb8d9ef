/* polidex-index.h: what the parts of polidex-index share: its settings, the state of a run,
 * and the functions each part offers the others. */
#ifndef PDX_POLIDEX_INDEX_H
#define PDX_POLIDEX_INDEX_H

#include <pthread.h>
#include <stdio.h>

#include "cli/cli.h"
#include "indexer/pipeline.h"
#include "indexer/records.h"
#include "polidex.h"

#define PROGRAM "polidex-index"
#define DEFAULT_BATCH 1000

/* What the command line asks for. */
struct index_settings {
	const char *db_path;
	unsigned long jobs;	    /* worker threads */
	unsigned long batch;	    /* pages between commits */
	unsigned long shards;	    /* shards of a new database; 0: one */
	const char *thesaurus_path; /* NULL: the default */
	struct pdx_cli_scheme named[PDX_CLI_SCHEMES_MAX]; /* --thesaurus NAME=FILE */
	size_t n_named;
	int concepts;		    /* 0: --no-concepts */
	double min_score;
	int prune;		     /* --prune */
	int each;		     /* --captures=each */
	int quiet;		     /* --quiet */
	unsigned long long max_size; /* pages larger are skipped; 0: no limit */
	const char *base_url;	     /* --base-url, or NULL */
	const char *errors_path;     /* --errors, or NULL */
	const char *files_from;	     /* --files-from, or NULL */
	int first_path;		     /* the index in argv of the first PATH */
};

/* A run of polidex-index. */
struct run {
	const struct index_settings *set;
	polidex_db_t *db;
	const char *root;		/* the PATH being walked, for --base-url */
	polidex_thesaurus_t *thesaurus; /* the unnamed scheme; NULL: none */
	polidex_thesaurus_t *named[PDX_CLI_SCHEMES_MAX]; /* the named schemes, in name order */
	char named_names[PDX_CLI_SCHEMES_MAX][32];
	size_t n_named;
	unsigned long long tagging; /* the hash of them all, with the minimum score */
	unsigned long pending;		/* documents since the last commit */
	unsigned long written, unchanged, failed;
	unsigned long unreadable, not_html, bad_records, undecodable; /* failures by reason */
	unsigned long skipped[PDX_SKIP_N]; /* inputs passed over on purpose, by reason */
	int mode_set;			   /* the database was told how captures are kept */
	FILE *errors; /* --errors: failures as JSON Lines here instead of stderr */
	int progress; /* a progress line on the terminal */
	double started, last_progress;
	unsigned long long bytes; /* of the pages read */
	pthread_mutex_t lock;	  /* the database and everything above, between threads */
	pdx_pipeline_t *pipeline;
	int fatal;
};

/* What kind of failure an input had, as the summary counts them. */
enum failure { FAIL_UNREADABLE, FAIL_NOT_HTML, FAIL_RECORD, FAIL_UNDECODABLE };

/* ---- polidex-index-options.c ----------------------------------------------------------- */

/* Read the command line into S. Returns PDX_CLI_GO_ON, or the status to exit with. */
int pdx_index_read_options(int argc, char **argv, struct index_settings *s);

/* ---- polidex-index-report.c: progress, failures, the summary --------------------------- */

/* The time, in seconds, for the progress line's rates. */
double pdx_index_now(void);

/* Rub the progress line out before a message, and rewrite it at most twice a second. With
 * the run's lock held. */
void pdx_index_clear_progress(struct run *r);
void pdx_index_show_progress(struct run *r);

/* Report a page or record that could not be indexed: on stderr, or as a JSON line in the
 * --errors file. MESSAGE is "SOURCE: reason". With the run's lock held. */
void pdx_index_report_failure(struct run *r, const char *source, const char *message,
			      enum failure kind);

/* pdx_index_report_failure(), taking the run's lock. */
void pdx_index_record_failure(struct run *r, const char *source, const char *message,
			      enum failure kind);

/* Say what a user should know about SOURCE that lost nothing, taking the run's lock. */
void pdx_index_notice(struct run *r, const char *source, const char *message);

/* Count an input passed over on purpose, taking the run's lock. */
void pdx_index_count_skip(struct run *r, enum pdx_skip why);

/* The summary at the end of the run: what was indexed, skipped and why, failed and why, and
 * what became of captures. */
void pdx_index_print_summary(const struct run *r, unsigned long pruned);

/* ---- polidex-index-archives.c ---------------------------------------------------------- */

/* Index the web archive PATH: a WARC or ARC file, or the archives of a WACZ when ZIP. Returns
 * nonzero to stop the run. */
int pdx_index_archive(const char *path, int zip, struct run *r);

/* ---- polidex-index.c ------------------------------------------------------------------- */

/* Hand ARTICLE, read (not parsed) with STATUS, to the workers unless it failed or is
 * unchanged; takes ownership of it. Runs on the thread that walks the inputs. Returns nonzero
 * to stop the run. */
int pdx_index_read_article(struct run *r, polidex_article_t *article, polidex_status_t status);

#endif
