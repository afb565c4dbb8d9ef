/* walk.c: recursive, loop-safe directory walking for polidex-index. */
#include "config.h"

#include "indexer/walk.h"

#include "indexer/archive.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* The directories on the current path from the root of the walk, to detect symlink loops. */
struct ancestor {
	dev_t dev;
	ino_t ino;
	const struct ancestor *up;
};

struct walk {
	pdx_walk_fn fn;
	pdx_walk_error_fn on_error;
	pdx_walk_skip_fn on_skip;
	void *ctx;
	long pages;
	int stopped;
};

int pdx_walk_is_html_name(const char *name)
{
	static const char *const exts[] = {".html", ".htm",     ".xhtml", ".shtml",
					   ".html.gz", ".htm.gz", NULL};

	return pdx_name_has_extension(name, exts);
}

/* Whether the file at PATH holds a page or a web archive, by its first bytes: HTML markup in
 * the first kilobyte, or the start of a WARC or ARC file, plain or gzipped. */
static int looks_like_page_file(const char *path)
{
	static const char *const marks[] = {"<!doctype html", "<html", "<head", "<body"};
	char head[4097];
	size_t n;
	FILE *fh = fopen(path, "rb");
	enum pdx_archive_kind kind;

	if (!fh)
		return 0;
	n = fread(head, 1, sizeof head - 1, fh);
	fclose(fh);
	kind = pdx_archive_sniff(head, n);
	if (kind == PDX_KIND_WARC || kind == PDX_KIND_ARC)
		return 1;
	if (n > 1024)
		n = 1024;
	head[n] = '\0';
	if (memchr(head, '\0', n))
		return 0;
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
		if (strcasestr(head, marks[i]))
			return 1;
	return 0;
}

/* A directory's names, kept in blocks of text rather than in one allocation each, as
 * scandir() keeps them: a folder of a million pages holds some 40 MB of names while it is
 * walked, not 75. */
#define NAME_BLOCK (1 << 20)

struct name_block {
	struct name_block *next;
	size_t used;
	char text[NAME_BLOCK];
};

struct names {
	struct name_block *blocks; /* the newest first; names never move once written */
	const char **name;
	size_t n, alloc;
};

static void names_free(struct names *ns)
{
	while (ns->blocks) {
		struct name_block *b = ns->blocks;

		ns->blocks = b->next;
		free(b);
	}
	free(ns->name);
}

static int names_add(struct names *ns, const char *name)
{
	size_t len = strlen(name) + 1;
	struct name_block *b = ns->blocks;

	if (len > NAME_BLOCK)
		return 0; /* no file system has such names */
	if (!b || b->used + len > NAME_BLOCK) {
		b = malloc(sizeof *b);
		if (!b)
			return -1;
		b->next = ns->blocks;
		b->used = 0;
		ns->blocks = b;
	}
	if (ns->n == ns->alloc) {
		size_t alloc = ns->alloc ? ns->alloc * 2 : 256;
		const char **grown = realloc(ns->name, alloc * sizeof *grown);

		if (!grown)
			return -1;
		ns->name = grown;
		ns->alloc = alloc;
	}
	memcpy(b->text + b->used, name, len);
	ns->name[ns->n++] = b->text + b->used;
	b->used += len;
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Read the names in directory PATH but those starting with a dot, sorted byte by byte (the
 * order scandir() and alphasort() give in the C locale). Returns 0, or an errno value. */
static int read_names(const char *path, struct names *ns)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int err = 0;

	if (!d)
		return errno;
	for (;;) {
		errno = 0;
		e = readdir(d);
		if (!e) {
			err = errno;
			break;
		}
		if (e->d_name[0] != '.' && names_add(ns, e->d_name) < 0) {
			err = ENOMEM;
			break;
		}
	}
	closedir(d);
	if (!err && ns->n)
		qsort(ns->name, ns->n, sizeof *ns->name, by_name);
	return err;
}

static void walk_dir(struct walk *w, const char *path, const struct ancestor *up, int depth)
{
	struct names ns = {0};
	struct stat st;
	struct ancestor self;
	int err;

	if (stat(path, &st) < 0) {
		w->on_error(path, strerror(errno), 1, w->ctx);
		return;
	}
	for (const struct ancestor *a = up; a; a = a->up) {
		if (a->dev == st.st_dev && a->ino == st.st_ino) {
			w->on_error(path, "symbolic link loop, not followed", 0, w->ctx);
			w->on_skip(path, PDX_WALK_SKIP_LINK_LOOP, w->ctx);
			return;
		}
	}
	if (depth > 64) {
		w->on_error(path, "directories nested too deeply, not followed", 1, w->ctx);
		return;
	}
	self.dev = st.st_dev;
	self.ino = st.st_ino;
	self.up = up;
	err = read_names(path, &ns);
	if (err) {
		w->on_error(path, strerror(err), 1, w->ctx);
		names_free(&ns);
		return;
	}
	for (size_t i = 0; i < ns.n && !w->stopped; i++) {
		const char *name = ns.name[i];
		size_t len = strlen(path) + strlen(name) + 2;
		char *child = malloc(len);

		if (!child) {
			w->on_error(path, "out of memory", 1, w->ctx);
			w->stopped = 1;
			break;
		}
		snprintf(child, len, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/",
			 name);
		if (stat(child, &st) < 0) {
			struct stat link;
			int why = errno;

			/* A link to nothing (saved sites and documentation have some) loses
			 * nothing: it is skipped, not failed. */
			if (why == ENOENT && lstat(child, &link) == 0 && S_ISLNK(link.st_mode))
				w->on_skip(child, PDX_WALK_SKIP_DANGLING_LINK, w->ctx);
			else
				w->on_error(child, strerror(why), 1, w->ctx);
		} else if (S_ISDIR(st.st_mode)) {
			walk_dir(w, child, &self, depth + 1);
		} else if (S_ISREG(st.st_mode) &&
			   (pdx_walk_is_html_name(name) || pdx_archive_is_name(name) ||
			    looks_like_page_file(child))) {
			w->pages++;
			if (w->fn(child, w->ctx))
				w->stopped = 1;
		} else {
			w->on_skip(child, PDX_WALK_SKIP_NOT_PAGE, w->ctx);
		}
		free(child);
	}
	names_free(&ns);
}

long pdx_walk(const char *path, pdx_walk_fn fn, pdx_walk_error_fn on_error,
	      pdx_walk_skip_fn on_skip, void *ctx)
{
	struct walk w = {fn, on_error, on_skip, ctx, 0, 0};
	struct stat st;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		walk_dir(&w, path, NULL, 0);
		if (!w.stopped && w.pages == 0)
			on_error(path, "no HTML pages found in this directory "
				       "(looked for *.html, *.htm, *.xhtml, *.shtml, *.warc, "
				       "*.warc.gz, *.arc, *.arc.gz, *.wacz, and pages and archives "
				       "by their content)", 1, ctx);
	} else {
		/* A named file is read whatever its name; reading it reports what is wrong. */
		w.pages = 1;
		if (fn(path, ctx))
			w.stopped = 1;
	}
	return w.stopped ? -1 : w.pages;
}
