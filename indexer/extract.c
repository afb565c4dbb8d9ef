/* extract.c: from page bytes to an article: parse, metadata, main text. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>
#include <zlib.h>

#include "indexer/article.h"
#include "indexer/decode.h"
#include "util/buf.h"
#include "indexer/content.h"
#include "indexer/html.h"
#include "indexer/language.h"
#include "indexer/metadata.h"
#include "indexer/page-type.h"
#include "indexer/url.h"

/* Pages larger than this are refused rather than read into memory. */
#define MAX_PAGE_BYTES POLIDEX_MAX_PAGE_BYTES

/* Detect the language from the title and text: it fills in a page that declares none, and
 * overrules a declaration that is plainly wrong (an English template around a French text).
 * Returns -1 when memory ran out. */
static int check_language(polidex_article_t *a)
{
	char detected[16];
	int percent;
	/* Detection reads the start of the text only; checking a declared language needs less
	 * of it than finding an undeclared one (CLD2 is sure of a language within a few hundred
	 * words), cut where a character starts. */
	size_t n = a->body ? strnlen(a->body, a->language ? 2048 : 32768) : 0;

	while (n > 0 && ((unsigned char)a->body[n] & 0xC0) == 0x80)
		n--;
	if (n >= 1024 || !a->title) {
		percent = pdx_language_detect(a->body ? a->body : "", n, detected, sizeof detected);
	} else {
		/* A short text: the title's words count too. */
		pdx_buf text = PDX_BUF_INIT;

		pdx_buf_adds(&text, a->title);
		pdx_buf_adds(&text, "\n");
		if (n)
			pdx_buf_add(&text, a->body, n);
		if (text.oom) {
			pdx_buf_release(&text);
			return -1;
		}
		percent = pdx_language_detect(pdx_buf_str(&text), text.len, detected,
					      sizeof detected);
		pdx_buf_release(&text);
	}
	if (!percent)
		return 0;
	if (!a->language)
		return pdx_article_set(&a->language, detected);
	/* Only a different language counts as a disagreement, not a different script or region,
	 * and only when most of the text is in it. */
	if (percent >= 80 && strncmp(a->language, detected, 2) != 0)
		return pdx_article_set(&a->language, detected);
	return 0;
}

polidex_status_t polidex_article_parse_html(polidex_article_t *article, const char *data,
					    size_t len)
{
	polidex_status_t status;
	htmlDocPtr doc;

	if (!article || (!data && len))
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	pdx_article_clear(article);
	article->content_hash = XXH64(data ? data : "", len, 0);
	doc = pdx_html_parse(article, data ? data : "", len, &status);
	if (!doc)
		return status;
	if (pdx_metadata_extract(article, doc) < 0 || pdx_content_extract(article, doc) < 0) {
		xmlFreeDoc(doc);
		pdx_article_clear(article);
		pdx_article_fail(article, "out of memory");
		return POLIDEX_STATUS_OUT_OF_MEMORY;
	}
	pdx_page_type(article, doc);
	xmlFreeDoc(doc);
	if (check_language(article) < 0) {
		pdx_article_clear(article);
		pdx_article_fail(article, "out of memory");
		return POLIDEX_STATUS_OUT_OF_MEMORY;
	}
	if ((!article->body || !*article->body) && !article->title) {
		pdx_article_clear(article);
		pdx_article_fail(article, "not HTML (no text found in the page)");
		return POLIDEX_STATUS_NOT_HTML;
	}
	return POLIDEX_STATUS_SUCCESS;
}

/* Hand ARTICLE the page's LEN bytes DATA (NUL-terminated), to parse later. */
static void set_raw(polidex_article_t *article, char *data, size_t len)
{
	free(article->raw);
	article->raw = data;
	article->raw_len = len;
	article->content_hash = XXH64(data, len, 0);
}

/* Read the whole of FD into a new buffer. Returns 0, or an errno value. */
static int read_all(int fd, char **out, size_t *out_len)
{
	pdx_buf b = PDX_BUF_INIT;
	char chunk[65536];

	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			pdx_buf_release(&b);
			return errno;
		}
		if (n == 0)
			break;
		if (b.len + (size_t)n > MAX_PAGE_BYTES) {
			pdx_buf_release(&b);
			return EFBIG;
		}
		if (pdx_buf_add(&b, chunk, (size_t)n) < 0) {
			pdx_buf_release(&b);
			return ENOMEM;
		}
	}
	*out_len = b.len;
	*out = pdx_buf_detach(&b);
	return *out ? 0 : ENOMEM;
}

/* Inflate gzip data (*DATA, *LEN) in place of the compressed bytes. Returns 0, or an errno
 * value: EFBIG past the page limit (a decompression bomb is refused, not read), EILSEQ for
 * damaged data. */
static int gunzip(char **data, size_t *len)
{
	z_stream z;
	pdx_buf out = PDX_BUF_INIT;
	char chunk[65536];
	int zrc, err = 0;

	memset(&z, 0, sizeof z);
	if (inflateInit2(&z, 15 + 32) != Z_OK)
		return ENOMEM;
	z.next_in = (unsigned char *)*data;
	z.avail_in = (unsigned)*len;
	do {
		z.next_out = (unsigned char *)chunk;
		z.avail_out = sizeof chunk;
		zrc = inflate(&z, Z_NO_FLUSH);
		if (zrc != Z_OK && zrc != Z_STREAM_END) {
			err = zrc == Z_MEM_ERROR ? ENOMEM : EILSEQ;
			break;
		}
		if (pdx_buf_add(&out, chunk, sizeof chunk - z.avail_out) < 0) {
			err = ENOMEM;
			break;
		}
		if (out.len > MAX_PAGE_BYTES) {
			err = EFBIG;
			break;
		}
		/* Concatenated members read on. */
		if (zrc == Z_STREAM_END && z.avail_in > 0)
			inflateReset(&z);
		else if (zrc == Z_STREAM_END)
			break;
	} while (z.avail_in > 0 || z.avail_out == 0);
	inflateEnd(&z);
	if (err) {
		pdx_buf_release(&out);
		return err;
	}
	free(*data);
	*len = out.len;
	*data = pdx_buf_detach(&out);
	return *data ? 0 : ENOMEM;
}

/* file:// URL of PATH, made absolute. */
static char *file_url(const char *path)
{
	char *abs = realpath(path, NULL);
	pdx_buf b = PDX_BUF_INIT;

	if (!abs)
		return NULL;
	pdx_buf_adds(&b, "file://");
	for (const unsigned char *p = (const unsigned char *)abs; *p; p++) {
		if (pdx_url_must_escape(*p))
			pdx_buf_addf(&b, "%%%02X", *p);
		else
			pdx_buf_addc(&b, (char)*p);
	}
	free(abs);
	return pdx_buf_detach(&b);
}

polidex_status_t polidex_article_read_file(polidex_article_t *article, const char *path)
{
	struct stat st;
	char *data = NULL;
	size_t len = 0;
	int fd, err;

	if (!article || !path)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	if (!article->source && pdx_article_set(&article->source, path) < 0)
		return POLIDEX_STATUS_OUT_OF_MEMORY;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		pdx_article_fail(article, "%s", strerror(errno));
		return POLIDEX_STATUS_FILE_ERROR;
	}
	if (fstat(fd, &st) < 0) {
		err = errno;
		close(fd);
		pdx_article_fail(article, "%s", strerror(err));
		return POLIDEX_STATUS_FILE_ERROR;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		pdx_article_fail(article, "%s",
				 S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file");
		return POLIDEX_STATUS_FILE_ERROR;
	}
	if ((unsigned long long)st.st_size > MAX_PAGE_BYTES) {
		close(fd);
		pdx_article_fail(article, "file too large (%lld bytes, limit %u)",
				 (long long)st.st_size, MAX_PAGE_BYTES);
		return POLIDEX_STATUS_FILE_ERROR;
	}
	err = read_all(fd, &data, &len);
	close(fd);
	/* Saved pages are often gzipped (page.html.gz): read them through. */
	if (!err && len >= 2 && (unsigned char)data[0] == 0x1f && (unsigned char)data[1] == 0x8b) {
		err = gunzip(&data, &len);
		if (err == EILSEQ) {
			free(data);
			pdx_article_fail(article, "damaged gzip data");
			return POLIDEX_STATUS_FILE_ERROR;
		}
		if (err == EFBIG) {
			free(data);
			pdx_article_fail(article,
					 "page too large once decompressed (limit %u bytes)",
					 MAX_PAGE_BYTES);
			return POLIDEX_STATUS_FILE_ERROR;
		}
	}
	if (err) {
		free(data);
		pdx_article_fail(article, "%s", strerror(err));
		return err == ENOMEM ? POLIDEX_STATUS_OUT_OF_MEMORY : POLIDEX_STATUS_FILE_ERROR;
	}
	if (!article->url) {
		char *url = file_url(path);

		if (!url) {
			free(data);
			pdx_article_fail(article, "out of memory");
			return POLIDEX_STATUS_OUT_OF_MEMORY;
		}
		free(article->url);
		article->url = url;
	}
	set_raw(article, data, len);
	return POLIDEX_STATUS_SUCCESS;
}

polidex_status_t polidex_article_read_memory(polidex_article_t *article, const char *data,
					     size_t len)
{
	char *copy;

	if (!article || (!data && len))
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	copy = malloc(len + 1);
	if (!copy)
		return POLIDEX_STATUS_OUT_OF_MEMORY;
	memcpy(copy, data ? data : "", len);
	copy[len] = '\0';
	set_raw(article, copy, len);
	return POLIDEX_STATUS_SUCCESS;
}

polidex_status_t polidex_article_parse(polidex_article_t *article)
{
	polidex_status_t status;
	char *data;

	if (article && !article->raw && article->capture && article->capture->revisit)
		return POLIDEX_STATUS_SUCCESS; /* a revisit has no page of its own to parse */
	if (!article || !article->raw)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	data = article->raw;
	article->raw = NULL;
	article->warning[0] = '\0';
	if (!pdx_decode_is_identity(article->content_encoding)) {
		/* The body as the server sent it: its content coding undone here, on the thread
		 * that parses. The hash stays the one of the bytes as read, which a rerun
		 * compares. */
		unsigned long long hash = article->content_hash;
		char *decoded, why[256];
		size_t len;
		enum pdx_decode_status st =
			pdx_decode_content(article->content_encoding, data, article->raw_len,
					   MAX_PAGE_BYTES, &decoded, &len, why, sizeof why);

		free(data);
		if (st == PDX_DECODE_TOO_LARGE) {
			pdx_article_fail(article, "%s", why);
			return POLIDEX_STATUS_TOO_LARGE;
		}
		if (st == PDX_DECODE_NO_MEMORY) {
			pdx_article_fail(article, "out of memory");
			return POLIDEX_STATUS_OUT_OF_MEMORY;
		}
		if (st != PDX_DECODE_OK && st != PDX_DECODE_TRUNCATED) {
			pdx_article_fail(article, "body cannot be decoded: %s", why);
			return POLIDEX_STATUS_UNDECODABLE;
		}
		data = decoded;
		article->raw_len = len;
		status = polidex_article_parse_html(article, data, len);
		if (st == PDX_DECODE_TRUNCATED)
			snprintf(article->warning, sizeof article->warning,
				 "%s; indexed what it holds", why);
		free(data);
		article->content_hash = hash;
		return status;
	}
	status = polidex_article_parse_html(article, data, article->raw_len);
	free(data);
	return status;
}

unsigned long long polidex_article_get_content_hash(const polidex_article_t *article)
{
	return article->content_hash;
}

polidex_status_t polidex_article_load_file(polidex_article_t *article, const char *path)
{
	polidex_status_t status = polidex_article_read_file(article, path);

	return status == POLIDEX_STATUS_SUCCESS ? polidex_article_parse(article) : status;
}
