/* export-row.c: one exported document as a line of JSON Lines or of CSV, from the JSON of its
 * stored fields. */
#include "config.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query/query-internal.h"
#include "stemmers/stemmers.h"
#include "util/buf.h"

/* The columns of an exported CSV file, in order; each but the first is a key of the stored
 * JSON, or a value made from one. */
static const char *const columns[] = {
    "docid",	   "id",	"url",		"canonical_url",  "title",
    "description", "authors",	"date",		"modified",	  "section",
    "type",	   "language",	"site_name",	"tags",		  "concepts",	  "concept_ids",
    "schemes",	   "source",	"capture_date", "first_captured", "last_captured",
    "captures",	   "text"};

/* A CSV field, and the comma or line break after it. */
static void csv_field(pdx_buf *b, const char *s, int last)
{
	pdx_buf_add_csv(b, s);
	pdx_buf_adds(b, last ? "\r\n" : ",");
}

/* The string of KEY of object O, or NULL. */
static const char *string_of(struct json_object *o, const char *key)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

/* Add to B the members KEY of each object of ARRAY (or each string, KEY NULL), joined by SEP;
 * an author's role in brackets after the name when WITH_ROLE. */
static void joined(pdx_buf *b, struct json_object *array, const char *key, const char *sep,
		   int with_role)
{
	size_t n = array && json_object_is_type(array, json_type_array)
		       ? json_object_array_length(array)
		       : 0;

	for (size_t i = 0, first = 1; i < n; i++) {
		struct json_object *item = json_object_array_get_idx(array, i);
		const char *s = key ? string_of(item, key) : json_object_get_string(item);
		const char *role = with_role ? string_of(item, "role") : NULL;

		if (!s)
			continue;
		pdx_buf_adds(b, first ? "" : sep);
		pdx_buf_adds(b, s);
		if (role)
			pdx_buf_addf(b, " (%s)", role);
		first = 0;
	}
}

/* The concepts of each named scheme, as "NAME: LABEL" joined by "; ". */
static void scheme_labels(pdx_buf *b, struct json_object *schemes)
{
	int first = 1;

	if (!schemes || !json_object_is_type(schemes, json_type_object))
		return;
	json_object_object_foreach(schemes, name, concepts)
	{
		size_t n = json_object_is_type(concepts, json_type_array)
			       ? json_object_array_length(concepts)
			       : 0;

		for (size_t i = 0; i < n; i++) {
			const char *label =
			    string_of(json_object_array_get_idx(concepts, i), "label");

			if (!label)
				continue;
			pdx_buf_addf(b, "%s%s: %s", first ? "" : "; ", name, label);
			first = 0;
		}
	}
}

/* The value of column C of the document O (DOCID) into B, as text. */
static void column_value(pdx_buf *b, struct json_object *o, unsigned docid, const char *c)
{
	struct json_object *v = NULL;

	if (strcmp(c, "docid") == 0) {
		pdx_buf_addf(b, "%u", docid);
	} else if (strcmp(c, "authors") == 0) {
		json_object_object_get_ex(o, "authors", &v);
		joined(b, v, "name", "; ", 1);
	} else if (strcmp(c, "tags") == 0) {
		json_object_object_get_ex(o, "tags", &v);
		joined(b, v, NULL, "; ", 0);
	} else if (strcmp(c, "concepts") == 0 || strcmp(c, "concept_ids") == 0) {
		json_object_object_get_ex(o, "concepts", &v);
		joined(b, v, c[7] ? "id" : "label", c[7] ? " " : "; ", 0);
	} else if (strcmp(c, "schemes") == 0) {
		json_object_object_get_ex(o, "schemes", &v);
		scheme_labels(b, v);
	} else if (strcmp(c, "capture_date") == 0) {
		if (json_object_object_get_ex(o, "capture", &v) && v)
			pdx_buf_adds(b, string_of(v, "date") ? string_of(v, "date") : "");
	} else if (json_object_object_get_ex(o, c, &v) && v) {
		pdx_buf_adds(b, json_object_is_type(v, json_type_string)
				    ? json_object_get_string(v)
				    : json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN));
	}
}

char *pdx_export_csv_header(void)
{
	pdx_buf b = PDX_BUF_INIT;
	size_t n = sizeof columns / sizeof *columns;

	for (size_t i = 0; i < n; i++)
		csv_field(&b, columns[i], i + 1 == n);
	return pdx_buf_detach(&b);
}

/* Whether S is valid UTF-8. */
static int valid_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t left = strlen(s);

	while (left) {
		long n = *p < 0x80 ? 1 : pdx_utf8_sequence(p, left);

		if (n <= 0)
			return 0;
		p += n;
		left -= (size_t)n;
	}
	return 1;
}

char *pdx_export_row(unsigned docid, const char *stored, int csv)
{
	pdx_buf b = PDX_BUF_INIT, value = PDX_BUF_INIT;
	struct json_object *o;
	size_t n = sizeof columns / sizeof *columns;
	/* An index written before its text was made valid UTF-8 may hold bytes that are not;
	 * an export is valid whatever the index. */
	char *json = stored && !valid_utf8(stored) ? pdx_utf8_sanitise(stored, strlen(stored), NULL)
						   : pdx_strdup(stored);

	if (stored && !json)
		return NULL;
	if (!csv) {
		/* The stored object with its docid first. */
		const char *rest = json && json[0] == '{' ? json + 1 : NULL;

		if (!rest)
			pdx_buf_addf(&b, "{\"docid\":%u}\n", docid);
		else
			pdx_buf_addf(&b, "{\"docid\":%u%s%s\n", docid, rest[0] == '}' ? "" : ",",
				     rest);
		free(json);
		return pdx_buf_detach(&b);
	}
	o = json_tokener_parse(json ? json : "{}");
	for (size_t i = 0; i < n && !value.oom; i++) {
		pdx_buf_truncate(&value, 0);
		column_value(&value, o, docid, columns[i]);
		csv_field(&b, pdx_buf_str(&value), i + 1 == n);
	}
	if (value.oom)
		b.oom = 1;
	pdx_buf_release(&value);
	json_object_put(o);
	free(json);
	return pdx_buf_detach(&b);
}
