/* date.c: dates in page text (several notations) and partial dates in queries. */
#include "config.h"

#include "util/date.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>
#include <time.h>

enum token_kind { TOK_NUM, TOK_WORD, TOK_YEAR_MARK, TOK_MONTH_MARK, TOK_DAY_MARK };

struct token {
	enum token_kind kind;
	const char *start;
	size_t len;
	char sep; /* the separator before this token: ' ', '-', '/', '.', ',' or 0 for none */
};

#define MAX_TOKENS 64

/* Month names and their usual abbreviations (at least three letters of any of these), in the
 * languages of the corpus: English, French, German, Spanish, Italian, Portuguese, Dutch. */
static const struct {
	const char *name;
	int month;
} month_names[] = {
	{"january", 1},   {"february", 2},  {"march", 3},     {"april", 4},      {"may", 5},
	{"june", 6},      {"july", 7},      {"august", 8},    {"september", 9},  {"october", 10},
	{"november", 11}, {"december", 12}, {"janvier", 1},   {"f\xc3\xa9vrier", 2},
	{"fevrier", 2},   {"mars", 3},      {"avril", 4},     {"mai", 5},        {"juin", 6},
	{"juillet", 7},   {"ao\xc3\xbbt", 8}, {"aout", 8},  {"septembre", 9},  {"octobre", 10},
	{"novembre", 11}, {"d\xc3\xa9" "cembre", 12}, {"decembre", 12},       {"januar", 1},
	{"februar", 2},   {"m\xc3\xa4rz", 3}, {"maerz", 3}, {"juni", 6},       {"juli", 7},
	{"oktober", 10},  {"dezember", 12}, {"enero", 1},     {"febrero", 2},    {"marzo", 3},
	{"abril", 4},     {"mayo", 5},      {"junio", 6},     {"julio", 7},      {"agosto", 8},
	{"septiembre", 9}, {"setiembre", 9}, {"octubre", 10}, {"noviembre", 11}, {"diciembre", 12},
	{"gennaio", 1},   {"febbraio", 2},  {"aprile", 4},    {"maggio", 5},     {"giugno", 6},
	{"luglio", 7},    {"settembre", 9}, {"ottobre", 10},  {"dicembre", 12},  {"janeiro", 1},
	{"fevereiro", 2}, {"mar\xc3\xa7o", 3}, {"maio", 5}, {"junho", 6},      {"julho", 7},
	{"setembro", 9},  {"outubro", 10},  {"novembro", 11}, {"dezembro", 12},  {"januari", 1},
	{"februari", 2},  {"maart", 3},     {"mei", 5},       {"augustus", 8},
};

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Letters of words: ASCII letters and the bytes of non-ASCII characters, so that "f\xc3\xa9vrier"
 * is one word. The CJK date marks are matched before this is asked. */
static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (unsigned char)c >= 0x80;
}

static int days_in_month(int year, int month)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : days[month - 1];
}

static int valid_ymd(int y, int m, int d)
{
	return y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

/* Tomorrow in UTC as YYYYMMDD: a date after it is in the future wherever the reader is. */
static long latest_plausible_date(void)
{
	time_t now = time(NULL) + 24 * 3600;
	struct tm tm;

	gmtime_r(&now, &tm);
	return (long)(tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

static long token_number(const struct token *t)
{
	long n = 0;

	if (t->kind != TOK_NUM || t->len > 4)
		return -1;
	for (size_t i = 0; i < t->len; i++)
		n = n * 10 + (t->start[i] - '0');
	return n;
}

/* A month name, or an abbreviation of at least three letters ("Sept", "Nov", "d\xc3\xa9" "c"); 0
 * if none. Full short names ("mai", "mei") count whole. */
static int token_month(const struct token *t)
{
	if (t->kind != TOK_WORD || t->len < 3 || t->len > 12)
		return 0;
	for (size_t m = 0; m < sizeof month_names / sizeof month_names[0]; m++) {
		size_t full = strlen(month_names[m].name);

		if (t->len <= full &&
		    tolower((unsigned char)month_names[m].name[0]) ==
			    tolower((unsigned char)t->start[0]) &&
		    strncasecmp(t->start, month_names[m].name, t->len) == 0)
			return month_names[m].month;
	}
	return 0;
}

static int is_ordinal_suffix(const struct token *t)
{
	static const char *const suffixes[] = {"st", "nd", "rd", "th"};

	if (t->kind != TOK_WORD || t->len != 2)
		return 0;
	for (size_t i = 0; i < 4; i++)
		if (strncasecmp(t->start, suffixes[i], 2) == 0)
			return 1;
	return 0;
}

static int is_date_mark(const char *p)
{
	return strncmp(p, "\xe5\xb9\xb4", 3) == 0 || strncmp(p, "\xe6\x9c\x88", 3) == 0 ||
	       strncmp(p, "\xe6\x97\xa5", 3) == 0;
}

/* "de" and "del" in Spanish and Portuguese dates: "14 de marzo de 2021". */
static int is_connector(const struct token *t)
{
	return t->kind == TOK_WORD && ((t->len == 2 && strncasecmp(t->start, "de", 2) == 0) ||
				       (t->len == 3 && strncasecmp(t->start, "del", 3) == 0));
}

static size_t tokenise(const char *text, struct token *toks, size_t max)
{
	size_t n = 0;
	const char *p = text;
	char sep = 0;

	while (*p && n < max) {
		struct token *t = &toks[n];

		if (is_date_mark(p)) {
			/* 年 (year), 月 (month), 日 (day) */
			t->kind = p[1] == '\xb9' ? TOK_YEAR_MARK
				  : p[1] == '\x9c' ? TOK_MONTH_MARK
						   : TOK_DAY_MARK;
			t->start = p;
			t->len = 3;
			p += 3;
		} else if (is_digit(*p) || is_alpha(*p)) {
			int digit = is_digit(*p);
			const char *s = p;

			while (*p && !is_date_mark(p) && (digit ? is_digit(*p) : is_alpha(*p)))
				p++;
			t->kind = digit ? TOK_NUM : TOK_WORD;
			t->start = s;
			t->len = (size_t)(p - s);
		} else {
			if (*p == '-' || *p == '/' || *p == '.' || *p == ',')
				sep = *p;
			else if (!sep)
				sep = ' ';
			p++;
			continue;
		}
		t->sep = sep;
		sep = 0;
		n++;
	}
	return n;
}

/* Write Y-M-D (already validated) as "YYYY-MM-DD" or, without DASHES, "YYYYMMDD". */
static void format_ymd(int y, int m, int d, char *out, int dashes)
{
	char *p = out;

	*p++ = (char)('0' + y / 1000);
	*p++ = (char)('0' + y / 100 % 10);
	*p++ = (char)('0' + y / 10 % 10);
	*p++ = (char)('0' + y % 10);
	if (dashes)
		*p++ = '-';
	*p++ = (char)('0' + m / 10);
	*p++ = (char)('0' + m % 10);
	if (dashes)
		*p++ = '-';
	*p++ = (char)('0' + d / 10);
	*p++ = (char)('0' + d % 10);
	*p = '\0';
}

static int emit(int y, int m, int d, char out[11])
{
	if (!valid_ymd(y, m, d))
		return 0;
	if ((long)y * 10000 + m * 100 + d > latest_plausible_date())
		return 0;
	format_ymd(y, m, d, out, 1);
	return 1;
}

/* Try each notation at token I; returns 1 and fills OUT on a match. */
static int match_at(const struct token *t, size_t i, size_t n, char out[11])
{
	long a = token_number(&t[i]);
	int month;

	/* 2015-05-21, 2015/5/21, 2015.05.21 */
	if (i + 2 < n && t[i].len == 4 && a > 0 && t[i + 1].kind == TOK_NUM &&
	    t[i + 2].kind == TOK_NUM && t[i + 1].len <= 2 && t[i + 2].len <= 2 &&
	    (t[i + 1].sep == '-' || t[i + 1].sep == '/' || t[i + 1].sep == '.') &&
	    t[i + 2].sep == t[i + 1].sep)
		return emit((int)a, (int)token_number(&t[i + 1]), (int)token_number(&t[i + 2]),
			    out);

	/* 21.05.2015, the European numeric order (dots only: slashes are ambiguous) */
	if (i + 2 < n && t[i].len <= 2 && t[i + 1].kind == TOK_NUM && t[i + 1].len <= 2 &&
	    t[i + 2].kind == TOK_NUM && t[i + 2].len == 4 && t[i + 1].sep == '.' &&
	    t[i + 2].sep == '.')
		return emit((int)token_number(&t[i + 2]), (int)token_number(&t[i + 1]), (int)a,
			    out);

	/* 2015年5月21日 */
	if (i + 4 < n && t[i].len == 4 && a > 0 && t[i + 1].kind == TOK_YEAR_MARK &&
	    t[i + 2].kind == TOK_NUM && t[i + 3].kind == TOK_MONTH_MARK &&
	    t[i + 4].kind == TOK_NUM && (i + 5 >= n || t[i + 5].kind == TOK_DAY_MARK))
		return emit((int)a, (int)token_number(&t[i + 2]), (int)token_number(&t[i + 4]),
			    out);

	/* May 21, 2015 / May 21st 2015 */
	/* (the month's name is looked up last: this runs at every token of every text) */
	if (i + 2 < n && t[i + 1].kind == TOK_NUM && t[i + 1].len <= 2 &&
	    (month = token_month(&t[i]))) {
		size_t y = i + 2;

		if (is_ordinal_suffix(&t[y]) && t[y].sep == 0)
			y++;
		if (y < n && t[y].kind == TOK_NUM && t[y].len == 4)
			return emit((int)token_number(&t[y]), month, (int)token_number(&t[i + 1]),
				    out);
	}

	/* 21 May 2015 / 21st May, 2015 */
	if (t[i].kind == TOK_NUM && t[i].len <= 2) {
		size_t m = i + 1;

		if (m < n && is_ordinal_suffix(&t[m]) && t[m].sep == 0)
			m++;
		if (m < n && is_connector(&t[m]))
			m++;
		if (m < n && (month = token_month(&t[m]))) {
			size_t y = m + 1;

			if (y < n && is_connector(&t[y]))
				y++;
			if (y < n && t[y].kind == TOK_NUM && t[y].len == 4)
				return emit((int)token_number(&t[y]), month, (int)a, out);
		}
	}
	return 0;
}

int pdx_date_find(const char *text, char out[11])
{
	struct token toks[MAX_TOKENS];
	size_t n;

	if (!text)
		return 0;
	n = tokenise(text, toks, MAX_TOKENS);
	for (size_t i = 0; i < n; i++)
		if (match_at(toks, i, n, out))
			return 1;
	return 0;
}

static int parse_digits(const char *s, size_t len, int *out)
{
	int n = 0;

	if (len == 0)
		return 0;
	for (size_t i = 0; i < len; i++) {
		if (!is_digit(s[i]))
			return 0;
		n = n * 10 + (s[i] - '0');
	}
	*out = n;
	return 1;
}

int pdx_date_bound(const char *s, size_t len, int upper, char out[9])
{
	int y, m = 0, d = 0;

	if (len == 8 && parse_digits(s, 8, &y)) {
		d = y % 100;
		m = y / 100 % 100;
		y /= 10000;
	} else if (len >= 4 && parse_digits(s, 4, &y)) {
		if (len == 7 && s[4] == '-' && parse_digits(s + 5, 2, &m)) {
			/* year and month */
		} else if (len == 10 && s[4] == '-' && s[7] == '-' && parse_digits(s + 5, 2, &m) &&
			   parse_digits(s + 8, 2, &d)) {
			/* full date */
		} else if (len != 4) {
			return 0;
		}
	} else {
		return 0;
	}
	if (m == 0)
		m = upper ? 12 : 1;
	if (m < 1 || m > 12 || y < 1000)
		return 0;
	if (d == 0)
		d = upper ? days_in_month(y, m) : 1;
	if (!valid_ymd(y, m, d))
		return 0;
	format_ymd(y, m, d, out, 0);
	return 1;
}
