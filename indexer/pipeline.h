/* pipeline.h: worker threads that prepare articles, and one writer that takes them in the
 * order they were submitted, so that the index is the same whatever the number of workers. */
#ifndef PDX_PIPELINE_H
#define PDX_PIPELINE_H

#include "polidex.h"

typedef struct pdx_pipeline pdx_pipeline_t;

/* Prepare ARTICLE (parse, tag, build its document) on a worker; WORKER is the context the
 * workers share, which they only read. What else it makes for the writer goes to *PREPARED.
 * Returns the status the writer will see. */
typedef polidex_status_t (*pdx_prepare_fn)(polidex_article_t *article, void *worker,
					   void **prepared);

/* Take ARTICLE and PREPARED, prepared with STATUS, in submission order; the writer owns both.
 * Returns nonzero to stop taking more (the rest are given to the discard function). */
typedef int (*pdx_write_fn)(polidex_article_t *article, void *prepared, polidex_status_t status,
			    void *ctx);

/* Free ARTICLE and PREPARED, which will not be written. */
typedef void (*pdx_discard_fn)(polidex_article_t *article, void *prepared);

/* Start N_WORKERS workers, all given WORKER, and one writer given CTX. Returns NULL when
 * threads cannot be started. */
pdx_pipeline_t *pdx_pipeline_start(int n_workers, void *worker, pdx_prepare_fn prepare,
				   pdx_write_fn write, pdx_discard_fn discard, void *ctx);

/* Hand ARTICLE to the workers; blocks while too many are in flight. Returns nonzero once
 * the writer has stopped (ARTICLE is then destroyed). */
int pdx_pipeline_submit(pdx_pipeline_t *p, polidex_article_t *article);

/* Wait for every submitted article to be written, and stop the threads. */
void pdx_pipeline_finish(pdx_pipeline_t *p);

#endif
