/* archive.c: WARC and ARC records read from a stream that may be gzipped, one member a record
 * (as crawlers write them) or one member for the whole file. Gzip members are inflated one at
 * a time, so that each record is told the offset of the member it starts in: what a replay
 * tool seeks to. */
#include "config.h"

#include "indexer/archive.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libdeflate.h>
#include <zlib.h>

#include "util/buf.h"

#define CHUNK (1u << 16)  /* bytes read or inflated at a time */
#define ZIN_CAP (1u << 20) /* compressed bytes held: a member this long is inflated whole */
#define BUF_CAP (2u << 20) /* decoded bytes held: what a member inflated whole may make */
#define MAX_LINE 65536    /* a longer header line is cut */
#define MAX_HEADERS 256   /* header lines of a record read at most */
#define PEEK (1u << 16)   /* bytes of a block read before the caller decides on it */

/* Where the fields of a record are kept in a->fields, until they are pointers in the record. */
enum field {
	F_TYPE, F_URI, F_DATE, F_ID, F_CONTENT_TYPE, F_REFERS_URI, F_REFERS_DATE,
	F_PAYLOAD_TYPE, F_CHARSET, F_CONTENT_ENCODING, F_TRANSFER_ENCODING, N_FIELDS
};

struct pdx_archive {
	/* The source. */
	pdx_archive_read_fn read;
	void *handle;
	int fd; /* a file of our own, which can also seek; -1 for a stream */
	char name[1024];
	int src_eof, src_failed, src_errno;

	/* Gzip: compressed bytes waiting, and the member being inflated. */
	int gz;
	z_stream z;
	int z_ready;
	unsigned char *zin;
	unsigned long long zin_offset;   /* file offset of zin[0] */
	unsigned char *zin_own;          /* zin's buffer, when the file is not mapped */
	void *map;                       /* a gzipped file of our own, mapped: read in place */
	size_t map_len;
	size_t map_released;             /* bytes at its start handed back: they are read */
	int member_open;
	unsigned long long member_start; /* file offset of the member being (or last) inflated */
	unsigned long member_seq;        /* members opened so far */
	int gz_broke;                    /* damaged gzip data skipped since last looked at */
	struct libdeflate_decompressor *whole; /* for members held whole in zin */
	char gz_message[256];

	/* Bytes read (or inflated) and not yet consumed. */
	char *buf;
	size_t pos, end;
	unsigned long long buf_dpos;   /* position in the decoded stream of buf[0] */
	unsigned long long buf_member; /* gzip: offset of the member buf came from */
	unsigned long buf_seq;         /* gzip: its number */
	unsigned long long seq_dstart; /* decoded position where member buf_seq began */
	unsigned long last_seq;        /* the member of the last byte consumed */

	enum pdx_archive_format format;
	int arc_version;
	unsigned long records;
	int resyncing; /* looking for the next record after a damaged one */
	int noticed;   /* the gzip members notice was given */

	/* The current record. */
	pdx_buf fields;  /* its header values, NUL-separated */
	pdx_buf peek;    /* the first bytes of its block */
	size_t http_len; /* of the HTTP header at the start of peek */
	unsigned long long block_left; /* bytes of the block not yet read */
	unsigned long long length;     /* of the block */
	unsigned long number, start_seq;
	unsigned long long offset;
	int open;        /* a record was given and not yet finished */
	int after_record; /* nothing but blank lines read since the last record's block */
	int cut;         /* the file ends inside the record's block */
	int transfer_chunked;
	const char *content_encoding;
	char *body;      /* a payload longer than what was peeked at, read whole */
	size_t body_cap;
	struct pdx_decode_buffers decoded; /* where payloads are decoded, kept */
	int late_damage, notice_due;
	char late_message[1024];
	char *line;
	size_t line_len;
	int line_pending; /* a->line starts the next record, found past damage */
	unsigned long long pending_offset;
	char message[1024];
};

/* ----- the source --------------------------------------------------------------------- */

static ssize_t read_fd(void *handle, char *buf, size_t len)
{
	int fd = *(int *)handle;

	for (;;) {
		ssize_t n = read(fd, buf, len);

		if (n >= 0 || errno != EINTR)
			return n;
	}
}

static ssize_t src_read(pdx_archive_t *a, char *buf, size_t len)
{
	ssize_t n;

	if (a->src_eof)
		return 0;
	n = a->read(a->handle, buf, len);
	if (n < 0) {
		a->src_failed = 1;
		a->src_errno = errno ? errno : EIO;
	}
	if (n <= 0)
		a->src_eof = 1;
	return n < 0 ? 0 : n;
}

/* Hand the pages of the mapped file before AT back to the system: read once, they would
 * otherwise count in the reader's memory until the whole file was read. */
static void release_map(pdx_archive_t *a, size_t at)
{
	const size_t step = 16u << 20;
	size_t upto = at & ~(size_t)(step - 1);

	if (upto > a->map_released) {
		madvise((char *)a->map + a->map_released, upto - a->map_released, MADV_DONTNEED);
		a->map_released = upto;
	}
}

/* Top up the compressed bytes; returns how many are waiting. */
static size_t zin_fill(pdx_archive_t *a)
{
	size_t have = a->z.avail_in;

	if (a->map) {
		/* The window of the mapped file from where inflating is. */
		unsigned long long at = a->zin_offset + (unsigned long long)(a->z.next_in - a->zin);
		size_t rest = a->map_len - (size_t)at, window = 1u << 30;

		release_map(a, (size_t)at);
		a->zin = (unsigned char *)a->map + at;
		a->zin_offset = at;
		a->z.next_in = a->zin;
		a->z.avail_in = (uInt)(rest < window ? rest : window);
		a->src_eof = rest <= window;
		return a->z.avail_in;
	}

	a->zin_offset += (size_t)(a->z.next_in - a->zin);
	if (have && a->z.next_in != a->zin)
		memmove(a->zin, a->z.next_in, have);
	a->z.next_in = a->zin;
	while (have < ZIN_CAP && !a->src_eof) {
		ssize_t n = src_read(a, (char *)a->zin + have, ZIN_CAP - have);

		if (n <= 0)
			break;
		have += (size_t)n;
	}
	a->z.avail_in = (uInt)have;
	return have;
}

static unsigned long long zin_position(const pdx_archive_t *a)
{
	return a->zin_offset + (unsigned long long)(a->z.next_in - a->zin);
}

/* Inflate into DST (LEN bytes) from one member only, starting the next member when the last
 * has ended. Returns the bytes made, 0 at the end of the file, -1 on damaged data (the
 * reason in a->gz_message). */
static ssize_t gz_produce(pdx_archive_t *a, char *dst, size_t len)
{
	for (;;) {
		int rc;
		size_t made;

		if (!a->member_open) {
			if (a->z.avail_in < 18 && !a->src_eof)
				zin_fill(a);
			if (a->z.avail_in == 0)
				return 0;
			if (a->z.next_in[0] == 0) {
				/* Zeros after a member (padding) are harmless. */
				a->z.next_in++;
				a->z.avail_in--;
				continue;
			}
			if (a->z.avail_in < 2 || a->z.next_in[0] != 0x1f || a->z.next_in[1] != 0x8b) {
				snprintf(a->gz_message, sizeof a->gz_message,
					 "bytes at offset %llu start no gzip member", zin_position(a));
				a->member_start = zin_position(a);
				return -1;
			}
			if (inflateReset2(&a->z, 16 + 15) != Z_OK)
				return -1;
			a->member_start = zin_position(a);
			a->member_open = 1;
			a->member_seq++;
		}
		a->z.next_out = (unsigned char *)dst;
		a->z.avail_out = (uInt)len;
		rc = inflate(&a->z, Z_NO_FLUSH);
		made = len - a->z.avail_out;
		if (rc == Z_STREAM_END) {
			a->member_open = 0;
		} else if (rc == Z_BUF_ERROR || (rc == Z_OK && a->z.avail_in == 0)) {
			if (zin_fill(a) == 0 && made == 0) {
				/* The file ends inside this member: what it held was given. */
				a->member_open = 0;
				return 0;
			}
		} else if (rc != Z_OK) {
			snprintf(a->gz_message, sizeof a->gz_message,
				 "damaged gzip data in the member at offset %llu", a->member_start);
			a->member_open = 0;
			return -1;
		}
		if (made)
			return (ssize_t)made;
	}
}

/* Inflate the next member whole into DST (LEN bytes), when zin holds all of it and its
 * output fits: libdeflate does that two to three times as fast as zlib's stream. Returns the
 * bytes made, or 0 to leave the member to zlib (cut short, too large, damaged: zlib tells). */
static size_t gz_whole(pdx_archive_t *a, char *dst, size_t len)
{
	size_t used, made;

	if (!a->whole)
		return 0;
	for (;;) {
		if (a->z.avail_in < ZIN_CAP / 2 && !a->src_eof)
			zin_fill(a);
		if (a->z.avail_in && a->z.next_in[0] == 0) {
			a->z.next_in++; /* padding between members */
			a->z.avail_in--;
			continue;
		}
		if (a->z.avail_in < 18 || a->z.next_in[0] != 0x1f || a->z.next_in[1] != 0x8b)
			return 0;
		if (libdeflate_gzip_decompress_ex(a->whole, a->z.next_in, a->z.avail_in, dst, len,
						  &used, &made) != LIBDEFLATE_SUCCESS)
			return 0;
		a->member_start = zin_position(a);
		a->member_seq++;
		a->z.next_in += used;
		a->z.avail_in -= (uInt)used;
		if (a->map)
			release_map(a, (size_t)zin_position(a));
		if (made)
			return made;
	}
}

/* After damaged gzip data, go to the next member (its magic bytes and method) past the
 * damaged one's start. Returns 0, or -1 when there is none. */
static int gz_resync(pdx_archive_t *a)
{
	unsigned long long from = a->member_start + 1;

	for (;;) {
		if (a->z.avail_in < 3 && zin_fill(a) < 3)
			return -1;
		while (a->z.avail_in >= 3) {
			if (zin_position(a) >= from && a->z.next_in[0] == 0x1f &&
			    a->z.next_in[1] == 0x8b && a->z.next_in[2] == 8)
				return 0;
			a->z.next_in++;
			a->z.avail_in--;
		}
	}
}

/* Refill the buffer, which is empty; returns the bytes in it, 0 at the end. Damaged gzip
 * data is stepped over to the next member, and flagged in a->gz_broke. */
static size_t fill(pdx_archive_t *a)
{
	ssize_t n;

	a->buf_dpos += a->end;
	a->pos = a->end = 0;
	if (!a->gz) {
		n = src_read(a, a->buf, CHUNK);
	} else if (!a->member_open && (n = (ssize_t)gz_whole(a, a->buf, BUF_CAP)) > 0) {
		/* A whole member in the buffer. */
	} else {
		while ((n = gz_produce(a, a->buf, CHUNK)) < 0) {
			a->gz_broke = 1;
			if (gz_resync(a) < 0) {
				n = 0;
				break;
			}
		}
	}
	if (n <= 0)
		return 0;
	if (a->gz && a->member_seq != a->buf_seq) {
		a->buf_seq = a->member_seq;
		a->seq_dstart = a->buf_dpos;
	}
	a->buf_member = a->member_start;
	a->end = (size_t)n;
	return a->end;
}

/* Have a byte to read; returns 0 at the end. */
static int ensure(pdx_archive_t *a)
{
	return a->pos < a->end || fill(a) > 0;
}

static unsigned long long dpos(const pdx_archive_t *a)
{
	return a->buf_dpos + a->pos;
}

/* Read a line into a->line, without its end; returns its length, or -1 at the end. A line
 * ends also where damaged gzip data was stepped over. */
static long get_line(pdx_archive_t *a)
{
	size_t n = 0;
	int broke = a->gz_broke;

	if (!ensure(a))
		return -1;
	for (;;) {
		char *nl = memchr(a->buf + a->pos, '\n', a->end - a->pos);
		size_t take = nl ? (size_t)(nl - (a->buf + a->pos)) : a->end - a->pos;
		size_t room = MAX_LINE - 1 - n;

		memcpy(a->line + n, a->buf + a->pos, take < room ? take : room);
		n += take < room ? take : room;
		a->pos += take;
		a->last_seq = a->buf_seq;
		if (nl) {
			a->pos++;
			break;
		}
		if (!fill(a) || a->gz_broke != broke)
			break;
	}
	while (n && a->line[n - 1] == '\r')
		n--;
	a->line[n] = '\0';
	a->line_len = n;
	return (long)n;
}

/* Copy LEN bytes into DST (NULL: skip them); returns the bytes read, fewer at the end of the
 * file or where damaged gzip data cut the stream. */
static unsigned long long read_bytes(pdx_archive_t *a, char *dst, unsigned long long len)
{
	unsigned long long done = 0;
	int broke = a->gz_broke;

	while (done < len) {
		size_t have = a->end - a->pos, take;

		if (!have) {
			/* A plain file of our own skips by seeking, up to its end. */
			if (!dst && !a->gz && a->fd >= 0 && len - done > CHUNK) {
				struct stat st;
				off_t here = lseek(a->fd, 0, SEEK_CUR);

				if (here >= 0 && fstat(a->fd, &st) == 0) {
					off_t to = here + (off_t)(len - done);

					if (to > st.st_size)
						to = st.st_size > here ? st.st_size : here;
					if (lseek(a->fd, to, SEEK_SET) == to) {
						done += (unsigned long long)(to - here);
						a->buf_dpos = (unsigned long long)to;
						a->pos = a->end = 0;
						if (done < len)
							a->src_eof = 1;
						break;
					}
				}
			}
			if (!fill(a) || a->gz_broke != broke)
				break;
			have = a->end - a->pos;
		}
		take = len - done < have ? (size_t)(len - done) : have;
		if (dst)
			memcpy(dst + done, a->buf + a->pos, take);
		a->pos += take;
		a->last_seq = a->buf_seq;
		done += take;
	}
	return done;
}

/* ----- what a file is ----------------------------------------------------------------- */

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
	n = read_fd(&fd, head, sizeof head);
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

/* ----- opening ------------------------------------------------------------------------ */

/* The WARC versions polidex reads: 0.17 and 0.18 (Heritrix 1 and 2) have the fields of 1.0. */
static int warc_version_known(const char *version)
{
	return (strncmp(version, "1.", 2) == 0 && isdigit((unsigned char)version[2])) ||
	       strcmp(version, "0.17") == 0 || strcmp(version, "0.18") == 0;
}

/* Tell the format by the first bytes that are not white space, without consuming any. */
static int sniff_format(pdx_archive_t *a, char *why, size_t why_len)
{
	for (;;) {
		const char *p;
		size_t left;

		if (!ensure(a))
			break;
		p = a->buf + a->pos;
		left = a->end - a->pos;
		while (left && (*p == '\r' || *p == '\n' || *p == ' ' || *p == '\t')) {
			p++;
			left--;
		}
		if (!left) {
			a->pos = a->end; /* only white space so far */
			continue;
		}
		if (left >= 5 && memcmp(p, "WARC/", 5) == 0) {
			char version[16];
			size_t n = 0;

			while (n + 5 < left && n < sizeof version - 1 && p[5 + n] != '\r' &&
			       p[5 + n] != '\n')
				n++;
			memcpy(version, p + 5, n);
			version[n] = '\0';
			if (!warc_version_known(version)) {
				snprintf(why, why_len, "%s: WARC version %s is not one polidex reads "
					 "(0.17, 0.18, 1.0, 1.1)", a->name, version);
				return -1;
			}
			a->format = PDX_ARCHIVE_WARC;
			return 0;
		}
		if (left >= 11 && memcmp(p, "filedesc://", 11) == 0) {
			a->format = PDX_ARCHIVE_ARC;
			a->arc_version = 1;
			return 0;
		}
		break;
	}
	if (a->src_failed)
		snprintf(why, why_len, "%s: %s", a->name, strerror(a->src_errno));
	else if (a->gz_broke)
		snprintf(why, why_len, "%s: %s", a->name, a->gz_message);
	else
		snprintf(why, why_len, "%s: not a WARC or ARC file (it starts with no WARC/ or "
			 "filedesc:// line)", a->name);
	return -1;
}

/* A gzipped file of our own is inflated where it lies, mapped, rather than copied in. */
static void map_file(pdx_archive_t *a)
{
	struct stat st;
	void *map;

	if (a->fd < 0 || fstat(a->fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    (unsigned long long)st.st_size > (unsigned long long)SIZE_MAX)
		return;
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, a->fd, 0);
	if (map == MAP_FAILED)
		return;
	madvise(map, (size_t)st.st_size, MADV_SEQUENTIAL);
	a->map = map;
	a->map_len = (size_t)st.st_size;
	/* Nothing was consumed yet: start from the file's first byte. */
	a->zin = map;
	a->zin_offset = 0;
	a->z.next_in = a->zin;
	a->z.avail_in = 0;
	zin_fill(a);
}

static pdx_archive_t *open_common(pdx_archive_t *a, char *why, size_t why_len)
{
	a->zin = a->zin_own = malloc(ZIN_CAP);
	a->buf = malloc(BUF_CAP);
	a->line = malloc(MAX_LINE);
	if (!a->zin || !a->buf || !a->line) {
		snprintf(why, why_len, "%s: out of memory", a->name);
		pdx_archive_close(a);
		return NULL;
	}
	/* Gzip or not, by the first two bytes. */
	a->z.next_in = a->zin;
	zin_fill(a);
	if (a->src_failed) {
		snprintf(why, why_len, "%s: %s", a->name, strerror(a->src_errno));
		pdx_archive_close(a);
		return NULL;
	}
	if (a->z.avail_in >= 2 && a->zin[0] == 0x1f && a->zin[1] == 0x8b) {
		if (inflateInit2(&a->z, 16 + 15) != Z_OK) {
			snprintf(why, why_len, "%s: out of memory", a->name);
			pdx_archive_close(a);
			return NULL;
		}
		a->z_ready = 1;
		a->gz = 1;
		a->whole = libdeflate_alloc_decompressor(); /* NULL: zlib does it all */
		map_file(a);
	} else {
		/* Plain: the bytes read so far are the buffer's first. */
		memcpy(a->buf, a->zin, a->z.avail_in);
		a->end = a->z.avail_in;
		a->z.avail_in = 0;
	}
	if (sniff_format(a, why, why_len) < 0) {
		pdx_archive_close(a);
		return NULL;
	}
	a->gz_broke = 0;
	return a;
}

pdx_archive_t *pdx_archive_open_stream(pdx_archive_read_fn fn, void *handle, const char *name,
				       char *why, size_t why_len)
{
	pdx_archive_t *a = calloc(1, sizeof *a);

	if (!a) {
		snprintf(why, why_len, "%s: out of memory", name);
		return NULL;
	}
	a->read = fn;
	a->handle = handle;
	a->fd = -1;
	snprintf(a->name, sizeof a->name, "%s", name);
	return open_common(a, why, why_len);
}

pdx_archive_t *pdx_archive_open(const char *path, char *why, size_t why_len)
{
	pdx_archive_t *a = calloc(1, sizeof *a);

	if (!a) {
		snprintf(why, why_len, "%s: out of memory", path);
		return NULL;
	}
	a->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (a->fd < 0) {
		snprintf(why, why_len, "%s: %s", path, strerror(errno));
		free(a);
		return NULL;
	}
	a->read = read_fd;
	a->handle = &a->fd;
	snprintf(a->name, sizeof a->name, "%s", path);
	return open_common(a, why, why_len);
}

void pdx_archive_close(pdx_archive_t *a)
{
	if (!a)
		return;
	if (a->z_ready)
		inflateEnd(&a->z);
	if (a->whole)
		libdeflate_free_decompressor(a->whole);
	if (a->fd >= 0)
		close(a->fd);
	if (a->map)
		munmap(a->map, a->map_len);
	free(a->zin_own);
	free(a->buf);
	free(a->line);
	pdx_buf_release(&a->fields);
	pdx_buf_release(&a->peek);
	free(a->body);
	pdx_decode_buffers_release(&a->decoded);
	free(a);
}

enum pdx_archive_format pdx_archive_format(const pdx_archive_t *a)
{
	return a->format;
}

const char *pdx_archive_message(const pdx_archive_t *a)
{
	return a->message;
}

/* ----- records ------------------------------------------------------------------------ */

int pdx_archive_timestamp(const char *date, char out[15])
{
	int n = 0, month, day;

	if (!date)
		return -1;
	for (const char *p = date; *p && n < 14; p++) {
		if (isdigit((unsigned char)*p))
			out[n++] = *p;
		else if (n > 0 && *p != '-' && *p != ':' && *p != 'T' && *p != ' ')
			break; /* a fraction, a zone */
	}
	if (n < 4 || n % 2)
		return -1;
	/* A month or a day left out is the first; a time left out is midnight. */
	for (; n < 14; n += 2) {
		out[n] = '0';
		out[n + 1] = n == 4 || n == 6 ? '1' : '0';
	}
	out[14] = '\0';
	month = (out[4] - '0') * 10 + (out[5] - '0');
	day = (out[6] - '0') * 10 + (out[7] - '0');
	if (month < 1 || month > 12 || day < 1 || day > 31 || out[8] > '2' ||
	    (out[8] == '2' && out[9] > '3') || out[10] > '5' || out[12] > '6')
		return -1;
	return 0;
}

static const char *header_value(const char *line, size_t len, const char *name, size_t *vlen)
{
	size_t n = strlen(name);
	const char *v;

	if (len <= n || strncasecmp(line, name, n) != 0 || line[n] != ':')
		return NULL;
	v = line + n + 1;
	while (v < line + len && (*v == ' ' || *v == '\t'))
		v++;
	*vlen = (size_t)(line + len - v);
	while (*vlen && (v[*vlen - 1] == ' ' || v[*vlen - 1] == '\t'))
		(*vlen)--;
	return v;
}

static enum pdx_record_type record_type(const char *name)
{
	static const struct {
		const char *name;
		enum pdx_record_type type;
	} types[] = {
		{"warcinfo", PDX_RECORD_WARCINFO},     {"response", PDX_RECORD_RESPONSE},
		{"resource", PDX_RECORD_RESOURCE},     {"request", PDX_RECORD_REQUEST},
		{"metadata", PDX_RECORD_METADATA},     {"revisit", PDX_RECORD_REVISIT},
		{"conversion", PDX_RECORD_CONVERSION}, {"continuation", PDX_RECORD_CONTINUATION},
	};

	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (strcasecmp(name, types[i].name) == 0)
			return types[i].type;
	return PDX_RECORD_OTHER;
}

static void say(char *out, size_t size, unsigned long number, unsigned long long offset,
		const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));

static void say(char *out, size_t size, unsigned long number, unsigned long long offset,
		const char *fmt, va_list ap)
{
	int n = snprintf(out, size, "record %lu (offset %llu): ", number, offset);

	if (n >= 0 && (size_t)n < size)
		vsnprintf(out + n, size - (size_t)n, fmt, ap);
}

/* A DAMAGED event for record NUMBER at OFFSET; reading goes on at the next record found. */
static enum pdx_archive_event damaged(pdx_archive_t *a, unsigned long number,
				      unsigned long long offset, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static enum pdx_archive_event damaged(pdx_archive_t *a, unsigned long number,
				      unsigned long long offset, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(a->message, sizeof a->message, number, offset, fmt, ap);
	va_end(ap);
	a->resyncing = 1;
	a->block_left = 0;
	return PDX_ARCHIVE_DAMAGED;
}

/* Keep VALUE (LEN bytes) as field F of the record. */
static void keep(pdx_archive_t *a, long off[N_FIELDS], enum field f, const char *value,
		 size_t len)
{
	off[f] = (long)a->fields.len;
	pdx_buf_add(&a->fields, value, len);
	pdx_buf_addc(&a->fields, '\0');
}

/* Keep the media type (lower-cased) and charset of the Content-Type value V (LEN bytes). */
static void keep_media_type(pdx_archive_t *a, long off[N_FIELDS], const char *v, size_t len)
{
	size_t tn = 0;
	const char *cs;

	while (tn < len && v[tn] != ';' && v[tn] != ' ' && v[tn] != '\t')
		tn++;
	off[F_PAYLOAD_TYPE] = (long)a->fields.len;
	for (size_t i = 0; i < tn; i++)
		pdx_buf_addc(&a->fields, (char)tolower((unsigned char)v[i]));
	pdx_buf_addc(&a->fields, '\0');
	for (cs = v; cs + 8 <= v + len; cs++) {
		if (strncasecmp(cs, "charset=", 8) == 0) {
			size_t n;

			cs += 8;
			while (cs < v + len && (*cs == '"' || *cs == '\'' || *cs == ' '))
				cs++;
			for (n = 0; cs + n < v + len && !strchr("\"'; \t", cs[n]); n++)
				;
			if (n)
				keep(a, off, F_CHARSET, cs, n);
			break;
		}
	}
}

/* Parse the HTTP response header at the start of the peeked block, setting a->http_len. */
static void parse_http(pdx_archive_t *a, struct pdx_archive_record *rec, long off[N_FIELDS])
{
	const char *p = a->peek.data, *end = p + a->peek.len, *eol, *q;
	const char *blank = NULL;

	a->http_len = 0;
	if (a->peek.len < 12 || strncmp(p, "HTTP/", 5) != 0)
		return;
	/* The header ends at the first empty line. */
	for (q = p; q < end; q = eol + 1) {
		eol = memchr(q, '\n', (size_t)(end - q));
		if (!eol)
			return; /* no end within what was read: no HTTP header to use */
		if (eol == q || (eol == q + 1 && *q == '\r')) {
			blank = eol + 1;
			break;
		}
	}
	if (!blank)
		return;
	rec->http = 1;
	a->http_len = (size_t)(blank - p);
	q = memchr(p, ' ', (size_t)(blank - p));
	rec->status = q && isdigit((unsigned char)q[1]) ? atoi(q + 1) : 0;
	for (q = memchr(p, '\n', (size_t)(blank - p)) + 1; q < blank; q = eol + 1) {
		size_t n, vlen;
		const char *v;

		eol = memchr(q, '\n', (size_t)(blank - q));
		n = (size_t)(eol - q);
		if (n && q[n - 1] == '\r')
			n--;
		if ((v = header_value(q, n, "Content-Type", &vlen)))
			keep_media_type(a, off, v, vlen);
		else if ((v = header_value(q, n, "Content-Encoding", &vlen)))
			keep(a, off, F_CONTENT_ENCODING, v, vlen);
		else if ((v = header_value(q, n, "Transfer-Encoding", &vlen)))
			keep(a, off, F_TRANSFER_ENCODING, v, vlen);
	}
}

/* Read up to PEEK bytes of the block into a->peek. Returns the bytes read. */
static size_t peek_block(pdx_archive_t *a)
{
	unsigned long long want = a->length < PEEK ? a->length : PEEK, got;

	pdx_buf_truncate(&a->peek, 0);
	if (a->peek.alloc < want + 1) {
		char *p = realloc(a->peek.data, (size_t)want + 1);

		if (!p)
			return 0;
		a->peek.data = p;
		a->peek.alloc = (size_t)want + 1;
	}
	got = read_bytes(a, a->peek.data, want);
	a->peek.len = (size_t)got;
	a->peek.data[got] = '\0';
	a->block_left = a->length - got;
	return (size_t)got;
}

static void keep_line_if_record(pdx_archive_t *a);

/* A URI (V, *LEN bytes) without the angle brackets GNU wget writes around it. */
static const char *without_angles(const char *v, size_t *len)
{
	if (*len >= 2 && v[0] == '<' && v[*len - 1] == '>') {
		*len -= 2;
		return v + 1;
	}
	return v;
}

/* The WARC header lines after the version line; returns 0, or a DAMAGED event. */
static int read_warc_headers(pdx_archive_t *a, struct pdx_archive_record *rec,
			     long off[N_FIELDS], long long *length)
{
	long n = 0;
	int broke = a->gz_broke;

	for (int h = 0; h < MAX_HEADERS; h++) {
		const char *v;
		size_t vlen;
		char ts[15];

		n = get_line(a);
		if (n <= 0 || a->gz_broke != broke)
			break;
		if ((v = header_value(a->line, (size_t)n, "WARC-Type", &vlen))) {
			keep(a, off, F_TYPE, v, vlen);
		} else if ((v = header_value(a->line, (size_t)n, "WARC-Target-URI", &vlen))) {
			v = without_angles(v, &vlen);
			keep(a, off, F_URI, v, vlen);
		} else if ((v = header_value(a->line, (size_t)n, "WARC-Date", &vlen))) {
			if (pdx_archive_timestamp(v, ts) == 0)
				keep(a, off, F_DATE, ts, 14);
		} else if ((v = header_value(a->line, (size_t)n, "WARC-Record-ID", &vlen))) {
			keep(a, off, F_ID, v, vlen);
		} else if ((v = header_value(a->line, (size_t)n, "Content-Length", &vlen))) {
			char *end;

			errno = 0;
			*length = strtoll(v, &end, 10);
			if (end == v || errno || *length < 0 || end != v + vlen)
				*length = -2;
		} else if ((v = header_value(a->line, (size_t)n, "Content-Type", &vlen))) {
			keep(a, off, F_CONTENT_TYPE, v, vlen);
		} else if ((v = header_value(a->line, (size_t)n, "WARC-Refers-To-Target-URI",
					     &vlen))) {
			v = without_angles(v, &vlen);
			keep(a, off, F_REFERS_URI, v, vlen);
		} else if ((v = header_value(a->line, (size_t)n, "WARC-Refers-To-Date", &vlen))) {
			if (pdx_archive_timestamp(v, ts) == 0)
				keep(a, off, F_REFERS_DATE, ts, 14);
		} else if (header_value(a->line, (size_t)n, "WARC-Truncated", &vlen)) {
			rec->truncated = 1;
		}
	}
	if (a->gz_broke != broke) {
		if (n > 0)
			keep_line_if_record(a);
		return damaged(a, rec->number, rec->offset, "%s", a->gz_message);
	}
	if (n < 0)
		return damaged(a, rec->number, rec->offset,
			       "truncated record (the file ends in its header)");
	if (n > 0)
		return damaged(a, rec->number, rec->offset, "malformed record (more than %d header "
			       "lines)", MAX_HEADERS);
	if (*length == -1)
		return damaged(a, rec->number, rec->offset, "malformed record (no Content-Length)");
	if (*length < 0)
		return damaged(a, rec->number, rec->offset,
			       "malformed record (its Content-Length is no length)");
	return 0;
}

/* An ARC header line: "URL IP DATE TYPE LENGTH" (version 1) or "URL IP DATE TYPE STATUS
 * CHECKSUM LOCATION OFFSET FILENAME LENGTH" (version 2), read from the right since a URL may
 * hold spaces. Returns 0, or a DAMAGED event. */
static int parse_arc_header(pdx_archive_t *a, struct pdx_archive_record *rec,
			    long off[N_FIELDS], const char *line, long long *length)
{
	const char *tok[10];
	size_t len[10];
	int n = 0, want = a->arc_version == 2 ? 10 : 5;
	const char *end = line + strlen(line), *url_end;
	char *stop;
	char ts[15];

	while (n < want - 1 && end > line) {
		const char *start;

		while (end > line && end[-1] == ' ')
			end--;
		start = end;
		while (start > line && start[-1] != ' ')
			start--;
		if (start == end)
			break;
		tok[n] = start;
		len[n++] = (size_t)(end - start);
		end = start;
	}
	url_end = end;
	while (url_end > line && url_end[-1] == ' ')
		url_end--;
	if (n < want - 1 || url_end == line)
		return damaged(a, rec->number, rec->offset,
			       "bad ARC record header (too few fields): \"%.80s\"", line);
	keep(a, off, F_URI, line, (size_t)(url_end - line));
	keep(a, off, F_CONTENT_TYPE, tok[want - 4], len[want - 4]);
	if (len[want - 3] < sizeof ts) {
		char date[15];

		memcpy(date, tok[want - 3], len[want - 3]);
		date[len[want - 3]] = '\0';
		if (pdx_archive_timestamp(date, ts) == 0)
			keep(a, off, F_DATE, ts, 14);
	} else if (pdx_archive_timestamp(tok[want - 3], ts) == 0) {
		/* More than 14 digits (seen in the wild): the first 14 are the date. */
		keep(a, off, F_DATE, ts, 14);
	}
	errno = 0;
	*length = strtoll(tok[0], &stop, 10);
	if (stop != tok[0] + len[0] || stop == tok[0] || errno || *length < 0)
		return damaged(a, rec->number, rec->offset,
			       "bad ARC record header (length \"%.*s\" is no length)", (int)len[0],
			       tok[0]);
	return 0;
}

/* The start of LINE for a message: at most 40 bytes, control bytes as '?'. */
static const char *snippet(const char *line, size_t len, char out[41])
{
	size_t n = 0;

	for (; n < len && n < 40; n++)
		out[n] = (unsigned char)line[n] < 0x20 || line[n] == 0x7f ? '?' : line[n];
	out[n] = '\0';
	return out;
}

/* A line where a record starts: "WARC/" and a version, or an ARC header. */
static int is_record_start(const pdx_archive_t *a, const char *line)
{
	const char *sp;

	if (a->format == PDX_ARCHIVE_WARC)
		return strncmp(line, "WARC/", 5) == 0 && isdigit((unsigned char)line[5]);
	sp = strchr(line, ' ');
	return sp && sp > line && memchr(line, ':', (size_t)(sp - line)) && strchr(sp + 1, ' ');
}

/* After damaged gzip data, a line read from the next member may start a record: keep it
 * for the next look for one. */
static void keep_line_if_record(pdx_archive_t *a)
{
	if (is_record_start(a, a->line)) {
		a->line_pending = 1;
		a->pending_offset = a->buf_member;
		a->start_seq = a->buf_seq;
	}
}

/* Read what is left of the record last given, and look at how it lay in the gzip members. */
static void finish_record(pdx_archive_t *a)
{
	unsigned long long want = a->block_left;
	int broke = a->gz_broke;

	if (!a->open)
		return;
	a->open = 0;
	if (want && read_bytes(a, NULL, want) < want) {
		a->late_damage = 1;
		if (a->gz_broke != broke)
			snprintf(a->late_message, sizeof a->late_message,
				 "record %lu (offset %llu): %s", a->number, a->offset, a->gz_message);
		else
			snprintf(a->late_message, sizeof a->late_message,
				 "record %lu (offset %llu): truncated record (the file ends inside "
				 "its %llu bytes)", a->number, a->offset, a->length);
		a->resyncing = 1;
	}
	a->block_left = 0;
	a->after_record = 1;
	if (a->gz && !a->noticed && !a->late_damage && a->last_seq != a->start_seq) {
		a->noticed = a->notice_due = 1;
		snprintf(a->message, sizeof a->message,
			 "record %lu spans several gzip members, which do not line up with records: "
			 "its offset names the member where it starts", a->number);
	}
}

/* Find the line where the next record starts, past blank lines and, after damage, past what
 * is left of the damaged record. Returns PDX_ARCHIVE_RECORD with the line in a->line and its
 * offset in *OFFSET, or another event. */
static enum pdx_archive_event find_record(pdx_archive_t *a, unsigned long long *offset,
					  int *aligned)
{
	for (;;) {
		int broke = a->gz_broke;
		unsigned long long skip_from = dpos(a);
		long n;
		int pending = a->line_pending;

		if (a->line_pending) {
			/* The line read when damage was found starts the next record. */
			a->line_pending = 0;
			n = (long)a->line_len;
			*offset = a->pending_offset;
		} else {
			do {
				if (!ensure(a))
					return PDX_ARCHIVE_END;
				*offset = a->gz ? a->buf_member : dpos(a);
				a->start_seq = a->buf_seq;
				n = get_line(a);
			} while (n == 0 && a->gz_broke == broke);
		}
		if (n < 0)
			return PDX_ARCHIVE_END;
		if (a->gz_broke != broke) {
			keep_line_if_record(a);
			if (a->resyncing)
				continue;
			return damaged(a, a->records + 1, *offset, "%s; read on from the next gzip "
				       "member", a->gz_message);
		}
		if (is_record_start(a, a->line)) {
			/* A record found past damage starts the member gzip resumed at. */
			*aligned = !a->gz || a->records == 0 || pending || a->seq_dstart >= skip_from;
			a->resyncing = 0;
			a->after_record = 0;
			return PDX_ARCHIVE_RECORD;
		}
		if (a->resyncing)
			continue;
		if (a->after_record) {
			char shown[41];

			/* Bytes right after a block: that record's length was wrong. */
			a->after_record = 0;
			a->resyncing = 1;
			snprintf(a->message, sizeof a->message,
				 "record %lu (offset %llu): its block is followed by bytes that end no "
				 "record (\"%.20s\", its Content-Length may be wrong); read on from "
				 "the next record", a->number, a->offset, snippet(a->line, a->line_len, shown));
			return PDX_ARCHIVE_DAMAGED;
		}
		{
			char shown[41];

			return damaged(a, a->records + 1, *offset,
				       "malformed record (\"%s\" where a record should start); read "
				       "on from the next record", snippet(a->line, a->line_len, shown));
		}
	}
}

enum pdx_archive_event pdx_archive_next(pdx_archive_t *a, struct pdx_archive_record *rec)
{
	long off[N_FIELDS];
	long long length = -1;
	unsigned long long offset = 0;
	int aligned = 1;
	enum pdx_archive_event ev;

	finish_record(a);
	if (a->late_damage) {
		a->late_damage = 0;
		memcpy(a->message, a->late_message, sizeof a->message);
		return PDX_ARCHIVE_DAMAGED;
	}
	if (a->notice_due) {
		a->notice_due = 0;
		return PDX_ARCHIVE_NOTICE;
	}
	memset(rec, 0, sizeof *rec);
	for (int i = 0; i < N_FIELDS; i++)
		off[i] = -1;
	pdx_buf_truncate(&a->fields, 0);
	pdx_buf_truncate(&a->peek, 0);
	a->http_len = 0;

	ev = find_record(a, &offset, &aligned);
	if (ev != PDX_ARCHIVE_RECORD)
		return ev;
	rec->offset = a->offset = offset;
	rec->number = a->number = ++a->records;
	rec->format = a->format;

	if (a->format == PDX_ARCHIVE_WARC) {
		if (!warc_version_known(a->line + 5))
			return damaged(a, rec->number, rec->offset, "WARC version %.16s is not one "
				       "polidex reads (0.17, 0.18, 1.0, 1.1)", a->line + 5);
		if (read_warc_headers(a, rec, off, &length))
			return PDX_ARCHIVE_DAMAGED;
		rec->type = off[F_TYPE] >= 0 ? record_type(a->fields.data + off[F_TYPE])
					     : PDX_RECORD_OTHER;
	} else {
		if (parse_arc_header(a, rec, off, a->line, &length))
			return PDX_ARCHIVE_DAMAGED;
		rec->type = strncmp(a->fields.data + off[F_URI], "filedesc:", 9) == 0
				    ? PDX_RECORD_ARC_FILEDESC
				    : PDX_RECORD_ARC;
	}
	a->length = rec->length = (unsigned long long)length;

	/* The block's first bytes: an HTTP header for responses, revisits and ARC captures. */
	{
		int broke = a->gz_broke;
		size_t got = peek_block(a);

		if (a->gz_broke != broke)
			return damaged(a, rec->number, rec->offset, "%s", a->gz_message);
		if (a->peek.alloc <= (a->length < PEEK ? a->length : PEEK))
			return damaged(a, rec->number, rec->offset, "out of memory");
		/* The file ends inside the block: the caller is given what there is. */
		rec->cut = got < (a->length < PEEK ? a->length : PEEK);
		if (rec->cut)
			a->block_left = 0;
	}
	if (rec->type == PDX_RECORD_RESPONSE || rec->type == PDX_RECORD_REVISIT ||
	    rec->type == PDX_RECORD_ARC)
		parse_http(a, rec, off);
	if (off[F_PAYLOAD_TYPE] < 0 && !rec->http && off[F_CONTENT_TYPE] >= 0) {
		/* A resource (or an ARC record without HTTP header) declares its own type. */
		char ct[256];

		snprintf(ct, sizeof ct, "%s", a->fields.data + off[F_CONTENT_TYPE]);
		keep_media_type(a, off, ct, strlen(ct));
	}
	if (rec->type == PDX_RECORD_ARC_FILEDESC)
		a->arc_version = a->peek.len && a->peek.data[0] == '2' ? 2 : 1;
	if (a->fields.oom)
		return damaged(a, rec->number, rec->offset, "out of memory");

	/* Pointers, now that the fields no longer move. */
	{
		const char *f = a->fields.data;
		const char **dest[N_FIELDS] = {
			&rec->type_name,	&rec->uri,	    &rec->date,
			&rec->record_id,	&rec->content_type, &rec->refers_to_uri,
			&rec->refers_to_date,	&rec->payload_type, &rec->charset,
			&rec->content_encoding, &rec->transfer_encoding};

		for (int i = 0; i < N_FIELDS; i++)
			*dest[i] = off[i] >= 0 ? f + off[i] : NULL;
		if (a->format == PDX_ARCHIVE_ARC)
			rec->type_name = "arc";
		else if (!rec->type_name)
			rec->type_name = "";
	}
	a->transfer_chunked = rec->transfer_encoding &&
			      strcasestr(rec->transfer_encoding, "chunked") != NULL;
	a->content_encoding = rec->content_encoding;
	a->cut = rec->cut;
	a->open = 1;
	if (!aligned && !a->noticed) {
		a->noticed = a->notice_due = 1;
		snprintf(a->message, sizeof a->message,
			 "record %lu starts inside the gzip member of the record before it (one "
			 "gzip member holds several records): offsets name the member, not the "
			 "record", rec->number);
	}
	return PDX_ARCHIVE_RECORD;
}

enum pdx_decode_status pdx_archive_read_payload(pdx_archive_t *a, size_t limit, int decode,
						const char **out, size_t *out_len, int *cut,
						char *why, size_t why_len)
{
	size_t have = a->peek.len - a->http_len, len;
	unsigned long long total = have + a->block_left, got = 0;
	char *body;
	int broke = a->gz_broke;
	enum pdx_decode_status st = PDX_DECODE_OK, coded;

	*out = NULL;
	*out_len = 0;
	*cut = 0;
	why[0] = '\0';
	if (!a->open) {
		snprintf(why, why_len, "no record to read");
		return PDX_DECODE_DAMAGED;
	}
	if (total > limit) {
		snprintf(why, why_len, "payload of %llu bytes, more than the %zu bytes read",
			 total, limit);
		return PDX_DECODE_TOO_LARGE;
	}
	if (a->block_left == 0) {
		/* The whole block was peeked at: read it where it is. */
		body = a->peek.data + a->http_len;
	} else {
		if (a->body_cap < total + 1) {
			char *p = realloc(a->body, (size_t)total + 1);

			if (!p) {
				snprintf(why, why_len, "out of memory for a payload of %llu bytes",
					 total);
				return PDX_DECODE_NO_MEMORY;
			}
			a->body = p;
			a->body_cap = (size_t)total + 1;
		}
		body = a->body;
		memcpy(body, a->peek.data + a->http_len, have);
		got = read_bytes(a, body + have, a->block_left);
	}
	len = have + (size_t)got;
	body[len] = '\0';
	if (a->cut || got < a->block_left) {
		*cut = 1;
		st = PDX_DECODE_TRUNCATED;
		if (a->gz_broke != broke)
			snprintf(why, why_len, "%s", a->gz_message);
		else
			snprintf(why, why_len, "truncated record (the file ends after %llu of its "
				 "%llu bytes)", (unsigned long long)a->peek.len + got, a->length);
		a->resyncing = 1;
	}
	a->block_left = 0;
	/* Chunked transfer coding first, then the content codings under it. */
	if (a->transfer_chunked) {
		size_t n;

		if (pdx_dechunk(body, len, &n) != PDX_DECODE_DAMAGED)
			len = n; /* a body stored de-chunked is read as it is */
		body[len] = '\0';
	}
	if (!decode) {
		*out = body;
		*out_len = len;
		return st;
	}
	{
		char coded_why[256];

		coded = pdx_decode_reuse(a->content_encoding, body, len, limit, &a->decoded, out,
					 out_len, coded_why, sizeof coded_why);
		if (coded != PDX_DECODE_OK && st == PDX_DECODE_OK) {
			snprintf(why, why_len, "%s", coded_why);
			st = coded;
		}
		if (coded != PDX_DECODE_OK && coded != PDX_DECODE_TRUNCATED) {
			*out = NULL;
			*out_len = 0;
		}
	}
	return st;
}
