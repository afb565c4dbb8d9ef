/* wacz.h: the web archives packed in a WACZ file (Webrecorder's zip of archive/ WARC files,
 * indexes and datapackage.json, as Browsertrix and ReplayWeb.page write and read it), read in
 * place from the zip with libzip. */
#ifndef PDX_WACZ_H
#define PDX_WACZ_H

#include <stddef.h>

#include "indexer/archive.h"

typedef struct pdx_wacz pdx_wacz_t;

/* Open the WACZ at PATH. Returns NULL when it cannot be read, is no zip, or is a zip without
 * datapackage.json or without archives under archive/ (not a WACZ), the reason in WHY. */
pdx_wacz_t *pdx_wacz_open(const char *path, char *why, size_t why_len);
void pdx_wacz_close(pdx_wacz_t *w);

/* The archives it holds (WARC and ARC files under archive/, in name order), and the name of
 * the I-th in the zip ("archive/data.warc.gz"). */
size_t pdx_wacz_count(const pdx_wacz_t *w);
const char *pdx_wacz_name(const pdx_wacz_t *w, size_t i);

/* Open the I-th archive for reading, named NAME in messages; it must be closed
 * (pdx_archive_close()) before another is opened. NULL on failure, the reason in WHY. */
pdx_archive_t *pdx_wacz_open_archive(pdx_wacz_t *w, size_t i, const char *name, char *why,
				     size_t why_len);

#endif
