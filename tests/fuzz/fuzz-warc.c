/* fuzz-warc: libFuzzer target for the WARC reader (through a file, as it reads). */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "warc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int count_response(const struct pdx_warc_response *r, void *ctx)
{
	size_t *bytes = ctx;

	/* Touch what the reader hands out, for the sanitizers to check. */
	*bytes += r->body_len + strlen(r->target_uri) + (r->charset ? strlen(r->charset) : 0);
	if (r->body_len)
		*bytes += (unsigned char)r->body[r->body_len - 1];
	return 0;
}

static void ignore_error(unsigned long record, const char *reason, void *ctx)
{
	(void)record;
	(void)reason;
	(void)ctx;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64], error[1024];
	size_t bytes = 0;
	FILE *fh;

	snprintf(path, sizeof path, "/tmp/fuzz-warc-%d.warc", (int)getpid());
	fh = fopen(path, "wb");
	if (!fh)
		return 0;
	fwrite(data, 1, size, fh);
	fclose(fh);
	pdx_warc_read(path, count_response, ignore_error, &bytes, error, sizeof error);
	unlink(path);
	return 0;
}
