/* meta-sources.c: a page's sources of metadata: meta tags, JSON-LD and microdata. */
#include "config.h"

#include <json-c/json.h>
#include <libxml/HTMLparser.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "indexer/html.h"
#include "indexer/metadata-internal.h"
#include "util/array.h"
#include "util/buf.h"

/* Every meta tag of the page, once for each attribute that names it. */
static void collect_meta(struct pdx_page *pg)
{
	static const char *const key_attrs[] = {"property", "name", "itemprop", "http-equiv"};

	for (xmlNode *n = pg->root; n; n = pdx_html_next(n, pg->root, 0)) {
		const char *content;

		if (!pdx_html_is(n, "meta"))
			continue;
		content = pdx_html_attr(n, "content");
		if (!content || !*content)
			continue;
		for (size_t k = 0; k < PDX_COUNT(key_attrs); k++) {
			const char *key = pdx_html_attr(n, key_attrs[k]);
			struct pdx_meta_tag *m;

			if (!key || !*key)
				continue;
			/* "og:article:author" is a common spelling of OpenGraph's
			 * "article:author". */
			if (strncasecmp(key, "og:article:", 11) == 0)
				key += 3;
			m = pdx_array_grow(pg->metas, pg->n_metas, sizeof *m);
			if (!m) {
				pg->oom = 1;
				return;
			}
			pg->metas = m;
			m[pg->n_metas].key = key;
			m[pg->n_metas].content = content;
			pg->n_metas++;
		}
	}
}

const char *pdx_meta_get(const struct pdx_page *pg, const char *key)
{
	for (size_t i = 0; i < pg->n_metas; i++)
		if (strcasecmp(pg->metas[i].key, key) == 0)
			return pg->metas[i].content;
	return NULL;
}

static int is_article_type(const char *type)
{
	static const char *const types[] = {
		"Article",          "NewsArticle",         "Report",
		"ScholarlyArticle", "BlogPosting",         "OpinionNewsArticle",
		"AnalysisNewsArticle", "ReportageNewsArticle", "BackgroundNewsArticle",
		"TechArticle",      "SocialMediaPosting",  "LiveBlogPosting"};
	const char *slash = strrchr(type, '/');

	if (slash)
		type = slash + 1; /* "http://schema.org/Article" */
	for (size_t i = 0; i < PDX_COUNT(types); i++)
		if (strcmp(type, types[i]) == 0)
			return 1;
	return 0;
}

static int has_article_type(json_object *obj)
{
	json_object *type;

	if (!json_object_object_get_ex(obj, "@type", &type))
		return 0;
	if (json_object_is_type(type, json_type_string))
		return is_article_type(json_object_get_string(type));
	if (json_object_is_type(type, json_type_array)) {
		for (size_t i = 0; i < json_object_array_length(type); i++) {
			json_object *t = json_object_array_get_idx(type, i);

			if (json_object_is_type(t, json_type_string) &&
			    is_article_type(json_object_get_string(t)))
				return 1;
		}
	}
	return 0;
}

/* Append OBJ to the list *LIST of *N objects of PG. Returns 0, or -1 when memory ran out. */
static int keep_object(struct pdx_page *pg, json_object ***list, size_t *n, json_object *obj)
{
	json_object **more = pdx_array_grow(*list, *n, sizeof *more);

	if (!more) {
		pg->oom = 1;
		return -1;
	}
	*list = more;
	more[(*n)++] = obj;
	return 0;
}

/* Find the JSON-LD objects of OBJ (and of its graph and main entity) that have an @id, and
 * those of an article type. */
static void find_ld_articles(struct pdx_page *pg, json_object *obj, int depth)
{
	if (!obj || depth > 6)
		return;
	if (json_object_is_type(obj, json_type_array)) {
		for (size_t i = 0; i < json_object_array_length(obj); i++)
			find_ld_articles(pg, json_object_array_get_idx(obj, i), depth + 1);
		return;
	}
	if (!json_object_is_type(obj, json_type_object))
		return;
	if (json_object_object_get_ex(obj, "@id", NULL) && json_object_object_length(obj) > 1 &&
	    keep_object(pg, &pg->ld_nodes, &pg->n_ld_nodes, obj) < 0)
		return;
	if (has_article_type(obj) && keep_object(pg, &pg->ld_articles, &pg->n_ld_articles, obj) < 0)
		return;
	json_object *graph;
	if (json_object_object_get_ex(obj, "@graph", &graph))
		find_ld_articles(pg, graph, depth + 1);
	json_object *main_entity;
	if (json_object_object_get_ex(obj, "mainEntity", &main_entity))
		find_ld_articles(pg, main_entity, depth + 1);
}

/* Decode HTML character references in S, in place (a reference is never shorter than its
 * character). CMSs often HTML-escape the strings they put in JSON-LD. */
static void decode_entities(char *s)
{
	char *r = s, *w = s;

	while (*r) {
		size_t n = 0, len;
		unsigned long cp = 0;
		char name[32];

		if (*r != '&') {
			*w++ = *r++;
			continue;
		}
		while (r[1 + n] && r[1 + n] != ';' && n < sizeof name - 1)
			n++;
		if (r[1 + n] != ';' || n == 0) {
			*w++ = *r++;
			continue;
		}
		memcpy(name, r + 1, n);
		name[n] = '\0';
		if (name[0] == '#') {
			char *end;

			cp = (name[1] == 'x' || name[1] == 'X') ? strtoul(name + 2, &end, 16)
								: strtoul(name + 1, &end, 10);
			if (*end)
				cp = 0;
		} else {
			const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);

			cp = e ? e->value : 0;
		}
		/* NUL, surrogates and what lies past Unicode decode to nothing. */
		len = cp && cp <= 0x10ffff && utf8proc_codepoint_valid((utf8proc_int32_t)cp)
			      ? (size_t)utf8proc_encode_char((utf8proc_int32_t)cp,
							     (utf8proc_uint8_t *)w)
			      : 0;
		if (len && len <= n + 2) {
			w += len;
			r += n + 2;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
}

static void decode_json_strings(json_object *v, int depth);

/* Decode the character references of ITEM, a member of a JSON-LD container at DEPTH: a
 * string in place, anything else member by member. */
static void decode_json_member(json_object *item, int depth)
{
	if (json_object_is_type(item, json_type_string) &&
	    strchr(json_object_get_string(item), '&')) {
		char *copy = strdup(json_object_get_string(item));

		if (copy) {
			decode_entities(copy);
			json_object_set_string(item, copy);
			free(copy);
		}
	} else {
		decode_json_strings(item, depth + 1);
	}
}

/* Decode the character references of every string in a JSON-LD tree. */
static void decode_json_strings(json_object *v, int depth)
{
	if (!v || depth > 16)
		return;
	if (json_object_is_type(v, json_type_array)) {
		for (size_t i = 0; i < json_object_array_length(v); i++)
			decode_json_member(json_object_array_get_idx(v, i), depth);
	} else if (json_object_is_type(v, json_type_object)) {
		json_object_object_foreach(v, key, val)
		{
			(void)key;
			decode_json_member(val, depth);
		}
	}
}

/* Remove what pages wrap script text in for old browsers: "<!-- ... -->" and
 * "<![CDATA[ ... ]]>", with or without "//" before them. */
static void unwrap_script_text(char *text)
{
	static const char *const openers[] = {"//<![CDATA[", "<![CDATA[", "<!--"};
	static const char *const closers[] = {"//]]>", "]]>", "//-->", "-->"};
	char *start = text;
	size_t len;

	pdx_collapse_space(text);
	for (size_t i = 0; i < PDX_COUNT(openers); i++) {
		size_t n = strlen(openers[i]);

		if (strncmp(start, openers[i], n) == 0) {
			start += n;
			break;
		}
	}
	len = strlen(start);
	for (size_t i = 0; i < PDX_COUNT(closers); i++) {
		size_t n = strlen(closers[i]);

		if (len >= n && strcmp(start + len - n, closers[i]) == 0) {
			len -= n;
			break;
		}
	}
	memmove(text, start, len);
	text[len] = '\0';
}

/* The raw text of script element N (script content is not page text: pdx_html_text() is not
 * for it), as a new string, or NULL when memory ran out. */
static char *script_text(const xmlNode *n)
{
	pdx_buf raw = PDX_BUF_INIT;

	for (xmlNode *c = n->children; c; c = c->next)
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
			pdx_buf_adds(&raw, (const char *)c->content);
	return pdx_buf_detach(&raw);
}

static void collect_json_ld(struct pdx_page *pg)
{
	for (xmlNode *n = pg->root; n; n = pdx_html_next(n, pg->root, 0)) {
		const char *type;
		char *text;
		json_object *root, **roots;

		if (!pdx_html_is(n, "script"))
			continue;
		type = pdx_html_attr(n, "type");
		if (!type || strcasecmp(type, "application/ld+json") != 0)
			continue;
		text = script_text(n);
		if (!text) {
			pg->oom = 1;
			return;
		}
		unwrap_script_text(text);
		root = json_tokener_parse(text);
		free(text);
		if (!root)
			continue; /* broken JSON-LD is common; the other sources remain */
		roots = pdx_array_grow(pg->ld_roots, pg->n_ld_roots, sizeof *roots);
		if (!roots) {
			json_object_put(root);
			pg->oom = 1;
			return;
		}
		pg->ld_roots = roots;
		roots[pg->n_ld_roots++] = root;
		decode_json_strings(root, 0);
		find_ld_articles(pg, root, 0);
	}
}

int pdx_page_read(struct pdx_page *pg, xmlDoc *doc)
{
	pg->root = xmlDocGetRootElement(doc);
	if (!pg->root)
		return 1;
	pg->body = pdx_html_find(pg->root, "body");
	if (!pg->body)
		pg->body = pg->root;
	collect_meta(pg);
	collect_json_ld(pg);
	return pg->oom ? -1 : 0;
}

void pdx_page_release(struct pdx_page *pg)
{
	free(pg->metas);
	free(pg->ld_articles);
	free(pg->ld_nodes);
	for (size_t i = 0; i < pg->n_ld_roots; i++)
		json_object_put(pg->ld_roots[i]);
	free(pg->ld_roots);
	memset(pg, 0, sizeof *pg);
}

const char *pdx_ld_string(json_object *v)
{
	json_object *inner;

	if (!v)
		return NULL;
	if (json_object_is_type(v, json_type_string))
		return json_object_get_string(v);
	if (json_object_is_type(v, json_type_array) && json_object_array_length(v) > 0)
		return pdx_ld_string(json_object_array_get_idx(v, 0));
	if (json_object_is_type(v, json_type_object)) {
		if (json_object_object_get_ex(v, "name", &inner))
			return pdx_ld_string(inner);
		if (json_object_object_get_ex(v, "@id", &inner))
			return pdx_ld_string(inner);
	}
	return NULL;
}

const char *pdx_ld_get(const struct pdx_page *pg, const char *key)
{
	for (size_t i = 0; i < pg->n_ld_articles; i++) {
		json_object *v;

		if (json_object_object_get_ex(pg->ld_articles[i], key, &v)) {
			const char *s = pdx_ld_string(v);

			if (s && *s)
				return s;
		}
	}
	return NULL;
}

json_object *pdx_ld_resolve(const struct pdx_page *pg, json_object *v)
{
	json_object *id;
	const char *ref;

	if (!json_object_is_type(v, json_type_object) || json_object_object_length(v) != 1 ||
	    !json_object_object_get_ex(v, "@id", &id) || !json_object_is_type(id, json_type_string))
		return v;
	ref = json_object_get_string(id);
	for (size_t i = 0; i < pg->n_ld_nodes; i++) {
		json_object *other;

		if (json_object_object_get_ex(pg->ld_nodes[i], "@id", &other) &&
		    json_object_is_type(other, json_type_string) &&
		    strcmp(json_object_get_string(other), ref) == 0)
			return pg->ld_nodes[i];
	}
	return v;
}

char *pdx_microdata_text(const struct pdx_page *pg, const char *prop)
{
	for (xmlNode *n = pg->body; n; n = pdx_html_next(n, pg->body, 0)) {
		const char *ip = pdx_html_attr(n, "itemprop");
		char *t;

		if (!ip || strcasecmp(ip, prop) != 0 || pdx_html_is(n, "meta"))
			continue;
		t = pdx_text_of_words(n, 8);
		if (t)
			return t;
	}
	return NULL;
}
