/* output.c: results as text and as CSV (JSON comes from the library). */
#include "config.h"

#include "query/output.h"
#include "util/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* The hit's authors, after its date when it has one. */
static void print_authors(FILE *out, const polidex_hit_t *h)
{
	polidex_strings_t *it = polidex_hit_get_authors(h);

	for (int first = 1; polidex_strings_valid(it); polidex_strings_move_to_next(it), first = 0)
		fprintf(out, "%s%s", !first ? ", " : (polidex_hit_get_date(h) ? " \xc2\xb7 " : ""),
			polidex_strings_get(it));
	polidex_strings_destroy(it);
}

/* Where the hit came from: for a capture, its date and record and the page's history; for a
 * file, its path, when the URL shown is not the file's own. */
static void print_source(FILE *out, const polidex_hit_t *h)
{
	const char *source = polidex_hit_get_source(h), *url = polidex_hit_get_url(h);
	unsigned n = polidex_hit_count_captures(h);

	if (polidex_hit_get_capture_date(h)) {
		fprintf(out, "   captured %s \xc2\xb7 %s%s%s, offset %lld",
			polidex_hit_get_capture_date(h), source ? source : "",
			polidex_hit_get_capture_member(h) ? ": " : "",
			polidex_hit_get_capture_member(h) ? polidex_hit_get_capture_member(h) : "",
			polidex_hit_get_capture_offset(h));
		if (n > 1)
			fprintf(out, " \xc2\xb7 %u captures, %s to %s", n,
				polidex_hit_get_first_captured(h),
				polidex_hit_get_last_captured(h));
		fputc('\n', out);
	} else if (source && (!url || strncmp(url, "file://", 7) != 0)) {
		fprintf(out, "   from %s\n", source);
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
		print_authors(out, h);
		if (polidex_hit_get_section(h))
			fprintf(out, " \xc2\xb7 %s", polidex_hit_get_section(h));
		fprintf(out, "\n   %s\n", polidex_hit_get_url(h) ? polidex_hit_get_url(h) : "");
		print_source(out, h);
		fputs("   ", out);
		print_snippet(out, polidex_hit_get_snippet(h) ? polidex_hit_get_snippet(h) : "",
			      colour ? "\033[1;33m" : "*", colour ? "\033[0m" : "*");
		fputc('\n', out);
	}
	polidex_hits_destroy(it);
	for (size_t i = 0; i < req->n_facets; i++) {
		polidex_facet_values_t *v = polidex_results_get_facet(results, req->facets[i]);

		fprintf(out, "\n%s:\n", req->facets[i]);
		if (!polidex_facet_values_valid(v))
			fputs("  (none)\n", out);
		for (; polidex_facet_values_valid(v); polidex_facet_values_move_to_next(v))
			fprintf(out, "  %6lu  %s\n", polidex_facet_values_get_count(v),
				polidex_facet_values_get_label(v));
		polidex_facet_values_destroy(v);
	}
}

/* A CSV field (pdx_buf_add_csv()), and the comma or line break after it. */
static void csv_field(FILE *out, const char *s, int last)
{
	pdx_buf b = PDX_BUF_INIT;

	pdx_buf_add_csv(&b, s);
	fputs(pdx_buf_str(&b), out);
	pdx_buf_release(&b);
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

/* The hit's authors joined by "; ", a string the caller frees (NULL when memory ran out). */
static char *joined_authors(const polidex_hit_t *h)
{
	polidex_strings_t *it = polidex_hit_get_authors(h);
	size_t len = 0, used = 0;
	char *authors;

	for (; polidex_strings_valid(it); polidex_strings_move_to_next(it))
		len += strlen(polidex_strings_get(it)) + 2;
	polidex_strings_destroy(it);
	authors = calloc(1, len + 1);
	it = authors ? polidex_hit_get_authors(h) : NULL;
	for (; polidex_strings_valid(it); polidex_strings_move_to_next(it)) {
		const char *name = polidex_strings_get(it);

		used += (size_t)sprintf(authors + used, "%s%s", used ? "; " : "", name);
	}
	polidex_strings_destroy(it);
	return authors;
}

void pdx_output_csv(FILE *out, polidex_results_t *results, const struct pdx_output_request *req)
{
	polidex_hits_t *it = polidex_results_get_hits(results);
	unsigned rank = req->offset;

	fputs("rank,docid,score,date,title,authors,section,language,url,snippet,source,captured,"
	      "offset,record_id,captures,first_captured,last_captured\r\n",
	      out);
	for (; polidex_hits_valid(it); polidex_hits_move_to_next(it)) {
		const polidex_hit_t *h = polidex_hits_get(it);
		char number[64], *snippet = plain_snippet(polidex_hit_get_snippet(h));
		char *authors = joined_authors(h);
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
		csv_field(out, snippet, 0);
		csv_field(out, polidex_hit_get_source(h), 0);
		csv_field(out, polidex_hit_get_capture_date(h), 0);
		if (polidex_hit_get_capture_offset(h) >= 0)
			snprintf(number, sizeof number, "%lld", polidex_hit_get_capture_offset(h));
		else
			number[0] = '\0';
		csv_field(out, number, 0);
		csv_field(out, polidex_hit_get_capture_record_id(h), 0);
		snprintf(number, sizeof number, "%u", polidex_hit_count_captures(h));
		csv_field(out, number, 0);
		csv_field(out, polidex_hit_get_first_captured(h), 0);
		csv_field(out, polidex_hit_get_last_captured(h), 1);
		free(authors);
		free(snippet);
	}
	polidex_hits_destroy(it);
}
