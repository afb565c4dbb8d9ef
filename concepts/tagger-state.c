/* tagger-state.c: each thread's caches and scratch for a tagger, so that one tagger serves
 * many threads at once.
 *
 * A thread's state for a tagger is found through a thread-specific key of the tagger's, with
 * no lock, and made on the thread's first call. Each state is listed twice: on its tagger's
 * list, so that freeing the tagger frees the states of every thread, and on its thread's
 * list, so that a thread's end frees its states of every tagger. One process-wide lock guards
 * both kinds of list, and a state leaves both at once, under it, by whichever comes first: its
 * tagger's end or its thread's. A thread's list lives in the thread's own storage and is
 * emptied by a destructor of a process-wide key that is never deleted, so the destructor
 * always runs and never races with a key's deletion; the tagger's key has no destructor. */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "concepts/tagger-internal.h"

struct pdx_tag_states {
	pthread_key_t key;          /* the calling thread's state */
	struct pdx_tag_state *head; /* every thread's, under states_lock */
};

/* The states of the calling thread, of every tagger it has used. */
struct thread_states {
	struct pdx_tag_state *head;
};

static pthread_mutex_t states_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t thread_key_once = PTHREAD_ONCE_INIT;
static pthread_key_t thread_key;
static int thread_key_made;
static _Thread_local struct thread_states this_thread;
/* Set once thread_end() has run in this thread: a state made after it (by another key's
 * destructor that tags) is listed on its tagger only, since the thread's list is about to go
 * with the thread, and stays until the tagger is freed. */
static _Thread_local int this_thread_ended;

static void state_free(struct pdx_tag_state *s)
{
	for (size_t i = 0; i < s->n_caches; i++) {
		pdx_stemmer_destroy(s->caches[i].stemmer);
		pdx_words_clear(&s->caches[i].words);
	}
	free(s->tokens);
	free(s->by_concept);
	free(s->seen);
	free(s->last_match);
	free(s->evidence);
	free(s->found);
	free(s->case_keys);
	free(s->case_bits);
	free(s->case_gen);
	free(s->paragraphs);
	free(s->matches);
	free(s);
}

static void unlink_from_thread(struct pdx_tag_state *s)
{
	if (!s->prev_of_thread)
		return; /* made after its thread's end: on no thread's list */
	*s->prev_of_thread = s->next_of_thread;
	if (s->next_of_thread)
		s->next_of_thread->prev_of_thread = s->prev_of_thread;
}

static void unlink_from_tagger(struct pdx_tag_state *s)
{
	*s->prev_of_tagger = s->next_of_tagger;
	if (s->next_of_tagger)
		s->next_of_tagger->prev_of_tagger = s->prev_of_tagger;
}

/* The thread ends: free its states. Each tagger they belong to is alive while the state is on
 * its list, so its key can still be cleared: a later call in this thread's other destructors
 * then makes a new state rather than reading a freed one. */
static void thread_end(void *value)
{
	struct thread_states *mine = value;
	struct pdx_tag_state *ended = NULL;

	this_thread_ended = 1;
	pthread_mutex_lock(&states_lock);
	while (mine->head) {
		struct pdx_tag_state *s = mine->head;

		unlink_from_thread(s);
		unlink_from_tagger(s);
		pthread_setspecific(s->owner->key, NULL);
		s->next_of_thread = ended;
		ended = s;
	}
	pthread_mutex_unlock(&states_lock);
	while (ended) {
		struct pdx_tag_state *next = ended->next_of_thread;

		state_free(ended);
		ended = next;
	}
}

static void make_thread_key(void)
{
	thread_key_made = pthread_key_create(&thread_key, thread_end) == 0;
}

struct pdx_tag_states *pdx_tag_states_new(void)
{
	struct pdx_tag_states *states = calloc(1, sizeof *states);

	if (!states)
		return NULL;
	pthread_once(&thread_key_once, make_thread_key);
	if (!thread_key_made || pthread_key_create(&states->key, NULL) != 0) {
		free(states);
		return NULL;
	}
	return states;
}

void pdx_tag_states_free(struct pdx_tag_states *states)
{
	struct pdx_tag_state *s;

	if (!states)
		return;
	pthread_mutex_lock(&states_lock);
	for (s = states->head; s; s = s->next_of_tagger)
		unlink_from_thread(s);
	s = states->head;
	states->head = NULL;
	pthread_mutex_unlock(&states_lock);
	while (s) {
		struct pdx_tag_state *next = s->next_of_tagger;

		state_free(s);
		s = next;
	}
	pthread_key_delete(states->key);
	free(states);
}

/* A new state for the calling thread, listed; NULL when memory ran out. */
static struct pdx_tag_state *state_new(const pdx_tagger_t *t)
{
	size_t n = t->th->n_concepts ? t->th->n_concepts : 1;
	struct pdx_tag_state *s = calloc(1, sizeof *s);

	if (!s)
		return NULL;
	s->by_concept = calloc(n, sizeof *s->by_concept);
	s->seen = calloc(n, 1);
	s->last_match = calloc(n, sizeof *s->last_match);
	s->evidence = calloc(n, sizeof *s->evidence);
	s->found = calloc(n, sizeof *s->found);
	if (!s->by_concept || !s->seen || !s->last_match || !s->evidence || !s->found ||
	    (!this_thread_ended && pthread_setspecific(thread_key, &this_thread) != 0) ||
	    pthread_setspecific(t->states->key, s) != 0) {
		state_free(s);
		return NULL;
	}
	s->owner = t->states;
	pthread_mutex_lock(&states_lock);
	s->next_of_tagger = t->states->head;
	if (s->next_of_tagger)
		s->next_of_tagger->prev_of_tagger = &s->next_of_tagger;
	s->prev_of_tagger = &t->states->head;
	t->states->head = s;
	if (!this_thread_ended) {
		s->next_of_thread = this_thread.head;
		if (s->next_of_thread)
			s->next_of_thread->prev_of_thread = &s->next_of_thread;
		s->prev_of_thread = &this_thread.head;
		this_thread.head = s;
	}
	pthread_mutex_unlock(&states_lock);
	return s;
}

struct pdx_tag_state *pdx_tag_state_get(const pdx_tagger_t *t)
{
	struct pdx_tag_state *s = pthread_getspecific(t->states->key);

	return s ? s : state_new(t);
}

struct pdx_lang_cache *pdx_tag_state_cache(struct pdx_tag_state *s, const char *lang)
{
	struct pdx_lang_cache *c;

	for (size_t i = 0; i < s->n_caches; i++)
		if (strcmp(s->caches[i].lang, lang) == 0)
			return &s->caches[i];
	if (s->n_caches == MAX_STEMMERS) {
		/* Many languages in one run: recycle the oldest cache. */
		pdx_stemmer_destroy(s->caches[0].stemmer);
		pdx_words_clear(&s->caches[0].words);
		memmove(&s->caches[0], &s->caches[1], (MAX_STEMMERS - 1) * sizeof s->caches[0]);
		s->n_caches--;
	}
	c = &s->caches[s->n_caches++];
	memset(c, 0, sizeof *c);
	memcpy(c->lang, lang, 4);
	c->stemmer = pdx_stemmer_new(*lang ? lang : "en");
	if (!c->stemmer && pdx_stemmer_algorithm(*lang ? lang : "en")) {
		/* The language has a stemmer but memory ran out making it: matching unstemmed
		 * would tag differently, so the call fails instead. */
		s->n_caches--;
		return NULL;
	}
	return c;
}
