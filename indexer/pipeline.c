/* pipeline.c: a ring of jobs in submission order, prepared by worker threads and written by
 * one writer thread as soon as the next one in order is ready. */
#include "config.h"

#include "indexer/pipeline.h"

#include <pthread.h>
#include <stdlib.h>

enum job_state { JOB_FREE, JOB_WAITING, JOB_RUNNING, JOB_READY };

struct job {
	polidex_article_t *article;
	void *prepared;
	polidex_status_t status;
	enum job_state state;
};

struct worker {
	pdx_pipeline_t *p;
	pthread_t thread;
};

struct pdx_pipeline {
	pthread_mutex_t lock;
	pthread_cond_t changed; /* any job changed state, or the pipeline is ending */
	struct job *ring;
	size_t size;
	unsigned long submitted; /* jobs handed in so far: the next one's number */
	unsigned long taken;     /* jobs a worker has started */
	unsigned long written;   /* jobs the writer has taken */
	int finishing, stopped;
	pdx_prepare_fn prepare;
	pdx_write_fn write;
	pdx_discard_fn discard;
	void *worker_ctx; /* the workers', shared */
	void *ctx;	  /* the writer's */
	struct worker *workers;
	int n_workers;
	pthread_t writer;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	pdx_pipeline_t *p = w->p;

	pthread_mutex_lock(&p->lock);
	for (;;) {
		struct job *job;
		polidex_status_t status;
		void *prepared = NULL;

		while (p->taken == p->submitted && !p->finishing)
			pthread_cond_wait(&p->changed, &p->lock);
		if (p->taken == p->submitted)
			break;
		int skip = p->stopped;

		job = &p->ring[p->taken++ % p->size];
		job->state = JOB_RUNNING;
		pthread_mutex_unlock(&p->lock);
		status = skip ? POLIDEX_STATUS_SUCCESS
			      : p->prepare(job->article, p->worker_ctx, &prepared);
		pthread_mutex_lock(&p->lock);
		job->prepared = prepared;
		job->status = status;
		job->state = JOB_READY;
		pthread_cond_broadcast(&p->changed);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

static void *write_all(void *arg)
{
	pdx_pipeline_t *p = arg;

	pthread_mutex_lock(&p->lock);
	for (;;) {
		struct job *job;

		while (p->written < p->submitted &&
		       p->ring[p->written % p->size].state != JOB_READY)
			pthread_cond_wait(&p->changed, &p->lock);
		if (p->written == p->submitted) {
			if (p->finishing)
				break;
			pthread_cond_wait(&p->changed, &p->lock);
			continue;
		}
		int skip = p->stopped, stop = 0;

		job = &p->ring[p->written % p->size];
		pthread_mutex_unlock(&p->lock);
		if (skip)
			p->discard(job->article, job->prepared);
		else
			stop = p->write(job->article, job->prepared, job->status, p->ctx);
		pthread_mutex_lock(&p->lock);
		if (stop)
			p->stopped = 1;
		job->article = NULL;
		job->prepared = NULL;
		job->state = JOB_FREE;
		p->written++;
		pthread_cond_broadcast(&p->changed);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

pdx_pipeline_t *pdx_pipeline_start(int n_workers, void *worker, pdx_prepare_fn prepare,
				   pdx_write_fn write, pdx_discard_fn discard, void *ctx)
{
	pdx_pipeline_t *p = calloc(1, sizeof *p);
	int started = 0;

	if (!p)
		return NULL;
	/* A few jobs a worker in flight keeps them busy and memory bounded. */
	p->size = (size_t)n_workers * 4 + 4;
	p->ring = calloc(p->size, sizeof *p->ring);
	p->workers = calloc((size_t)n_workers, sizeof *p->workers);
	if (!p->ring || !p->workers)
		goto fail;
	p->prepare = prepare;
	p->write = write;
	p->discard = discard;
	p->worker_ctx = worker;
	p->ctx = ctx;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->changed, NULL);
	for (; started < n_workers; started++) {
		p->workers[started].p = p;
		if (pthread_create(&p->workers[started].thread, NULL, work, &p->workers[started]))
			break;
	}
	p->n_workers = started;
	if (started < n_workers || pthread_create(&p->writer, NULL, write_all, p)) {
		pthread_mutex_lock(&p->lock);
		p->finishing = 1;
		pthread_cond_broadcast(&p->changed);
		pthread_mutex_unlock(&p->lock);
		for (int i = 0; i < started; i++)
			pthread_join(p->workers[i].thread, NULL);
		pthread_mutex_destroy(&p->lock);
		pthread_cond_destroy(&p->changed);
		goto fail;
	}
	return p;
fail:
	free(p->ring);
	free(p->workers);
	free(p);
	return NULL;
}

int pdx_pipeline_submit(pdx_pipeline_t *p, polidex_article_t *article)
{
	struct job *job;
	int stopped;

	pthread_mutex_lock(&p->lock);
	while (p->submitted - p->written >= p->size)
		pthread_cond_wait(&p->changed, &p->lock);
	job = &p->ring[p->submitted % p->size];
	job->article = article;
	job->state = JOB_WAITING;
	p->submitted++;
	stopped = p->stopped;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->lock);
	return stopped;
}

void pdx_pipeline_finish(pdx_pipeline_t *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->lock);
	p->finishing = 1;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->lock);
	for (int i = 0; i < p->n_workers; i++)
		pthread_join(p->workers[i].thread, NULL);
	pthread_join(p->writer, NULL);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->changed);
	free(p->ring);
	free(p->workers);
	free(p);
}
