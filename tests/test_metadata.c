/* test_metadata.c: each field of a page's metadata and the sources it is read from
 * (indexer/metadata.c and indexer/meta-*.c), on small pages written here. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "indexer/article.h"
#include "indexer/html.h"
#include "indexer/metadata-internal.h"
#include "indexer/metadata.h"
#include "tests/test-util.h"

/* The metadata of the page HTML; the caller destroys the article. */
static polidex_article_t *extract(const char *html)
{
	polidex_article_t *a = polidex_article_new("page.html");
	polidex_status_t status;
	htmlDocPtr doc;

	assert_non_null(a);
	doc = pdx_html_parse(a, html, strlen(html), &status);
	assert_non_null(doc);
	assert_int_equal(pdx_metadata_extract(a, doc), 0);
	xmlFreeDoc(doc);
	return a;
}

/* A page whose head holds HEAD and whose body holds BODY. */
static polidex_article_t *extract_page(const char *head, const char *body)
{
	char *html;
	polidex_article_t *a;

	assert_true(asprintf(&html, "<!doctype html><html><head>%s</head><body>%s</body></html>",
			     head, body) > 0);
	a = extract(html);
	free(html);
	return a;
}

static void expect_author(const polidex_article_t *a, size_t i, const char *name,
			  const char *role)
{
	if (i >= a->n_authors)
		fail_msg("author %zu of %zu wanted: %s", i, a->n_authors, name);
	assert_string_equal(a->authors[i].name, name);
	if (role)
		assert_string_equal(a->authors[i].role, role);
	else
		assert_null(a->authors[i].role);
}

/* ---- sources ------------------------------------------------------------------------- */

static void test_page_read_finds_json_ld_articles_and_references(void **state)
{
	static const char html[] =
		"<html><head><meta property=\"og:article:author\" content=\"Ann Ko\">"
		"<script type=\"application/ld+json\">//<![CDATA[\n"
		"{\"@graph\": [{\"@type\": \"WebPage\", \"name\": \"Home\"},"
		" {\"@type\": [\"Thing\", \"NewsArticle\"], \"headline\": \"Tom &amp; Jerry "
		"&#x4e2d;\", \"author\": {\"@id\": \"#p1\"}},"
		" {\"@id\": \"#p1\", \"@type\": \"Person\", \"name\": \"Li Wei\"}]}\n//]]>"
		"</script><script type=\"application/ld+json\">{broken</script></head>"
		"<body></body></html>";
	polidex_article_t *a = polidex_article_new("page.html");
	polidex_status_t status;
	htmlDocPtr doc = pdx_html_parse(a, html, strlen(html), &status);
	struct pdx_page pg = {0};
	json_object *author;

	(void)state;
	assert_int_equal(pdx_page_read(&pg, doc), 0);
	/* The broken script is passed over; the other gives one article and one node. */
	assert_int_equal(pg.n_ld_roots, 1);
	assert_int_equal(pg.n_ld_articles, 1);
	assert_int_equal(pg.n_ld_nodes, 1);
	/* Character references decoded: "&amp;" and a CJK one. */
	assert_string_equal(pdx_ld_get(&pg, "headline"), "Tom & Jerry \xe4\xb8\xad");
	assert_true(json_object_object_get_ex(pg.ld_articles[0], "author", &author));
	assert_string_equal(pdx_ld_string(pdx_ld_resolve(&pg, author)), "Li Wei");
	/* OpenGraph's og:article: keys are read as article: keys. */
	assert_string_equal(pdx_meta_get(&pg, "ARTICLE:AUTHOR"), "Ann Ko");
	assert_null(pdx_meta_get(&pg, "og:title"));
	pdx_page_release(&pg);
	xmlFreeDoc(doc);
	polidex_article_destroy(a);
}

static void test_metadata_extract_microdata_and_site(void **state)
{
	polidex_article_t *a = extract_page(
		"<meta property=\"og:site_name\" content=\" Harbour  Line \">"
		"<meta name=\"description\" content=\"What the rules are for.\">",
		"<article><span itemprop=\"articleSection\">Trade policy</span>"
		"<h1>Rules under strain</h1></article>");

	(void)state;
	assert_string_equal(a->site_name, "Harbour Line");
	assert_string_equal(a->description, "What the rules are for.");
	assert_string_equal(a->section, "Trade policy");
	polidex_article_destroy(a);
}

/* ---- language ------------------------------------------------------------------------ */

static void expect_language(const char *tag, const char *want)
{
	char out[16];

	if (!want) {
		assert_int_equal(pdx_language_normalise(tag, out, sizeof out), 0);
		return;
	}
	assert_int_equal(pdx_language_normalise(tag, out, sizeof out), 1);
	assert_string_equal(out, want);
}

static void test_language_normalise_forms(void **state)
{
	(void)state;
	expect_language("en_US", "en");
	expect_language(" EN-gb", "en");
	expect_language("zh-TW", "zh-Hant");
	expect_language("zh_Hans_CN", "zh-Hans");
	expect_language("zh-CN", "zh-Hans");
	expect_language("zho", "zh");
	expect_language("fr;q=0.8", "fr");
	expect_language("und", NULL);
	expect_language("english", NULL);
	expect_language("x", NULL);
}

static void test_metadata_extract_language_by_trust(void **state)
{
	polidex_article_t *a = extract_page("<meta http-equiv=\"content-language\" content=\"de\">",
					    "<p>Text</p>");
	polidex_article_t *b;

	(void)state;
	assert_string_equal(a->language, "de");
	polidex_article_destroy(a);
	/* The page's own lang comes before its meta tags. */
	b = extract("<html lang=\"fr-CA\"><head><meta name=\"language\" content=\"en\"></head>"
		    "<body></body></html>");
	assert_string_equal(b->language, "fr");
	polidex_article_destroy(b);
}

/* ---- title --------------------------------------------------------------------------- */

static void test_same_title_ignores_case_and_punctuation(void **state)
{
	(void)state;
	assert_true(pdx_same_title("Rules Under Strain!", "rules under strain"));
	assert_true(pdx_same_title("The rules under strain", "Rules under strain"));
	assert_false(pdx_same_title("Rules", "Rules under strain in the Pacific"));
	assert_false(pdx_same_title("", ""));
}

static void test_metadata_extract_title_without_site_name(void **state)
{
	polidex_article_t *a = extract_page(
		"<title>Realism is back | Crossroads Blog</title>"
		"<meta property=\"og:site_name\" content=\"Crossroads Blog\">",
		"<p>Text</p>");

	(void)state;
	assert_string_equal(a->title, "Realism is back");
	polidex_article_destroy(a);
}

static void test_metadata_extract_title_visible_heading_wins_ties(void **state)
{
	/* The SEO title and the heading disagree; the heading, seen by readers, wins. */
	polidex_article_t *a = extract_page(
		"<title>Arms control: five things to know</title>",
		"<nav><h1>Meridian</h1></nav><article><h1>A three-way rivalry over arms</h1>"
		"<p>Text</p></article>");

	(void)state;
	assert_string_equal(a->title, "A three-way rivalry over arms");
	polidex_article_destroy(a);
}

static void test_metadata_extract_title_marked_headline(void **state)
{
	/* An <h1> marked as the headline is the title, whatever the social titles say. */
	polidex_article_t *a = extract_page(
		"<meta property=\"og:title\" content=\"Click here: sanctions!\">"
		"<meta name=\"twitter:title\" content=\"Click here: sanctions!\">",
		"<h1 itemprop=\"headline\">Sanctions and their unity</h1>");

	(void)state;
	assert_string_equal(a->title, "Sanctions and their unity");
	polidex_article_destroy(a);
}

static void test_metadata_extract_title_from_confirming_h2(void **state)
{
	polidex_article_t *a = extract_page(
		"<meta property=\"og:title\" content=\"Why allergies worsen in spring\">",
		"<h1>Allergies Health Center</h1><h2>Why allergies worsen in spring</h2>"
		"<h2>Pollen</h2>");

	(void)state;
	assert_string_equal(a->title, "Why allergies worsen in spring");
	polidex_article_destroy(a);
}

/* ---- bylines ------------------------------------------------------------------------- */

static void test_plausible_name_and_byline_words(void **state)
{
	char byline[] = "By: Jane Doe, ";

	(void)state;
	pdx_strip_byline_words(byline);
	assert_string_equal(byline, "Jane Doe");
	assert_true(pdx_plausible_name("Jane Doe"));
	assert_true(pdx_plausible_name("\xe7\x8e\x8b\xe6\xaf\x85")); /* 王毅 */
	assert_false(pdx_plausible_name("Jane Doe and Li Wei"));
	assert_false(pdx_plausible_name("jane@example.org"));
	assert_false(pdx_plausible_name("June 3, 2020"));
	/* a handle and a name written small are names; a phrase of small words and a
	 * greeting are not */
	assert_true(pdx_plausible_name("aawoods"));
	assert_true(pdx_plausible_name("kirstin boatto"));
	assert_true(pdx_plausible_name("Hanna van der Berg"));
	assert_false(pdx_plausible_name("product expertise to lead strategy"));
	assert_false(pdx_plausible_name("Hej! Log in or sign up"));
	assert_false(pdx_plausible_name("Hej {{firstName}}"));
	assert_false(pdx_plausible_name("Admin"));
}

static void test_add_author_list_names_and_roles(void **state)
{
	polidex_article_t *a = polidex_article_new(NULL);

	(void)state;
	assert_int_equal(pdx_add_author_list(a, "By Jane Doe, PhD, Li Wei and Uta Staschewski, "
						"Projektleiterin der HSS",
					     NULL, 0),
			 0);
	assert_int_equal(a->n_authors, 3);
	expect_author(a, 0, "Jane Doe", NULL);
	expect_author(a, 1, "Li Wei", NULL);
	expect_author(a, 2, "Uta Staschewski", "Projektleiterin der HSS");
	/* In running text, only names written with a capital count. */
	assert_int_equal(pdx_add_author_list(a, "default settings", NULL, 1), 0);
	assert_int_equal(a->n_authors, 3);
	polidex_article_destroy(a);
}

#define IVAN "\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd \xd0\x9f\xd0\xb5\xd1\x82\xd1\x80\xd0\xbe\xd0\xb2"
#define ANNA "\xd0\x90\xd0\xbd\xd0\xbd\xd0\xb0 \xd0\xa1\xd0\xbc\xd0\xb8\xd1\x80\xd0\xbd\xd0\xbe" \
	     "\xd0\xb2\xd0\xb0"

static void test_add_author_list_joined_in_other_languages(void **state)
{
	static const struct {
		const char *list;
		size_t n;
		const char *first, *last;
	} cases[] = {
	    {"Von Anna Schmidt und Jonas Weber", 2, "Anna Schmidt", "Jonas Weber"},
	    {"Kari Nordmann og Ola Hansen", 2, "Kari Nordmann", "Ola Hansen"},
	    {"Por Juan P\xc3\xa9rez y Mar\xc3\xad" "a L\xc3\xb3pez", 2, "Juan P\xc3\xa9rez",
	     "Mar\xc3\xad" "a L\xc3\xb3pez"},
	    {"Par Claire Martin et Paul Durand", 2, "Claire Martin", "Paul Durand"},
	    /* Иван Петров и Анна Смирнова */
	    {IVAN " \xd0\xb8 " ANNA, 2, IVAN, ANNA},
	    /* 王建国和李明 */
	    {"\xe7\x8e\x8b\xe5\xbb\xba\xe5\x9b\xbd\xe5\x92\x8c\xe6\x9d\x8e\xe6\x98\x8e", 2,
	     "\xe7\x8e\x8b\xe5\xbb\xba\xe5\x9b\xbd", "\xe6\x9d\x8e\xe6\x98\x8e"},
	    /* one person whose name has the word */
	    {"Jos\xc3\xa9 Ortega y Gasset", 1, "Jos\xc3\xa9 Ortega y Gasset", NULL},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		polidex_article_t *a = polidex_article_new(NULL);

		assert_int_equal(pdx_add_author_list(a, cases[i].list, NULL, 0), 0);
		if (a->n_authors != cases[i].n)
			fail_msg("\"%s\": %zu names, not %zu", cases[i].list, a->n_authors,
				 cases[i].n);
		assert_string_equal(a->authors[0].name, cases[i].first);
		if (cases[i].last)
			assert_string_equal(a->authors[a->n_authors - 1].name, cases[i].last);
		polidex_article_destroy(a);
	}
}

static void test_metadata_extract_authors_json_ld_with_roles(void **state)
{
	polidex_article_t *a = extract_page(
		"<script type=\"application/ld+json\">{\"@type\": \"Report\", \"author\": ["
		"{\"@type\": \"Person\", \"name\": \"Maria Gonzalez\", \"jobTitle\": \"Senior "
		"Fellow\"}, {\"@type\": \"Person\", \"givenName\": \"Li\", \"familyName\": "
		"\"Wei\"}]}</script>",
		"<p>Text</p>");

	(void)state;
	assert_int_equal(a->n_authors, 2);
	expect_author(a, 0, "Maria Gonzalez", "Senior Fellow");
	expect_author(a, 1, "Li Wei", NULL);
	polidex_article_destroy(a);
}

static void test_metadata_extract_authors_meta_keys_repeat(void **state)
{
	polidex_article_t *a = extract_page(
		"<meta name=\"citation_author\" content=\"Jane Doe\">"
		"<meta name=\"citation_author\" content=\"Ann Ko\">"
		"<meta name=\"dc.creator\" content=\"Not Read\">",
		"");
	polidex_article_t *b = extract_page(
		"<meta property=\"article:author\" content=\"https://example.org/staff\">"
		"<meta name=\"parsely-author\" content=\"Li Wei\">",
		"");

	(void)state;
	/* Each citation_author is one author; the keys after the first that names any are not
	 * read. */
	assert_int_equal(a->n_authors, 2);
	expect_author(a, 0, "Jane Doe", NULL);
	expect_author(a, 1, "Ann Ko", NULL);
	/* A link to an author's page names no one. */
	assert_int_equal(b->n_authors, 1);
	expect_author(b, 0, "Li Wei", NULL);
	polidex_article_destroy(b);
	polidex_article_destroy(a);
}

static void test_metadata_extract_authors_byline_gives_roles(void **state)
{
	polidex_article_t *a = extract_page(
		"<meta name=\"author\" content=\"Jane Doe\">",
		"<h1>Rules</h1><div class=\"author-box\"><a rel=\"author\" href=\"/author/jd\">"
		"Jane Doe</a><span class=\"author-title\">Research Director</span></div>"
		"<aside class=\"related\"><span class=\"byline\">Other Person</span></aside>");

	(void)state;
	assert_int_equal(a->n_authors, 1);
	expect_author(a, 0, "Jane Doe", "Research Director");
	polidex_article_destroy(a);
}

static void test_metadata_extract_authors_people_over_organisation(void **state)
{
	polidex_article_t *a = extract_page(
		"<meta name=\"author\" content=\"Hanns-Seidel-Stiftung e.V.\">",
		"<h1>Rules</h1><p class=\"byline\">By Uta Staschewski and Li Wei</p>");

	(void)state;
	assert_int_equal(a->n_authors, 2);
	expect_author(a, 0, "Uta Staschewski", NULL);
	expect_author(a, 1, "Li Wei", NULL);
	polidex_article_destroy(a);
}

static void test_metadata_extract_authors_from_a_line_of_text(void **state)
{
	polidex_article_t *a = extract_page(
		"", "<h1>Rules</h1><p>By Maria Gonzalez | June 3, 2020</p><p>By Other Name</p>");
	/* 发布时间：2019年7月18日 作者：王建国 来源：新华网 */
	polidex_article_t *b = extract_page(
		"", "<p>\xe5\x8f\x91\xe5\xb8\x83\xe6\x97\xb6\xe9\x97\xb4\xef\xbc\x9a"
		    "2019\xe5\xb9\xb4" "7\xe6\x9c\x88" "18\xe6\x97\xa5 "
		    "\xe4\xbd\x9c\xe8\x80\x85\xef\xbc\x9a\xe7\x8e\x8b\xe5\xbb\xba\xe5\x9b\xbd "
		    "\xe6\x9d\xa5\xe6\xba\x90\xef\xbc\x9a\xe6\x96\xb0\xe5\x8d\x8e\xe7\xbd\x91"
		    "</p>");

	(void)state;
	/* The first byline only; the names end at the separator. */
	assert_int_equal(a->n_authors, 1);
	expect_author(a, 0, "Maria Gonzalez", NULL);
	/* A Chinese label may stand anywhere in a line of labels; the next label ends it. */
	assert_int_equal(b->n_authors, 1);
	expect_author(b, 0, "\xe7\x8e\x8b\xe5\xbb\xba\xe5\x9b\xbd", NULL); /* 王建国 */
	polidex_article_destroy(a);
	polidex_article_destroy(b);
}

/* ---- dates --------------------------------------------------------------------------- */

static void test_metadata_extract_date_metadata_first(void **state)
{
	polidex_article_t *a = extract_page(
		"<meta property=\"article:published_time\" content=\"2021-05-04T08:00:00Z\">"
		"<meta property=\"article:modified_time\" content=\"2021-06-01\">"
		"<script type=\"application/ld+json\">{\"@type\": \"Article\", "
		"\"datePublished\": \"2021-05-03\"}</script>",
		"<time datetime=\"2019-01-01\">1 January 2019</time>");

	(void)state;
	assert_string_equal(a->date, "2021-05-03"); /* JSON-LD before the meta tags */
	assert_string_equal(a->modified, "2021-06-01");
	polidex_article_destroy(a);
}

static void test_metadata_extract_date_from_the_page(void **state)
{
	polidex_article_t *a = extract_page(
		"", "<div class=\"comments\"><time datetime=\"2022-02-02\">x</time></div>"
		    "<p><time datetime=\"2020-06-03T10:00\">3 June</time></p>");
	polidex_article_t *b = extract_page(
		"", "<h1>Rules</h1><p>Posted 18 July 2019</p><p>" /* a dated line, then prose */
		    "This paragraph of prose is long enough to count as the start of the text "
		    "itself.</p>");
	polidex_article_t *c = extract_page(
		"", "<h1>Rules</h1><p>This paragraph of prose is long enough to count as the "
		    "start of the text itself, and the page as a whole is a good deal longer "
		    "than one of its lines.</p><p>On 2001-09-11 it changed.</p>");

	(void)state;
	assert_string_equal(a->date, "2020-06-03"); /* the comment's date passed over */
	assert_string_equal(b->date, "2019-07-18");
	assert_null(c->date); /* a date in the prose is an event, not the publication */
	assert_null(a->modified);
	polidex_article_destroy(a);
	polidex_article_destroy(b);
	polidex_article_destroy(c);
}

/* ---- section, tags, links ------------------------------------------------------------ */

static void test_metadata_extract_section_from_breadcrumb(void **state)
{
	polidex_article_t *a = extract_page(
		"<title>Realism is back</title>",
		"<nav class=\"breadcrumbs\"><a href=\"/\">Home</a> &gt; <a href=\"/analysis\">"
		"Analysis</a> &gt; <a href=\"/x\">Realism is back</a></nav>"
		"<h1>Realism is back</h1>");
	polidex_article_t *b = extract_page(
		"<meta property=\"article:section\" content=\"  Asia \">",
		"<nav class=\"breadcrumbs\"><a href=\"/analysis\">Analysis</a></nav>");

	(void)state;
	assert_string_equal(a->section, "Analysis");
	assert_string_equal(b->section, "Asia");
	polidex_article_destroy(a);
	polidex_article_destroy(b);
}

static void test_metadata_extract_tags_from_keywords_and_links(void **state)
{
	polidex_article_t *a = extract_page(
		"<script type=\"application/ld+json\">{\"@type\": \"BlogPosting\", \"keywords\": "
		"[\"China, trade\", \"AIIB; finance\"]}</script>"
		"<meta name=\"keywords\" content=\"ignored\">",
		"");
	polidex_article_t *b = extract_page(
		"", "<div class=\"post-tags\"><a href=\"/t/1\">Sanctions</a> <a href=\"/t/2\">"
		    "EU</a> <a href=\"#\">\xc2\xb6</a></div>"
		    "<a rel=\"tag\" href=\"/t/3\">Russia</a>");

	(void)state;
	assert_int_equal(a->n_tags, 4);
	assert_string_equal(a->tags[0], "China");
	assert_string_equal(a->tags[3], "finance");
	assert_int_equal(b->n_tags, 3);
	assert_string_equal(b->tags[0], "Sanctions");
	assert_string_equal(b->tags[1], "EU");
	assert_string_equal(b->tags[2], "Russia");
	polidex_article_destroy(a);
	polidex_article_destroy(b);
}

static void test_metadata_extract_links_translations_and_canonical(void **state)
{
	polidex_article_t *a = extract(
		"<html lang=\"en\"><head>"
		"<link rel=\"canonical\" href=\"https://think.example/en/rules\">"
		"<link rel=\"alternate\" hreflang=\"en\" href=\"https://think.example/en/rules\">"
		"<link rel=\"alternate\" hreflang=\"fr\" href=\"https://think.example/fr/regles\">"
		"<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://think.example/\">"
		"</head><body></body></html>");
	polidex_article_t *b = extract_page(
		"<link rel=\"canonical\" href=\"/relative\">"
		"<meta property=\"og:url\" content=\"https://think.example/og\">",
		"");

	(void)state;
	assert_string_equal(a->canonical_url, "https://think.example/en/rules");
	assert_int_equal(a->n_translations, 1);
	assert_string_equal(a->translations[0].language, "fr");
	assert_string_equal(a->translations[0].url, "https://think.example/fr/regles");
	assert_string_equal(b->canonical_url, "https://think.example/og");
	polidex_article_destroy(a);
	polidex_article_destroy(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_page_read_finds_json_ld_articles_and_references),
		cmocka_unit_test(test_metadata_extract_microdata_and_site),
		cmocka_unit_test(test_language_normalise_forms),
		cmocka_unit_test(test_metadata_extract_language_by_trust),
		cmocka_unit_test(test_same_title_ignores_case_and_punctuation),
		cmocka_unit_test(test_metadata_extract_title_without_site_name),
		cmocka_unit_test(test_metadata_extract_title_visible_heading_wins_ties),
		cmocka_unit_test(test_metadata_extract_title_marked_headline),
		cmocka_unit_test(test_metadata_extract_title_from_confirming_h2),
		cmocka_unit_test(test_plausible_name_and_byline_words),
		cmocka_unit_test(test_add_author_list_names_and_roles),
		cmocka_unit_test(test_add_author_list_joined_in_other_languages),
		cmocka_unit_test(test_metadata_extract_authors_json_ld_with_roles),
		cmocka_unit_test(test_metadata_extract_authors_meta_keys_repeat),
		cmocka_unit_test(test_metadata_extract_authors_byline_gives_roles),
		cmocka_unit_test(test_metadata_extract_authors_people_over_organisation),
		cmocka_unit_test(test_metadata_extract_authors_from_a_line_of_text),
		cmocka_unit_test(test_metadata_extract_date_metadata_first),
		cmocka_unit_test(test_metadata_extract_date_from_the_page),
		cmocka_unit_test(test_metadata_extract_section_from_breadcrumb),
		cmocka_unit_test(test_metadata_extract_tags_from_keywords_and_links),
		cmocka_unit_test(test_metadata_extract_links_translations_and_canonical),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
