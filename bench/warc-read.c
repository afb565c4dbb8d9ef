/* warc-read: read every record of web archives with polidex's reader, decoding each payload
 * (transfer and content codings undone), without extracting pages: the reader's own speed,
 * beside bench/warcio/read.mjs on the same files.
 *
 * Usage: warc-read [-v] [-j N] FILE...
 * Prints "records N payload_bytes B seconds S"; with -v, a line for each record and event.
 * With -j N, payloads are decoded on N threads of their own while the records are read, as
 * polidex-index decodes them on its workers; without, on the thread that reads. */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "indexer/archive.h"
#include "indexer/wacz.h"

#define LIMIT (256u << 20)

static unsigned long records, events;
static unsigned long long payload_bytes;
static int verbose, threads;

/* Payloads waiting for a decoding thread. */
struct job {
	char *coded, *codings;
	size_t len;
	struct job *next;
};

#define MAX_WAITING 256

static struct {
	pthread_mutex_t lock;
	pthread_cond_t more, room;
	struct job *head, *tail;
	size_t waiting;
	int done;
} queue = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, PTHREAD_COND_INITIALIZER,
	   NULL, NULL, 0, 0};

static void *decoder(void *arg)
{
	unsigned long long *bytes = arg;

	for (;;) {
		struct job *j;
		char *out, why[256];
		size_t n;

		pthread_mutex_lock(&queue.lock);
		while (!queue.head && !queue.done)
			pthread_cond_wait(&queue.more, &queue.lock);
		j = queue.head;
		if (j) {
			queue.head = j->next;
			if (!queue.head)
				queue.tail = NULL;
			queue.waiting--;
			pthread_cond_signal(&queue.room);
		}
		pthread_mutex_unlock(&queue.lock);
		if (!j)
			return NULL;
		if (pdx_decode_content(j->codings, j->coded, j->len, LIMIT, &out, &n, why,
				       sizeof why) <= PDX_DECODE_TRUNCATED) {
			*bytes += n;
			free(out);
		}
		free(j->coded);
		free(j->codings);
		free(j);
	}
}

/* Give a coded payload to the decoding threads, waiting while they are behind. */
static void submit(const char *coded, size_t len, const char *codings)
{
	struct job *j = calloc(1, sizeof *j);

	if (!j || !(j->coded = malloc(len + 1)) || !(j->codings = strdup(codings))) {
		fprintf(stderr, "warc-read: out of memory\n");
		exit(2);
	}
	memcpy(j->coded, coded, len);
	j->coded[len] = '\0';
	j->len = len;
	pthread_mutex_lock(&queue.lock);
	while (queue.waiting >= MAX_WAITING)
		pthread_cond_wait(&queue.room, &queue.lock);
	if (queue.tail)
		queue.tail->next = j;
	else
		queue.head = j;
	queue.tail = j;
	queue.waiting++;
	pthread_cond_signal(&queue.more);
	pthread_mutex_unlock(&queue.lock);
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int read_archive(pdx_archive_t *a, const char *name)
{
	struct pdx_archive_record rec;
	enum pdx_archive_event ev;

	while ((ev = pdx_archive_next(a, &rec)) != PDX_ARCHIVE_END) {
		const char *payload;
		char why[512];
		size_t len = 0;
		int cut;
		enum pdx_decode_status st = PDX_DECODE_OK;

		if (ev != PDX_ARCHIVE_RECORD) {
			events++;
			if (verbose)
				printf("%s: %s: %s\n", name,
				       ev == PDX_ARCHIVE_DAMAGED ? "damaged" : "notice",
				       pdx_archive_message(a));
			continue;
		}
		records++;
		/* With decoding threads, a coded payload goes to them. */
		st = pdx_archive_read_payload(
		    a, LIMIT, !threads || pdx_decode_is_identity(rec.content_encoding), &payload,
		    &len, &cut, why, sizeof why);
		if (threads && !pdx_decode_is_identity(rec.content_encoding) && payload)
			submit(payload, len, rec.content_encoding);
		else
			payload_bytes += len;
		if (verbose)
			printf("%s: %lu @%llu %s %s %s status=%d type=%s enc=%s te=%s len=%llu "
			       "payload=%zu%s%s%s\n",
			       name, rec.number, rec.offset, rec.type_name, rec.uri ? rec.uri : "-",
			       rec.date ? rec.date : "-", rec.status,
			       rec.payload_type ? rec.payload_type : "-",
			       rec.content_encoding ? rec.content_encoding : "-",
			       rec.transfer_encoding ? rec.transfer_encoding : "-", rec.length, len,
			       st != PDX_DECODE_OK ? " (" : "", st != PDX_DECODE_OK ? why : "",
			       st != PDX_DECODE_OK ? ")" : "");
	}
	return 0;
}

int main(int argc, char **argv)
{
	double seconds = 0, start = now();
	int status = 0;
	pthread_t tids[16];
	unsigned long long decoded[16] = {0};

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-j") == 0 && i + 1 < argc) {
			threads = atoi(argv[i + 1]);
			if (threads < 0 || threads > 16) {
				fprintf(stderr, "warc-read: -j takes 0 to 16\n");
				return 2;
			}
			argv[i] = argv[i + 1] = "";
		}
	}
	for (int t = 0; t < threads; t++)
		pthread_create(&tids[t], NULL, decoder, &decoded[t]);
	for (int i = 1; i < argc; i++) {
		const char *path = argv[i];
		char why[1024];

		if (!*path)
			continue;
		if (strcmp(path, "-v") == 0) {
			verbose = 1;
			continue;
		}
		if (pdx_archive_sniff_file(path) == PDX_KIND_ZIP) {
			pdx_wacz_t *w = pdx_wacz_open(path, why, sizeof why);

			if (!w) {
				fprintf(stderr, "warc-read: %s\n", why);
				status = 1;
				continue;
			}
			for (size_t k = 0; k < pdx_wacz_count(w); k++) {
				char name[2048];
				pdx_archive_t *a;

				snprintf(name, sizeof name, "%s: %s", path, pdx_wacz_name(w, k));
				a = pdx_wacz_open_archive(w, k, name, why, sizeof why);
				if (!a) {
					fprintf(stderr, "warc-read: %s\n", why);
					status = 1;
					continue;
				}
				read_archive(a, name);
				pdx_archive_close(a);
			}
			pdx_wacz_close(w);
		} else {
			pdx_archive_t *a = pdx_archive_open(path, why, sizeof why);

			if (!a) {
				fprintf(stderr, "warc-read: %s\n", why);
				status = 1;
				continue;
			}
			read_archive(a, path);
			pdx_archive_close(a);
		}
	}
	pthread_mutex_lock(&queue.lock);
	queue.done = 1;
	pthread_cond_broadcast(&queue.more);
	pthread_mutex_unlock(&queue.lock);
	for (int t = 0; t < threads; t++) {
		pthread_join(tids[t], NULL);
		payload_bytes += decoded[t];
	}
	seconds = now() - start;
	printf("records %lu payload_bytes %llu seconds %.3f\n", records, payload_bytes, seconds);
	return status;
}
