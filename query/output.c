/* output.c: results as text and as JSON (written with json-c). */
#include "config.h"

#include "output.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_object *string_or_null(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

/* The name a facet is shown under: as asked, without a size ("author:20" is "author"). */
static void facet_key(const char *asked, char *out, size_t size)
{
	const char *colon = strrchr(asked, ':');
	size_t len = strlen(asked);

	if (colon && colon[1] && strspn(colon + 1, "0123456789") == strlen(colon + 1))
		len = (size_t)(colon - asked);
	snprintf(out, size, "%.*s", (int)len, asked);
}

static json_object *hit_to_json(const polidex_hit_t *h)
{
	json_object *o = json_object_new_object(), *authors = json_object_new_array();

	json_object_object_add(o, "id", string_or_null(polidex_hit_get_id(h)));
	json_object_object_add(o, "docid", json_object_new_int64(polidex_hit_get_docid(h)));
	json_object_object_add(o, "url", string_or_null(polidex_hit_get_url(h)));
	json_object_object_add(o, "title", string_or_null(polidex_hit_get_title(h)));
	for (size_t i = 0; i < polidex_hit_count_authors(h); i++)
		json_object_array_add(authors, json_object_new_string(polidex_hit_get_author(h, i)));
	json_object_object_add(o, "authors", authors);
	json_object_object_add(o, "date", string_or_null(polidex_hit_get_date(h)));
	json_object_object_add(o, "section", string_or_null(polidex_hit_get_section(h)));
	json_object_object_add(o, "language", string_or_null(polidex_hit_get_language(h)));
	json_object_object_add(o, "score", json_object_new_double(polidex_hit_get_score(h)));
	json_object_object_add(o, "snippet", string_or_null(polidex_hit_get_snippet(h)));
	return o;
}

json_object *pdx_output_json(polidex_results_t *results, const struct pdx_output_request *req)
{
	json_object *o = json_object_new_object(), *hits, *facets;
	polidex_hits_t *it;

	if (!o)
		return NULL;
	json_object_object_add(o, "version", json_object_new_int(PDX_OUTPUT_JSON_VERSION));
	json_object_object_add(o, "query", json_object_new_string(req->query));
	json_object_object_add(o, "parsed_query",
			       json_object_new_string(polidex_results_get_parsed_query(results)));
	json_object_object_add(o, "corrected_query",
			       string_or_null(polidex_results_get_corrected_query(results)));
	json_object_object_add(o, "total", json_object_new_int64(
						   (int64_t)polidex_results_get_total(results)));
	json_object_object_add(o, "offset", json_object_new_int64(req->offset));
	json_object_object_add(o, "limit", json_object_new_int64(req->limit));
	hits = json_object_new_array();
	it = polidex_results_get_hits(results);
	for (; polidex_hits_valid(it); polidex_hits_move_to_next(it))
		json_object_array_add(hits, hit_to_json(polidex_hits_get(it)));
	polidex_hits_destroy(it);
	json_object_object_add(o, "hits", hits);
	facets = json_object_new_object();
	for (size_t i = 0; i < req->n_facets; i++) {
		polidex_facet_values_t *v = polidex_results_get_facet(results, req->facets[i]);
		json_object *list = json_object_new_array();
		char key[1024];

		for (; polidex_facet_values_valid(v); polidex_facet_values_move_to_next(v)) {
			json_object *entry = json_object_new_object();

			const char *value = polidex_facet_values_get_value(v);
			const char *label = polidex_facet_values_get_label(v);

			json_object_object_add(entry, "value", json_object_new_string(value));
			if (strcmp(label, value) != 0)
				json_object_object_add(entry, "label", json_object_new_string(label));
			json_object_object_add(entry, "count",
					       json_object_new_int64((int64_t)
								     polidex_facet_values_get_count(v)));
			json_object_array_add(list, entry);
		}
		polidex_facet_values_destroy(v);
		facet_key(req->facets[i], key, sizeof key);
		json_object_object_add(facets, key, list);
	}
	json_object_object_add(o, "facets", facets);
	return o;
}

/* The entities Xapian's snippets escape. */
static const struct {
	const char *from;
	char to;
} entities[] = {{"&amp;", '&'},  {"&lt;", '<'},   {"&gt;", '>'},
		{"&quot;", '"'}, {"&#39;", '\''}, {"&apos;", '\''}};

/* Print an HTML snippet as text: entities decoded, <mark> shown as HL_ON ... HL_OFF. */
static void print_snippet(FILE *out, const char *s, const char *hl_on, const char *hl_off)
{
	while (*s) {
		size_t i;

		if (strncmp(s, "<mark>", 6) == 0) {
			fputs(hl_on, out);
			s += 6;
			continue;
		}
		if (strncmp(s, "</mark>", 7) == 0) {
			fputs(hl_off, out);
			s += 7;
			continue;
		}
		for (i = 0; i < sizeof entities / sizeof entities[0]; i++) {
			size_t n = strlen(entities[i].from);

			if (strncmp(s, entities[i].from, n) == 0) {
				fputc(entities[i].to, out);
				s += n;
				break;
			}
		}
		if (i < sizeof entities / sizeof entities[0])
			continue;
		/* Paragraph breaks in the text become one space on the snippet's line. */
		if (*s == '\n') {
			while (*s == '\n')
				s++;
			fputc(' ', out);
			continue;
		}
		fputc(*s++, out);
	}
}

void pdx_output_text(FILE *out, polidex_results_t *results, const struct pdx_output_request *req,
		     int colour)
{
	unsigned long total = polidex_results_get_total(results);
	polidex_hits_t *it = polidex_results_get_hits(results);
	unsigned rank = req->offset;

	fprintf(out, "%lu match%s for: %s\n", total, total == 1 ? "" : "es",
		*req->query ? req->query : "(every document)");
	if (polidex_results_get_corrected_query(results))
		fprintf(out, "Did you mean: %s\n", polidex_results_get_corrected_query(results));
	for (; polidex_hits_valid(it); polidex_hits_move_to_next(it)) {
		const polidex_hit_t *h = polidex_hits_get(it);
		const char *title = polidex_hit_get_title(h);

		fprintf(out, "\n%u. %s%s%s\n", ++rank, colour ? "\033[1m" : "",
			title ? title : "(untitled)", colour ? "\033[0m" : "");
		fputs("   ", out);
		if (polidex_hit_get_date(h))
			fprintf(out, "%s", polidex_hit_get_date(h));
		for (size_t i = 0; i < polidex_hit_count_authors(h); i++)
			fprintf(out, "%s%s", i ? ", " : (polidex_hit_get_date(h) ? " \xc2\xb7 " : ""),
				polidex_hit_get_author(h, i));
		if (polidex_hit_get_section(h))
			fprintf(out, " \xc2\xb7 %s", polidex_hit_get_section(h));
		fprintf(out, "\n   %s\n   ", polidex_hit_get_url(h) ? polidex_hit_get_url(h) : "");
		print_snippet(out, polidex_hit_get_snippet(h) ? polidex_hit_get_snippet(h) : "",
			      colour ? "\033[1;33m" : "*", colour ? "\033[0m" : "*");
		fputc('\n', out);
	}
	polidex_hits_destroy(it);
	for (size_t i = 0; i < req->n_facets; i++) {
		polidex_facet_values_t *v = polidex_results_get_facet(results, req->facets[i]);
		char key[1024];

		facet_key(req->facets[i], key, sizeof key);
		fprintf(out, "\n%s:\n", key);
		if (!polidex_facet_values_valid(v))
			fputs("  (none)\n", out);
		for (; polidex_facet_values_valid(v); polidex_facet_values_move_to_next(v))
			fprintf(out, "  %6lu  %s\n", polidex_facet_values_get_count(v),
				polidex_facet_values_get_label(v));
		polidex_facet_values_destroy(v);
	}
}

/* A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
static void csv_field(FILE *out, const char *s, int last)
{
	if (s && strpbrk(s, ",\"\r\n")) {
		fputc('"', out);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', out);
			fputc(*s, out);
		}
		fputc('"', out);
	} else if (s) {
		fputs(s, out);
	}
	fputs(last ? "\r\n" : ",", out);
}

/* SNIPPET as plain text: without its <mark> tags, entities decoded. */
static char *plain_snippet(const char *snippet)
{
	char *s = strdup(snippet ? snippet : ""), *w = s;

	for (const char *r = s; s && *r;) {
		size_t i;

		if (strncmp(r, "<mark>", 6) == 0) {
			r += 6;
			continue;
		}
		if (strncmp(r, "</mark>", 7) == 0) {
			r += 7;
			continue;
		}
		for (i = 0; i < sizeof entities / sizeof entities[0]; i++) {
			size_t n = strlen(entities[i].from);

			if (strncmp(r, entities[i].from, n) == 0) {
				*w++ = entities[i].to;
				r += n;
				break;
			}
		}
		if (i == sizeof entities / sizeof entities[0])
			*w++ = *r++;
	}
	if (s)
		*w = '\0';
	return s;
}

void pdx_output_csv(FILE *out, polidex_results_t *results, const struct pdx_output_request *req)
{
	polidex_hits_t *it = polidex_results_get_hits(results);
	unsigned rank = req->offset;

	fputs("rank,docid,score,date,title,authors,section,language,url,snippet\r\n", out);
	for (; polidex_hits_valid(it); polidex_hits_move_to_next(it)) {
		const polidex_hit_t *h = polidex_hits_get(it);
		char number[64], *snippet = plain_snippet(polidex_hit_get_snippet(h));
		size_t len = 0;
		char *authors;

		for (size_t i = 0; i < polidex_hit_count_authors(h); i++)
			len += strlen(polidex_hit_get_author(h, i)) + 2;
		authors = calloc(1, len + 1);
		for (size_t i = 0; authors && i < polidex_hit_count_authors(h); i++) {
			if (i)
				strcat(authors, "; ");
			strcat(authors, polidex_hit_get_author(h, i));
		}
		snprintf(number, sizeof number, "%u", ++rank);
		csv_field(out, number, 0);
		snprintf(number, sizeof number, "%u", polidex_hit_get_docid(h));
		csv_field(out, number, 0);
		snprintf(number, sizeof number, "%.6f", polidex_hit_get_score(h));
		csv_field(out, number, 0);
		csv_field(out, polidex_hit_get_date(h), 0);
		csv_field(out, polidex_hit_get_title(h), 0);
		csv_field(out, authors, 0);
		csv_field(out, polidex_hit_get_section(h), 0);
		csv_field(out, polidex_hit_get_language(h), 0);
		csv_field(out, polidex_hit_get_url(h), 0);
		csv_field(out, snippet, 1);
		free(authors);
		free(snippet);
	}
	polidex_hits_destroy(it);
}
