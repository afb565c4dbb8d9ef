/* archive-sniff.c: what a file is, by its first bytes or its name. */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <zlib.h>

#include "indexer/archive-internal.h"

enum pdx_archive_kind pdx_archive_sniff(const char *data, size_t len)
{
	if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0)
		return PDX_KIND_ZIP;
	if (len >= 5 && memcmp(data, "WARC/", 5) == 0)
		return PDX_KIND_WARC;
	if (len >= 11 && memcmp(data, "filedesc://", 11) == 0)
		return PDX_KIND_ARC;
	if (len >= 2 && (unsigned char)data[0] == 0x1f && (unsigned char)data[1] == 0x8b) {
		z_stream z;
		char out[16];
		int rc;

		memset(&z, 0, sizeof z);
		if (inflateInit2(&z, 16 + 15) != Z_OK)
			return PDX_KIND_OTHER;
		z.next_in = (unsigned char *)data;
		z.avail_in = (uInt)len;
		z.next_out = (unsigned char *)out;
		z.avail_out = sizeof out;
		rc = inflate(&z, Z_NO_FLUSH);
		inflateEnd(&z);
		if (rc == Z_OK || rc == Z_STREAM_END || rc == Z_BUF_ERROR)
			return pdx_archive_sniff(out, sizeof out - z.avail_out) == PDX_KIND_ZIP
				       ? PDX_KIND_OTHER
				       : pdx_archive_sniff(out, sizeof out - z.avail_out);
	}
	return PDX_KIND_OTHER;
}

enum pdx_archive_kind pdx_archive_sniff_file(const char *path)
{
	char head[4096];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return PDX_KIND_OTHER;
	n = pdx_archive_read_fd(&fd, head, sizeof head);
	close(fd);
	return n > 0 ? pdx_archive_sniff(head, (size_t)n) : PDX_KIND_OTHER;
}

int pdx_name_has_extension(const char *name, const char *const *exts)
{
	size_t n = strlen(name);

	for (; *exts; exts++) {
		size_t e = strlen(*exts);

		if (n > e && strcasecmp(name + n - e, *exts) == 0)
			return 1;
	}
	return 0;
}

int pdx_archive_is_name(const char *name)
{
	static const char *const exts[] = {".warc", ".warc.gz", ".arc", ".arc.gz", ".wacz", NULL};

	return pdx_name_has_extension(name, exts);
}
