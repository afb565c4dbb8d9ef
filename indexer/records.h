/* records.h: which records of a web archive are pages, and why the others are passed over. */
#ifndef PDX_RECORDS_H
#define PDX_RECORDS_H

#include "indexer/archive.h"

/* Why a record or a file is not indexed, though nothing is wrong with it. */
enum pdx_skip {
	PDX_SKIP_WARCINFO,
	PDX_SKIP_REQUEST,
	PDX_SKIP_METADATA,
	PDX_SKIP_OTHER_RECORD, /* conversion, continuation, a type unknown, an ARC file header */
	PDX_SKIP_NOT_WEB,      /* a capture of dns:, whois: or another scheme than http(s) */
	PDX_SKIP_ROBOTS,       /* robots.txt */
	PDX_SKIP_REDIRECT,     /* HTTP 3xx */
	PDX_SKIP_CLIENT_ERROR, /* HTTP 4xx */
	PDX_SKIP_SERVER_ERROR, /* HTTP 5xx */
	PDX_SKIP_OTHER_STATUS, /* 1xx, 204, 206, ... */
	PDX_SKIP_NO_HTTP,      /* a response that holds no HTTP response */
	PDX_SKIP_NOT_HTML,     /* images, scripts, style sheets, PDF, JSON, ... */
	PDX_SKIP_NO_TEXT,      /* a payload without text, or not HTML by its content */
	PDX_SKIP_TOO_LARGE,    /* past the size limit */
	PDX_SKIP_NOT_PAGE,     /* a file of a folder that is neither a page nor an archive */
	PDX_SKIP_DANGLING_LINK,
	PDX_SKIP_LINK_LOOP,
	PDX_SKIP_N
};

/* How the reasons read in a summary ("3 redirects"). */
const char *pdx_skip_name(enum pdx_skip why);

enum pdx_verdict {
	PDX_VERDICT_PAGE,         /* an HTML page: read its payload and index it */
	PDX_VERDICT_PAGE_IF_HTML, /* a page if its payload turns out to be HTML (no type said) */
	PDX_VERDICT_REVISIT,      /* a revisit of a page: a capture date for it */
	PDX_VERDICT_SKIP,         /* passed over, for the reason given */
	PDX_VERDICT_DAMAGED       /* a capture that cannot be indexed (no URL, no date) */
};

/* What to do with REC; *WHY is the reason of a SKIP, *PROBLEM (static) that of DAMAGED. */
enum pdx_verdict pdx_record_judge(const struct pdx_archive_record *rec, enum pdx_skip *why,
				  const char **problem);

#endif
