/* records.c: a page of a crawl is an HTML response with status 200 or 203 (or an HTML
 * resource); everything else a crawler writes is skipped, for a reason the summary counts. */
#include "config.h"

#include "indexer/records.h"

#include <string.h>
#include <strings.h>

const char *pdx_skip_name(enum pdx_skip why)
{
	static const char *const names[PDX_SKIP_N] = {
		[PDX_SKIP_WARCINFO] = "warcinfo",
		[PDX_SKIP_REQUEST] = "requests",
		[PDX_SKIP_METADATA] = "metadata",
		[PDX_SKIP_OTHER_RECORD] = "other records",
		[PDX_SKIP_NOT_WEB] = "dns: and other non-web captures",
		[PDX_SKIP_ROBOTS] = "robots.txt",
		[PDX_SKIP_REDIRECT] = "redirects",
		[PDX_SKIP_CLIENT_ERROR] = "client errors (4xx)",
		[PDX_SKIP_SERVER_ERROR] = "server errors (5xx)",
		[PDX_SKIP_OTHER_STATUS] = "other HTTP statuses",
		[PDX_SKIP_NO_HTTP] = "responses without HTTP",
		[PDX_SKIP_NOT_HTML] = "not HTML",
		[PDX_SKIP_NO_TEXT] = "no page by their content",
		[PDX_SKIP_TOO_LARGE] = "too large",
		[PDX_SKIP_NOT_PAGE] = "files that are not pages",
		[PDX_SKIP_DANGLING_LINK] = "dangling symbolic links",
		[PDX_SKIP_LINK_LOOP] = "symbolic link loops",
	};

	return why < PDX_SKIP_N ? names[why] : "other";
}

/* A media type that says nothing of the content. */
static int is_generic_type(const char *type)
{
	static const char *const generic[] = {"application/octet-stream", "binary/octet-stream",
					      "application/unknown", "unknown/unknown", "*/*",
					      "application/x-unknown-content-type"};

	if (!type || !*type)
		return 1;
	for (size_t i = 0; i < sizeof generic / sizeof generic[0]; i++)
		if (strcasecmp(type, generic[i]) == 0)
			return 1;
	return 0;
}

static int is_html_type(const char *type)
{
	return type && (strcasecmp(type, "text/html") == 0 ||
			strcasecmp(type, "application/xhtml+xml") == 0);
}

static int scheme_is(const char *uri, const char *scheme)
{
	size_t n = strlen(scheme);

	return strncasecmp(uri, scheme, n) == 0 && uri[n] == ':';
}

/* Whether URI's path is /robots.txt. */
static int is_robots(const char *uri)
{
	const char *p = strstr(uri, "://"), *end;
	size_t n = strlen("/robots.txt");

	if (!p)
		return 0;
	p = strchr(p + 3, '/');
	if (!p)
		return 0;
	end = p + strcspn(p, "?#");
	return (size_t)(end - p) == n && strncasecmp(p, "/robots.txt", n) == 0;
}

static enum pdx_verdict skip(enum pdx_skip *why, enum pdx_skip reason)
{
	*why = reason;
	return PDX_VERDICT_SKIP;
}

enum pdx_verdict pdx_record_judge(const struct pdx_archive_record *rec, enum pdx_skip *why,
				  const char **problem)
{
	int revisit = rec->type == PDX_RECORD_REVISIT;

	*problem = NULL;
	switch (rec->type) {
	case PDX_RECORD_WARCINFO:
		return skip(why, PDX_SKIP_WARCINFO);
	case PDX_RECORD_REQUEST:
		return skip(why, PDX_SKIP_REQUEST);
	case PDX_RECORD_METADATA:
		return skip(why, PDX_SKIP_METADATA);
	case PDX_RECORD_RESPONSE:
	case PDX_RECORD_REVISIT:
	case PDX_RECORD_RESOURCE:
	case PDX_RECORD_ARC:
		break;
	default:
		return skip(why, PDX_SKIP_OTHER_RECORD);
	}
	if (!rec->uri || !*rec->uri) {
		*problem = "a capture without a URL (no WARC-Target-URI)";
		return PDX_VERDICT_DAMAGED;
	}
	/* Pages are web pages; a resource may also be a page saved from a file. */
	if (!scheme_is(rec->uri, "http") && !scheme_is(rec->uri, "https") &&
	    !(rec->type == PDX_RECORD_RESOURCE && scheme_is(rec->uri, "file")))
		return skip(why, PDX_SKIP_NOT_WEB);
	if (is_robots(rec->uri))
		return skip(why, PDX_SKIP_ROBOTS);
	if (rec->type != PDX_RECORD_RESOURCE) {
		if (!rec->http && !revisit)
			return skip(why, PDX_SKIP_NO_HTTP);
		if (rec->http && rec->status != 200 && rec->status != 203 &&
		    !(revisit && rec->status == 304)) {
			if (rec->status >= 300 && rec->status < 400)
				return skip(why, PDX_SKIP_REDIRECT);
			if (rec->status >= 400 && rec->status < 500)
				return skip(why, PDX_SKIP_CLIENT_ERROR);
			if (rec->status >= 500 && rec->status < 600)
				return skip(why, PDX_SKIP_SERVER_ERROR);
			return skip(why, PDX_SKIP_OTHER_STATUS);
		}
	}
	if (!rec->date) {
		*problem = "a capture without a date (no valid WARC-Date)";
		return PDX_VERDICT_DAMAGED;
	}
	if (revisit)
		return is_html_type(rec->payload_type) || is_generic_type(rec->payload_type)
			       ? PDX_VERDICT_REVISIT
			       : skip(why, PDX_SKIP_NOT_HTML);
	if (is_html_type(rec->payload_type))
		return PDX_VERDICT_PAGE;
	if (is_generic_type(rec->payload_type))
		return PDX_VERDICT_PAGE_IF_HTML;
	return skip(why, PDX_SKIP_NOT_HTML);
}
