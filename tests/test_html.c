/* test_html.c: parsing pages and the DOM helpers the extractor shares (indexer/html.c). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "indexer/article.h"
#include "indexer/html.h"
#include "tests/test-util.h"
#include "util/array.h"
#include "util/buf.h"

/* A page parsed for a test, with the article that reports on it. */
struct parsed {
	polidex_article_t *article;
	htmlDocPtr doc;
	xmlNode *root;
};

static struct parsed parse(const char *html)
{
	struct parsed p;
	polidex_status_t status;

	p.article = polidex_article_new("page.html");
	assert_non_null(p.article);
	p.doc = pdx_html_parse(p.article, html, strlen(html), &status);
	if (!p.doc)
		fail_msg("not parsed: %s", polidex_article_error(p.article));
	assert_int_equal(status, POLIDEX_STATUS_SUCCESS);
	p.root = xmlDocGetRootElement(p.doc);
	return p;
}

static void release(struct parsed *p)
{
	xmlFreeDoc(p->doc);
	polidex_article_destroy(p->article);
}

/* Parsing HTML, which must fail with STATUS and a message holding REASON. */
static void expect_not_html(const char *data, size_t len, const char *reason)
{
	polidex_article_t *a = polidex_article_new("page.html");
	polidex_status_t status;

	assert_null(pdx_html_parse(a, data, len, &status));
	assert_int_equal(status, POLIDEX_STATUS_NOT_HTML);
	if (!strstr(polidex_article_error(a), reason))
		fail_msg("\"%s\" lacks \"%s\"", polidex_article_error(a), reason);
	polidex_article_destroy(a);
}

static void test_html_parse_refuses_what_is_no_page(void **state)
{
	(void)state;
	expect_not_html("", 0, "empty file");
	expect_not_html("   \n\t  ", 7, "only white space");
	expect_not_html("%PDF-1.7\n", 9, "a PDF document");
	expect_not_html("\x89PNG\r\n\x1a\n", 8, "a PNG image");
	expect_not_html("just words, no tags at all", 26, "no markup");
}

static void test_html_parse_decodes_the_declared_encoding(void **state)
{
	static const char latin1[] = "<html><head><meta charset=\"iso-8859-1\"></head>"
				     "<body><p>caf\xe9</p></body></html>";
	struct parsed p = parse(latin1);
	char *text = pdx_html_text(pdx_html_find(p.root, "p"));

	(void)state;
	assert_string_equal(text, "caf\xc3\xa9");
	assert_string_equal(p.article->encoding, "WINDOWS-1252");
	free(text);
	release(&p);
}

/* A UTF-8 page cut off inside a character keeps its text valid UTF-8. */
static void test_html_parse_page_cut_inside_a_character(void **state)
{
	static const char cut[] = "<html><head><meta charset=\"utf-8\"></head>"
				  "<body><p>\xe4\xb8\xad\xe6\x96";
	struct parsed p = parse(cut);
	char *text = pdx_html_text(pdx_html_find(p.root, "p"));

	(void)state;
	/* each byte of the cut character is a U+FFFD */
	assert_string_equal(text, "\xe4\xb8\xad\xef\xbf\xbd\xef\xbf\xbd");
	free(text);
	release(&p);
}

static void test_html_next_walks_elements_in_document_order(void **state)
{
	struct parsed p = parse("<html><body><div id=a><p id=b>x</p><p id=c>y</p></div>"
				"<p id=d>z</p></body></html>");
	xmlNode *body = pdx_html_find(p.root, "body");
	const char *ids[4];
	size_t n = 0;

	(void)state;
	for (xmlNode *e = pdx_html_next(body, body, 0); e && n < 4; e = pdx_html_next(e, body, 0))
		ids[n++] = pdx_html_attr(e, "id");
	assert_int_equal(n, 4);
	assert_string_equal(ids[0], "a");
	assert_string_equal(ids[1], "b");
	assert_string_equal(ids[2], "c");
	assert_string_equal(ids[3], "d");
	/* Skipping the children of the div goes to the paragraph after it. */
	assert_string_equal(pdx_html_attr(pdx_html_next(pdx_html_find(body, "div"), body, 1), "id"),
			    "d");
	release(&p);
}

static void test_html_attr_and_tokens(void **state)
{
	struct parsed p = parse("<html><body><a href=\"/x\" rel=\"Author  nofollow\" "
				"data-empty>link</a></body></html>");
	xmlNode *a = pdx_html_find(p.root, "a");

	(void)state;
	assert_string_equal(pdx_html_attr(a, "href"), "/x");
	assert_string_equal(pdx_html_attr(a, "data-empty"), "");
	assert_null(pdx_html_attr(a, "title"));
	assert_true(pdx_html_attr_has_token(a, "rel", "author"));
	assert_true(pdx_html_attr_has_token(a, "rel", "nofollow"));
	assert_false(pdx_html_attr_has_token(a, "rel", "auth"));
	assert_false(pdx_html_has_token(NULL, "author"));
	release(&p);
}

static void test_html_text_collapses_and_skips_scripts(void **state)
{
	struct parsed p = parse("<html><body><div>  One\n\t<b>two</b>&nbsp;three<br>four"
				"<script>var x = 1;</script><style>p{}</style>  </div>"
				"</body></html>");
	char *text = pdx_html_text(pdx_html_find(p.root, "div"));

	(void)state;
	assert_string_equal(text, "One two three four");
	free(text);
	release(&p);
}

static void test_html_text_short_gives_up_past_its_limit(void **state)
{
	struct parsed p = parse("<html><body><p id=short>A short line</p><p id=long>This line "
				"is a good deal longer than twenty bytes</p></body></html>");
	xmlNode *body = pdx_html_find(p.root, "body");
	xmlNode *first = pdx_html_find(body, "p");
	char *t = pdx_html_text_short(first, 20);

	(void)state;
	assert_string_equal(t, "A short line");
	free(t);
	assert_null(pdx_html_text_short(pdx_html_next(first, body, 1), 20));
	release(&p);
}

static void test_html_collapse_space_folds_every_space(void **state)
{
	/* No-break, em and ideographic spaces count as spaces. */
	char s[] = " \xc2\xa0 a\t\tb\xe2\x80\x83" "c\xe3\x80\x80\xe3\x80\x80" "d \n";
	pdx_buf b = PDX_BUF_INIT;
	char *detached;

	(void)state;
	pdx_collapse_space(s);
	assert_string_equal(s, "a b c d");
	pdx_buf_adds(&b, "  x   y ");
	detached = pdx_html_detach_text(&b);
	assert_string_equal(detached, "x y");
	assert_int_equal(b.len, 0);
	free(detached);
}

static void test_html_is_non_text_elements_and_permalinks(void **state)
{
	struct parsed p = parse("<html><head><title>t</title></head><body><h2 id=s>Section"
				"<a href=\"#s\">\xc2\xb6</a></h2>"
				"<p><a href=\"#notes\">Notes</a><a href=\"/other\">\xc2\xb6</a></p>"
				"<noscript>enable</noscript></body></html>");
	xmlNode *h2 = pdx_html_find(p.root, "h2");
	xmlNode *p_el = pdx_html_find(p.root, "p");
	xmlNode *inner = pdx_html_find(p_el, "a");

	(void)state;
	assert_true(pdx_html_is_non_text(pdx_html_find(h2, "a")));
	assert_false(pdx_html_is_non_text(inner)); /* a link into the page with words */
	assert_false(pdx_html_is_non_text(pdx_html_next(inner, p_el, 1))); /* to another page */
	assert_true(pdx_html_is_non_text(pdx_html_find(p.root, "noscript")));
	assert_true(pdx_html_is_non_text(pdx_html_find(p.root, "head")));
	assert_false(pdx_html_is_non_text(p_el));
	release(&p);
}

static void test_html_has_letter_or_digit_in_any_script(void **state)
{
	(void)state;
	assert_true(pdx_has_letter_or_digit("\xe4\xb8\xad\xe7\xbe\x8e")); /* 中美 */
	assert_true(pdx_has_letter_or_digit("G20"));
	assert_true(pdx_has_letter_or_digit("\xd9\xa3")); /* an Arabic-Indic three */
	assert_false(pdx_has_letter_or_digit("\xc2\xb6 # \xc2\xa7"));
	assert_false(pdx_has_letter_or_digit(""));
}

static void test_html_word_in_compares_whole_words(void **state)
{
	static const char *const words[] = {"nav", "sidebar", "footer"};
	static const char cls[] = "Sidebar-left navbar";

	(void)state;
	assert_true(pdx_word_in(cls, 7, words, PDX_COUNT(words)));  /* "Sidebar" */
	assert_false(pdx_word_in(cls + 13, 6, words, PDX_COUNT(words))); /* "navbar" */
	assert_false(pdx_word_in(cls + 13, 2, words, PDX_COUNT(words))); /* "na" */
	assert_false(pdx_word_in(cls, 0, words, PDX_COUNT(words)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_html_parse_refuses_what_is_no_page),
		cmocka_unit_test(test_html_parse_decodes_the_declared_encoding),
		cmocka_unit_test(test_html_parse_page_cut_inside_a_character),
		cmocka_unit_test(test_html_next_walks_elements_in_document_order),
		cmocka_unit_test(test_html_attr_and_tokens),
		cmocka_unit_test(test_html_text_collapses_and_skips_scripts),
		cmocka_unit_test(test_html_text_short_gives_up_past_its_limit),
		cmocka_unit_test(test_html_collapse_space_folds_every_space),
		cmocka_unit_test(test_html_is_non_text_elements_and_permalinks),
		cmocka_unit_test(test_html_has_letter_or_digit_in_any_script),
		cmocka_unit_test(test_html_word_in_compares_whole_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
