/* pipeline.h: worker threads that prepare articles, and one writer that takes them in the
 * order they were submitted, so that the index is the same whatever the number of workers. */
#ifndef PDX_PIPELINE_H
#define PDX_PIPELINE_H

#include "polidex.h"

typedef struct pdx_pipeline pdx_pipeline_t;

/* Prepare ARTICLE (parse, tag) on a worker; WORKER is that worker's own context. Returns the
 * status the writer will see. */
typedef polidex_status_t (*pdx_prepare_fn)(polidex_article_t *article, void *worker);

/* Take ARTICLE, prepared with STATUS, in submission order; the writer owns it. Returns
 * nonzero to stop taking more (the rest are destroyed unwritten). */
typedef int (*pdx_write_fn)(polidex_article_t *article, polidex_status_t status, void *ctx);

/* Start N_WORKERS workers, each given WORKERS[i], and one writer given CTX. Returns NULL
 * when threads cannot be started. */
pdx_pipeline_t *pdx_pipeline_start(int n_workers, void **workers, pdx_prepare_fn prepare,
				   pdx_write_fn write, void *ctx);

/* Hand ARTICLE to the workers; blocks while too many are in flight. Returns nonzero once
 * the writer has stopped (ARTICLE is then destroyed). */
int pdx_pipeline_submit(pdx_pipeline_t *p, polidex_article_t *article);

/* Wait for every submitted article to be written, and stop the threads. */
void pdx_pipeline_finish(pdx_pipeline_t *p);

#endif
