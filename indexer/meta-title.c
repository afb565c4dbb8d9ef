/* meta-title.c: a page's title, voted on by its metadata and headings; its headline. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "indexer/html.h"
#include "indexer/metadata-internal.h"
#include "util/array.h"

/* Titles voted on at the most: the metadata's eight and a few headings. */
#define MAX_CANDIDATES 16

static const char *const title_separators[] = {" | ", " - ", " \xe2\x80\x94 ", " \xe2\x80\x93 ",
					       " :: ", " \xc2\xb7 ", " \xc2\xbb ", "_"};

/* The last place of separator SEP in TITLE, its first in *FIRST; NULL when it has none. */
static char *find_separator(char *title, const char *sep, char **first)
{
	char *last = NULL;

	*first = strstr(title, sep);
	for (char *p = *first; p; p = strstr(p + 1, sep))
		last = p;
	return last;
}

/* Remove a site name before or after a separator: "Title | Site" and "Site | Title". SITE is
 * the declared site name, when known. A trailing segment of a few words is taken for an
 * undeclared site name only when GUESS is nonzero. */
static void strip_site_name(char *title, const char *site, int guess)
{
	for (size_t i = 0; i < PDX_COUNT(title_separators); i++) {
		const char *sep = title_separators[i];
		size_t slen = strlen(sep);
		char *first, *last = find_separator(title, sep, &first);

		if (!last)
			continue;
		if (site && strncasecmp(title, site, strlen(site)) == 0 &&
		    title + strlen(site) == first) {
			memmove(title, first + slen, strlen(first + slen) + 1);
			return;
		}
		/* A trailing segment of a few words is the site's name ("| China-US Focus"). */
		if ((site && strcasecmp(last + slen, site) == 0) ||
		    (guess && pdx_count_words(last + slen) <= 5 &&
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

int pdx_same_title(const char *a, const char *b)
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

int pdx_heading_in_furniture(const xmlNode *h)
{
	static const char *const words[] = {"nav",     "navigation", "skip",   "navskip",
					    "menu",    "footer",     "banner", "sidebar",
					    "logo",    "masthead",   "breadcrumb", "modal",
					    "popup",   "promo",      "sr",     "visually",
					    "hidden"};

	for (const xmlNode *n = h; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
		if (pdx_html_is(n, "nav") || pdx_html_is(n, "aside") || pdx_html_is(n, "footer") ||
		    pdx_html_is(n, "form"))
			return 1;
		if (pdx_html_is(n, "article") || pdx_html_is(n, "main") || pdx_html_is(n, "body"))
			return 0;
		if (pdx_has_class_word(n, words, PDX_COUNT(words)))
			return 1;
	}
	return 0;
}

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

struct title_candidate {
	char *text;
	double weight;
	int visible; /* a heading on the page, not metadata */
};

/* The titles that vote, and what a new one is read against. */
struct title_vote {
	struct title_candidate c[MAX_CANDIDATES];
	size_t n;
	size_t marked_h1; /* the candidate of an <h1> marked itemprop=headline, or MAX_CANDIDATES */
	const char *site; /* the site's name, or NULL */
	struct shown_headings hs;
};

static int collect_headings(struct shown_headings *hs, const struct pdx_page *pg)
{
	size_t alloc = 0;

	hs->items = NULL;
	hs->n = 0;
	for (xmlNode *h = pg->body; h; h = pdx_html_next(h, pg->body, 0)) {
		struct shown_heading *item;

		if ((!pdx_html_is(h, "h1") && !pdx_html_is(h, "h2")) || pdx_heading_in_furniture(h))
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

/* Nonzero when the page's only <h1> (outside its furniture) shows the LEN bytes at TEXT
 * whole. A page of several has template headings among them ("detail" for screen readers). */
static int shown_as_h1(const struct shown_headings *hs, const char *text, size_t len)
{
	char *part, *k;
	size_t i = hs->n, h1s = 0;
	int shown;

	for (size_t m = 0; m < hs->n; m++)
		if (hs->items[m].h1 && h1s++ == 0)
			i = m;
	if (h1s != 1)
		return 0;
	part = strndup(text, len);
	k = part ? title_key(part) : NULL;
	shown = k && *k && strcmp(k, hs->items[i].key) == 0;
	free(k);
	free(part);
	return shown;
}

/* Cut TITLE to the part the page's only <h1> shows, before its last separator or after its
 * first ("Kayaks | REI Co-op", "Models | Django documentation"): whatever is beside the
 * headline the reader sees is the site's, however long. */
static void cut_to_shown_h1(char *title, const struct shown_headings *hs)
{
	for (size_t i = 0; i < PDX_COUNT(title_separators); i++) {
		const char *sep = title_separators[i];
		size_t slen = strlen(sep);
		char *first, *last = find_separator(title, sep, &first);

		if (!last)
			continue;
		if (shown_as_h1(hs, title, (size_t)(last - title))) {
			*last = '\0';
			return;
		}
		if (shown_as_h1(hs, first + slen, strlen(first + slen))) {
			memmove(title, first + slen, strlen(first + slen) + 1);
			return;
		}
	}
}

/* Add a title source's text, without the site's name. A trailing segment that a heading on
 * the page also shows ("Kim Jong Un: The dictator is back - Trump is happy") belongs to the
 * headline: sites do not repeat their name in the article's heading. */
static int add_title_candidate(struct title_vote *v, const char *text, double weight,
			       int visible)
{
	char *t;

	if (!text || !*text || v->n == MAX_CANDIDATES)
		return 0;
	t = strdup(text);
	if (!t)
		return -1;
	pdx_collapse_space(t);
	if (!shown_as_heading(&v->hs, t))
		cut_to_shown_h1(t, &v->hs);
	strip_site_name(t, v->site, !shown_as_heading(&v->hs, t));
	pdx_collapse_space(t);
	if (!*t || (v->site && strcasecmp(t, v->site) == 0)) {
		free(t);
		return 0;
	}
	v->c[v->n].text = t;
	v->c[v->n].weight = weight;
	v->c[v->n].visible = visible;
	v->n++;
	return 0;
}

/* The metadata's titles, each a vote (social titles half of one); DOC_TITLE is the page's
 * <title>, or NULL. */
static int vote_metadata(struct title_vote *v, const struct pdx_page *pg, const char *doc_title)
{
	const struct {
		const char *text;
		double weight;
	} meta[] = {
		{pdx_ld_get(pg, "headline"), 1.0},        {pdx_meta_get(pg, "citation_title"), 1.0},
		{pdx_meta_get(pg, "dc.title"), 1.0},      {pdx_meta_get(pg, "dcterms.title"), 1.0},
		{pdx_meta_get(pg, "og:title"), 1.0},      {pdx_meta_get(pg, "twitter:title"), 0.5},
		{pdx_meta_get(pg, "parsely-title"), 0.5}, {doc_title, 1.0},
	};
	int rc = 0;

	for (size_t i = 0; i < PDX_COUNT(meta) && rc == 0; i++)
		rc = add_title_candidate(v, meta[i].text, meta[i].weight, 0);
	return rc;
}

/* The page's <h1>s of a headline's length, visible votes. */
static int vote_h1s(struct title_vote *v)
{
	int rc = 0;

	for (size_t i = 0; i < v->hs.n && rc == 0; i++)
		if (v->hs.items[i].h1 && pdx_count_words(v->hs.items[i].text) <= 30)
			rc = add_title_candidate(v, v->hs.items[i].text, 1.5, 1);
	return rc;
}

/* Microdata marks the headline on the page itself (itemprop=headline): a metadata vote, for
 * the element the reader sees. Only the first, and not one in the page's furniture, where
 * lists of other articles carry the same mark. An <h1> so marked is the headline by the
 * publisher's own markup, visible and declared at once: it is the title whatever the social
 * and SEO titles say. */
static int vote_marked_headline(struct title_vote *v, const struct pdx_page *pg)
{
	for (xmlNode *h = pg->body; h; h = pdx_html_next(h, pg->body, 0)) {
		const char *ip = pdx_html_attr(h, "itemprop");
		char *t;
		int rc = 0;

		if (!ip || strcasecmp(ip, "headline") != 0 || pdx_html_is(h, "meta") ||
		    pdx_heading_in_furniture(h))
			continue;
		t = pdx_html_text(h);
		if (!t)
			return -1;
		if (*t && pdx_count_words(t) <= 30) {
			size_t before = v->n;

			rc = add_title_candidate(v, t, 1.0, 1);
			if (v->n > before && pdx_html_is(h, "h1"))
				v->marked_h1 = before;
		}
		free(t);
		return rc;
	}
	return 0;
}

/* A page whose <h1> is the site's or a section's banner ("Allergies Health Center") shows the
 * headline in an <h2>: the first <h2> that repeats a metadata title is a visible vote for it.
 * Other <h2>s are the article's own subheadings. */
static int vote_confirming_h2(struct title_vote *v)
{
	size_t n_meta = 0;

	while (n_meta < v->n && !v->c[n_meta].visible)
		n_meta++;
	for (size_t i = 0; i < v->hs.n; i++) {
		const char *t = v->hs.items[i].text;
		int confirms = 0;

		if (v->hs.items[i].h1)
			continue;
		for (size_t k = 0; k < n_meta && !confirms; k++)
			confirms = pdx_same_title(v->c[k].text, t);
		if (confirms)
			return add_title_candidate(v, t, 1.0, 1);
	}
	return 0;
}

/* The candidate that wins the vote (of one or more): the one whose group of titles that say
 * the same weighs most, ties going to a visible heading, then to the more trusted source;
 * within the group, what the reader sees; above all, an <h1> marked as the headline. */
static size_t pick_title(const struct title_vote *v)
{
	const struct title_candidate *c = v->c;
	size_t best = 0;
	double best_score = -1;

	for (size_t i = 0; i < v->n; i++) {
		double score = 0;

		for (size_t k = 0; k < v->n; k++)
			if (k == i || pdx_same_title(c[i].text, c[k].text))
				score += c[k].weight;
		if (score > best_score + 1e-9 ||
		    (score > best_score - 1e-9 && c[i].visible && !c[best].visible)) {
			best = i;
			best_score = score;
		}
	}
	for (size_t k = 0; k < v->n; k++)
		if (c[k].visible && pdx_same_title(c[best].text, c[k].text) && !c[best].visible)
			best = k;
	if (v->marked_h1 < v->n)
		best = v->marked_h1;
	return best;
}

/* The title is the one most sources agree on: each metadata source and the page's main
 * headings vote, a visible heading a little more than metadata (it is what readers see, and
 * SEO titles often differ), and the winning group gives its visible heading, else its most
 * trusted metadata title. */
int pdx_meta_title(polidex_article_t *a, const struct pdx_page *pg)
{
	xmlNode *title_el = pdx_html_find(pg->root, "title");
	char *doc_title = title_el ? pdx_html_text(title_el) : NULL;
	struct title_vote v;
	int rc;

	v.n = 0;
	v.marked_h1 = MAX_CANDIDATES;
	v.site = a->site_name;
	rc = collect_headings(&v.hs, pg);
	if (rc == 0)
		rc = vote_metadata(&v, pg, doc_title);
	if (rc == 0)
		rc = vote_h1s(&v);
	if (rc == 0)
		rc = vote_marked_headline(&v, pg);
	if (rc == 0)
		rc = vote_confirming_h2(&v);
	if (rc == 0 && v.n > 0)
		rc = pdx_article_set(&a->title, v.c[pick_title(&v)].text);
	for (size_t i = 0; i < v.n; i++)
		free(v.c[i].text);
	free_headings(&v.hs);
	free(doc_title);
	return rc;
}

xmlNode *pdx_headline_scope(const struct pdx_page *pg, const char *title)
{
	xmlNode *found = NULL;

	for (xmlNode *h = pg->body; h; h = pdx_html_next(h, pg->body, 0)) {
		char *t;
		int same;

		if (!pdx_html_is(h, "h1") || pdx_heading_in_furniture(h))
			continue;
		if (!found)
			found = h;
		if (!title)
			break;
		t = pdx_html_text(h);
		same = t && pdx_same_title(t, title);
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
