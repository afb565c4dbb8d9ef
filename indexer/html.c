/* html.c: quiet, offline parsing of pages with libxml2, and DOM helpers. */
#include "config.h"

#include "indexer/html.h"

#include <ctype.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "indexer/encoding.h"
#include "util/array.h"

/* How much of the input the binary and markup checks look at. */
#define SNIFF_BYTES 4096

static void discard_generic_error(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void discard_structured_error(void *ctx, xmlErrorPtr error)
{
	(void)ctx;
	(void)error;
}

static const struct {
	const char *magic;
	size_t len;
	const char *what;
} binary_magic[] = {
	{"%PDF", 4, "a PDF document"},       {"PK\x03\x04", 4, "a ZIP archive"},
	{"\x1f\x8b", 2, "gzip data"},          {"\x89PNG", 4, "a PNG image"},
	{"GIF8", 4, "a GIF image"},            {"\xff\xd8\xff", 3, "a JPEG image"},
	{"\x7f" "ELF", 4, "an ELF executable"}, {"WARC/", 5, "a WARC file"},
};

/* Nonzero when DATA starts with a UTF-16 byte order mark, whose text has NUL bytes. */
static int has_utf16_bom(const char *data, size_t len)
{
	return len >= 2 && (((unsigned char)data[0] == 0xff && (unsigned char)data[1] == 0xfe) ||
			    ((unsigned char)data[0] == 0xfe && (unsigned char)data[1] == 0xff));
}

/* Explain why DATA is not an HTML page, or return NULL when it may be one. */
static const char *sniff_not_html(const char *data, size_t len, char *why, size_t why_len)
{
	size_t n = len < SNIFF_BYTES ? len : SNIFF_BYTES, controls = 0;
	int blank = 1, markup = 0;

	if (len == 0)
		return "empty file";
	for (size_t i = 0; i < PDX_COUNT(binary_magic); i++) {
		if (len >= binary_magic[i].len &&
		    memcmp(data, binary_magic[i].magic, binary_magic[i].len) == 0) {
			snprintf(why, why_len, "not HTML (binary data: %s)", binary_magic[i].what);
			return why;
		}
	}
	if (has_utf16_bom(data, len))
		return NULL;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)data[i];

		if (c == 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f'))
			controls++;
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			blank = 0;
		if (c == '<')
			markup = 1;
	}
	if (controls > n / 100 + 1)
		return "not HTML (binary data)";
	if (blank && len <= SNIFF_BYTES)
		return "empty page (only white space)";
	if (!markup)
		return "not HTML (no markup in the first 4 KiB)";
	return NULL;
}

/* libxml2 must be initialised once before threads use it: its own first-use set-up races. */
static pthread_once_t libxml_once = PTHREAD_ONCE_INIT;

static void init_libxml(void)
{
	xmlInitParser();
}

htmlDocPtr pdx_html_parse(polidex_article_t *a, const char *data, size_t len,
			  polidex_status_t *status)
{
	/* HUGE lifts libxml2's limits on text node size (a 50 MB page is one) and nesting depth;
	 * the page size is bounded before parsing. */
	const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
			    HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC |
			    XML_PARSE_HUGE;
	xmlGenericErrorFunc old_generic;
	void *old_generic_ctx;
	xmlStructuredErrorFunc old_structured;
	void *old_structured_ctx;
	char why[128];
	const char *reason = sniff_not_html(data, len, why, sizeof why);
	char *text;
	htmlDocPtr doc;

	if (reason) {
		pdx_article_fail(a, "%s", reason);
		*status = POLIDEX_STATUS_NOT_HTML;
		return NULL;
	}
	/* polidex decodes the page itself (libxml2 is told to ignore the declared encoding):
	 * pages whose declaration lies are common, and one rule for every page is easier to
	 * trust. */
	text = pdx_decode_page(data, len, a->transport_charset, &len, &a->encoding);
	if (!text) {
		pdx_article_fail(a, "out of memory");
		*status = POLIDEX_STATUS_OUT_OF_MEMORY;
		return NULL;
	}
	data = text;
	if (len > (size_t)0x7fffffff) {
		free(text);
		pdx_article_fail(a, "page too large (%zu bytes)", len);
		*status = POLIDEX_STATUS_NOT_HTML;
		return NULL;
	}

	/* libxml2 reports recovered errors through its global handlers, per thread; silence them
	 * while parsing and give the embedding program its own handlers back afterwards. */
	pthread_once(&libxml_once, init_libxml);
	old_generic = xmlGenericError;
	old_generic_ctx = xmlGenericErrorContext;
	old_structured = xmlStructuredError;
	old_structured_ctx = xmlStructuredErrorContext;
	xmlSetGenericErrorFunc(NULL, discard_generic_error);
	xmlSetStructuredErrorFunc(NULL, discard_structured_error);
	doc = htmlReadMemory(data, (int)len, NULL, "UTF-8", options);
	xmlSetGenericErrorFunc(old_generic_ctx, old_generic);
	xmlSetStructuredErrorFunc(old_structured_ctx, old_structured);
	free(text);

	if (!doc || !xmlDocGetRootElement(doc)) {
		if (doc)
			xmlFreeDoc(doc);
		pdx_article_fail(a, "not HTML (the parser found no document)");
		*status = POLIDEX_STATUS_NOT_HTML;
		return NULL;
	}
	*status = POLIDEX_STATUS_SUCCESS;
	return doc;
}

xmlNode *pdx_html_next(xmlNode *node, xmlNode *root, int skip_children)
{
	if (!skip_children && node->children) {
		xmlNode *c = node->children;

		while (c && c->type != XML_ELEMENT_NODE)
			c = c->next;
		if (c)
			return c;
	}
	while (node && node != root) {
		xmlNode *s = node->next;

		while (s && s->type != XML_ELEMENT_NODE)
			s = s->next;
		if (s)
			return s;
		node = node->parent;
	}
	return NULL;
}

const char *pdx_html_attr(const xmlNode *node, const char *name)
{
	if (!node || node->type != XML_ELEMENT_NODE)
		return NULL;
	for (const xmlAttr *attr = node->properties; attr; attr = attr->next) {
		if (attr->name && attr->name[0] == (unsigned char)name[0] &&
		    strcmp((const char *)attr->name, name) == 0) {
			if (attr->children && attr->children->type == XML_TEXT_NODE &&
			    attr->children->content)
				return (const char *)attr->children->content;
			return "";
		}
	}
	return NULL;
}

int pdx_html_attr_has_token(const xmlNode *node, const char *attr, const char *token)
{
	return pdx_html_has_token(pdx_html_attr(node, attr), token);
}

int pdx_html_has_token(const char *v, const char *token)
{
	size_t tlen = strlen(token);

	while (v && *v) {
		size_t n;

		while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r' || *v == '\f')
			v++;
		n = strcspn(v, " \t\n\r\f");
		if (n == tlen && strncasecmp(v, token, n) == 0)
			return 1;
		v += n;
	}
	return 0;
}

int pdx_has_letter_or_digit(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;

	while (*p) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n;

		if (*p < 0x80) {
			if (isalnum(*p))
				return 1;
			p++;
			continue;
		}
		n = utf8proc_iterate(p, -1, &cp);
		if (n < 1) {
			p++; /* not UTF-8: no letter */
			continue;
		}
		utf8proc_category_t c = utf8proc_category(cp);

		/* Letters Lu..Lo, numbers Nd..No */
		if ((c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
		    (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO))
			return 1;
		p += n;
	}
	return 0;
}

/* Nonzero when some text under NODE has a letter or a digit. */
static int text_has_letter_or_digit(const xmlNode *node, int depth)
{
	for (const xmlNode *c = node->children; c; c = c->next) {
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content &&
		    pdx_has_letter_or_digit((const char *)c->content))
			return 1;
		if (c->type == XML_ELEMENT_NODE && depth < 16 && !pdx_html_is_non_text(c) &&
		    text_has_letter_or_digit(c, depth + 1))
			return 1;
	}
	return 0;
}

int pdx_html_is_non_text(const xmlNode *node)
{
	/* rt and rp are ruby annotations (readings over Japanese and Chinese characters): they
	 * would split every annotated word in two. */
	static const char *const names[] = {"script", "style",  "noscript", "template", "svg",
					    "canvas", "iframe", "object",   "embed",    "select",
					    "textarea", "head", "rt",       "rp"};

	if (!node || node->type != XML_ELEMENT_NODE || !node->name || !node->name[0])
		return 0;
	/* A heading's permalink is a link into the page with no words: "¶", "#", an icon. */
	if ((node->name[0] == 'a' || node->name[0] == 'A') && !node->name[1]) {
		const char *href = pdx_html_attr(node, "href");

		return href && href[0] == '#' && !text_has_letter_or_digit(node, 0);
	}
	/* Most elements are ruled out by their first letter. */
	if (!strchr("scnoteihrSCNOTEIHR", node->name[0]))
		return 0;
	for (size_t i = 0; i < PDX_COUNT(names); i++)
		if (pdx_html_is(node, names[i]))
			return 1;
	return 0;
}

/* Decode the UTF-8 character at S when it is a space of some kind, returning its length. */
static size_t space_len(const unsigned char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f' || *s == '\v')
		return 1;
	if (s[0] == 0xc2 && s[1] == 0xa0) /* no-break space */
		return 2;
	if (s[0] == 0xe2 && s[1] == 0x80 &&
	    ((s[2] >= 0x80 && s[2] <= 0x8a) || s[2] == 0xaf)) /* en quad .. hair space */
		return 3;
	if (s[0] == 0xe3 && s[1] == 0x80 && s[2] == 0x80) /* ideographic space */
		return 3;
	return 0;
}

/* For a read that wants short text only: how many bytes no collapsing of spaces can remove
 * (ASCII other than white space) may be read, and whether the text went past that. */
struct solid_budget {
	size_t left;
	int over;
};

static void spend_solid(struct solid_budget *b, const unsigned char *s)
{
	size_t n = 0;

	/* (space_len() reads past S only for bytes from 0x80 up) */
	for (; *s; s++)
		n += *s < 0x80 && !space_len(s);
	if (n > b->left)
		b->over = 1;
	else
		b->left -= n;
}

/* Append the text under NODE to OUT, stopping once OUT passes LIMIT bytes, or once the text
 * has spent BUDGET (when not NULL). */
static void append_text_rec(const xmlNode *node, pdx_buf *out, int depth, size_t limit,
			    struct solid_budget *budget)
{
	if (depth > PDX_HTML_MAX_DEPTH)
		return;
	for (const xmlNode *c = node->children; c && out->len <= limit && !(budget && budget->over);
	     c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content) {
				pdx_buf_adds(out, (const char *)c->content);
				if (budget)
					spend_solid(budget, c->content);
			}
		} else if (c->type == XML_ELEMENT_NODE && !pdx_html_is_non_text(c)) {
			if (pdx_html_is(c, "br"))
				pdx_buf_addc(out, ' ');
			append_text_rec(c, out, depth + 1, limit, budget);
		}
	}
}

void pdx_html_append_text(const xmlNode *node, pdx_buf *out)
{
	if (node->type == XML_TEXT_NODE) {
		if (node->content)
			pdx_buf_adds(out, (const char *)node->content);
		return;
	}
	append_text_rec(node, out, 0, (size_t)-1, NULL);
}

void pdx_collapse_space(char *s)
{
	unsigned char *r = (unsigned char *)s, *w = (unsigned char *)s;
	int pending = 0;

	while (*r) {
		size_t n = space_len(r);

		if (n) {
			pending = w != (unsigned char *)s;
			r += n;
			continue;
		}
		if (pending)
			*w++ = ' ';
		pending = 0;
		*w++ = *r++;
	}
	*w = '\0';
}

char *pdx_html_detach_text(pdx_buf *b)
{
	char *s = pdx_buf_detach(b);

	if (s)
		pdx_collapse_space(s);
	return s;
}

char *pdx_html_text(const xmlNode *node)
{
	pdx_buf b = PDX_BUF_INIT;

	pdx_html_append_text(node, &b);
	return pdx_html_detach_text(&b);
}

char *pdx_html_text_short(const xmlNode *node, size_t limit)
{
	pdx_buf b = PDX_BUF_INIT;
	struct solid_budget budget = {limit, 0};
	char *s;

	/* Collapsing can only shorten the text: read a little beyond the limit. Every solid byte
	 * stays, so more of them than LIMIT is too long however the spaces fall. */
	append_text_rec(node, &b, 0, limit * 4, &budget);
	if (budget.over) {
		pdx_buf_release(&b);
		return NULL;
	}
	s = pdx_html_detach_text(&b);
	if (!s)
		return NULL;
	if (strlen(s) > limit) {
		free(s);
		return NULL;
	}
	return s;
}

xmlNode *pdx_html_find(xmlNode *root, const char *name)
{
	for (xmlNode *n = root; n; n = pdx_html_next(n, root, 0))
		if (pdx_html_is(n, name))
			return n;
	return NULL;
}
