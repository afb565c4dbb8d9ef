/* metadata.c: title, authors, date, language, section, tags and links of a page, reconciled
 * from JSON-LD, meta tags (OpenGraph, Dublin Core, Highwire, Parse.ly) and the visible page. */
#include "config.h"

#include "indexer/metadata.h"

#include <ctype.h>
#include <json-c/json.h>
#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "util/date.h"
#include "indexer/html.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* A <meta> tag: its key (name, property, itemprop or http-equiv) and content. */
struct meta_tag {
	const char *key;
	const char *content;
};

struct page {
	xmlNode *root;
	xmlNode *body;
	struct meta_tag *metas;
	size_t n_metas;
	json_object **ld_articles; /* JSON-LD objects of an article type, borrowed */
	size_t n_ld_articles;
	json_object **ld_roots; /* parsed JSON-LD scripts, owned */
	size_t n_ld_roots;
	json_object **ld_nodes; /* JSON-LD objects with an @id, for references, borrowed */
	size_t n_ld_nodes;
	char *h1; /* text of the article's main heading */
	int oom;
};

static xmlNode *headline_scope(const struct page *pg, const char *title);

static void *grow(void *array, size_t n, size_t size)
{
	return realloc(array, (n + 1) * size);
}

/* ---- collecting the sources ---------------------------------------------------------- */

static void collect_meta(struct page *pg)
{
	static const char *const key_attrs[] = {"property", "name", "itemprop", "http-equiv"};

	for (xmlNode *n = pg->root; n; n = pdx_html_next(n, pg->root, 0)) {
		const char *content;

		if (!pdx_html_is(n, "meta"))
			continue;
		content = pdx_html_attr(n, "content");
		if (!content || !*content)
			continue;
		for (size_t k = 0; k < COUNT(key_attrs); k++) {
			const char *key = pdx_html_attr(n, key_attrs[k]);
			struct meta_tag *m;

			if (!key || !*key)
				continue;
			/* "og:article:author" is a common spelling of OpenGraph's "article:author". */
			if (strncasecmp(key, "og:article:", 11) == 0)
				key += 3;
			m = grow(pg->metas, pg->n_metas, sizeof *m);
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

/* The content of the first meta tag with KEY (case-insensitive), or NULL. */
static const char *meta_get(const struct page *pg, const char *key)
{
	for (size_t i = 0; i < pg->n_metas; i++)
		if (strcasecmp(pg->metas[i].key, key) == 0)
			return pg->metas[i].content;
	return NULL;
}

static int is_article_type(const char *type)
{
	static const char *const types[] = {
		"Article",         "NewsArticle",     "Report",           "ScholarlyArticle",
		"BlogPosting",     "OpinionNewsArticle", "AnalysisNewsArticle", "ReportageNewsArticle",
		"BackgroundNewsArticle", "TechArticle", "SocialMediaPosting", "LiveBlogPosting"};
	const char *slash = strrchr(type, '/');

	if (slash)
		type = slash + 1; /* "http://schema.org/Article" */
	for (size_t i = 0; i < COUNT(types); i++)
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

static void find_ld_articles(struct page *pg, json_object *obj, int depth)
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
	if (json_object_object_get_ex(obj, "@id", NULL) && json_object_object_length(obj) > 1) {
		json_object **nodes = grow(pg->ld_nodes, pg->n_ld_nodes, sizeof *nodes);

		if (!nodes) {
			pg->oom = 1;
			return;
		}
		pg->ld_nodes = nodes;
		nodes[pg->n_ld_nodes++] = obj;
	}
	if (has_article_type(obj)) {
		json_object **a = grow(pg->ld_articles, pg->n_ld_articles, sizeof *a);

		if (!a) {
			pg->oom = 1;
			return;
		}
		pg->ld_articles = a;
		a[pg->n_ld_articles++] = obj;
	}
	json_object *graph;
	if (json_object_object_get_ex(obj, "@graph", &graph))
		find_ld_articles(pg, graph, depth + 1);
	json_object *main_entity;
	if (json_object_object_get_ex(obj, "mainEntity", &main_entity))
		find_ld_articles(pg, main_entity, depth + 1);
}

/* Write code point CP as UTF-8 at OUT; returns the bytes written (0 for an invalid one). */
static size_t put_utf8(unsigned long cp, char *out)
{
	if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
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
		len = cp ? put_utf8(cp, w) : 0;
		if (len && len <= n + 2) {
			w += len;
			r += n + 2;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
}

/* Decode the character references of every string in a JSON-LD tree. */
static void decode_json_strings(json_object *v, int depth)
{
	if (!v || depth > 16)
		return;
	if (json_object_is_type(v, json_type_array)) {
		for (size_t i = 0; i < json_object_array_length(v); i++) {
			json_object *item = json_object_array_get_idx(v, i);

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
	} else if (json_object_is_type(v, json_type_object)) {
		json_object_object_foreach(v, key, val)
		{
			(void)key;
			if (json_object_is_type(val, json_type_string) &&
			    strchr(json_object_get_string(val), '&')) {
				char *copy = strdup(json_object_get_string(val));

				if (copy) {
					decode_entities(copy);
					json_object_set_string(val, copy);
					free(copy);
				}
			} else {
				decode_json_strings(val, depth + 1);
			}
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
	for (size_t i = 0; i < COUNT(openers); i++) {
		size_t n = strlen(openers[i]);

		if (strncmp(start, openers[i], n) == 0) {
			start += n;
			break;
		}
	}
	len = strlen(start);
	for (size_t i = 0; i < COUNT(closers); i++) {
		size_t n = strlen(closers[i]);

		if (len >= n && strcmp(start + len - n, closers[i]) == 0) {
			len -= n;
			break;
		}
	}
	memmove(text, start, len);
	text[len] = '\0';
}

static void collect_json_ld(struct page *pg)
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
		text = pdx_html_text(n);
		if (!text) {
			pg->oom = 1;
			return;
		}
		/* Script content is raw text; pdx_html_text() skips script children, so read it
		 * directly. */
		free(text);
		text = NULL;
		{
			pdx_buf raw = PDX_BUF_INIT;

			for (xmlNode *c = n->children; c; c = c->next)
				if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
				    c->content)
					pdx_buf_adds(&raw, (const char *)c->content);
			text = pdx_buf_detach(&raw);
		}
		if (!text) {
			pg->oom = 1;
			return;
		}
		unwrap_script_text(text);
		root = json_tokener_parse(text);
		free(text);
		if (!root)
			continue; /* broken JSON-LD is common; the other sources remain */
		roots = grow(pg->ld_roots, pg->n_ld_roots, sizeof *roots);
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

/* A string property of the first JSON-LD article that has it; arrays give their first string,
 * objects their "name" or "@id". */
static const char *ld_string_of(json_object *v)
{
	json_object *inner;

	if (!v)
		return NULL;
	if (json_object_is_type(v, json_type_string))
		return json_object_get_string(v);
	if (json_object_is_type(v, json_type_array) && json_object_array_length(v) > 0)
		return ld_string_of(json_object_array_get_idx(v, 0));
	if (json_object_is_type(v, json_type_object)) {
		if (json_object_object_get_ex(v, "name", &inner))
			return ld_string_of(inner);
		if (json_object_object_get_ex(v, "@id", &inner))
			return ld_string_of(inner);
	}
	return NULL;
}

static const char *ld_get(const struct page *pg, const char *key)
{
	for (size_t i = 0; i < pg->n_ld_articles; i++) {
		json_object *v;

		if (json_object_object_get_ex(pg->ld_articles[i], key, &v)) {
			const char *s = ld_string_of(v);

			if (s && *s)
				return s;
		}
	}
	return NULL;
}

/* ---- helpers ------------------------------------------------------------------------- */

static int set_clean(polidex_article_t *a, char **field, const char *value)
{
	char *copy;

	if (!value)
		return 0;
	copy = strdup(value);
	if (!copy)
		return -1;
	pdx_collapse_space(copy);
	if (!*copy) {
		free(copy);
		return 0;
	}
	(void)a;
	free(*field);
	*field = copy;
	return 0;
}

static size_t count_words(const char *s)
{
	size_t n = 0;
	int in = 0;

	for (; *s; s++) {
		if (*s == ' ') {
			in = 0;
		} else if (!in) {
			in = 1;
			n++;
		}
	}
	return n;
}

/* Whether N is a paragraph of prose (twelve words or more): where an article's text has
 * begun, past the labels and lines that stand above it. */
static int is_prose_paragraph(const xmlNode *n)
{
	char *t;
	int prose;

	if (!pdx_html_is(n, "p"))
		return 0;
	t = pdx_html_text_short(n, 400);
	prose = !t || count_words(t) >= 12;
	free(t);
	return prose;
}

static int is_absolute_url(const char *s)
{
	return s && (strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0);
}

/* ---- language ------------------------------------------------------------------------ */

int pdx_language_normalise(const char *tag, char *out, size_t out_len)
{
	char primary[9], rest[32];
	size_t n = 0, m = 0;
	const char *p = tag;

	if (!tag || out_len < 8)
		return 0;
	while (*p == ' ')
		p++;
	while (isalpha((unsigned char)*p) && n < 8)
		primary[n++] = (char)tolower((unsigned char)*p++);
	primary[n] = '\0';
	if (n < 2 || n > 3 || (*p && *p != '-' && *p != '_' && *p != ' ' && *p != ';' &&
			       *p != ','))
		return 0;
	if (strcmp(primary, "und") == 0)
		return 0;
	if (*p == '-' || *p == '_')
		p++;
	while ((isalnum((unsigned char)*p) || *p == '-' || *p == '_') && m + 1 < sizeof rest) {
		rest[m++] = (char)(*p == '_' ? '-' : tolower((unsigned char)*p));
		p++;
	}
	rest[m] = '\0';
	if (strcmp(primary, "zh") == 0 || strcmp(primary, "zho") == 0 ||
	    strcmp(primary, "chi") == 0) {
		if (strstr(rest, "hant") || strncmp(rest, "tw", 2) == 0 ||
		    strncmp(rest, "hk", 2) == 0 || strncmp(rest, "mo", 2) == 0)
			snprintf(out, out_len, "zh-Hant");
		else if (strstr(rest, "hans") || strncmp(rest, "cn", 2) == 0 ||
			 strncmp(rest, "sg", 2) == 0 || strncmp(rest, "my", 2) == 0)
			snprintf(out, out_len, "zh-Hans");
		else
			snprintf(out, out_len, "zh");
		return 1;
	}
	snprintf(out, out_len, "%s", primary);
	return 1;
}

static int extract_language(polidex_article_t *a, const struct page *pg)
{
	const char *candidates[] = {
		pdx_html_attr(pg->root, "lang"),
		pdx_html_attr(pg->root, "xml:lang"),
		meta_get(pg, "content-language"),
		meta_get(pg, "language"),
		meta_get(pg, "dc.language"),
		meta_get(pg, "dcterms.language"),
		meta_get(pg, "citation_language"),
		meta_get(pg, "og:locale"),
		ld_get(pg, "inLanguage"),
	};
	char tag[16];

	for (size_t i = 0; i < COUNT(candidates); i++)
		if (candidates[i] && pdx_language_normalise(candidates[i], tag, sizeof tag))
			return pdx_article_set(&a->language, tag);
	return 0;
}

static int has_class_word(const xmlNode *n, const char *const *words, size_t count);

/* ---- title --------------------------------------------------------------------------- */

/* The page's main heading: the first <h1> inside <article> or <main>, else the first <h1>. */
static char *find_h1(const struct page *pg)
{
	xmlNode *scope[2] = {pdx_html_find(pg->body, "article"), pdx_html_find(pg->body, "main")};

	for (int i = 0; i < 2; i++) {
		xmlNode *h = scope[i] ? pdx_html_find(scope[i], "h1") : NULL;

		if (h)
			return pdx_html_text(h);
	}
	xmlNode *h = pdx_html_find(pg->body, "h1");
	return h ? pdx_html_text(h) : NULL;
}

static const char *const title_separators[] = {" | ", " - ", " \xe2\x80\x94 ", " \xe2\x80\x93 ",
					       " :: ", " \xc2\xb7 ", " \xc2\xbb ", "_"};

/* Remove a site name before or after a separator: "Title | Site" and "Site | Title". SITE is
 * the declared site name, when known. A trailing segment of a few words is taken for an
 * undeclared site name only when GUESS is nonzero. */
static void strip_site_name(char *title, const char *site, int guess)
{
	for (size_t i = 0; i < COUNT(title_separators); i++) {
		const char *sep = title_separators[i];
		size_t slen = strlen(sep);
		char *last = NULL, *first = strstr(title, sep);

		for (char *p = first; p; p = strstr(p + 1, sep))
			last = p;
		if (!last)
			continue;
		if (site && strncasecmp(title, site, strlen(site)) == 0 &&
		    title + strlen(site) == first) {
			memmove(title, first + slen, strlen(first + slen) + 1);
			return;
		}
		/* A trailing segment of a few words is the site's name ("| China-US Focus"). */
		if ((site && strcasecmp(last + slen, site) == 0) ||
		    (guess && count_words(last + slen) <= 5 &&
		     strlen(last + slen) < (size_t)(last - title))) {
			*last = '\0';
			return;
		}
	}
}

/* A title as compared across sources: case-folded ASCII, spaces collapsed, punctuation
 * dropped. */
static char *title_key(const char *s)
{
	char *k = strdup(s), *w = k;

	if (!k)
		return NULL;
	for (const char *r = s; *r; r++) {
		unsigned char c = (unsigned char)*r;

		if (c >= 0x80 || isalnum(c))
			*w++ = (char)tolower(c);
		else if (w > k && w[-1] != ' ')
			*w++ = ' ';
	}
	while (w > k && w[-1] == ' ')
		w--;
	*w = '\0';
	return k;
}

/* Two titles say the same when one holds the other and is most of its length. */
static int same_title(const char *a, const char *b)
{
	char *ka = title_key(a), *kb = title_key(b);
	int same = 0;

	if (ka && kb && *ka && *kb) {
		const char *shorter = strlen(ka) <= strlen(kb) ? ka : kb;
		const char *longer = shorter == ka ? kb : ka;

		same = strstr(longer, shorter) && strlen(shorter) * 4 >= strlen(longer) * 3;
	}
	free(ka);
	free(kb);
	return same;
}

/* Nonzero when heading H sits in page furniture (navigation, a skip link, a banner, the
 * footer), where a site repeats its own name or a section's. */
static int heading_in_furniture(const xmlNode *h)
{
	static const char *const words[] = {"nav", "navigation", "skip", "navskip", "menu", "footer",
					    "banner", "sidebar", "logo", "masthead", "breadcrumb",
					    "modal", "popup", "promo", "sr", "visually", "hidden"};

	for (const xmlNode *n = h; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
		if (pdx_html_is(n, "nav") || pdx_html_is(n, "aside") || pdx_html_is(n, "footer") ||
		    pdx_html_is(n, "form"))
			return 1;
		if (pdx_html_is(n, "article") || pdx_html_is(n, "main") || pdx_html_is(n, "body"))
			return 0;
		if (has_class_word(n, words, COUNT(words)))
			return 1;
	}
	return 0;
}

struct title_candidate {
	char *text;
	double weight;
	int visible; /* a heading on the page, not metadata */
};

/* The page's own headings, <h1> and <h2> outside its furniture, in page order: their text
 * and that text as compared across sources. */
struct shown_heading {
	char *text, *key;
	int h1;
};

struct shown_headings {
	struct shown_heading *items;
	size_t n;
};

static int collect_headings(struct shown_headings *hs, const struct page *pg)
{
	size_t alloc = 0;

	hs->items = NULL;
	hs->n = 0;
	for (xmlNode *h = pg->body; h; h = pdx_html_next(h, pg->body, 0)) {
		struct shown_heading *item;

		if ((!pdx_html_is(h, "h1") && !pdx_html_is(h, "h2")) || heading_in_furniture(h))
			continue;
		if (hs->n == alloc) {
			struct shown_heading *more =
				realloc(hs->items, (alloc ? alloc * 2 : 8) * sizeof *more);

			if (!more)
				return -1;
			hs->items = more;
			alloc = alloc ? alloc * 2 : 8;
		}
		item = &hs->items[hs->n];
		item->h1 = pdx_html_is(h, "h1");
		item->text = pdx_html_text(h);
		if (!item->text)
			return -1;
		pdx_collapse_space(item->text);
		item->key = title_key(item->text);
		hs->n++;
		if (!item->key)
			return -1;
	}
	return 0;
}

static void free_headings(struct shown_headings *hs)
{
	for (size_t i = 0; i < hs->n; i++) {
		free(hs->items[i].text);
		free(hs->items[i].key);
	}
	free(hs->items);
	hs->items = NULL;
	hs->n = 0;
}

/* Nonzero when a heading on the page shows TEXT whole. */
static int shown_as_heading(const struct shown_headings *hs, const char *text)
{
	char *k = title_key(text);
	int shown = 0;

	for (size_t i = 0; k && *k && i < hs->n && !shown; i++)
		shown = strcmp(k, hs->items[i].key) == 0;
	free(k);
	return shown;
}

/* Add a title source's text, without the site's name. A trailing segment that a heading on
 * the page also shows ("Kim Jong Un: The dictator is back - Trump is happy") belongs to the
 * headline: sites do not repeat their name in the article's heading. */
static int add_title_candidate(struct title_candidate *c, size_t *n, size_t max,
			       const char *text, double weight, int visible, const char *site,
			       const struct shown_headings *hs)
{
	char *t;

	if (!text || !*text || *n == max)
		return 0;
	t = strdup(text);
	if (!t)
		return -1;
	pdx_collapse_space(t);
	strip_site_name(t, site, !shown_as_heading(hs, t));
	pdx_collapse_space(t);
	if (!*t || (site && strcasecmp(t, site) == 0)) {
		free(t);
		return 0;
	}
	c[*n].text = t;
	c[*n].weight = weight;
	c[*n].visible = visible;
	(*n)++;
	return 0;
}

/* The title is the one most sources agree on: each metadata source and the page's main
 * headings vote, a visible heading a little more than metadata (it is what readers see, and
 * SEO titles often differ), and the winning group gives its visible heading, else its most
 * trusted metadata title. */
static int extract_title(polidex_article_t *a, struct page *pg)
{
	enum { MAX_CANDIDATES = 16 };
	struct title_candidate c[MAX_CANDIDATES];
	xmlNode *title_el = pdx_html_find(pg->root, "title");
	char *doc_title = title_el ? pdx_html_text(title_el) : NULL;
	const struct {
		const char *text;
		double weight;
	} meta[] = {
		{ld_get(pg, "headline"), 1.0},          {meta_get(pg, "citation_title"), 1.0},
		{meta_get(pg, "dc.title"), 1.0},        {meta_get(pg, "dcterms.title"), 1.0},
		{meta_get(pg, "og:title"), 1.0},        {meta_get(pg, "twitter:title"), 0.5},
		{meta_get(pg, "parsely-title"), 0.5},   {doc_title, 1.0},
	};
	size_t n = 0, best = 0;
	double best_score = -1;
	struct shown_headings hs;
	int rc = collect_headings(&hs, pg);

	for (size_t i = 0; i < COUNT(meta) && rc == 0; i++)
		rc = add_title_candidate(c, &n, MAX_CANDIDATES, meta[i].text, meta[i].weight, 0,
					 a->site_name, &hs);
	for (size_t i = 0; i < hs.n && rc == 0; i++)
		if (hs.items[i].h1 && count_words(hs.items[i].text) <= 30)
			rc = add_title_candidate(c, &n, MAX_CANDIDATES, hs.items[i].text, 1.5, 1,
						 a->site_name, &hs);
	/* Microdata marks the headline on the page itself (itemprop=headline): a metadata
	 * vote, for the element the reader sees. Only the first, and not one in the page's
	 * furniture, where lists of other articles carry the same mark. An <h1> so marked is
	 * the headline by the publisher's own markup, visible and declared at once: it is the
	 * title whatever the social and SEO titles say. */
	size_t marked_h1 = MAX_CANDIDATES;

	for (xmlNode *h = pg->body; h && rc == 0; h = pdx_html_next(h, pg->body, 0)) {
		const char *ip = pdx_html_attr(h, "itemprop");
		char *t;

		if (!ip || strcasecmp(ip, "headline") != 0 || pdx_html_is(h, "meta") ||
		    heading_in_furniture(h))
			continue;
		t = pdx_html_text(h);
		if (!t) {
			rc = -1;
			break;
		}
		if (*t && count_words(t) <= 30) {
			size_t before = n;

			rc = add_title_candidate(c, &n, MAX_CANDIDATES, t, 1.0, 1, a->site_name,
						 &hs);
			if (n > before && pdx_html_is(h, "h1"))
				marked_h1 = before;
		}
		free(t);
		break;
	}
	/* A page whose <h1> is the site's or a section's banner ("Allergies Health Center")
	 * shows the headline in an <h2>: the first <h2> that repeats a metadata title is a
	 * visible vote for it. Other <h2>s are the article's own subheadings. */
	size_t n_meta = 0;

	while (n_meta < n && !c[n_meta].visible)
		n_meta++;
	for (size_t i = 0; i < hs.n && rc == 0; i++) {
		const char *t = hs.items[i].text;
		int confirms = 0;

		if (hs.items[i].h1)
			continue;
		for (size_t k = 0; k < n_meta && !confirms; k++)
			confirms = same_title(c[k].text, t);
		if (confirms) {
			rc = add_title_candidate(c, &n, MAX_CANDIDATES, t, 1.0, 1, a->site_name, &hs);
			break;
		}
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		double score = 0;

		for (size_t k = 0; k < n; k++)
			if (k == i || same_title(c[i].text, c[k].text))
				score += c[k].weight;
		/* Ties go to a visible heading, then to the more trusted source. */
		if (score > best_score + 1e-9 ||
		    (score > best_score - 1e-9 && c[i].visible && !c[best].visible)) {
			best = i;
			best_score = score;
		}
	}
	if (rc == 0 && n > 0) {
		/* Within the winning group, what the reader sees wins. */
		for (size_t k = 0; k < n; k++)
			if (c[k].visible && same_title(c[best].text, c[k].text) && !c[best].visible)
				best = k;
		if (marked_h1 < n)
			best = marked_h1;
		rc = pdx_article_set(&a->title, c[best].text);
	}
	for (size_t i = 0; i < n; i++)
		free(c[i].text);
	free_headings(&hs);
	free(doc_title);
	return rc;
}

/* ---- authors ------------------------------------------------------------------------- */

/* Strip "By", "by:", "作者：", "文/" and trailing punctuation from a byline in place. */
static void strip_byline_words(char *s)
{
	static const char *const prefixes[] = {
		"by:", "by ", "written by ", "author:", "authors:", "author ", "authors ",
		"more stories by ", "more articles by ", "more from ", "more by ", "more ",
		"par ", "von ", "por ", "di ", "door ", "av ", "de ", "autor:", "autorin:",
		"autoren:", "auteur:", "auteurs:", "autore:", "text:", "text von ",
		"\xe4\xbd\x9c\xe8\x80\x85\xef\xbc\x9a",                 /* 作者： */
		"\xe4\xbd\x9c\xe8\x80\x85:",                               /* 作者: */
		"\xe8\xae\xb0\xe8\x80\x85\xef\xbc\x9a",                 /* 记者： */
		"\xe8\xa8\x98\xe8\x80\x85\xef\xbc\x9a",                 /* 記者： */
		"\xe8\xb4\xa3\xe4\xbb\xbb\xe7\xbc\x96\xe8\xbe\x91\xef\xbc\x9a", /* 责任编辑： */
		"\xe6\x96\x87/",                                              /* 文/ */
		"\xe6\x96\x87\xef\xbc\x8f"};                               /* 文／ */
	size_t n;

	pdx_collapse_space(s);
	for (int again = 1; again;) {
		again = 0;
		for (size_t i = 0; i < COUNT(prefixes); i++) {
			size_t plen = strlen(prefixes[i]);

			if (strncasecmp(s, prefixes[i], plen) == 0) {
				memmove(s, s + plen, strlen(s + plen) + 1);
				pdx_collapse_space(s);
				again = 1;
			}
		}
	}
	n = strlen(s);
	while (n && (s[n - 1] == ',' || s[n - 1] == ';' || s[n - 1] == '.' || s[n - 1] == ':' ||
		     s[n - 1] == '|' || s[n - 1] == ' '))
		s[--n] = '\0';
}

/* Nonzero for a name that is an organisation's, not a person's: a legal form, a web domain,
 * or a word such as Foundation or Stiftung. */
static int looks_like_organisation(const char *name)
{
	static const char *const endings[] = {" e.V.", " e.V", " GmbH", " AG", " Ltd", " Ltd.",
					      " Inc", " Inc.", " LLC", " S.A.", ".de", ".com",
					      ".org", ".net", ".fr", ".co.uk"};
	static const char *const words[] = {"Stiftung", "Foundation", "Institute", "Institut",
					    "University", "Redaktion", "Newsroom", "Editorial"};
	size_t len = strlen(name);

	for (size_t i = 0; i < COUNT(endings); i++) {
		size_t e = strlen(endings[i]);

		if (len > e && strcasecmp(name + len - e, endings[i]) == 0)
			return 1;
	}
	for (size_t i = 0; i < COUNT(words); i++)
		if (strstr(name, words[i]))
			return 1;
	return 0;
}

/* Nonzero when the '&' at AMP in S stands between two names ("Jane Doe & Li Wei") rather
 * inside one ("Mac & i", "AT&T"): a word of two letters or more on each side. */
static int joins_names(const char *s, const char *amp)
{
	const char *l = amp, *r = amp + 1;
	size_t left = 0, right = 0;

	while (l > s && l[-1] == ' ')
		l--;
	if (l == amp)
		return 0;
	while (l > s && l[-1] != ' ') {
		l--;
		left++;
	}
	if (*r != ' ')
		return 0;
	while (*r == ' ')
		r++;
	while (r[right] && r[right] != ' ')
		right++;
	return left >= 2 && right >= 2;
}

/* Nonzero when S can be a person's or an organisation's name rather than a sentence, a date
 * or a link. */
static int plausible_name(const char *s)
{
	size_t len = strlen(s);

	if (len < 2 || len > 80 || count_words(s) > 6)
		return 0;
	if (strchr(s, '@') || strstr(s, "://") || strchr(s, '/'))
		return 0;
	/* Placeholders CMSs print where a name should be. */
	if (strcasecmp(s, "no author") == 0 || strcasecmp(s, "unknown") == 0 ||
	    strcasecmp(s, "anonymous") == 0 || strcasecmp(s, "admin") == 0 ||
	    strcasecmp(s, "redaktion") == 0 || strcasecmp(s, "staff") == 0)
		return 0;
	/* A list of names is not one name. */
	if (strstr(s, " and ") || strpbrk(s, ",;") || strstr(s, "\xe3\x80\x81"))
		return 0;
	for (const char *amp = strchr(s, '&'); amp; amp = strchr(amp + 1, '&'))
		if (joins_names(s, amp))
		return 0;
	for (const char *p = s; *p; p++)
		if (isdigit((unsigned char)*p))
			return 0;
	return 1;
}

/* Nonzero when S says what someone does rather than who they are: "Senior Fellow",
 * "Projektleiterin der HSS", "Correspondante \xc3\xa0 Bruxelles". */
static int looks_like_role(const char *s)
{
	static const char *const stems[] = {
		"fellow",    "director",   "directeur", "directrice", "professor",  "professeur",
		"profesor",  "editor",     "correspond", "reporter",  "research",   "analyst",
		"associate", "president",  "chair",     "member",     "head of",    "chief",
		"manager",   "coordinat",  "lecturer",  "journalist", "columnist",  "leiter",
		"redakteur", "referent",   "mitarbeiter", "chercheu", "investigador", "periodista",
		"senior",    "staff",      "officer",   "scholar",    "minister",   "ambassador",
		"adviser",   "advisor",    "secretary", "founder",    "ceo"};
	char lower[128];
	size_t n = 0;

	for (; s[n] && n + 1 < sizeof lower; n++)
		lower[n] = (char)tolower((unsigned char)s[n]);
	lower[n] = '\0';
	for (size_t i = 0; i < COUNT(stems); i++) {
		const char *hit = strstr(lower, stems[i]);

		/* Short stems at the start of a word; longer ones anywhere, for compounds such
		 * as "Projektleiterin". */
		if (hit && (strlen(stems[i]) >= 6 || hit == lower || !isalpha((unsigned char)hit[-1])))
			return 1;
	}
	return 0;
}

/* Nonzero for an academic or professional post-nominal ("PhD", "MA", "M.D.") or a
 * generational suffix ("Jr."): the part after a comma that belongs to the name before it. */
static int is_post_nominal(const char *s)
{
	static const char *const words[] = {"phd",  "ph d", "dphil", "md",  "ma",  "ms",  "msc",
					    "mba",  "mph",  "mpa",   "mfa", "ba",  "bs",  "bsc",
					    "jd",   "llm",  "rn",    "dds", "edd", "psyd", "cfa",
					    "jr",   "sr",   "ii",    "iii", "iv",  "obe", "mbe", "cbe"};
	char w[16];
	size_t n = 0;

	for (const char *p = s; *p; p++) {
		if (*p == '.')
			continue;
		if (n + 1 == sizeof w)
			return 0;
		w[n++] = (char)tolower((unsigned char)*p);
	}
	w[n] = '\0';
	for (size_t i = 0; i < COUNT(words); i++)
		if (strcmp(w, words[i]) == 0)
			return 1;
	return 0;
}

/* Nonzero when S starts with a letter that is not a small one: a capital, or a letter of a
 * script without capitals ("Jane", "Émile", "王毅"; not "default" or "the"). */
static int starts_capitalised(const char *s)
{
	utf8proc_int32_t cp;

	if (utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp) < 1)
		return 0;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LO:
		return 1;
	default:
		return 0;
	}
}

/* Split a list of names ("Jane Doe, Li Wei and Ann Ko", "甲、乙") and add each, with ROLE.
 * With CASED (a byline found in running text, where "By default, ..." or "by contrast" may
 * stand), only names written with a capital count. */
static int add_author_list(polidex_article_t *a, const char *list, const char *role, int cased)
{
	char *copy = strdup(list), *p;
	int rc = 0;

	if (!copy)
		return -1;
	strip_byline_words(copy);
	/* Turn every separator into a '\x1f' and split on it. */
	for (p = copy; *p; p++) {
		if (*p == ',' || *p == ';' || (*p == '&' && joins_names(copy, p)))
			*p = '\x1f';
		else if (strncmp(p, " and ", 5) == 0) {
			memcpy(p, "\x1f\x1f\x1f\x1f\x1f", 5);
			p += 4;
		} else if (strncmp(p, "\xe3\x80\x81", 3) == 0 || strncmp(p, "\xef\xbc\x8c", 3) == 0) {
			memcpy(p, "\x1f\x1f\x1f", 3); /* 、， */
			p += 2;
		}
	}
	for (p = copy; *p && rc == 0;) {
		size_t n = strcspn(p, "\x1f");
		char *name = strndup(p, n);

		if (!name) {
			rc = -1;
			break;
		}
		pdx_collapse_space(name);
		strip_byline_words(name);
		/* "Uta Staschewski, Projektleiterin der HSS": the part after a name that says
		 * what the person does is that person's role. */
		if (is_post_nominal(name))
			; /* "Jane Doe, PhD": one person */
		else if (looks_like_role(name) && a->n_authors > 0 &&
			 !a->authors[a->n_authors - 1].role)
			rc = pdx_article_set(&a->authors[a->n_authors - 1].role, name);
		else if (plausible_name(name) && !looks_like_role(name) &&
			 (!cased || starts_capitalised(name)))
			rc = pdx_article_add_author(a, name, role);
		free(name);
		p += n;
		while (*p == '\x1f')
			p++;
	}
	free(copy);
	return rc;
}

/* The words of NODE's class attribute that concern authors, classified. */
enum author_class { AUTHOR_NONE, AUTHOR_NAME, AUTHOR_ROLE, AUTHOR_OTHER };

/* LIST is in lower case; this runs for every class word of every element, so the first
 * letter is compared before anything else. */
static int word_is(const char *w, size_t n, const char *const *list, size_t count)
{
	int first = n ? tolower((unsigned char)w[0]) : 0;

	for (size_t i = 0; i < count; i++)
		if (list[i][0] == first && strncasecmp(w, list[i], n) == 0 && !list[i][n])
			return 1;
	return 0;
}

static enum author_class classify_author_token(const char *tok, size_t len)
{
	static const char *const subject_words[] = {
		"author", "authors", "byline", "contributor", "contributors", "writer", "fn",
		"auteur", "auteurs", "autor", "autoren", "autorin", "autore", "autori", "firma",
		"credit", "credits"};
	/* Class words run together with a subject word: "authorline", "authorinfo". */
	static const char *const subject_roots[] = {"author", "byline", "autor", "auteur"};
	static const char *const role_words[] = {"title", "role", "position", "job", "jobtitle",
						 "affiliation", "description", "desc"};
	static const char *const other_words[] = {
		"box", "bio", "bios", "avatar", "image", "img", "from", "label", "prefix", "note",
		"notes", "info", "blurb", "photo", "pic", "date", "time", "social", "follow", "more",
		"about", "vcard", "card", "list", "wrap", "wrapper", "link", "links"};
	int subject = 0, role = 0, other = 0;
	const char *p = tok, *end = tok + len;

	while (p < end) {
		size_t n = 0;

		while (p < end && !isalnum((unsigned char)*p))
			p++;
		while (p + n < end && isalnum((unsigned char)p[n]))
			n++;
		if (!n)
			break;
		if (word_is(p, n, subject_words, COUNT(subject_words))) {
			subject = 1;
		} else {
			const char *rest = p;
			size_t rest_n = n;

			for (size_t i = 0; i < COUNT(subject_roots); i++) {
				size_t r = strlen(subject_roots[i]);

				if (n > r && strncasecmp(p, subject_roots[i], r) == 0) {
					subject = 1;
					rest = p + r;
					rest_n = n - r;
					/* "authorsline": the plural's s belongs to the root */
					if (rest_n > 1 && (*rest == 's' || *rest == 'S')) {
						rest++;
						rest_n--;
					}
					break;
				}
			}
			if (word_is(rest, rest_n, role_words, COUNT(role_words)))
				role = 1;
			else if (word_is(rest, rest_n, other_words, COUNT(other_words)))
				other = 1;
		}
		p += n;
	}
	if (role && (subject || (len <= 9 && strncasecmp(tok, "job", 3) == 0)))
		return AUTHOR_ROLE;
	if (subject && other)
		return AUTHOR_OTHER;
	if (subject)
		return AUTHOR_NAME;
	return AUTHOR_NONE;
}

static enum author_class classify_author_element(const xmlNode *n)
{
	const char *cls = pdx_html_attr(n, "class");
	const char *itemprop = pdx_html_attr(n, "itemprop");
	enum author_class best = AUTHOR_NONE;

	if (itemprop && strcasecmp(itemprop, "jobTitle") == 0)
		return AUTHOR_ROLE;
	if (pdx_html_attr_has_token(n, "rel", "author") ||
	    (itemprop && strcasecmp(itemprop, "author") == 0))
		return AUTHOR_NAME;
	while (cls && *cls) {
		size_t len;
		enum author_class c;

		while (*cls == ' ' || *cls == '\t' || *cls == '\n')
			cls++;
		len = strcspn(cls, " \t\n\r");
		if (!len)
			break;
		c = classify_author_token(cls, len);
		if (c == AUTHOR_ROLE)
			return AUTHOR_ROLE;
		if (c == AUTHOR_NAME || (c == AUTHOR_OTHER && best == AUTHOR_NONE))
			best = c;
		cls += len;
	}
	return best;
}

static int contains_author_name_element(xmlNode *node)
{
	for (xmlNode *n = pdx_html_next(node, node, 0); n; n = pdx_html_next(n, node, 0))
		if (classify_author_element(n) == AUTHOR_NAME)
			return 1;
	return 0;
}

/* The text of NODE without the text of role elements under it. */
static char *text_without_roles(xmlNode *node)
{
	pdx_buf b = PDX_BUF_INIT;
	char *s;

	for (xmlNode *c = node->children; c; c = c->next) {
		/* "By Jane Doe, MPH<br>Health News": the names are the first line. */
		if (pdx_html_is(c, "br") && b.len && strspn(b.data, " \t\r\n") < b.len)
			break;
		if (c->type == XML_TEXT_NODE)
			pdx_html_append_text(c, &b);
		else if (c->type == XML_ELEMENT_NODE && !pdx_html_is_non_text(c) &&
			 classify_author_element(c) != AUTHOR_ROLE) {
			pdx_buf_addc(&b, ' ');
			pdx_html_append_text(c, &b);
			pdx_buf_addc(&b, ' ');
		}
	}
	s = pdx_buf_detach(&b);
	if (s)
		pdx_collapse_space(s);
	return s;
}

/* The role line that belongs to the author element NODE: a role element inside it, or inside
 * the nearest enclosing element that holds this one author. */
static char *find_role(xmlNode *node)
{
	xmlNode *scope = node;

	for (int level = 0; level < 3 && scope; level++, scope = scope->parent) {
		if (scope->type != XML_ELEMENT_NODE || pdx_html_is(scope, "body"))
			break;
		if (level > 0 && contains_author_name_element(scope) &&
		    classify_author_element(scope) != AUTHOR_NAME) {
			/* A container of several authors: roles inside it are not this one's. */
			int names = 0;

			for (xmlNode *n = pdx_html_next(scope, scope, 0); n;
			     n = pdx_html_next(n, scope, 0))
				names += classify_author_element(n) == AUTHOR_NAME;
			if (names > 1)
				break;
		}
		for (xmlNode *n = pdx_html_next(scope, scope, 0); n; n = pdx_html_next(n, scope, 0)) {
			char *t;

			if (classify_author_element(n) != AUTHOR_ROLE)
				continue;
			t = pdx_html_text(n);
			/* A role is a line ("Senior Fellow, Asia Program"), not a biography. */
			if (t && *t && count_words(t) <= 12)
				return t;
			free(t);
		}
	}
	return NULL;
}

struct dom_author {
	char *name;
	char *role;
};

struct dom_authors {
	struct dom_author *items;
	size_t n;
	int oom;
};

static void dom_authors_add(struct dom_authors *d, char *name, char *role)
{
	struct dom_author *items;

	for (size_t i = 0; i < d->n; i++) {
		if (strcasecmp(d->items[i].name, name) == 0) {
			if (!d->items[i].role && role) {
				d->items[i].role = role;
				role = NULL;
			}
			free(name);
			free(role);
			return;
		}
	}
	items = grow(d->items, d->n, sizeof *items);
	if (!items) {
		d->oom = 1;
		free(name);
		free(role);
		return;
	}
	d->items = items;
	items[d->n].name = name;
	items[d->n].role = role;
	d->n++;
}

/* Nonzero when NODE sits where other articles' bylines live: related and recommended
 * lists, comments, navigation, the footer. */
static int is_byline_furniture_node(const xmlNode *n)
{
	static const char *const words[] = {"related", "recommended", "popular", "trending",
					    "teaser", "teasers", "promo", "comment", "comments",
					    "recirc", "recirculation", "more", "sidebar", "footer",
					    "nav", "navigation", "menu", "rail", "widget", "feed",
					    "card", "cards"};

	if (n->type != XML_ELEMENT_NODE)
		return 0;
	if (pdx_html_is(n, "nav") || pdx_html_is(n, "aside") || pdx_html_is(n, "footer") ||
	    pdx_html_is(n, "form"))
		return 1;
	/* Page-wide state on <body> ("sidebar-primary") says nothing of one spot. */
	if (pdx_html_is(n, "body") || pdx_html_is(n, "html"))
		return 0;
	/* "author-card" is the byline's own box, not a teaser card. */
	return has_class_word(n, words, COUNT(words)) && classify_author_element(n) == AUTHOR_NONE;
}

/* Nonzero when link NODE points at an author's page, as CMSs file them. */
static int is_author_link(const xmlNode *node)
{
	static const char *const paths[] = {"/author/", "/authors/", "/staff/", "/journaliste/",
					    "/journalist/", "/experts/", "/expert/", "/profil/",
					    "/profile/", "/people/", "/contributors/", "/contributor/",
					    "/autor/", "/autoren/", "/auteur/", "/writers/", "/columnists/",
					    "/scholars/", "/fellows/", "/writer/", "/redaktion/",
					    "/bio/"};
	const char *href = pdx_html_attr(node, "href");

	if (!href || !pdx_html_is(node, "a"))
		return 0;
	for (size_t i = 0; i < COUNT(paths); i++)
		if (strstr(href, paths[i]))
			return 1;
	return 0;
}

/* Nonzero when B lies within a few levels of the byline that A starts: the authors of one
 * article are named together. */
static int near_byline(const xmlNode *a, const xmlNode *b)
{
	const xmlNode *up = a;

	for (int level = 0; level < 4 && up; level++, up = up->parent)
		for (const xmlNode *n = b; n; n = n->parent)
			if (n == up)
				return 1;
	return 0;
}

static void add_dom_author_text(struct dom_authors *d, char *text, char *role)
{
	strip_byline_words(text);
	if (role)
		pdx_collapse_space(role);
	if (plausible_name(text)) {
		dom_authors_add(d, text, role);
		return;
	}
	/* "Jane Doe and Li Wei" in one element */
	polidex_article_t tmp = {0};

	if (add_author_list(&tmp, text, NULL, 0) < 0)
		d->oom = 1;
	for (size_t i = 0; i < tmp.n_authors; i++) {
		dom_authors_add(d, tmp.authors[i].name, tmp.n_authors == 1 ? role : NULL);
		tmp.authors[i].name = NULL;
	}
	if (tmp.n_authors != 1)
		free(role);
	pdx_article_clear(&tmp);
	free(text);
}

/* Names (with roles) that the visible page marks as authors: rel=author links, itemprop=author,
 * author or byline classes, and links to authors' pages; only the first byline counts, and
 * none from related lists or comments. A byline naming several people gives each. The
 * subtree under DONE (NULL for none) is passed over: a walk of it found no one, and whether an
 * element names someone depends on the element alone, so a second walk would find no one
 * there either. */
static void collect_dom_authors(xmlNode *body, const xmlNode *done, struct dom_authors *d)
{
	const xmlNode *first = NULL;
	xmlNode *n = body;

	while (n && !d->oom) {
		enum author_class c;
		int skip;

		if (n == done) {
			n = pdx_html_next(n, body, 1);
			continue;
		}
		c = classify_author_element(n);
		skip = pdx_html_is_non_text(n) || is_byline_furniture_node(n);

		if (!skip && (c == AUTHOR_NAME || (c == AUTHOR_NONE && is_author_link(n))) &&
		    !contains_author_name_element(n) && (!first || near_byline(first, n))) {
			char *text = text_without_roles(n);
			size_t before = d->n;

			if (!text) {
				d->oom = 1;
				break;
			}
			add_dom_author_text(d, text, find_role(n));
			/* The first element that names someone is the byline. */
			if (!first && d->n > before)
				first = n;
			skip = 1;
		}
		n = pdx_html_next(n, body, skip);
	}
}

/* The JSON-LD object that V refers to with {"@id": ...} alone, or V itself. */
static json_object *ld_resolve(const struct page *pg, json_object *v)
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

static int add_ld_author(polidex_article_t *a, const struct page *pg, json_object *v, int depth)
{
	json_object *name, *given, *family, *job;
	char buf[256];
	const char *role = NULL;

	if (!v || depth > 3)
		return 0;
	v = ld_resolve(pg, v);
	if (json_object_is_type(v, json_type_string))
		return add_author_list(a, json_object_get_string(v), NULL, 0);
	if (json_object_is_type(v, json_type_array)) {
		for (size_t i = 0; i < json_object_array_length(v); i++)
			if (add_ld_author(a, pg, json_object_array_get_idx(v, i), depth + 1) < 0)
				return -1;
		return 0;
	}
	if (!json_object_is_type(v, json_type_object))
		return 0;
	if (json_object_object_get_ex(v, "jobTitle", &job))
		role = ld_string_of(job);
	if (json_object_object_get_ex(v, "name", &name) && ld_string_of(name)) {
		snprintf(buf, sizeof buf, "%s", ld_string_of(name));
	} else if (json_object_object_get_ex(v, "givenName", &given) &&
		   json_object_object_get_ex(v, "familyName", &family)) {
		snprintf(buf, sizeof buf, "%s %s", json_object_get_string(given),
			 json_object_get_string(family));
	} else {
		return 0;
	}
	pdx_collapse_space(buf);
	if (!plausible_name(buf))
		return 0;
	return pdx_article_add_author(a, buf, role && *role ? role : NULL);
}

/* Markers that open a byline in running text, each with what follows it. */
static const char *const byline_markers[] = {
	"by ", "par ", "von ", "por ", "door ", "author: ", "autor: ", "autorin: ", "auteur : ",
	"\xe4\xbd\x9c\xe8\x80\x85\xef\xbc\x9a",             /* 作者： */
	"\xe4\xbd\x9c\xe8\x80\x85:",                           /* 作者: */
	"\xe8\xae\xb0\xe8\x80\x85\xef\xbc\x9a",             /* 记者： */
	"\xe8\xa8\x98\xe8\x80\x85\xef\xbc\x9a",             /* 記者： */
	"\xe6\x96\x87\xef\xbc\x8f",                            /* 文／ */
	/* The responsible editor, named where no author is. */
	"\xe8\xb4\xa3\xe4\xbb\xbb\xe7\xbc\x96\xe8\xbe\x91\xef\xbc\x9a", /* 责任编辑： */
};

/* The names in a line of text that holds a byline: "By Maria Gonzalez | June 3, 2020",
 * "发布时间：2019年7月18日 作者：王建国 来源：...". The names run from the marker to the
 * next separator (a bar, a bullet, a date, a run of spaces or another label). */
static int add_text_byline(polidex_article_t *a, const char *line)
{
	for (size_t m = 0; m < COUNT(byline_markers); m++) {
		size_t mlen = strlen(byline_markers[m]);
		/* The marker's first letter in either case: where it may start. */
		char firsts[3] = {byline_markers[m][0],
				  (char)toupper((unsigned char)byline_markers[m][0]), '\0'};

		for (const char *p = strpbrk(line, firsts); p; p = strpbrk(p + 1, firsts)) {
			const char *start, *end;
			char *names;
			int rc;

			if (strncasecmp(p, byline_markers[m], mlen) != 0)
				continue;
			/* A marker starts the line or a part of it after a separator; Chinese
			 * labels ("作者：") may stand anywhere in a line of labels. */
			if (p != line && (unsigned char)*p < 0x80) {
				const char *q = p;

				while (q > line && q[-1] == ' ')
					q--;
				if (q != line && q[-1] != '|' && q[-1] != '/')
					continue;
			}
			start = p + mlen;
			end = start;
			while (*end && *end != '|' && *end != '\n' &&
			       strncmp(end, "  ", 2) != 0 && strncmp(end, "\xc2\xa0", 2) != 0 &&
			       strncmp(end, "\xe2\x80\xa2", 3) != 0 && strncmp(end, " - ", 3) != 0 &&
			       strncmp(end, "\xe3\x80\x80", 3) != 0 && !isdigit((unsigned char)*end) &&
			       strncmp(end, "\xef\xbc\x9a", 3) != 0 && *end != ':')
				end++;
			/* A label ("来源") before the separator belongs to what follows. */
			names = strndup(start, (size_t)(end - start));
			if (!names)
				return -1;
			if (*end == ':' || strncmp(end, "\xef\xbc\x9a", 3) == 0) {
				char *space = strrchr(names, ' ');

				if (space)
					*space = '\0';
			}
			rc = add_author_list(a, names, NULL, 1);
			free(names);
			if (rc < 0 || a->n_authors)
				return rc;
		}
	}
	return 0;
}

/* Nonzero for the elements that hold a line of text of their own. */
static int is_line_element(const xmlNode *n)
{
	static const char *const names[] = {"p",  "div", "span", "td",     "li",     "h4",
					    "h5", "h6",  "em",   "strong", "address"};

	for (size_t i = 0; i < COUNT(names); i++)
		if (pdx_html_is(n, names[i]))
			return 1;
	return 0;
}

/* Look for a byline written as text in the short lines near the top of the page. */
static int find_text_byline(polidex_article_t *a, const struct page *pg)
{
	int seen = 0, rc = 0;
	xmlNode *n = pg->body;

	while (n && rc == 0 && seen < 400 && a->n_authors == 0) {
		if (pdx_html_is_non_text(n) || is_byline_furniture_node(n)) {
			n = pdx_html_next(n, pg->body, 1);
			continue;
		}
		seen++;
		if (is_line_element(n)) {
			char *t = pdx_html_text_short(n, 160);

			if (t && *t)
				rc = add_text_byline(a, t);
			free(t);
		}
		n = pdx_html_next(n, pg->body, 0);
	}
	return rc;
}

static int extract_authors(polidex_article_t *a, struct page *pg)
{
	static const char *const meta_keys[] = {"citation_author", "dc.creator",  "dcterms.creator",
						"author",          "article:author", "parsely-author",
						"sailthru.author", "byl"};
	struct dom_authors dom = {NULL, 0, 0};
	int rc = 0;

	for (size_t i = 0; i < pg->n_ld_articles && a->n_authors == 0 && rc == 0; i++) {
		json_object *v;

		if (json_object_object_get_ex(pg->ld_articles[i], "author", &v))
			rc = add_ld_author(a, pg, v, 0);
	}
	/* Meta keys that may repeat (citation_author) give one author each. */
	for (size_t k = 0; k < COUNT(meta_keys) && a->n_authors == 0 && rc == 0; k++) {
		for (size_t i = 0; i < pg->n_metas && rc == 0; i++) {
			if (strcasecmp(pg->metas[i].key, meta_keys[k]) != 0 ||
			    is_absolute_url(pg->metas[i].content))
				continue;
			rc = add_author_list(a, pg->metas[i].content, NULL, 0);
		}
	}
	/* Metadata that names only an organisation ("Hanns-Seidel-Stiftung e.V.", "STERN.de")
	 * gives way to a person the page names in its byline. */
	int only_organisations = a->n_authors > 0;

	for (size_t i = 0; i < a->n_authors; i++)
		if (!looks_like_organisation(a->authors[i].name))
			only_organisations = 0;
	/* The byline beside the headline first; the first byline on the page when there is none
	 * (a related article's byline may come before the article's own). */
	{
		xmlNode *scope = headline_scope(pg, a->title);

		if (scope)
			collect_dom_authors(scope, NULL, &dom);
		if (dom.n == 0 && !dom.oom)
			collect_dom_authors(pg->body, scope, &dom);
	}
	if (dom.oom)
		rc = -1;
	if (rc == 0 && only_organisations) {
		polidex_article_t people = {0};

		for (size_t i = 0; i < dom.n && rc == 0; i++)
			if (!looks_like_organisation(dom.items[i].name))
				rc = pdx_article_add_author(&people, dom.items[i].name,
							    dom.items[i].role);
		if (rc == 0 && people.n_authors == 0)
			rc = find_text_byline(&people, pg);
		if (rc == 0 && people.n_authors > 0) {
			for (size_t i = 0; i < a->n_authors; i++) {
				free(a->authors[i].name);
				free(a->authors[i].role);
			}
			free(a->authors);
			a->authors = people.authors;
			a->n_authors = people.n_authors;
			people.authors = NULL;
			people.n_authors = 0;
		}
		pdx_article_clear(&people);
	}
	if (rc == 0 && a->n_authors == 0) {
		for (size_t i = 0; i < dom.n && rc == 0; i++)
			rc = pdx_article_add_author(a, dom.items[i].name, dom.items[i].role);
		if (rc == 0 && a->n_authors == 0)
			rc = find_text_byline(a, pg);
	} else if (rc == 0) {
		/* Metadata names the authors; the page may still give their roles. */
		for (size_t i = 0; i < dom.n && rc == 0; i++)
			if (dom.items[i].role)
				for (size_t j = 0; j < a->n_authors && rc == 0; j++)
					if (!a->authors[j].role &&
					    strcasecmp(a->authors[j].name, dom.items[i].name) == 0)
						rc = pdx_article_set(&a->authors[j].role,
								     dom.items[i].role);
	}
	for (size_t i = 0; i < dom.n; i++) {
		free(dom.items[i].name);
		free(dom.items[i].role);
	}
	free(dom.items);
	return rc;
}

static int is_byline_furniture_node(const xmlNode *node);

/* ---- date ---------------------------------------------------------------------------- */

/* Whether the class attribute CLS (or NULL) marks a comment thread (a class "comment" or
 * "comments") and whether a word of it names a date ("post-date", "timestamp"). */
static void date_classes(const char *cls, int *comment, int *date)
{
	static const char *const words[] = {"date", "time", "published", "pubdate", "posted",
					    "dateline", "timestamp", "publish"};

	*comment = pdx_html_has_token(cls, "comment") || pdx_html_has_token(cls, "comments");
	*date = 0;
	for (const char *p = cls; p && *p && !*date;) {
		size_t len;

		while (*p && !isalnum((unsigned char)*p))
			p++;
		len = 0;
		while (isalnum((unsigned char)p[len]))
			len++;
		if (!len)
			break;
		*date = word_is(p, len, words, COUNT(words));
		p += len;
	}
}

/* The visible publication date: itemprop=datePublished, then <time datetime>, then the text
 * of elements with a date class; comments excluded. One walk finds all three. */
static int find_dom_date(xmlNode *body, char out[11])
{
	char time_date[11] = "", class_date[11] = "";
	xmlNode *n, *skip_end = NULL;
	int skipping = 0, comment, dated;

	for (n = body; n; n = pdx_html_next(n, body, 0)) {
		const char *ip = pdx_html_attr(n, "itemprop");

		if (ip && strcasecmp(ip, "datePublished") == 0) {
			const char *v = pdx_html_attr(n, "datetime");

			if (!v)
				v = pdx_html_attr(n, "content");
			if (v && pdx_date_find(v, out))
				return 1;
		}
		/* Inside comments and scripts only microdata counts; the walk is out of such a
		 * subtree when it reaches the node that follows it. */
		if (skipping && n == skip_end)
			skipping = 0;
		if (skipping)
			continue;
		date_classes(pdx_html_attr(n, "class"), &comment, &dated);
		if (comment || pdx_html_is_non_text(n)) {
			skipping = 1;
			skip_end = pdx_html_next(n, body, 1);
			/* The subtree's root is checked for microdata above; its children below. */
			continue;
		}
		if (*time_date)
			continue;
		if (pdx_html_is(n, "time")) {
			const char *v = pdx_html_attr(n, "datetime");

			if (v)
				pdx_date_find(v, time_date);
		}
		if (!*time_date && !*class_date && dated) {
			char *t = pdx_html_text(n);

			if (t)
				pdx_date_find(t, class_date);
			free(t);
		}
	}
	if (*time_date || *class_date) {
		memcpy(out, *time_date ? time_date : class_date, 11);
		return 1;
	}
	/* Last, a date written in a short line of its own near the top ("发布时间：2019年7月18日",
	 * "By Maria Gonzalez | June 3, 2020"): before the prose that follows the headline, where
	 * dates are examples and events ("SELECT date '1999-01-08'"). */
	int seen = 0, headline = 0;

	for (n = body; n && seen < 400;) {
		char *t;
		int found;

		if (pdx_html_is_non_text(n) || is_byline_furniture_node(n) || pdx_html_is(n, "a")) {
			n = pdx_html_next(n, body, 1);
			continue;
		}
		seen++;
		if (pdx_html_is(n, "h1"))
			headline = 1;
		else if (headline && is_prose_paragraph(n))
			return 0;
		t = pdx_html_text_short(n, 160);
		found = t && pdx_date_find(t, out);
		free(t);
		if (found)
			return 1;
		n = pdx_html_next(n, body, 0);
	}
	return 0;
}

static int extract_modified(polidex_article_t *a, const struct page *pg)
{
	const char *candidates[] = {
		ld_get(pg, "dateModified"),         meta_get(pg, "article:modified_time"),
		meta_get(pg, "og:updated_time"),    meta_get(pg, "dcterms.modified"),
		meta_get(pg, "last-modified"),      meta_get(pg, "dateModified"),
	};
	char date[11];

	for (size_t i = 0; i < COUNT(candidates); i++)
		if (candidates[i] && pdx_date_find(candidates[i], date))
			return pdx_article_set(&a->modified, date);
	return 0;
}

static int extract_date(polidex_article_t *a, const struct page *pg)
{
	const char *candidates[] = {
		ld_get(pg, "datePublished"),
		meta_get(pg, "article:published_time"),
		meta_get(pg, "citation_publication_date"),
		meta_get(pg, "citation_date"),
		meta_get(pg, "citation_online_date"),
		meta_get(pg, "dc.date"),
		meta_get(pg, "dcterms.issued"),
		meta_get(pg, "dcterms.date"),
		meta_get(pg, "dcterms.created"),
		meta_get(pg, "dc.date.issued"),
		meta_get(pg, "parsely-pub-date"),
		meta_get(pg, "sailthru.date"),
		meta_get(pg, "og:published_time"),
		meta_get(pg, "publishdate"),
		meta_get(pg, "publish-date"),
		meta_get(pg, "pubdate"),
		meta_get(pg, "publication_date"),
		meta_get(pg, "date"),
		ld_get(pg, "dateCreated"),
	};
	char date[11];

	for (size_t i = 0; i < COUNT(candidates); i++)
		if (candidates[i] && pdx_date_find(candidates[i], date))
			return pdx_article_set(&a->date, date);
	if (find_dom_date(pg->body, date))
		return pdx_article_set(&a->date, date);
	return 0;
}

/* ---- section, tags, links ------------------------------------------------------------ */

static int is_home_label(const char *s)
{
	return strcasecmp(s, "home") == 0 || strcasecmp(s, "homepage") == 0 ||
	       strcmp(s, "\xe9\xa6\x96\xe9\xa1\xb5") == 0 /* 首页 */ ||
	       strcmp(s, "\xe9\xa6\x96\xe9\xa0\x81") == 0 /* 首頁 */;
}

static int has_class_word(const xmlNode *n, const char *const *words, size_t count)
{
	const char *attrs[2] = {pdx_html_attr(n, "class"), pdx_html_attr(n, "id")};

	/* An id with a dot names a thing in the text, not a part of the page's layout
	 * ("functools.partial.keywords", "turtle.position"; style sheets avoid dots in ids). */
	if (attrs[1] && strchr(attrs[1], '.'))
		attrs[1] = NULL;

	for (int k = 0; k < 2; k++) {
		for (const char *p = attrs[k]; p && *p;) {
			size_t len;

			while (*p && !isalnum((unsigned char)*p))
				p++;
			len = 0;
			while (isalnum((unsigned char)p[len]))
				len++;
			if (!len)
				break;
			if (word_is(p, len, words, count))
				return 1;
			p += len;
		}
	}
	return 0;
}

/* 1 when BOX's text is mostly the text of its links (at least half), as in a box of tags and
 * unlike a section of prose; 0 when not; -1 when memory runs out. */
static int mostly_links(xmlNode *box)
{
	size_t link_len = 0;
	char *all;
	int mostly;

	for (xmlNode *l = box; l; l = pdx_html_next(l, box, 0)) {
		char *t;

		if (!pdx_html_is(l, "a"))
			continue;
		t = pdx_html_text(l);
		if (!t)
			return -1;
		link_len += strlen(t); /* links do not nest: the parser closes one at the next */
		free(t);
	}
	all = pdx_html_text(box);
	if (!all)
		return -1;
	mostly = 2 * link_len >= strlen(all);
	free(all);
	return mostly;
}

/* The last link of a breadcrumb trail that is neither "Home" nor the article itself. */
static char *breadcrumb_section(const struct page *pg, const char *title)
{
	static const char *const words[] = {"breadcrumb", "breadcrumbs", "crumbs", "crumb",
					    "position", "location", "pathway"};

	for (xmlNode *n = pg->body; n; n = pdx_html_next(n, pg->body, 0)) {
		const char *label = pdx_html_attr(n, "aria-label");
		const char *itemtype = pdx_html_attr(n, "itemtype");
		char *found = NULL;

		if (!has_class_word(n, words, COUNT(words)) &&
		    !(label && strcasecmp(label, "breadcrumb") == 0) &&
		    !(itemtype && strstr(itemtype, "BreadcrumbList")))
			continue;
		/* A trail is a short line: a section whose id says "location" is prose. */
		char *line = pdx_html_text_short(n, 600);

		if (!line)
			continue;
		free(line);
		for (xmlNode *l = n; l; l = pdx_html_next(l, n, 0)) {
			char *t;

			if (!pdx_html_is(l, "a"))
				continue;
			t = pdx_html_text(l);
			/* The deepest level that is still a link: the article's own section. */
			if (t && *t && !is_home_label(t) && count_words(t) <= 6 &&
			    !(title && strcasecmp(t, title) == 0)) {
				free(found);
				found = t;
			} else {
				free(t);
			}
		}
		return found;
	}
	return NULL;
}

/* The text of the first element marked itemprop=PROP (microdata), or NULL. */
static char *microdata_text(const struct page *pg, const char *prop)
{
	for (xmlNode *n = pg->body; n; n = pdx_html_next(n, pg->body, 0)) {
		const char *ip = pdx_html_attr(n, "itemprop");
		char *t;

		if (!ip || strcasecmp(ip, prop) != 0 || pdx_html_is(n, "meta"))
			continue;
		t = pdx_html_text(n);
		if (t && *t && count_words(t) <= 8)
			return t;
		free(t);
	}
	return NULL;
}

/* The main heading's surroundings: its grandparent, where labels and bylines sit. The main
 * heading is the <h1> that says TITLE, else the first one outside the page's furniture. */
static xmlNode *headline_scope(const struct page *pg, const char *title)
{
	xmlNode *found = NULL;

	for (xmlNode *h = pg->body; h; h = pdx_html_next(h, pg->body, 0)) {
		char *t;
		int same;

		if (!pdx_html_is(h, "h1") || heading_in_furniture(h))
			continue;
		if (!found)
			found = h;
		if (!title)
			break;
		t = pdx_html_text(h);
		same = t && same_title(t, title);
		free(t);
		if (same) {
			found = h;
			break;
		}
	}
	if (!found)
		return pdx_html_find(pg->body, "article");
	if (found->parent && found->parent->parent &&
	    found->parent->parent->type == XML_ELEMENT_NODE)
		return found->parent->parent;
	return found->parent;
}

/* A short label near the headline: "eyebrow", "kicker", "category". */
static char *label_section(const struct page *pg)
{
	static const char *const words[] = {"eyebrow", "kicker", "category", "overline",
					    "rubric", "rubrique", "ressort", "channel"};
	xmlNode *scope = headline_scope(pg, NULL);

	if (!scope)
		return NULL;
	int after_prose = 0;

	for (xmlNode *n = scope; n; n = pdx_html_next(n, scope, 0)) {
		char *t;

		if (n == scope)
			continue;
		if (!has_class_word(n, words, COUNT(words)) || heading_in_furniture(n)) {
			after_prose = after_prose || is_prose_paragraph(n);
			continue;
		}
		/* Once the article's prose has begun, a label is a link to the section's page
		 * ("Filed under: Neurology"); Sphinx's "Footnotes" rubric below the text is none. */
		if (after_prose && !pdx_html_is(n, "a") && !pdx_html_find(n, "a"))
			continue;
		t = pdx_html_text(n);
		if (t && *t && count_words(t) <= 5 && strlen(t) <= 60)
			return t;
		free(t);
	}
	return NULL;
}

/* A link marked rel=category ("Posted in Strategy"), or the navigation's current item. */
static char *linked_section(const struct page *pg)
{
	static const char *const current[] = {"active", "current", "act", "selected", "on"};

	for (xmlNode *n = pg->body; n; n = pdx_html_next(n, pg->body, 0))
		if (pdx_html_is(n, "a") && pdx_html_attr_has_token(n, "rel", "category"))
			return pdx_html_text(n);
	for (xmlNode *n = pg->body; n; n = pdx_html_next(n, pg->body, 0)) {
		const char *aria = pdx_html_attr(n, "aria-current");
		int in_nav = 0;
		char *t;

		if (!pdx_html_is(n, "a") && !pdx_html_is(n, "li"))
			continue;
		for (const xmlNode *up = n; up && up->type == XML_ELEMENT_NODE; up = up->parent)
			if (pdx_html_is(up, "nav") || pdx_html_attr_has_token(up, "role", "navigation"))
				in_nav = 1;
		if (!in_nav || !((aria && strcasecmp(aria, "page") == 0) ||
				 has_class_word(n, current, COUNT(current))))
			continue;
		t = pdx_html_text(n);
		if (t && *t && count_words(t) <= 4 && !is_home_label(t))
			return t;
		free(t);
	}
	return NULL;
}

static int extract_section(polidex_article_t *a, const struct page *pg)
{
	const char *candidates[] = {
		ld_get(pg, "articleSection"), meta_get(pg, "article:section"),
		meta_get(pg, "parsely-section"), meta_get(pg, "section"),
		meta_get(pg, "category"),
	};
	char *found;
	int rc;

	for (size_t i = 0; i < COUNT(candidates); i++)
		if (candidates[i] && *candidates[i])
			return set_clean(a, &a->section, candidates[i]);
	found = microdata_text(pg, "articleSection");
	if (!found)
		found = label_section(pg);
	if (!found)
		found = breadcrumb_section(pg, a->title);
	if (!found)
		found = linked_section(pg);
	/* A section has a letter or a digit: a permalink's "¶" is none. */
	rc = set_clean(a, &a->section, found && pdx_has_letter_or_digit(found) ? found : NULL);
	free(found);
	return rc;
}

static int add_tag_list(polidex_article_t *a, const char *list)
{
	char *copy = strdup(list);
	char *save = NULL;
	int rc = 0;

	if (!copy)
		return -1;
	for (char *p = strtok_r(copy, ",;", &save); p && rc == 0; p = strtok_r(NULL, ",;", &save)) {
		pdx_collapse_space(p);
		if (*p && strlen(p) <= 80)
			rc = pdx_article_add_tag(a, p);
	}
	free(copy);
	return rc;
}

/* The links of BOX, an element whose class or id says tags, as tags. A box of tags is mostly
 * the text of its links, so a section whose id says "topics" and holds prose gives none; a
 * tag is a few words with a letter or a digit (a "¶" permalink is none). Returns -1 when
 * memory runs out. */
static int add_box_tags(polidex_article_t *a, xmlNode *box)
{
	int rc = mostly_links(box);

	if (rc <= 0)
		return rc;
	rc = 0;
	for (xmlNode *l = box; l && rc == 0; l = pdx_html_next(l, box, 0)) {
		char *t;

		if (!pdx_html_is(l, "a"))
			continue;
		t = pdx_html_text(l);
		if (!t)
			rc = -1;
		else if (*t && count_words(t) <= 6 && pdx_has_letter_or_digit(t))
			rc = pdx_article_add_tag(a, t);
		free(t);
	}
	return rc;
}

static int extract_tags(polidex_article_t *a, const struct page *pg)
{
	static const char *const words[] = {"tags", "tag", "topics", "keywords", "tagged", "labels"};
	int rc = 0;

	for (size_t i = 0; i < pg->n_ld_articles && a->n_tags == 0 && rc == 0; i++) {
		json_object *v;

		if (!json_object_object_get_ex(pg->ld_articles[i], "keywords", &v))
			continue;
		if (json_object_is_type(v, json_type_string)) {
			rc = add_tag_list(a, json_object_get_string(v));
		} else if (json_object_is_type(v, json_type_array)) {
			for (size_t k = 0; k < json_object_array_length(v) && rc == 0; k++) {
				const char *s = ld_string_of(json_object_array_get_idx(v, k));

				if (s)
					rc = add_tag_list(a, s);
			}
		}
	}
	if (a->n_tags == 0)
		for (size_t i = 0; i < pg->n_metas && rc == 0; i++)
			if (strcasecmp(pg->metas[i].key, "article:tag") == 0)
				rc = add_tag_list(a, pg->metas[i].content);
	if (a->n_tags == 0 && rc == 0) {
		/* Links marked rel=tag, or inside a tags box. */
		xmlNode *n = pg->body;

		while (n && rc == 0) {
			int in_box = has_class_word(n, words, COUNT(words));

			if (pdx_html_is(n, "a") && pdx_html_attr_has_token(n, "rel", "tag") &&
			    !pdx_html_attr_has_token(n, "rel", "category")) {
				char *t = pdx_html_text(n);

				rc = t ? (pdx_has_letter_or_digit(t) ? pdx_article_add_tag(a, t) : 0) : -1;
				free(t);
			} else if (in_box && !pdx_html_is(n, "a")) {
				rc = add_box_tags(a, n);
				if (a->n_tags) {
					n = pdx_html_next(n, pg->body, 1);
					continue;
				}
			}
			n = pdx_html_next(n, pg->body, 0);
		}
	}
	for (const char *key = "news_keywords"; a->n_tags == 0 && rc == 0 && key;
	     key = strcmp(key, "keywords") ? "keywords" : NULL) {
		const char *v = meta_get(pg, key);

		if (v)
			rc = add_tag_list(a, v);
	}
	return rc;
}

static int extract_links(polidex_article_t *a, const struct page *pg)
{
	int rc = 0;
	const char *canonical = NULL;

	for (xmlNode *n = pg->root; n && rc == 0; n = pdx_html_next(n, pg->root, 0)) {
		const char *href, *hreflang;

		if (!pdx_html_is(n, "link"))
			continue;
		href = pdx_html_attr(n, "href");
		if (!href || !*href)
			continue;
		if (pdx_html_attr_has_token(n, "rel", "canonical") && !canonical)
			canonical = href;
		hreflang = pdx_html_attr(n, "hreflang");
		if (hreflang && pdx_html_attr_has_token(n, "rel", "alternate") &&
		    strcasecmp(hreflang, "x-default") != 0) {
			char tag[16];

			/* The page's own language among its alternates is the page itself. */
			if (a->language && pdx_language_normalise(hreflang, tag, sizeof tag) &&
			    strcmp(tag, a->language) == 0)
				continue;
			rc = pdx_article_add_translation(a, hreflang, href);
		}
	}
	if (!is_absolute_url(canonical))
		canonical = meta_get(pg, "og:url");
	if (!is_absolute_url(canonical))
		canonical = ld_get(pg, "url");
	if (rc == 0 && is_absolute_url(canonical))
		rc = pdx_article_set(&a->canonical_url, canonical);
	return rc;
}

static int extract_site_and_description(polidex_article_t *a, const struct page *pg)
{
	const char *site = meta_get(pg, "og:site_name");
	const char *desc = ld_get(pg, "description");

	if (!site) {
		for (size_t i = 0; i < pg->n_ld_articles && !site; i++) {
			json_object *pub;

			if (json_object_object_get_ex(pg->ld_articles[i], "publisher", &pub))
				site = ld_string_of(pub);
		}
	}
	if (!site)
		site = meta_get(pg, "application-name");
	if (!desc)
		desc = meta_get(pg, "og:description");
	if (!desc)
		desc = meta_get(pg, "description");
	if (!desc)
		desc = meta_get(pg, "dc.description");
	if (set_clean(a, &a->site_name, site) < 0)
		return -1;
	return set_clean(a, &a->description, desc);
}

int pdx_metadata_extract(polidex_article_t *a, xmlDoc *doc)
{
	struct page pg = {0};
	int rc = 0;

	pg.root = xmlDocGetRootElement(doc);
	if (!pg.root)
		return 0;
	pg.body = pdx_html_find(pg.root, "body");
	if (!pg.body)
		pg.body = pg.root;
	collect_meta(&pg);
	collect_json_ld(&pg);
	pg.h1 = find_h1(&pg);
	if (pg.oom)
		rc = -1;
	if (rc == 0)
		rc = extract_site_and_description(a, &pg);
	if (rc == 0)
		rc = extract_language(a, &pg);
	if (rc == 0)
		rc = extract_title(a, &pg);
	if (rc == 0)
		rc = extract_authors(a, &pg);
	if (rc == 0)
		rc = extract_date(a, &pg);
	if (rc == 0)
		rc = extract_modified(a, &pg);
	if (rc == 0)
		rc = extract_section(a, &pg);
	if (rc == 0)
		rc = extract_tags(a, &pg);
	if (rc == 0)
		rc = extract_links(a, &pg);

	free(pg.h1);
	free(pg.metas);
	free(pg.ld_articles);
	free(pg.ld_nodes);
	for (size_t i = 0; i < pg.n_ld_roots; i++)
		json_object_put(pg.ld_roots[i]);
	free(pg.ld_roots);
	return rc;
}
