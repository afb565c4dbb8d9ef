/* archive-stream.c: the bytes of a web archive, read from a file or a stream, inflated. */
#include "config.h"

#include <errno.h>
#include <libdeflate.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "indexer/archive-internal.h"

/* A gzipped archive is read one member at a time, so that each record is told the offset of
 * the member it starts in: what a replay tool seeks to. A member that zin holds whole is
 * inflated at once; a longer one, or one that is damaged, through zlib's stream. */

ssize_t pdx_archive_read_fd(void *handle, char *buf, size_t len)
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

size_t pdx_archive_zin_fill(pdx_archive_t *a)
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
				pdx_archive_zin_fill(a);
			if (a->z.avail_in == 0)
				return 0;
			if (a->z.next_in[0] == 0) {
				/* Zeros after a member (padding) are harmless. */
				a->z.next_in++;
				a->z.avail_in--;
				continue;
			}
			if (a->z.avail_in < 2 || a->z.next_in[0] != 0x1f ||
			    a->z.next_in[1] != 0x8b) {
				snprintf(a->gz_message, sizeof a->gz_message,
					 "bytes at offset %llu start no gzip member",
					 zin_position(a));
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
			if (pdx_archive_zin_fill(a) == 0 && made == 0) {
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
			pdx_archive_zin_fill(a);
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
		if (a->z.avail_in < 3 && pdx_archive_zin_fill(a) < 3)
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

/* Inflate into the buffer: a whole member when one fits, else what the member being inflated
 * gives next, damaged data stepped over. Returns the bytes made, 0 at the end. */
static ssize_t gz_fill(pdx_archive_t *a)
{
	ssize_t n;

	if (!a->member_open) {
		n = (ssize_t)gz_whole(a, a->buf, BUF_CAP);
		if (n > 0)
			return n;
	}
	for (;;) {
		n = gz_produce(a, a->buf, CHUNK);
		if (n >= 0)
			return n;
		a->gz_broke = 1;
		if (gz_resync(a) < 0)
			return 0;
	}
}

size_t pdx_archive_fill(pdx_archive_t *a)
{
	ssize_t n;

	a->buf_dpos += a->end;
	a->pos = a->end = 0;
	n = a->gz ? gz_fill(a) : src_read(a, a->buf, CHUNK);
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

long pdx_archive_get_line(pdx_archive_t *a)
{
	size_t n = 0;
	int broke = a->gz_broke;

	if (!pdx_archive_ensure(a))
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
		if (!pdx_archive_fill(a) || a->gz_broke != broke)
			break;
	}
	while (n && a->line[n - 1] == '\r')
		n--;
	a->line[n] = '\0';
	a->line_len = n;
	return (long)n;
}

unsigned long long pdx_archive_read_bytes(pdx_archive_t *a, char *dst, unsigned long long len)
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
			if (!pdx_archive_fill(a) || a->gz_broke != broke)
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

void pdx_archive_map_file(pdx_archive_t *a)
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
	pdx_archive_zin_fill(a);
}
