/* walk.h: turning the paths given to polidex-index into the pages to read. */
#ifndef PDX_WALK_H
#define PDX_WALK_H

/* Called for each page file found; returns 0 to go on, nonzero to stop the walk. */
typedef int (*pdx_walk_fn)(const char *path, void *ctx);

/* Called for each path that cannot be walked, with the reason; FAILED is 0 for a notice that
 * loses nothing (a symbolic link loop not followed again). */
typedef void (*pdx_walk_error_fn)(const char *path, const char *reason, int failed, void *ctx);

/* Why a file of a directory was passed over. */
enum pdx_walk_skip {
	PDX_WALK_SKIP_NOT_PAGE,      /* neither a page nor a web archive */
	PDX_WALK_SKIP_DANGLING_LINK, /* a symbolic link to nothing */
	PDX_WALK_SKIP_LINK_LOOP      /* a symbolic link to a directory being walked */
};

/* Called for each file passed over on purpose. */
typedef void (*pdx_walk_skip_fn)(const char *path, enum pdx_walk_skip why, void *ctx);

/* Walk PATH: a file is given to FN as it is; a directory is walked recursively in name order,
 * giving FN each file that looks like an HTML page or a web archive by its extension (WARC,
 * ARC, WACZ), or by its first bytes, and never following a symbolic link to a directory
 * already being walked; the other files go to ON_SKIP. Returns the number of pages given to
 * FN, or -1 when FN asked to stop. A directory with no page in it is reported to ON_ERROR. */
long pdx_walk(const char *path, pdx_walk_fn fn, pdx_walk_error_fn on_error,
	      pdx_walk_skip_fn on_skip, void *ctx);

/* Nonzero when NAME ends in an extension saved HTML pages have (.html, .htm, .xhtml, ...). */
int pdx_walk_is_html_name(const char *name);

#endif
