/* test_content.c: a page's main text and the boilerplate left out of it (indexer/content*.c),
 * on small pages written here. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "indexer/article.h"
#include "indexer/content-internal.h"
#include "indexer/content.h"
#include "indexer/html.h"
#include "tests/test-util.h"

/* Paragraphs long enough to score, about policy. */
#define P1 "The balance of power in Asia shifts, as alliances form, dissolve and form again."
#define P2 "Trade rules, written for another age, strain under the weight of new rivalries."
#define P3 "Diplomats, meeting in Geneva, sought a way to keep the talks alive for a year."

/* The main text of the page HTML, with TITLE (or NULL) as the article's title; the caller
 * frees it. */
static char *body_of(const char *html, const char *title)
{
	polidex_article_t *a = polidex_article_new("page.html");
	polidex_status_t status;
	htmlDocPtr doc;
	char *body;

	assert_non_null(a);
	doc = pdx_html_parse(a, html, strlen(html), &status);
	assert_non_null(doc);
	if (title)
		assert_int_equal(pdx_article_set(&a->title, title), 0);
	assert_int_equal(pdx_content_extract(a, doc), 0);
	xmlFreeDoc(doc);
	body = a->body;
	a->body = NULL;
	polidex_article_destroy(a);
	assert_non_null(body);
	return body;
}

static void expect_lacks(const char *body, const char *what)
{
	if (strstr(body, what))
		fail_msg("the body holds \"%s\": %s", what, body);
}

static void test_content_extract_paragraphs_in_order(void **state)
{
	char *body = body_of("<html><body><article><h1>Rules under strain</h1><p>" P1 "</p>"
			     "<h2>Trade</h2><p>" P2 "</p><ul><li>" P3 "</li></ul></article>"
			     "</body></html>",
			     "Rules under strain");

	(void)state;
	/* The title's heading is left out; subheadings and list items stay, a paragraph each. */
	assert_string_equal(body, P1 "\n\nTrade\n\n" P2 "\n\n" P3);
	free(body);
}

static void test_content_extract_leaves_out_furniture(void **state)
{
	char *body = body_of(
		"<html><body><nav><a href=\"/\">Home</a> <a href=\"/a\">Analysis</a></nav>"
		"<div class=\"share-bar\">Share on social networks and by email today</div>"
		"<div class=\"story-body\"><p>" P1 "</p><p>" P2 "</p>"
		"<div class=\"newsletter\">Subscribe to our newsletter for weekly analysis</div>"
		"<p style=\"display: none\">Hidden text that no reader ever sees on the page</p>"
		"<p>" P3 "</p></div>"
		"<div id=\"comments\"><p>A reader's comment, long enough to be a paragraph of its "
		"own, and a second clause.</p></div>"
		"<footer><p>Copyright 2024 The Harbour Line Institute, all rights reserved.</p>"
		"</footer></body></html>",
		NULL);

	(void)state;
	assert_string_equal(body, P1 "\n\n" P2 "\n\n" P3);
	expect_lacks(body, "Share");
	expect_lacks(body, "comment");
	expect_lacks(body, "Copyright");
	free(body);
}

static void test_content_extract_drops_related_teasers(void **state)
{
	char *body = body_of(
		"<html><body><main><p>" P1 "</p><p>" P2 "</p>"
		"<div><h3><a href=\"/other\">Another article's headline</a></h3><p>One line of "
		"it.</p></div>"
		"<div><a href=\"/a\">Read also: a linked headline</a> <a href=\"/b\">and another "
		"one</a></div></main></body></html>",
		NULL);

	(void)state;
	assert_string_equal(body, P1 "\n\n" P2);
	free(body);
}

static void test_content_extract_bare_text_and_breaks(void **state)
{
	/* Pages (Chinese ones especially) write paragraphs as text between <br>s. */
	char *body = body_of("<html><body><div id=\"text\">" P1 "<br><br>" P2 "<br>" P3
			     "<div class=\"photo\">Photo</div></div></body></html>",
			     NULL);

	(void)state;
	assert_string_equal(body, P1 "\n\n" P2 " " P3 "\n\nPhoto");
	free(body);
}

static void test_content_extract_header_only_page(void **state)
{
	/* Its only paragraph in a <header>: a second look counts headers as text. */
	char *body = body_of("<html><body><header><p>" P1 "</p></header></body></html>", NULL);

	(void)state;
	assert_string_equal(body, P1);
	free(body);
}

/* The class hint of an element with CLASS. */
static int hint_of(const char *cls)
{
	char *html;
	polidex_article_t *a = polidex_article_new("page.html");
	polidex_status_t status;
	htmlDocPtr doc;
	int hint;

	assert_true(asprintf(&html, "<html><body><div class=\"%s\">x</div></body></html>", cls) >
		    0);
	doc = pdx_html_parse(a, html, strlen(html), &status);
	assert_non_null(doc);
	hint = pdx_content_hint(pdx_html_find(xmlDocGetRootElement(doc), "div"));
	xmlFreeDoc(doc);
	polidex_article_destroy(a);
	free(html);
	return hint;
}

static void test_content_hint_class_words(void **state)
{
	(void)state;
	assert_int_equal(hint_of("comment-list"), -3);
	assert_int_equal(hint_of("article-meta"), -2);
	assert_int_equal(hint_of("authorinfo"), -2); /* a furniture word run together */
	assert_int_equal(hint_of("more-stories"), -1);
	assert_int_equal(hint_of("entry-content"), 1);
	assert_int_equal(hint_of("commentary"), 0); /* an article, not comments */
	assert_int_equal(hint_of("has-sidebar main"), 1); /* a page's state, not its part */
	assert_int_equal(hint_of("wrapper"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_content_extract_paragraphs_in_order),
		cmocka_unit_test(test_content_extract_leaves_out_furniture),
		cmocka_unit_test(test_content_extract_drops_related_teasers),
		cmocka_unit_test(test_content_extract_bare_text_and_breaks),
		cmocka_unit_test(test_content_extract_header_only_page),
		cmocka_unit_test(test_content_hint_class_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
