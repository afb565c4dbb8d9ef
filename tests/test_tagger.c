/* test_tagger.c: concept matching: stems, longest match, case, punctuation, sentence ends,
 * Chinese, languages, tie-breaks between concepts whose labels stem alike, words derived
 * from a label's stem; and what the scoring weighs: page furniture, function words, names
 * and labels inside them, acronyms, variants, places and diminishing returns. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "concepts/tagger.h"
#include "concepts/thesaurus.h"
#include "tests/test-util.h"

struct fixture {
	pdx_thesaurus_t *th;
	pdx_tagger_t *tagger;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	char error[1024];

	if (!f)
		return -1;
	f->th = pdx_thesaurus_load(test_src_path("tests/thesauri/tagger.ttl"), error, sizeof error);
	if (!f->th)
		return -1;
	f->tagger = pdx_tagger_new(f->th);
	*state = f;
	return f->tagger ? 0 : -1;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	pdx_tagger_free(f->tagger);
	pdx_thesaurus_free(f->th);
	free(f);
	return 0;
}

/* The tag of concept ID (its URI's last path part) tagging TITLE and TEXT, all zeros when
 * it is not tagged. */
static struct pdx_tag tag_of(struct fixture *f, const char *title, const char *text,
			     const char *lang, const char *id)
{
	struct pdx_tag *tags, found = {0};
	size_t n;
	char uri[128];

	snprintf(uri, sizeof uri, "https://example.org/concept/%s", id);
	assert_int_equal(pdx_tagger_tag(f->tagger, title, text, lang, 0, &tags, &n), 0);
	for (size_t i = 0; i < n; i++)
		if (strcmp(f->th->concepts[tags[i].concept].uri, uri) == 0)
			found = tags[i];
	free(tags);
	return found;
}

/* The count of concept ID in TEXT, or 0. */
static unsigned count_of(struct fixture *f, const char *title, const char *text, const char *lang,
			 const char *id)
{
	return tag_of(f, title, text, lang, id).count;
}

/* A text, and how many mentions of a concept tagging it must find. */
struct mentions {
	const char *title, *text, *lang;
	const char *id; /* the concept's URI's last path part */
	unsigned want;
};

static void check_mentions(struct fixture *f, const struct mentions *m, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned got = count_of(f, m[i].title, m[i].text, m[i].lang, m[i].id);

		if (got != m[i].want)
			fail_msg("\"%s\" (%s): %u mentions of %s, not %u", m[i].text, m[i].lang,
				 got, m[i].id, m[i].want);
	}
}

#define CHECK_MENTIONS(f, table) check_mentions(f, table, sizeof table / sizeof table[0])

static void test_tagger_tag_stems_and_case(void **state)
{
	static const struct mentions m[] = {
	    {NULL, "Countries seek more cooperation.", "en", "cooperation", 1},
	    /* a one-word English label matches that word or its plural, no other word of
	     * its stem */
	    {NULL, "Countries are cooperating more.", "en", "cooperation", 0},
	    {NULL, "BALANCE OF POWER", "en", "balance-of-power", 1},
	    {NULL, "the balances of powers", "en", "balance-of-power", 1},
	};

	CHECK_MENTIONS(*state, m);
}

static void test_tagger_tag_longest_match(void **state)
{
	/* "power" inside "balance of power" is not a mention of Power on its own */
	static const struct mentions m[] = {
	    {NULL, "A balance of power emerged.", "en", "power", 0},
	    {NULL, "A balance of power and more power.", "en", "power", 1},
	};

	CHECK_MENTIONS(*state, m);
}

static void test_tagger_tag_punctuation_and_sentence_ends(void **state)
{
	static const struct mentions m[] = {
	    {NULL, "the balance-of-power logic", "en", "balance-of-power", 1},
	    {NULL, "Keep the balance. Of power, nothing.", "en", "balance-of-power", 0},
	    {NULL, "The balance\n\nof power", "en", "balance-of-power", 0},
	    /* initials with full stops are the acronym, and end no sentence */
	    {NULL, "The U.N. and the UN met.", "en", "un", 2},
	};

	CHECK_MENTIONS(*state, m);
}

static void test_tagger_tag_acronyms_in_capitals_only(void **state)
{
	static const struct mentions m[] = {
	    /* the label "UN" is an acronym: the word "un" (or "Un") is not a mention of it */
	    {NULL, "Un accord, un seul.", "en", "un", 0},
	    {NULL, "The UN met, and the UN voted.", "en", "un", 2},
	    {"UN", "un", "en", "un", 1},
	    /* so is a plural acronym: "BITs" names treaties, "bits" do not */
	    {NULL, "Sixty-four bits, a bit more.", "en", "treaties", 0},
	    {NULL, "Two BITs and a BIT.", "en", "treaties", 2},
	};

	CHECK_MENTIONS(*state, m);
}

static void test_tagger_tag_chinese(void **state)
{
	static const struct mentions m[] = {
	    /* 亚洲的均势正在变化 */
	    {NULL,
	     "\xe4\xba\x9a\xe6\xb4\xb2\xe7\x9a\x84\xe5\x9d\x87\xe5\x8a\xbf\xe6\xad\xa3\xe5\x9c"
	     "\xa8\xe5\x8f\x98\xe5\x8c\x96",
	     "zh-Hans", "balance-of-power", 1},
	    /* Chinese labels do not fire in English text, nor English ones in Chinese. */
	    {NULL, "balance of power", "zh-Hans", "balance-of-power", 0},
	};

	CHECK_MENTIONS(*state, m);
}

static void test_tagger_tag_language_of_labels(void **state)
{
	static const struct mentions m[] = {
	    {NULL, "Les Nations unies votent.", "fr", "nations-unies", 1},
	    {NULL, "The nations unies", "en", "nations-unies", 0},
	};

	CHECK_MENTIONS(*state, m);
}

static void test_tagger_tag_shared_stems_prefer_written_form(void **state)
{
	/* "developed" and "developing" stem alike: the written form decides */
	static const struct mentions m[] = {
	    {NULL, "developing countries grow", "en", "developing", 1},
	    {NULL, "developing countries grow", "en", "developed", 0},
	    {NULL, "developed countries", "en", "developed", 1},
	};

	CHECK_MENTIONS(*state, m);
}

static void test_tagger_tag_inflected_not_derived(void **state)
{
	static const struct mentions m[] = {
	    /* a label's word inflected names it */
	    {NULL, "a bilateral treaty", "en", "treaties", 1},
	    {NULL, "Sanctioned, sanctioning, sanction.", "en", "sanctions", 1},
	    {NULL, "Die SANKTION", "de", "sanctions", 1},
	    /* a word derived from the same stem names something else */
	    {NULL, "functional code and its functions", "en", "functionalism", 0},
	    {NULL, "Functionalisms old and new", "en", "functionalism", 1},
	    {NULL, "connect, connecting, connection", "en", "connectivity", 0},
	};
	struct fixture *f = *state;
	size_t *ids;

	CHECK_MENTIONS(f, m);
	/* a query of such words is no concept */
	assert_int_equal(pdx_tagger_cover(f->tagger, "functional", "en", &ids), 0);
	assert_null(ids);
}

/* The score of concept ID tagging TITLE and TEXT in English, 0 when it is not tagged. */
static double score_of(struct fixture *f, const char *title, const char *text, const char *id)
{
	return tag_of(f, title, text, "en", id).score;
}

static void test_tagger_tag_scores_title_and_lead(void **state)
{
	struct fixture *f = *state;
	struct pdx_tag *tags;
	size_t n;
	const char *body = "A first paragraph of the page, long enough to be no furniture.\n\n"
			   "Later there is more cooperation between them.";

	assert_int_equal(pdx_tagger_tag(f->tagger, "Cooperation", body, "en", 0, &tags, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(tags[0].count, 2);
	free(tags);
	/* a mention in the title weighs more than one in the lead, which weighs more than one
	 * later */
	assert_true(
	    score_of(f, "Cooperation now", "A long first paragraph with nothing in it.",
		     "cooperation") >
	    score_of(f, "Now", "A long paragraph on cooperation, first of all.", "cooperation"));
	assert_true(score_of(f, NULL, "A long paragraph on cooperation, first of all.",
			     "cooperation") > score_of(f, NULL, body, "cooperation"));
	/* each mention adds less than the one before */
	assert_true(score_of(f, NULL, "Cooperation, cooperation, cooperation and cooperation.",
			     "cooperation") <
		    4 * score_of(f, NULL, "Cooperation and nothing more than it.", "cooperation"));
	/* --min-score keeps passing mentions out */
	assert_int_equal(pdx_tagger_tag(f->tagger, NULL, body, "en", 2, &tags, &n), 0);
	assert_int_equal(n, 0);
	free(tags);
}

static void test_tagger_tag_furniture(void **state)
{
	static const struct mentions m[] = {
	    /* a short paragraph among others: a caption's credit, a marker */
	    {NULL,
	     "The United States and Japan talked for a long time.\n\nJapan Times\n\n"
	     "Nothing more was said by anyone that day.",
	     "en", "japan", 1},
	    /* a paragraph written twice: a repeated caption */
	    {NULL,
	     "Japan hosts the summit this year, officials say.\n\n"
	     "A long paragraph of text about nothing in particular.\n\n"
	     "Japan hosts the summit this year, officials say.",
	     "en", "japan", 0},
	    /* a dateline, a copyright line, a time stamp */
	    {NULL, "MOSCOW \xe2\x80\x94 The talks went on all day long.", "en", "moscow", 0},
	    {NULL,
	     "A long paragraph of text about nothing in particular.\n\n"
	     "Copyright 2020 Japan Media Group, all of it reserved",
	     "en", "japan", 0},
	    {NULL,
	     "A long paragraph of text about nothing in particular.\n\n"
	     "Japan Daily, updated 10:30 on Monday",
	     "en", "japan", 0},
	};

	CHECK_MENTIONS(*state, m);
}

static void test_tagger_tag_names_and_common_words(void **state)
{
	static const struct mentions m[] = {
	    /* a function word names nothing */
	    {NULL, "The court will decide on it soon.", "en", "inheritance", 0},
	    /* a common word inside a name is no mention */
	    {NULL, "Mark Meadows said he would retire from the House.", "en", "grassland", 0},
	    {NULL, "Cattle grazed on the meadows by the river.", "en", "grassland", 1},
	    /* "US" is not "us"; "U.S." is "US", but "US$" a currency */
	    {NULL, "Let us go to the US and the U.S. Senate.", "en", "usa", 2},
	    {NULL, "It cost US$5 billion in all.", "en", "usa", 0},
	    /* a name two short words long is also written as one */
	    {NULL, "Vietnam and Viet Nam are one country.", "en", "vietnam", 2},
	    /* word order: "freedom of the press" is also "press freedom" */
	    {NULL, "Press freedom is in decline, as is freedom of the press.", "en",
	     "press-freedom", 2},
	    /* a name does not inflect: "Congress" is not "congresses" */
	    {NULL, "She spoke to Congress on Tuesday about the budget.", "en", "conferences", 0},
	    {NULL, "Two congresses of historians met in Vienna.", "en", "conferences", 1},
	    {NULL, "Both Congresses were held in one year.", "en", "conferences", 1},
	    /* a word of a longer name is not the name, unless the longer one is a label */
	    {NULL, "They bought a stake in Yahoo Japan last year.", "en", "japan", 0},
	    {NULL, "They bought a stake in a company of Japan last year.", "en", "japan", 1},
	    /* a comma parts the words of a label */
	    {NULL, "Students, teachers and parents came to the meeting.", "en",
	     "student-teachers", 0},
	    {NULL, "Student teachers came to the meeting.", "en", "student-teachers", 1},
	};

	CHECK_MENTIONS(*state, m);
}

static void test_tagger_tag_acronyms_and_nested_names(void **state)
{
	struct fixture *f = *state;
	static const struct mentions m[] = {
	    /* an acronym with a hyphen and a number is a code, not the acronym */
	    {NULL, "See the report EIB-204 for more.", "en", "eib", 0},
	    {NULL, "The EIB lent more than before.", "en", "eib", 1},
	    /* a label of numbers is matched as written only */
	    {NULL, "They met as the 17+1 in Riga.", "en", "ceec", 1},
	    {NULL, "It cost them $17.1 billion in all.", "en", "ceec", 0},
	    /* an acronym the text defines as something else is not the concept's */
	    {NULL, "The Marine Stewardship Council (MSC) certifies fish. The MSC grew.", "en",
	     "msc", 0},
	    {NULL, "The Munich Security Conference (MSC) met. The MSC grew.", "en", "msc", 3},
	    /* a name inside a longer matched name is tagged too */
	    {NULL, "He spoke at the Moscow State Institute of International Relations today.", "en",
	     "moscow", 1},
	    {NULL, "He spoke at the Moscow State Institute of International Relations today.", "en",
	     "mgimo", 1},
	    /* ... when written as its label is: "States" of "United States" is no "State" */
	    {NULL, "They said the United States would act.", "en", "state", 0},
	    {NULL, "They said the State would act.", "en", "state", 1},
	    /* a name's initials no label writes are the name's where the text spells it out */
	    {NULL, "The U.K. voted, and the United Kingdom left.", "en", "uk", 2},
	    {NULL, "The UK voted, and the United Kingdom left.", "en", "uk", 2},
	    {NULL, "The U.K. voted to leave on Friday.", "en", "uk", 0},
	    {NULL, "Take the cash from an ATM on the corner.", "en", "mahan", 0},
	    {NULL, "Alfred Thayer Mahan wrote on sea power; ATM read history.", "en", "mahan", 2},
	};

	CHECK_MENTIONS(f, m);
	/* ... but weighs less than the name itself */
	assert_true(score_of(f, NULL,
			     "He spoke at the Moscow State Institute of International "
			     "Relations today.",
			     "moscow") <
		    score_of(f, NULL,
			     "He spoke at the Moscow State Institute of International "
			     "Relations today.",
			     "mgimo"));
	/* a name followed by another capitalised word is inside a longer name */
	assert_true(
	    score_of(f, NULL, "They read the Japan Times every day of the week.", "japan") <
	    score_of(f, NULL, "They travelled to Japan every year of their lives.", "japan"));
	/* a common word the text never writes small is a name there; one it writes both ways
	 * is the word */
	assert_true(score_of(f, NULL, "They stayed at the Meadows by the river.", "grassland") <
		    score_of(f, NULL, "They stayed at the meadows by the river.", "grassland"));
	assert_int_equal(count_of(f, NULL,
				  "They loved the meadows and stayed at the Meadows by the river.",
				  "en", "grassland"),
			 2);
	/* a word of nationality before a noun is the country's, not the language */
	assert_true(
	    score_of(f, NULL, "The Korean government spoke on Monday.", "korean-language") <
	    score_of(f, NULL, "She learned Korean in two years.", "korean-language"));
	/* a named part of a named whole the text names more is where, not what */
	assert_true(score_of(f, NULL, "The envoys of Korea and the press of Korea met in Seoul.",
			     "seoul") <
		    score_of(f, NULL, "The envoys of France and the press of France met in Seoul.",
			     "seoul"));
	/* ... and the whole does not count less for its named part, as a broad common concept
	 * does for a narrower one */
	assert_true(
	    score_of(f, NULL, "The envoys of Korea spoke to the press in Seoul.", "korea") >=
	    score_of(f, NULL, "The envoys of Korea spoke to the press.", "korea"));
	/* who says a thing is the text's source, not its subject */
	assert_true(
	    score_of(f, NULL, "The plan will work, officials said on Monday.", "officials") <
	    score_of(f, NULL, "The pay of officials rose again this year.", "officials"));
	/* an acronym after a name is a part of another name: "California ISO" */
	assert_true(score_of(f, NULL, "The grid of California ISO failed on Monday.", "iso") <
		    score_of(f, NULL, "The norms of the ISO changed on Monday.", "iso"));
	/* a common word with nothing of its scheme around it is weaker evidence than one
	 * whose neighbour the text mentions too */
	assert_true(score_of(f, NULL, "They spoke of tariffs in the morning.", "tariffs") <
		    score_of(f, NULL, "They spoke of tariffs and quotas in the morning.",
			     "tariffs"));
	/* a part of a preferred label, with nothing around it in the text, weighs less */
	assert_true(
	    score_of(f, NULL, "The General Assembly of the state voted on the budget.", "unga") <
	    score_of(f, NULL, "The United Nations General Assembly voted on the budget.", "unga"));
}

static void test_tagger_cover_queries(void **state)
{
	struct fixture *f = *state;
	size_t *ids;

	assert_int_equal(pdx_tagger_cover(f->tagger, "balance of power", "en", &ids), 1);
	free(ids);
	assert_int_equal(pdx_tagger_cover(f->tagger, "\xe5\x9d\x87\xe5\x8a\xbf", "en", &ids), 1);
	free(ids);
	/* a word that is no label: no expansion */
	assert_int_equal(pdx_tagger_cover(f->tagger, "balance of power theory", "en", &ids), 0);
	assert_null(ids);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    TEST(test_tagger_tag_stems_and_case),
	    TEST(test_tagger_tag_longest_match),
	    TEST(test_tagger_tag_punctuation_and_sentence_ends),
	    TEST(test_tagger_tag_acronyms_in_capitals_only),
	    TEST(test_tagger_tag_chinese),
	    TEST(test_tagger_tag_language_of_labels),
	    TEST(test_tagger_tag_shared_stems_prefer_written_form),
	    TEST(test_tagger_tag_inflected_not_derived),
	    TEST(test_tagger_tag_scores_title_and_lead),
	    TEST(test_tagger_tag_furniture),
	    TEST(test_tagger_tag_names_and_common_words),
	    TEST(test_tagger_tag_acronyms_and_nested_names),
	    TEST(test_tagger_cover_queries),
	};

	return cmocka_run_group_tests_name("tagger", tests, NULL, NULL);
}
