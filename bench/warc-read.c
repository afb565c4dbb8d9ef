/* warc-read: read every record of web archives with polidex's reader, decoding each payload
 * (transfer and content codings undone), without extracting pages: the reader's own speed,
 * beside bench/warcio/read.mjs on the same files.
 *
 * Usage: warc-read [-v] FILE...
 * Prints "records N payload_bytes B seconds S"; with -v, a line for each record and event. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "archive.h"
#include "wacz.h"

#define LIMIT (256u << 20)

static unsigned long records, events;
static unsigned long long payload_bytes;
static int verbose;

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
		char *payload, why[512];
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
		st = pdx_archive_read_payload(a, LIMIT, &payload, &len, &cut, why, sizeof why);
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
		free(payload);
	}
	return 0;
}

int main(int argc, char **argv)
{
	double seconds = 0;
	int status = 0;

	for (int i = 1; i < argc; i++) {
		const char *path = argv[i];
		char why[1024];
		double start;

		if (strcmp(path, "-v") == 0) {
			verbose = 1;
			continue;
		}
		start = now();
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
		seconds += now() - start;
	}
	printf("records %lu payload_bytes %llu seconds %.3f\n", records, payload_bytes, seconds);
	return status;
}
