/* params.c: what a request asks of polidex-serve: its text checked as UTF-8, its numbers, and
 * the parameters of /search read into a query. */
#include "config.h"

#include "serve/serve.h"

#include <stdarg.h>
#include <string.h>

#include "cli/cli.h"

/* The well-formed UTF-8 sequences of more than one byte, as the Unicode Standard lists them
 * (table 3-7): by their first byte, the range of their second (which rules out overlong forms,
 * surrogates and code points past U+10FFFF) and their length; every later byte is 80 to BF. */
static const struct {
	unsigned char first_low, first_high, second_low, second_high, length;
} utf8_forms[] = {
	{0xc2, 0xdf, 0x80, 0xbf, 2}, {0xe0, 0xe0, 0xa0, 0xbf, 3}, {0xe1, 0xec, 0x80, 0xbf, 3},
	{0xed, 0xed, 0x80, 0x9f, 3}, {0xee, 0xef, 0x80, 0xbf, 3}, {0xf0, 0xf0, 0x90, 0xbf, 4},
	{0xf1, 0xf3, 0x80, 0xbf, 4}, {0xf4, 0xf4, 0x80, 0x8f, 4},
};

/* The length of the well-formed sequence of more than one byte at S, LEN bytes left; 0 when
 * there is none. */
static size_t utf8_form_length(const unsigned char *s, size_t len)
{
	for (size_t f = 0; f < sizeof utf8_forms / sizeof utf8_forms[0]; f++) {
		size_t n = utf8_forms[f].length;

		if (s[0] < utf8_forms[f].first_low || s[0] > utf8_forms[f].first_high)
			continue;
		if (len < n || s[1] < utf8_forms[f].second_low || s[1] > utf8_forms[f].second_high)
			return 0;
		for (size_t k = 2; k < n; k++)
			if (s[k] < 0x80 || s[k] > 0xbf)
				return 0;
		return n;
	}
	return 0;
}

int pdx_serve_utf8_valid(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		size_t n = u[i] < 0x80 ? 1 : utf8_form_length(u + i, len - i);

		if (n == 0)
			return 0;
		i += n;
	}
	return 1;
}

int pdx_serve_parse_number(const char *s, unsigned long min, unsigned long max,
			   unsigned long *out)
{
	/* A number in a URL or an address is digits only: no blanks, no sign. */
	if (!s || strspn(s, "0123456789") != strlen(s))
		return -1;
	return pdx_cli_parse_number(s, min, max, out);
}

/* The parameters of a /search request, read one after the other into a query. */
struct params {
	polidex_query_t *q;
	const char *bad; /* the parameter that failed, or NULL */
	char why[256];
	size_t n_facets, n_filters;
};

static void param_fail(struct params *p, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void param_fail(struct params *p, const char *name, const char *fmt, ...)
{
	va_list ap;

	if (p->bad)
		return;
	p->bad = name;
	va_start(ap, fmt);
	vsnprintf(p->why, sizeof p->why, fmt, ap);
	va_end(ap);
}

/* The value of KEY, one of the names in CHOICES, into *VALUE. Returns 0, or -1 after saying
 * which names it takes. */
static int param_choice(struct params *p, const char *key, const char *value,
			const struct pdx_cli_choice *choices, int *out)
{
	char names[256];

	if (pdx_cli_choose(choices, value, out) == 0)
		return 0;
	param_fail(p, key, "'%s' is not one of %s", value,
		   pdx_cli_choice_names(choices, names, sizeof names));
	return -1;
}

/* The value of KEY, a number up to MAX, into *OUT. Returns 0, or -1 after saying why not. */
static int param_number(struct params *p, const char *key, const char *value, unsigned max,
			unsigned *out)
{
	unsigned long n;

	if (pdx_serve_parse_number(value, 0, max, &n) < 0) {
		param_fail(p, key, "'%s' is not a number from 0 to %u", value, max);
		return -1;
	}
	*out = (unsigned)n;
	return 0;
}

/* Give the query the parameter KEY=VALUE that asks how many hits, and which: offset, limit,
 * sort, stem, lang. */
static void read_hits_param(struct params *p, const char *key, const char *value)
{
	unsigned n;
	int choice;

	if (strcmp(key, "sort") == 0) {
		if (param_choice(p, key, value, pdx_cli_sorts, &choice) == 0)
			polidex_query_set_sort(p->q, (polidex_sort_t)choice);
	} else if (strcmp(key, "offset") == 0) {
		if (param_number(p, key, value, MAX_OFFSET, &n) == 0)
			polidex_query_set_offset(p->q, n);
	} else if (strcmp(key, "limit") == 0) {
		if (param_number(p, key, value, MAX_LIMIT, &n) == 0)
			polidex_query_set_limit(p->q, n);
	} else if (strcmp(key, "lang") == 0) {
		if (polidex_query_set_language(p->q, value) != POLIDEX_STATUS_SUCCESS)
			param_fail(p, key, "'%s' is not a language polidex knows", value);
	} else if (strcmp(key, "stem") == 0) {
		if (param_choice(p, key, value, pdx_cli_stem_strategies, &choice) == 0)
			polidex_query_set_stem_strategy(p->q, (polidex_stem_strategy_t)choice);
	} else if (strcmp(key, "format") == 0) {
		/* Read by the search itself: a page of hits or the whole set (export.c). */
		if (strcmp(value, "json") != 0 && strcmp(value, "csv") != 0 &&
		    strcmp(value, "jsonl") != 0)
			param_fail(p, key, "'%s' is not json, csv or jsonl", value);
	} else {
		param_fail(p, key,
			   "unknown parameter (known: q, filter, facet, sort, offset, limit, "
			   "lang, stem, format)");
	}
}

/* Give the query the filter VALUE of KEY, "FIELD:VALUE". */
static void read_filter(struct params *p, const char *key, const char *value)
{
	polidex_status_t st;

	p->n_filters++;
	if (p->n_filters > MAX_FILTERS) {
		param_fail(p, key, "at most %d filters", MAX_FILTERS);
		return;
	}
	st = polidex_query_add_filter_spec(p->q, value);
	if (st != POLIDEX_STATUS_SUCCESS)
		param_fail(p, key, "'%s': %s", value,
			   st == POLIDEX_STATUS_UNKNOWN_FIELD ? "unknown field"
							      : "not FIELD:VALUE");
}

/* Give the query the parameter KEY=VALUE. */
static void read_param(struct params *p, const char *key, const char *value)
{
	if (strcmp(key, "q") == 0) {
		/* Taken when the query is made. */
	} else if (strcmp(key, "facet") == 0) {
		p->n_facets++;
		if (p->n_facets > MAX_FACETS)
			param_fail(p, key, "at most %d facets", MAX_FACETS);
		else if (polidex_query_add_facet(p->q, value) != POLIDEX_STATUS_SUCCESS)
			param_fail(p, key, "unknown field or size '%s'", value);
	} else if (strcmp(key, "filter") == 0) {
		read_filter(p, key, value);
	} else {
		read_hits_param(p, key, value);
	}
}

/* Each query-string parameter, in the order given (repeated ones included). */
static enum MHD_Result each_param(void *cls, enum MHD_ValueKind kind, const char *key,
				  size_t key_len, const char *value, size_t value_len)
{
	struct params *p = cls;

	(void)kind;
	if (strlen(key) != key_len) {
		param_fail(p, "(name)", "a parameter name holds a NUL byte");
		return MHD_NO;
	}
	if (p->bad)
		return MHD_NO;
	if (!value)
		value = "";
	if (!pdx_serve_utf8_valid(key, strlen(key))) {
		param_fail(p, "(name)", "a parameter name is not UTF-8");
		return MHD_NO;
	}
	if (strlen(value) != value_len || !pdx_serve_utf8_valid(value, value_len)) {
		param_fail(p, key, "not UTF-8 text");
		return MHD_NO;
	}
	read_param(p, key, value);
	return p->bad ? MHD_NO : MHD_YES;
}

polidex_query_t *pdx_serve_search_query(struct request *rq)
{
	const char *text = MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, "q");
	struct params p = {NULL, NULL, "", 0, 0};

	if (!text)
		text = "";
	if (strlen(text) > MAX_QUERY_BYTES) {
		pdx_serve_send_error(rq, MHD_HTTP_BAD_REQUEST, "q",
				     "the query is longer than %d bytes", MAX_QUERY_BYTES);
		return NULL;
	}
	p.q = polidex_query_new(text);
	if (!p.q) {
		pdx_serve_send_error(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, NULL, "out of memory");
		return NULL;
	}
	MHD_get_connection_values_n(rq->conn, MHD_GET_ARGUMENT_KIND, each_param, &p);
	if (p.bad) {
		polidex_query_destroy(p.q);
		pdx_serve_send_error(rq, MHD_HTTP_BAD_REQUEST, p.bad, "%s", p.why);
		return NULL;
	}
	return p.q;
}
