/* replay.c: the link from a hit to its archived copy in a replay tool (pywb, OpenWayback,
 * ReplayWeb.page), made from a pattern of the capture's fields. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "query/query-internal.h"

/* The placeholders a pattern may use. */
static const char *const names[] = {"timestamp", "url", "url_escaped", "date", "file",
				    "member", "offset", "record_id", NULL};

/* The placeholder at P ("{name}"), as an index into NAMES, or -1; *LEN its length. */
static int placeholder(const char *p, size_t *len)
{
	for (int i = 0; names[i]; i++) {
		size_t n = strlen(names[i]);

		if (p[0] == '{' && strncmp(p + 1, names[i], n) == 0 && p[n + 1] == '}') {
			*len = n + 2;
			return i;
		}
	}
	return -1;
}

int pdx_replay_pattern_check(const char *pattern, char *why, size_t why_len)
{
	for (const char *p = pattern; *p; p++) {
		size_t len;

		if (*p == '{' && placeholder(p, &len) < 0) {
			snprintf(why, why_len,
				 "'%.*s' is no placeholder (known: {timestamp}, {url}, "
				 "{url_escaped}, {date}, {file}, {member}, {offset}, {record_id})",
				 (int)strcspn(p, "}") + 1, p);
			return -1;
		}
	}
	return 0;
}

/* URL with the bytes a URL may not hold as they are percent-encoded; with ALL, every byte
 * but unreserved ones (for a URL inside a query string). */
static void add_url(pdx_buf *b, const char *url, int all)
{
	for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
		int keep = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
			   (*p >= '0' && *p <= '9') || strchr("-._~", *p);

		if (!all && !keep)
			keep = *p > 0x20 && *p < 0x7f && !strchr("\"<>\\^`{|}", *p);
		if (keep)
			pdx_buf_addc(b, (char)*p);
		else
			pdx_buf_addf(b, "%%%02X", *p);
	}
}

char *polidex_hit_replay_url(const polidex_hit_t *hit, const char *pattern)
{
	pdx_buf b = PDX_BUF_INIT;
	const char *date;

	if (!hit || !pattern || !hit->capture_date || !hit->capture_url)
		return NULL;
	date = hit->capture_date;
	for (const char *p = pattern; *p;) {
		size_t len;
		int which = *p == '{' ? placeholder(p, &len) : -1;

		if (which < 0) {
			pdx_buf_addc(&b, *p++);
			continue;
		}
		p += len;
		switch (which) {
		case 0: /* YYYYMMDDhhmmss, from the ISO date */
			for (const char *d = date; *d; d++)
				if (*d >= '0' && *d <= '9')
					pdx_buf_addc(&b, *d);
			break;
		case 1:
			add_url(&b, hit->capture_url, 0);
			break;
		case 2:
			add_url(&b, hit->capture_url, 1);
			break;
		case 3:
			pdx_buf_adds(&b, date);
			break;
		case 4: {
			const char *file = hit->capture_file ? hit->capture_file : "";
			const char *slash = strrchr(file, '/');

			add_url(&b, slash ? slash + 1 : file, 1);
			break;
		}
		case 5:
			add_url(&b, hit->capture_member ? hit->capture_member : "", 1);
			break;
		case 6:
			pdx_buf_addf(&b, "%lld", hit->capture_offset);
			break;
		default:
			add_url(&b, hit->capture_record_id ? hit->capture_record_id : "", 1);
			break;
		}
	}
	return pdx_buf_detach(&b);
}

polidex_status_t polidex_query_set_replay_url(polidex_query_t *query, const char *pattern)
{
	char why[256];
	char *copy = NULL;

	if (!query)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	if (pattern && pdx_replay_pattern_check(pattern, why, sizeof why) < 0)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	if (pattern && !(copy = strdup(pattern)))
		return POLIDEX_STATUS_OUT_OF_MEMORY;
	free(query->replay_url);
	query->replay_url = copy;
	return POLIDEX_STATUS_SUCCESS;
}
