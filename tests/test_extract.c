/* test_extract.c: extraction of the sample pages, and of bad input. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "polidex.h"
#include "tests/test-util.h"

/* Extract every page of DIR (under the source tree) that has an .expected.json beside it and
 * check it; returns how many were checked. */
static int check_pages_in(const char *rel)
{
	char dir[4096];
	DIR *d;
	struct dirent *de;
	int checked = 0;

	snprintf(dir, sizeof dir, "%s", test_src_path(rel));
	d = opendir(dir);
	assert_non_null(d);
	while ((de = readdir(d))) {
		char *page, *expected;
		size_t n = strlen(de->d_name);
		polidex_article_t *a;

		if (n < 6 || strcmp(de->d_name + n - 5, ".html") != 0)
			continue;
		assert_true(asprintf(&page, "%s/%s", dir, de->d_name) > 0);
		assert_true(asprintf(&expected, "%s/%.*s.expected.json", dir, (int)(n - 5),
				     de->d_name) > 0);
		print_message("%s/%s\n", rel, de->d_name);
		a = polidex_article_new(page);
		assert_int_equal(polidex_article_load_file(a, page), POLIDEX_STATUS_SUCCESS);
		test_check_against_expected(a, expected);
		polidex_article_destroy(a);
		free(page);
		free(expected);
		checked++;
	}
	closedir(d);
	return checked;
}

static void test_article_load_file_sample_pages(void **state)
{
	(void)state;
	assert_true(check_pages_in("data/sample") >= 5);
}

static void test_article_load_file_test_pages(void **state)
{
	(void)state;
	assert_true(check_pages_in("tests/pages") >= 12);
}

/* Parse LEN bytes of DATA into A; the parse must succeed. */
static void parse_ok(polidex_article_t *a, const char *data, size_t len)
{
	assert_int_equal(polidex_article_parse_html(a, data, len), POLIDEX_STATUS_SUCCESS);
}

static void expect_parse_failure(const char *data, size_t len, polidex_status_t want,
				 const char *reason)
{
	polidex_article_t *a = polidex_article_new("page.html");

	assert_int_equal(polidex_article_parse_html(a, data, len), want);
	if (!strstr(polidex_article_error(a), reason) ||
	    strncmp(polidex_article_error(a), "page.html: ", 11) != 0)
		fail_msg("message \"%s\" lacks \"page.html: ...%s\"", polidex_article_error(a),
			 reason);
	assert_null(polidex_article_get_body(a));
	polidex_article_destroy(a);
}

static void test_article_parse_html_rejects_non_pages(void **state)
{
	static const char pdf[] = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj";
	static const char elf[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0";
	static const char zeros[64] = {0};

	(void)state;
	expect_parse_failure("", 0, POLIDEX_STATUS_NOT_HTML, "empty");
	expect_parse_failure(" \n\t ", 4, POLIDEX_STATUS_NOT_HTML, "empty");
	expect_parse_failure(pdf, sizeof pdf - 1, POLIDEX_STATUS_NOT_HTML, "PDF");
	expect_parse_failure(elf, sizeof elf - 1, POLIDEX_STATUS_NOT_HTML, "binary");
	expect_parse_failure(zeros, sizeof zeros, POLIDEX_STATUS_NOT_HTML, "binary");
	expect_parse_failure("just some words", 15, POLIDEX_STATUS_NOT_HTML, "no markup");
	expect_parse_failure("<html><script>var x = 1;</script></html>", 41,
			     POLIDEX_STATUS_NOT_HTML, "no text");
}

static void test_article_load_file_missing_and_directory(void **state)
{
	polidex_article_t *a = polidex_article_new(NULL);

	(void)state;
	assert_int_equal(polidex_article_load_file(a, "/nonexistent/page.html"),
			 POLIDEX_STATUS_FILE_ERROR);
	assert_non_null(strstr(polidex_article_error(a), "/nonexistent/page.html"));
	assert_non_null(strstr(polidex_article_error(a), "No such file"));
	polidex_article_destroy(a);

	a = polidex_article_new("/tmp");
	assert_int_equal(polidex_article_load_file(a, "/tmp"), POLIDEX_STATUS_FILE_ERROR);
	assert_non_null(strstr(polidex_article_error(a), "directory"));
	polidex_article_destroy(a);
}

static void test_article_parse_html_broken_markup_and_bytes(void **state)
{
	static const char page[] =
		"<html lang=en><head><title>Broken page | Site</title></head><body><div><p>First "
		"caf\xc3\xa9 paragraph with an invalid byte \xff here, "
		"long enough to count as text."
		"<p>Second paragraph, never closed, and a stray </span> tag, still text.</div>"
		"<footer>Copyright</footer>";
	polidex_article_t *a = polidex_article_new("broken.html");
	const char *body;

	(void)state;
	parse_ok(a, page, sizeof page - 1);
	assert_string_equal(polidex_article_get_title(a), "Broken page");
	body = polidex_article_get_body(a);
	assert_non_null(strstr(body, "invalid byte \xef\xbf\xbd here"));
	assert_non_null(strstr(body, "\n\nSecond paragraph"));
	assert_null(strstr(body, "Copyright"));
	polidex_article_destroy(a);
}

static void test_article_parse_html_reparse_clears_fields(void **state)
{
	static const char one[] = "<html lang=fr><body><h1>Un</h1><p class=byline>By Ann Lee</p>"
				  "<p>Premier texte assez long pour compter "
				  "comme un paragraphe.</p>";
	static const char two[] = "<html><body><p>Second text, long enough to be a paragraph.</p>";
	polidex_article_t *a = polidex_article_new("x.html");

	(void)state;
	parse_ok(a, one, sizeof one - 1);
	assert_string_equal(polidex_article_get_language(a), "fr");
	assert_int_equal(test_authors(a, 0).n, 1);
	parse_ok(a, two, sizeof two - 1);
	/* The French of the first parse is gone (the text itself may now say English). */
	assert_true(!polidex_article_get_language(a) ||
		    strcmp(polidex_article_get_language(a), "fr") != 0);
	assert_null(polidex_article_get_title(a));
	assert_int_equal(test_authors(a, 0).n, 0);
	polidex_article_destroy(a);
}

/* A line of running text that starts with "By" names no one unless a capital follows. */
static void test_article_parse_html_text_byline_needs_a_name(void **state)
{
	static const char prose[] =
		"<html><body><h1>Settings</h1>"
		"<p>By default, checking begins at the first block.</p>"
		"<p>Some text that is long enough to count as a paragraph of the article.</p>";
	static const char byline[] =
		"<html><body><h1>Settings</h1><p>By Ann Lee | Policy brief</p>"
		"<p>Some text that is long enough to count as a paragraph of the article.</p>";
	polidex_article_t *a = polidex_article_new("x.html");

	(void)state;
	parse_ok(a, prose, sizeof prose - 1);
	assert_int_equal(test_authors(a, 0).n, 0);
	parse_ok(a, byline, sizeof byline - 1);
	assert_int_equal(test_authors(a, 0).n, 1);
	assert_string_equal(test_authors(a, 0).items[0], "Ann Lee");
	polidex_article_destroy(a);
}

/* A box whose class or id says tags gives its links as tags only when it is mostly links. */
static void test_article_parse_html_tag_boxes(void **state)
{
	static const char page[] =
		"<html><body><h1>Title</h1><section id=advanced-topics><p>A section of prose long "
		"enough to be a paragraph, with a <a href=/x>link in it</a> and more words after "
		"the link, as sections have.</p></section>"
		"<div class=tags>Tags: <a href=/t/china>China</a>, <a href=/t/trade>Trade</a> "
		"<a class=headerlink href=#t>\xc2\xb6</a></div>";
	polidex_article_t *a = polidex_article_new("x.html");

	(void)state;
	parse_ok(a, page, sizeof page - 1);
	assert_int_equal(test_tags(a).n, 2);
	assert_string_equal(test_tags(a).items[0], "China");
	assert_string_equal(test_tags(a).items[1], "Trade");
	polidex_article_destroy(a);
}

/* A section is named by a label before the prose or linked after it, by a trail of links, or
 * not at all: not by a rubric below the text, a section of prose or an anchor for a name. */
static void test_article_parse_html_section_rules(void **state)
{
	static const char prose[] = "<p>A paragraph of prose that is long enough to count as the "
				    "start of the article's text, which labels stand before.</p>";
	static const char *const pages[][2] = {
		{"<p class=rubric>Footnotes</p>", NULL},
		{"<p class=category><a href=/c/climate>Climate</a></p>", "Climate"},
		{"<section id=location-and-names>"
		 "<p>Prose about where files go, long enough to be a section of text and not a "
		 "line, with <a href=/x>a link</a> and more words after it "
		 "to make it longer than any trail of breadcrumbs is, and longer still.</p>"
		 "<p>More prose in the same section, as sections have, with its own words in it to "
		 "read, and then some more words, and more again, so the section is long.</p>"
		 "<p>And a third paragraph, to be sure the section runs well past a short line of "
		 "text such as a trail of links to the home page and the section.</p>"
		 "<p>Yet one more paragraph of plain words, for the length, which a section of a "
		 "manual easily has: a page of text under a heading about where files go.</p>"
		 "</section>"
		 "<nav class=breadcrumb><a href=/>Home</a> &gt; <a href=/energy>Energy</a></nav>",
		 "Energy"},
		{"<dl><dt id=turtle.position>position()"
		 "<a class=headerlink href=#p>\xc2\xb6</a></dt>"
		 "</dl>",
		 NULL},
	};

	(void)state;
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		polidex_article_t *a = polidex_article_new("x.html");
		char *html;
		int n = asprintf(&html, "<html><body><div><div><h1>The title</h1>%s%s</div></div>",
				 prose, pages[i][0]);

		assert_true(n > 0);
		assert_int_equal(polidex_article_parse_html(a, html, (size_t)n),
				 POLIDEX_STATUS_SUCCESS);
		if (pages[i][1])
			assert_string_equal(polidex_article_get_section(a), pages[i][1]);
		else if (polidex_article_get_section(a))
			fail_msg("page %zu: section \"%s\"", i, polidex_article_get_section(a));
		free(html);
		polidex_article_destroy(a);
	}
}

/* A heading's permalink ("¶") is no text, and a heading linked back to the page's table of
 * contents leads part of the article, not a teaser of another. */
static void test_article_parse_html_permalinks_and_backlinks(void **state)
{
	static const char page[] =
		"<html><body><div><h1 id=t>Design notes"
		"<a class=headerlink href=#t>\xc2\xb6</a></h1>"
		"<p>The first part of the text, long enough to be a paragraph of the article, with "
		"words in it that say what the page is about and then some.</p>"
		"<section id=why><h3><a href=#toc>Why a second part?</a><a class=headerlink "
		"href=#why>\xc2\xb6</a></h3><p>Because the answer is here, in a paragraph of its "
		"own.</p></section></div>";
	polidex_article_t *a = polidex_article_new("x.html");
	const char *body;

	(void)state;
	parse_ok(a, page, sizeof page - 1);
	assert_string_equal(polidex_article_get_title(a), "Design notes");
	body = polidex_article_get_body(a);
	assert_non_null(body);
	assert_null(strstr(body, "\xc2\xb6"));
	assert_non_null(strstr(body, "Why a second part?\n\nBecause the answer is here"));
	polidex_article_destroy(a);
}

/* A date written as a line of text counts between the headline and the prose, not after. */
static void test_article_parse_html_text_date_before_prose(void **state)
{
	static const char before[] =
		"<html><body><h1>Title</h1><div>Published 3 June 2020</div><p>A paragraph of prose "
		"long enough to be the start of the article's text, as articles have.</p>";
	static const char after[] =
		"<html><body><h1>Title</h1><p>A paragraph of prose long enough to be the start of "
		"the article's text, as articles have, and longer than the short line a date may "
		"stand in, so that the page as a whole is not one.</p>"
		"<div>SELECT date '1999-01-08'</div>";
	polidex_article_t *a = polidex_article_new("x.html");

	(void)state;
	parse_ok(a, before, sizeof before - 1);
	assert_non_null(polidex_article_get_date(a));
	assert_string_equal(polidex_article_get_date(a), "2020-06-03");
	parse_ok(a, after, sizeof after - 1);
	assert_null(polidex_article_get_date(a));
	polidex_article_destroy(a);
}

static void test_article_parse_html_detects_language(void **state)
{
	static const char undeclared[] =
		"<html><body><p>\xe4\xb8\xad\xe5\x9b\xbd\xe5\x92\x8c\xe5\x8f\x91\xe5\xb1\x95"
		"\xe4\xb8\xad\xe5\x9b\xbd\xe5\xae\xb6\xe5\x9c\xa8\xe6\xb0\x94\xe5\x80\x99"
		"\xe5\x90\x88\xe4\xbd\x9c\xe6\x96\xb9\xe9\x9d\xa2\xe5\x8f\x96\xe5\xbe\x97"
		"\xe4\xba\x86\xe6\x96\xb0\xe7\x9a\x84\xe8\xbf\x9b\xe5\xb1\x95\xef\xbc\x8c"
		"\xe5\x8f\x8c\xe6\x96\xb9\xe5\xb0\x86\xe7\xbb\xa7\xe7\xbb\xad\xe5\x8a\xa0"
		"\xe5\xbc\xba\xe5\x8d\x8f\xe8\xb0\x83\xe3\x80\x82</p></body></html>";
	/* 中国和发展中国家在气候合作方面取得了新的进展，双方将继续加强协调。 */
	static const char mislabelled[] =
		"<html lang=en><body><p>Les ministres europ\xc3\xa9" "ens se sont r\xc3\xa9unis "
		"mardi \xc3\xa0 Bruxelles pour discuter de la politique commerciale de l'Union et "
		"des relations avec la Chine, sans parvenir \xc3\xa0 un accord sur les nouvelles "
		"mesures de protection.</p></body></html>";
	polidex_article_t *a = polidex_article_new("x.html");

	(void)state;
	parse_ok(a, undeclared, sizeof undeclared - 1);
	assert_string_equal(polidex_article_get_language(a), "zh-Hans");
	parse_ok(a, mislabelled, sizeof mislabelled - 1);
	assert_string_equal(polidex_article_get_language(a), "fr");
	polidex_article_destroy(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_article_load_file_sample_pages),
		cmocka_unit_test(test_article_load_file_test_pages),
		cmocka_unit_test(test_article_parse_html_rejects_non_pages),
		cmocka_unit_test(test_article_load_file_missing_and_directory),
		cmocka_unit_test(test_article_parse_html_broken_markup_and_bytes),
		cmocka_unit_test(test_article_parse_html_reparse_clears_fields),
		cmocka_unit_test(test_article_parse_html_text_byline_needs_a_name),
		cmocka_unit_test(test_article_parse_html_tag_boxes),
		cmocka_unit_test(test_article_parse_html_section_rules),
		cmocka_unit_test(test_article_parse_html_permalinks_and_backlinks),
		cmocka_unit_test(test_article_parse_html_text_date_before_prose),
		cmocka_unit_test(test_article_parse_html_detects_language),
	};

	return cmocka_run_group_tests_name("extract", tests, NULL, NULL);
}
