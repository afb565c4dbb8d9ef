/* wacz.c: reading a WACZ's archives member by member with libzip, without unpacking it. */
#include "config.h"

#include "indexer/wacz.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#define MAX_DATAPACKAGE (16u << 20) /* a larger datapackage.json is not read */

struct entry {
	char *name;
	zip_uint64_t index; /* in the zip */
};

struct pdx_wacz {
	zip_t *zip;
	zip_file_t *member; /* the archive being read, or NULL */
	struct entry *archives;
	size_t n;
};

static int by_name(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	return strcmp(x->name, y->name);
}

static int is_archive_name(const char *name)
{
	return strncmp(name, "archive/", 8) == 0 && name[strlen(name) - 1] != '/' &&
	       pdx_archive_is_name(name) && strcasecmp(name + strlen(name) - 5, ".wacz") != 0;
}

/* Nonzero when the zip's datapackage.json is a JSON object: the mark of a WACZ. */
static int read_datapackage(pdx_wacz_t *w, const char *path, char *why, size_t why_len)
{
	zip_int64_t at = zip_name_locate(w->zip, "datapackage.json", 0);
	zip_stat_t st;
	zip_file_t *f;
	char *text;
	json_object *o;
	int ok;

	if (at < 0) {
		snprintf(why, why_len, "%s: a zip file but not a WACZ (no datapackage.json)", path);
		return 0;
	}
	if (zip_stat_index(w->zip, (zip_uint64_t)at, 0, &st) < 0 || !(st.valid & ZIP_STAT_SIZE) ||
	    st.size > MAX_DATAPACKAGE) {
		snprintf(why, why_len, "%s: its datapackage.json cannot be read", path);
		return 0;
	}
	f = zip_fopen_index(w->zip, (zip_uint64_t)at, 0);
	text = malloc((size_t)st.size + 1);
	if (!f || !text || zip_fread(f, text, st.size) != (zip_int64_t)st.size) {
		snprintf(why, why_len, "%s: its datapackage.json cannot be read (%s)", path,
			 f ? zip_file_strerror(f) : zip_strerror(w->zip));
		if (f)
			zip_fclose(f);
		free(text);
		return 0;
	}
	zip_fclose(f);
	text[st.size] = '\0';
	o = json_tokener_parse(text);
	free(text);
	ok = o && json_object_is_type(o, json_type_object);
	json_object_put(o);
	if (!ok)
		snprintf(why, why_len, "%s: not a WACZ (its datapackage.json is no JSON object)",
			 path);
	return ok;
}

pdx_wacz_t *pdx_wacz_open(const char *path, char *why, size_t why_len)
{
	pdx_wacz_t *w = calloc(1, sizeof *w);
	int err = 0;
	zip_int64_t entries;

	if (!w) {
		snprintf(why, why_len, "%s: out of memory", path);
		return NULL;
	}
	w->zip = zip_open(path, ZIP_RDONLY, &err);
	if (!w->zip) {
		zip_error_t e;

		zip_error_init_with_code(&e, err);
		snprintf(why, why_len, "%s: not a zip file polidex can read (%s)", path,
			 zip_error_strerror(&e));
		zip_error_fini(&e);
		free(w);
		return NULL;
	}
	if (!read_datapackage(w, path, why, why_len)) {
		pdx_wacz_close(w);
		return NULL;
	}
	entries = zip_get_num_entries(w->zip, 0);
	for (zip_int64_t i = 0; i < entries; i++) {
		const char *name = zip_get_name(w->zip, (zip_uint64_t)i, 0);
		struct entry *more;

		if (!name || !is_archive_name(name))
			continue;
		more = realloc(w->archives, (w->n + 1) * sizeof *more);
		if (!more || !(more[w->n].name = strdup(name))) {
			if (more)
				w->archives = more;
			snprintf(why, why_len, "%s: out of memory", path);
			pdx_wacz_close(w);
			return NULL;
		}
		w->archives = more;
		w->archives[w->n++].index = (zip_uint64_t)i;
	}
	if (w->n == 0) {
		snprintf(why, why_len, "%s: a WACZ with no WARC or ARC file under archive/", path);
		pdx_wacz_close(w);
		return NULL;
	}
	qsort(w->archives, w->n, sizeof *w->archives, by_name);
	return w;
}

void pdx_wacz_close(pdx_wacz_t *w)
{
	if (!w)
		return;
	if (w->member)
		zip_fclose(w->member);
	if (w->zip)
		zip_discard(w->zip);
	for (size_t i = 0; i < w->n; i++)
		free(w->archives[i].name);
	free(w->archives);
	free(w);
}

size_t pdx_wacz_count(const pdx_wacz_t *w)
{
	return w->n;
}

const char *pdx_wacz_name(const pdx_wacz_t *w, size_t i)
{
	return i < w->n ? w->archives[i].name : NULL;
}

static ssize_t read_member(void *handle, char *buf, size_t len)
{
	pdx_wacz_t *w = handle;
	zip_int64_t n = zip_fread(w->member, buf, len);

	if (n < 0)
		errno = EIO;
	return (ssize_t)n;
}

pdx_archive_t *pdx_wacz_open_archive(pdx_wacz_t *w, size_t i, const char *name, char *why,
				     size_t why_len)
{
	if (i >= w->n) {
		snprintf(why, why_len, "%s: no such archive", name);
		return NULL;
	}
	if (w->member)
		zip_fclose(w->member);
	w->member = zip_fopen_index(w->zip, w->archives[i].index, 0);
	if (!w->member) {
		snprintf(why, why_len, "%s: cannot be read from the zip (%s)", name,
			 zip_strerror(w->zip));
		return NULL;
	}
	return pdx_archive_open_stream(read_member, w, name, why, why_len);
}
