/* fuzz-warc: libFuzzer target for the web archive reader and the content decoders. The first
 * byte picks what the rest is: 0 a WARC or ARC file (plain or gzipped) read record by record,
 * each payload decoded and judged as polidex-index would; 1 an HTTP body to decode with the
 * content codings the second byte picks; 2 a chunked body, then decoded likewise. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "indexer/archive.h"
#include "indexer/decode.h"
#include "indexer/records.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct memory {
	const uint8_t *data;
	size_t size, pos;
};

static ssize_t read_memory(void *handle, char *buf, size_t len)
{
	struct memory *m = handle;
	size_t n = m->size - m->pos < len ? m->size - m->pos : len;

	/* Short reads, as a pipe or a zip member gives them. */
	if (n > 7 && (m->pos & 1))
		n = n / 2;
	memcpy(buf, m->data + m->pos, n);
	m->pos += n;
	return (ssize_t)n;
}

/* Touch what a record hands out, for the sanitizers to check. */
static size_t touch(const struct pdx_archive_record *rec)
{
	const char *s[] = {rec->type_name, rec->uri, rec->date, rec->record_id, rec->content_type,
			   rec->refers_to_uri, rec->refers_to_date, rec->payload_type, rec->charset,
			   rec->content_encoding, rec->transfer_encoding};
	size_t n = rec->length + (size_t)rec->status;

	for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
		n += s[i] ? strlen(s[i]) : 0;
	return n;
}

static void read_archive(const uint8_t *data, size_t size)
{
	struct memory m = {data, size, 0};
	char why[1024];
	pdx_archive_t *a = pdx_archive_open_stream(read_memory, &m, "fuzz", why, sizeof why);
	struct pdx_archive_record rec;
	enum pdx_archive_event ev;
	size_t bytes = 0;

	if (!a)
		return;
	while ((ev = pdx_archive_next(a, &rec)) != PDX_ARCHIVE_END) {
		enum pdx_skip skip;
		const char *problem;
		const char *payload;
		size_t len;
		int cut;

		if (ev != PDX_ARCHIVE_RECORD) {
			bytes += strlen(pdx_archive_message(a));
			continue;
		}
		bytes += touch(&rec);
		(void)pdx_record_judge(&rec, &skip, &problem);
		/* Every other record is read, the others skipped: both paths are taken. */
		if (rec.number % 2 &&
		    pdx_archive_read_payload(a, 1 << 20, 1, &payload, &len, &cut, why,
					     sizeof why) != PDX_DECODE_TOO_LARGE) {
			if (payload && len)
				bytes += (unsigned char)payload[len - 1];
		}
	}
	pdx_archive_close(a);
	(void)bytes;
}

static void decode(const uint8_t *data, size_t size, int chunked)
{
	static const char *const codings[] = {"gzip", "deflate", "br", "zstd", "identity",
					      "gzip, br", "br, gzip", "deflate, zstd", "x-gzip",
					      "compress", "gzip, gzip"};
	const char *coding = codings[size ? data[0] % (sizeof codings / sizeof codings[0]) : 0];
	char *body, *out, why[256];
	size_t len = size ? size - 1 : 0, out_len;

	body = malloc(len + 1);
	if (!body)
		return;
	memcpy(body, data + (size ? 1 : 0), len);
	body[len] = '\0';
	if (chunked)
		(void)pdx_dechunk(body, len, &len);
	if (pdx_decode_content(coding, body, len, 1 << 20, &out, &out_len, why, sizeof why) <=
	    PDX_DECODE_TRUNCATED) {
		if (out_len)
			why[0] = out[out_len - 1];
		free(out);
	}
	free(body);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	switch (data[0] % 3) {
	case 0:
		read_archive(data + 1, size - 1);
		break;
	case 1:
		decode(data + 1, size - 1, 0);
		break;
	default:
		decode(data + 1, size - 1, 1);
		break;
	}
	return 0;
}
