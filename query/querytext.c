/* querytext.c: normalising a query string without breaking its operators. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "stemmers/stemmers.h"
#include "query/query-internal.h"

static const char *const operators[] = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};

static int is_operator(const char *s, size_t len)
{
	for (size_t i = 0; i < sizeof operators / sizeof operators[0]; i++)
		if (strlen(operators[i]) == len && memcmp(s, operators[i], len) == 0)
			return 1;
	return 0;
}

/* A byte that ends a word: ASCII space, punctuation of the query syntax, or a NUL. */
static int is_break(unsigned char c)
{
	return c <= ' ' || c == '"' || c == '(' || c == ')' || c == '/';
}

/* Add the word of LEN bytes at WORD to OUT, normalised and quoted. Returns 0, or -1 when
 * memory ran out. */
static int exact_word(pdx_buf *out, const char *word, size_t len)
{
	size_t norm_len;
	char *norm = pdx_normalise(word, len, &norm_len);

	if (!norm)
		return -1;
	pdx_buf_addc(out, '"');
	pdx_buf_add(out, norm, norm_len);
	pdx_buf_addc(out, '"');
	free(norm);
	return 0;
}

char *pdx_query_normalise_capitals(const char *text, int keep_capitals)
{
	pdx_buf out = PDX_BUF_INIT;
	const char *p = text;
	/* 1: the next word is a field's value; 2: inside a field's quoted value */
	int value = 0, quoted = 0;

	pdx_buf_add(&out, "", 0);
	while (*p) {
		const char *colon;
		size_t n = 0;

		if (is_break((unsigned char)*p)) {
			if (*p == '"') {
				value = value == 1 ? 2 : 0;
				quoted = !quoted;
			} else if (value == 1) {
				value = 0;
			}
			pdx_buf_addc(&out, *p++);
			continue;
		}
		while (p[n] && !is_break((unsigned char)p[n]))
			n++;
		/* ="words" and =word are words as written: a quoted word is never stemmed. A
		 * field keeps its name: title:=word. */
		colon = memchr(p, ':', n);
		if (!value && !quoted && n > 2 && colon && colon[1] == '=') {
			size_t field = (size_t)(colon - p) + 1;
			char *norm = pdx_normalise(p, field, NULL);

			if (!norm) {
				pdx_buf_release(&out);
				return NULL;
			}
			pdx_buf_adds(&out, norm);
			free(norm);
			p += field;
			n -= field;
		}
		if (p[0] == '=' && !value && !quoted) {
			if (n == 1 && p[1] == '"') {
				p++;
				continue;
			}
			if (n > 1 && exact_word(&out, p + 1, n - 1) < 0) {
				pdx_buf_release(&out);
				return NULL;
			}
			p += n;
			continue;
		}
		/* NEAR/5 and ADJ/3 keep their operator; everything else is folded. */
		if (is_operator(p, n)) {
			pdx_buf_add(&out, p, n);
		} else {
			size_t len;
			/* A word written with a capital keeps it, outside field values, so that
			 * the parser's STEM_SOME takes it as meant exactly. */
			int capital = keep_capitals && !value && p[0] >= 'A' && p[0] <= 'Z' &&
				      !memchr(p, ':', n);
			char *norm = pdx_normalise(p, n, &len);

			if (norm && capital && norm[0] >= 'a' && norm[0] <= 'z')
				norm[0] = (char)(norm[0] - 'a' + 'A');
			if (n && p[n - 1] == ':')
				value = 1;
			else if (value == 1)
				value = 0;

			if (!norm) {
				pdx_buf_release(&out);
				return NULL;
			}
			pdx_buf_add(&out, norm, len);
			free(norm);
		}
		p += n;
	}
	return pdx_buf_detach(&out);
}

char *pdx_query_normalise(const char *text)
{
	return pdx_query_normalise_capitals(text, 0);
}

/* The position, counted in characters from 1, of byte OFFSET of TEXT. */
static size_t char_position(const char *text, size_t offset)
{
	size_t pos = 1;

	for (size_t i = 0; i < offset; i++)
		if (((unsigned char)text[i] & 0xC0) != 0x80)
			pos++;
	return pos;
}

/* What pdx_query_check() has seen of a query so far. */
struct query_scan {
	size_t depth, open_at[64], quote_at;
	int in_quote, need_operand;
	const char *last_op; /* the last operator, and its length */
	size_t last_op_len;
};

/* Say in MESSAGE that the last operator S saw in TEXT has nothing after it; returns 0. */
static int nothing_after(const char *text, const struct query_scan *s, char *message, size_t size)
{
	snprintf(message, size, "'%.*s' at position %zu has nothing after it", (int)s->last_op_len,
		 s->last_op, char_position(text, (size_t)(s->last_op - text)));
	return 0;
}

/* Whether what S saw of TEXT, now read to its end, is closed: quotes, brackets and operands. */
static int check_closed(const char *text, const struct query_scan *s, char *message, size_t size)
{
	if (s->in_quote) {
		snprintf(message, size, "the '\"' at position %zu is never closed",
			 char_position(text, s->quote_at));
		return 0;
	}
	if (s->depth > 0) {
		size_t n = sizeof s->open_at / sizeof s->open_at[0];
		size_t at = s->depth <= n ? s->open_at[s->depth - 1] : 0;

		snprintf(message, size, "the '(' at position %zu is never closed",
			 char_position(text, at));
		return 0;
	}
	if (s->need_operand)
		return nothing_after(text, s, message, size);
	return 1;
}

int pdx_query_check(const char *text, char *message, size_t size)
{
	struct query_scan s = {0};
	const char *p = text;

	while (*p) {
		size_t n = 0;

		if (*p == '"') {
			s.in_quote = !s.in_quote;
			s.quote_at = (size_t)(p - text);
			s.need_operand = 0;
			p++;
			continue;
		}
		if (s.in_quote || (unsigned char)*p <= ' ' || *p == '/') {
			p++;
			continue;
		}
		if (*p == '(') {
			if (s.depth < sizeof s.open_at / sizeof s.open_at[0])
				s.open_at[s.depth] = (size_t)(p - text);
			s.depth++;
			p++;
			continue;
		}
		if (*p == ')') {
			if (s.depth == 0) {
				snprintf(message, size, "')' at position %zu closes nothing",
					 char_position(text, (size_t)(p - text)));
				return 0;
			}
			if (s.need_operand)
				return nothing_after(text, &s, message, size);
			s.depth--;
			p++;
			continue;
		}
		while (p[n] && !is_break((unsigned char)p[n]))
			n++;
		if (is_operator(p, n)) {
			/* NOT may begin a query or follow another operator; the others may not. */
			if (strncmp(p, "NOT", n) != 0 &&
			    (s.need_operand || p == text ||
			     strspn(text, " \t(") == (size_t)(p - text))) {
				snprintf(message, size,
					 "'%.*s' at position %zu has nothing before it", (int)n, p,
					 char_position(text, (size_t)(p - text)));
				return 0;
			}
			s.need_operand = 1;
			s.last_op = p;
			s.last_op_len = n;
		} else {
			/* field: with nothing after it */
			if (p[n - 1] == ':' && (!p[n] || (unsigned char)p[n] <= ' ')) {
				snprintf(message, size, "'%.*s' at position %zu has no value",
					 (int)n, p, char_position(text, (size_t)(p - text)));
				return 0;
			}
			s.need_operand = 0;
		}
		p += n;
	}
	return check_closed(text, &s, message, size);
}
