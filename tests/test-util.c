/* test-util.c: helpers shared by the unit tests. */
#include "config.h"

#include "test-util.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *test_shared_path(const char *rel)
{
	static char path[4096];
	const char *base = getenv("POLIDEX_SHARED");
	struct stat st;

	if (!base || !*base)
		base = "../shared";
	snprintf(path, sizeof path, "%s/%s", base, rel);
	return stat(path, &st) == 0 ? path : NULL;
}

const char *test_src_path(const char *rel)
{
	static char path[4096];
	const char *base = getenv("POLIDEX_SRCDIR");

	snprintf(path, sizeof path, "%s/%s", base && *base ? base : ".", rel);
	return path;
}

char *test_make_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *dir = malloc(4096);

	if (!dir)
		return NULL;
	snprintf(dir, 4096, "%s/polidex-test-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(dir)) {
		free(dir);
		return NULL;
	}
	return dir;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void test_remove_tree(const char *path)
{
	if (path)
		nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

char *test_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		data = malloc((size_t)n + 1);
		if (data && fread(data, 1, (size_t)n, f) != (size_t)n) {
			free(data);
			data = NULL;
		}
		if (data) {
			data[n] = '\0';
			if (len)
				*len = (size_t)n;
		}
	}
	fclose(f);
	return data;
}
