/* meta-byline.c: a page's authors and their roles, from its metadata, byline or text. */
#include "config.h"

#include <ctype.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "indexer/html.h"
#include "indexer/metadata-internal.h"
#include "util/array.h"

void pdx_strip_byline_words(char *s)
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
		"\xe6\x96\x87/",                                              /* 文/ */
		"\xe6\x96\x87\xef\xbc\x8f"};                               /* 文／ */
	size_t n;

	pdx_collapse_space(s);
	for (int again = 1; again;) {
		again = 0;
		for (size_t i = 0; i < PDX_COUNT(prefixes); i++) {
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

	for (size_t i = 0; i < PDX_COUNT(endings); i++) {
		size_t e = strlen(endings[i]);

		if (len > e && strcasecmp(name + len - e, endings[i]) == 0)
			return 1;
	}
	for (size_t i = 0; i < PDX_COUNT(words); i++)
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

/* Nonzero when some word of S starts with a capital, or S is written in a script without
 * case (Chinese, Arabic): a name of several words in Latin, Cyrillic or Greek letters has a
 * capital somewhere ("Hanna van der Berg"). */
static int has_capitalised_word(const char *s)
{
	int cased = 0;

	for (const char *p = s; *p;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)p, -1, &cp);
		int word_start = p == s || p[-1] == ' ' || p[-1] == '-' || p[-1] == '\'';

		if (n < 1)
			return 1; /* not UTF-8: say nothing against it */
		switch (utf8proc_category(cp)) {
		case UTF8PROC_CATEGORY_LU:
		case UTF8PROC_CATEGORY_LT:
			if (word_start)
				return 1;
			cased = 1;
			break;
		case UTF8PROC_CATEGORY_LL:
			cased = 1;
			break;
		case UTF8PROC_CATEGORY_LO:
			return 1;
		default:
			break;
		}
		p += n;
	}
	return !cased;
}

int pdx_plausible_name(const char *s)
{
	size_t len = strlen(s);

	if (len < 2 || len > 80 || pdx_count_words(s) > 6)
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
	/* Names have no exclamations, questions or template braces ("Hej! Log in"). */
	if (strpbrk(s, "!?{}<>=[]"))
		return 0;
	/* A user's handle or a name written small is a name ("aawoods", "kirstin boatto"); a
	 * phrase of three small words or more is not ("product expertise to lead"). */
	return pdx_count_words(s) < 3 || has_capitalised_word(s);
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
	for (size_t i = 0; i < PDX_COUNT(stems); i++) {
		const char *hit = strstr(lower, stems[i]);

		/* Short stems at the start of a word; longer ones anywhere, for compounds such
		 * as "Projektleiterin". */
		if (hit &&
		    (strlen(stems[i]) >= 6 || hit == lower || !isalpha((unsigned char)hit[-1])))
			return 1;
	}
	return 0;
}

/* Nonzero for an academic or professional post-nominal ("PhD", "MA", "M.D.") or a
 * generational suffix ("Jr."): the part after a comma that belongs to the name before it. */
static int is_post_nominal(const char *s)
{
	static const char *const words[] = {"phd", "ph d", "dphil", "md",  "ma",  "ms",  "msc",
					    "mba", "mph",  "mpa",   "mfa", "ba",  "bs",  "bsc",
					    "jd",  "llm",  "rn",    "dds", "edd", "psyd", "cfa",
					    "jr",  "sr",   "ii",    "iii", "iv",  "obe", "mbe",
					    "cbe"};
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
	for (size_t i = 0; i < PDX_COUNT(words); i++)
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

/* Whether TEXT, in brackets after a name, says what the person is rather than another name
 * of theirs: a phrase of several words or in a script without spaces ("Senior Fellow",
 * "華岳國際戰略研究院研究員"), or initials ("obe"); one longer word is a handle that goes with
 * the name ("史蒂文的家_藍天 (stevenhgm)"). */
static int bracket_is_role(const char *text)
{
	size_t len = strlen(text);

	if (strchr(text, ' '))
		return 1;
	for (const char *p = text; *p; p++)
		if ((unsigned char)*p >= 0xE3)
			return 1; /* CJK */
	return len <= 4;
}

/* When NAME ends with a part in brackets (ASCII or full-width) after some text, cut it off
 * NAME into *INSIDE (a new string, its spaces collapsed); else *INSIDE is NULL. Returns 0, or
 * -1 when memory ran out. */
static int split_bracketed(char *name, char **inside)
{
	size_t len = strlen(name);
	char *open = NULL;
	size_t close_len = 0;

	*inside = NULL;
	if (len > 1 && name[len - 1] == ')') {
		open = strrchr(name, '(');
		close_len = 1;
	} else if (len > 3 && strcmp(name + len - 3, "\xef\xbc\x89") == 0) { /* ） */
		open = strstr(name, "\xef\xbc\x88");                            /* （ */
		close_len = 3;
	}
	if (!open || open == name)
		return 0;
	{
		size_t olen = close_len == 1 ? 1 : 3;
		size_t n = (size_t)(name + len - close_len - (open + olen));

		*inside = strndup(open + olen, n);
		if (!*inside)
			return -1;
		pdx_collapse_space(*inside);
		if (!bracket_is_role(*inside)) {
			free(*inside);
			*inside = NULL;
			return 0;
		}
		*open = '\0';
		pdx_collapse_space(name);
		if (!**inside || !*name) {
			free(*inside);
			*inside = NULL;
		}
	}
	return 0;
}

/* The number of Han characters (three-byte UTF-8 sequences led by 0xE4 to 0xE9) from P to
 * END, or 0 when something else stands there. */
static size_t han_run(const char *p, const char *end)
{
	size_t n = 0;

	for (; p < end; p += 3, n++)
		if (end - p < 3 || (unsigned char)*p < 0xE4 || (unsigned char)*p > 0xE9)
			return 0;
	return n;
}

/* Whether a Chinese name of two to four characters ends at P, from the start of LIST or a
 * separator; and starts at P, up to the end or a separator ("王建国和李明"). */
static int han_name_before(const char *list, const char *p)
{
	const char *q = p;
	size_t n;

	while (q > list && q[-1] != '\x1f' && (unsigned char)q[-1] >= 0x80)
		q--;
	n = han_run(q, p);
	return n >= 2 && n <= 4;
}

static int han_name_after(const char *p)
{
	size_t n = han_run(p, p + strcspn(p, "\x1f,;"));

	return n >= 2 && n <= 4;
}

/* The number of words of the N bytes at S. */
static size_t words_in(const char *s, size_t n)
{
	size_t words = 0;

	for (size_t i = 0; i < n; i++) {
		int starts = i == 0 || s[i - 1] == ' ' || s[i - 1] == '\x1f';

		words += s[i] != ' ' && s[i] != '\x1f' && starts;
	}
	return words;
}

/* The length of a word at P in LIST that joins two names in another language than English
 * (" und ", " og ", " y ", " et ", " e ", " en ", " i ", " och ", " и ", " és "), when the
 * names on each side have two words at least ("José Ortega y Gasset" is one person); else
 * 0. */
static size_t joining_word(const char *list, const char *p)
{
	static const char *const words[] = {" und ", " og ", " och ", " y ", " et ", " e ",
					    " en ", " i ", " \xd0\xb8 ", " \xc3\xa9s "};

	if (strncmp(p, "\xe5\x92\x8c", 3) == 0) /* 和 */
		return han_name_before(list, p) && han_name_after(p + 3) ? 3 : 0;
	for (size_t i = 0; i < PDX_COUNT(words); i++) {
		size_t len = strlen(words[i]);
		const char *left = p, *right = p + len;
		size_t right_len;

		if (strncmp(p, words[i], len) != 0)
			continue;
		while (left > list && left[-1] != '\x1f' && left[-1] != ',' && left[-1] != ';')
			left--;
		right_len = strcspn(right, ",;\x1f");
		if (words_in(left, (size_t)(p - left)) >= 2 && words_in(right, right_len) >= 2)
			return len;
	}
	return 0;
}

/* Add NAME with ROLE to A, a role or initials in brackets after it split off ("林嘉禾（东海
 * 国际问题研究所研究员）", "Elena Oberholzer (obe)") as its role when ROLE is NULL. Returns
 * 0, or -1 when memory ran out. */
static int add_person(polidex_article_t *a, const char *name, const char *role)
{
	char *copy = strdup(name), *bracketed = NULL;
	int rc;

	if (!copy || split_bracketed(copy, &bracketed) < 0) {
		free(copy);
		return -1;
	}
	rc = pdx_article_add_author(a, copy, role ? role : bracketed);
	free(bracketed);
	free(copy);
	return rc;
}

/* Split a list of names ("Jane Doe, Li Wei and Ann Ko", "甲、乙") and add each, with ROLE.
 * With CASED (a byline found in running text, where "By default, ..." or "by contrast" may
 * stand), only names written with a capital count. */
int pdx_add_author_list(polidex_article_t *a, const char *list, const char *role, int cased)
{
	char *copy = strdup(list), *p, *bracketed = NULL;
	int rc = 0;

	if (!copy)
		return -1;
	pdx_strip_byline_words(copy);
	/* Turn every separator into a '\x1f' and split on it. */
	for (p = copy; *p; p++) {
		size_t conj;

		if (*p == ',' || *p == ';' || (*p == '&' && joins_names(copy, p)))
			*p = '\x1f';
		else if (strncmp(p, " and ", 5) == 0) {
			memcpy(p, "\x1f\x1f\x1f\x1f\x1f", 5);
			p += 4;
		} else if ((conj = joining_word(copy, p)) != 0) {
			memset(p, '\x1f', conj);
			p += conj - 1;
		} else if (strncmp(p, "\xe3\x80\x81", 3) == 0 ||
			   strncmp(p, "\xef\xbc\x8c", 3) == 0) {
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
		pdx_strip_byline_words(name);
		/* "陳家豪（遠景亞太政策論壇副研究員）", "Elena Oberholzer (obe)": what the brackets
		 * after a name hold is the person's role or initials, not the name. */
		if (split_bracketed(name, &bracketed) < 0) {
			rc = -1;
		} else if (bracketed && pdx_plausible_name(name) &&
			   (!cased || starts_capitalised(name))) {
			rc = pdx_article_add_author(a, name, role ? role : bracketed);
		} else if (is_post_nominal(name))
			; /* "Jane Doe, PhD": one person */
		else if (looks_like_role(name) && a->n_authors > 0 &&
			 !a->authors[a->n_authors - 1].role)
			rc = pdx_article_set(&a->authors[a->n_authors - 1].role, name);
		else if (pdx_plausible_name(name) && !looks_like_role(name) &&
			 (!cased || starts_capitalised(name)))
			rc = pdx_article_add_author(a, name, role);
		free(name);
		free(bracketed);
		bracketed = NULL;
		p += n;
		while (*p == '\x1f')
			p++;
	}
	free(copy);
	return rc;
}

/* Add the authors JSON-LD value V names: a name or a list of names, an array of them, or a
 * Person or Organization (by its name, or its given and family names; its jobTitle the
 * role), perhaps by reference. */
static int add_ld_author(polidex_article_t *a, const struct pdx_page *pg, json_object *v,
			 int depth)
{
	json_object *name, *given, *family, *job;
	char buf[256];
	const char *role = NULL;

	if (!v || depth > 3)
		return 0;
	v = pdx_ld_resolve(pg, v);
	if (json_object_is_type(v, json_type_string))
		return pdx_add_author_list(a, json_object_get_string(v), NULL, 0);
	if (json_object_is_type(v, json_type_array)) {
		for (size_t i = 0; i < json_object_array_length(v); i++)
			if (add_ld_author(a, pg, json_object_array_get_idx(v, i), depth + 1) < 0)
				return -1;
		return 0;
	}
	if (!json_object_is_type(v, json_type_object))
		return 0;
	if (json_object_object_get_ex(v, "jobTitle", &job))
		role = pdx_ld_string(job);
	if (json_object_object_get_ex(v, "name", &name) && pdx_ld_string(name)) {
		snprintf(buf, sizeof buf, "%s", pdx_ld_string(name));
	} else if (json_object_object_get_ex(v, "givenName", &given) &&
		   json_object_object_get_ex(v, "familyName", &family)) {
		snprintf(buf, sizeof buf, "%s %s", json_object_get_string(given),
			 json_object_get_string(family));
	} else {
		return 0;
	}
	pdx_collapse_space(buf);
	if (!pdx_plausible_name(buf))
		return 0;
	return pdx_article_add_author(a, buf, role && *role ? role : NULL);
}

/* 责任编辑： and 责任编辑, the responsible editor */
#define EDITOR_MARKER "\xe8\xb4\xa3\xe4\xbb\xbb\xe7\xbc\x96\xe8\xbe\x91\xef\xbc\x9a"
#define EDITOR_ROLE "\xe8\xb4\xa3\xe4\xbb\xbb\xe7\xbc\x96\xe8\xbe\x91"

/* Markers that open a byline in running text, each with what follows it. */
static const char *const byline_markers[] = {
	"by ", "par ", "von ", "por ", "door ", "author: ", "autor: ", "autorin: ", "auteur : ",
	"\xe4\xbd\x9c\xe8\x80\x85\xef\xbc\x9a",             /* 作者： */
	"\xe4\xbd\x9c\xe8\x80\x85:",                           /* 作者: */
	"\xe8\xae\xb0\xe8\x80\x85\xef\xbc\x9a",             /* 记者： */
	"\xe8\xa8\x98\xe8\x80\x85\xef\xbc\x9a",             /* 記者： */
	"\xe6\x96\x87\xef\xbc\x8f",                            /* 文／ */
	/* The responsible editor, named where no author is, with that role. */
	EDITOR_MARKER,
};

/* Nonzero when the names of a byline in running text end at P: at the line's end, a bar, a
 * bullet, a date, a run of spaces or another label. */
static int ends_names(const char *p)
{
	static const char *const separators[] = {
		"  ", "\xc2\xa0", "\xe2\x80\xa2", " - ", "\xe3\x80\x80", "\xef\xbc\x9a" /* ： */};

	if (!*p || *p == '|' || *p == '\n' || *p == ':' || isdigit((unsigned char)*p))
		return 1;
	for (size_t i = 0; i < PDX_COUNT(separators); i++)
		if (strncmp(p, separators[i], strlen(separators[i])) == 0)
			return 1;
	return 0;
}

/* The names in a line of text that holds a byline: "By Maria Gonzalez | June 3, 2020",
 * "发布时间：2019年7月18日 作者：王建国 来源：...". The names run from the marker to the
 * next separator (a bar, a bullet, a date, a run of spaces or another label). */
static int add_text_byline(polidex_article_t *a, const char *line)
{
	for (size_t m = 0; m < PDX_COUNT(byline_markers); m++) {
		size_t mlen = strlen(byline_markers[m]);
		/* The marker's first letter in either case: where it may start. */
		char firsts[3] = {byline_markers[m][0],
				  (char)toupper((unsigned char)byline_markers[m][0]), '\0'};

		for (const char *p = strpbrk(line, firsts); p; p = strpbrk(p + 1, firsts)) {
			const char *start, *end, *role;
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
			while (!ends_names(end))
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
			role = strcmp(byline_markers[m], EDITOR_MARKER) == 0 ? EDITOR_ROLE : NULL;
			rc = pdx_add_author_list(a, names, role, 1);
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

	for (size_t i = 0; i < PDX_COUNT(names); i++)
		if (pdx_html_is(n, names[i]))
			return 1;
	return 0;
}

/* Look for a byline written as text in the short lines near the top of the page. */
static int find_text_byline(polidex_article_t *a, const struct pdx_page *pg)
{
	int seen = 0, rc = 0;
	xmlNode *n = pg->body;

	while (n && rc == 0 && seen < 400 && a->n_authors == 0) {
		if (pdx_html_is_non_text(n) || pdx_is_byline_furniture(n)) {
			n = pdx_html_next(n, pg->body, 1);
			continue;
		}
		seen++;
		if (is_line_element(n)) {
			char *t = pdx_html_text_short(n, 160);

			if (t && *t)
				rc = add_text_byline(a, t);
			if (t && *t && rc == 0 && a->n_authors == 0)
				rc = pdx_zh_reporter_byline(a, t);
			free(t);
		}
		n = pdx_html_next(n, pg->body, 0);
	}
	return rc;
}

/* The authors the metadata names: JSON-LD's, else those of the first meta key that names
 * any (keys that may repeat, as citation_author, give one author each). */
static int authors_from_metadata(polidex_article_t *a, const struct pdx_page *pg)
{
	static const char *const meta_keys[] = {
		"citation_author", "dc.creator",     "dcterms.creator", "author",
		"article:author",  "parsely-author", "sailthru.author", "byl"};
	int rc = 0;

	for (size_t i = 0; i < pg->n_ld_articles && a->n_authors == 0 && rc == 0; i++) {
		json_object *v;

		if (json_object_object_get_ex(pg->ld_articles[i], "author", &v))
			rc = add_ld_author(a, pg, v, 0);
	}
	for (size_t k = 0; k < PDX_COUNT(meta_keys) && a->n_authors == 0 && rc == 0; k++) {
		for (size_t i = 0; i < pg->n_metas && rc == 0; i++) {
			if (strcasecmp(pg->metas[i].key, meta_keys[k]) != 0 ||
			    pdx_is_absolute_url(pg->metas[i].content))
				continue;
			rc = pdx_add_author_list(a, pg->metas[i].content, NULL, 0);
		}
	}
	return rc;
}

/* Nonzero when A names authors and each is an organisation. */
static int only_organisations(const polidex_article_t *a)
{
	for (size_t i = 0; i < a->n_authors; i++)
		if (!looks_like_organisation(a->authors[i].name))
			return 0;
	return a->n_authors > 0;
}

/* The byline beside the headline first; the first byline on the page when there is none (a
 * related article's byline may come before the article's own). */
static void collect_byline(const struct pdx_page *pg, const char *title,
			   struct pdx_dom_authors *dom)
{
	xmlNode *scope = pdx_headline_scope(pg, title);

	if (scope)
		pdx_collect_dom_authors(scope, NULL, dom);
	if (dom->n == 0 && !dom->oom)
		pdx_collect_dom_authors(pg->body, scope, dom);
}

/* Metadata that names only an organisation ("Hanns-Seidel-Stiftung e.V.", "STERN.de") gives
 * way to the people the page names in its byline DOM, else in a line of text. */
static int prefer_people(polidex_article_t *a, const struct pdx_page *pg,
			 const struct pdx_dom_authors *dom)
{
	polidex_article_t people = {0};
	int rc = 0;

	for (size_t i = 0; i < dom->n && rc == 0; i++)
		if (!looks_like_organisation(dom->items[i].name))
			rc = add_person(&people, dom->items[i].name, dom->items[i].role);
	if (rc == 0 && people.n_authors == 0)
		rc = find_text_byline(&people, pg);
	if (rc == 0 && people.n_authors > 0) {
		pdx_article_clear_authors(a);
		a->authors = people.authors;
		a->n_authors = people.n_authors;
		people.authors = NULL;
		people.n_authors = 0;
	}
	pdx_article_clear(&people);
	return rc;
}

/* Metadata names the authors; the page's byline DOM may still give their roles. */
static int add_byline_roles(polidex_article_t *a, const struct pdx_dom_authors *dom)
{
	int rc = 0;

	for (size_t i = 0; i < dom->n && rc == 0; i++) {
		if (!dom->items[i].role)
			continue;
		for (size_t j = 0; j < a->n_authors && rc == 0; j++)
			if (!a->authors[j].role &&
			    strcasecmp(a->authors[j].name, dom->items[i].name) == 0)
				rc = pdx_article_set(&a->authors[j].role, dom->items[i].role);
	}
	return rc;
}

int pdx_meta_authors(polidex_article_t *a, const struct pdx_page *pg)
{
	struct pdx_dom_authors dom = {NULL, 0, 0};
	int rc = authors_from_metadata(a, pg);
	int organisations = only_organisations(a);

	collect_byline(pg, a->title, &dom);
	if (dom.oom)
		rc = -1;
	if (rc == 0 && organisations)
		rc = prefer_people(a, pg, &dom);
	if (rc == 0 && a->n_authors == 0) {
		/* The metadata names no one: the page's byline, else a line of text. */
		for (size_t i = 0; i < dom.n && rc == 0; i++)
			rc = add_person(a, dom.items[i].name, dom.items[i].role);
		if (rc == 0 && a->n_authors == 0)
			rc = find_text_byline(a, pg);
	} else if (rc == 0) {
		rc = add_byline_roles(a, &dom);
	}
	pdx_dom_authors_release(&dom);
	return rc;
}
