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

char *pdx_query_normalise_capitals(const char *text, int keep_capitals)
{
	pdx_buf out = PDX_BUF_INIT;
	const char *p = text;
	/* 1: the next word is a field's value; 2: inside a field's quoted value */
	int value = 0;

	pdx_buf_add(&out, "", 0);
	while (*p) {
		size_t n = 0;

		if (is_break((unsigned char)*p)) {
			if (*p == '"')
				value = value == 1 ? 2 : 0;
			else if (value == 1)
				value = 0;
			pdx_buf_addc(&out, *p++);
			continue;
		}
		while (p[n] && !is_break((unsigned char)p[n]))
			n++;
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

int pdx_query_check(const char *text, char *message, size_t size)
{
	size_t depth = 0, open_at[64], quote_at = 0;
	int in_quote = 0, need_operand = 0;
	const char *p = text, *last_op = NULL;
	size_t last_op_len = 0;

	while (*p) {
		size_t n = 0;

		if (*p == '"') {
			in_quote = !in_quote;
			quote_at = (size_t)(p - text);
			need_operand = 0;
			p++;
			continue;
		}
		if (in_quote || (unsigned char)*p <= ' ' || *p == '/') {
			p++;
			continue;
		}
		if (*p == '(') {
			if (depth < sizeof open_at / sizeof open_at[0])
				open_at[depth] = (size_t)(p - text);
			depth++;
			p++;
			continue;
		}
		if (*p == ')') {
			if (depth == 0) {
				snprintf(message, size, "')' at position %zu closes nothing",
					 char_position(text, (size_t)(p - text)));
				return 0;
			}
			if (need_operand) {
				snprintf(message, size, "'%.*s' at position %zu has nothing after it",
					 (int)last_op_len, last_op,
					 char_position(text, (size_t)(last_op - text)));
				return 0;
			}
			depth--;
			p++;
			continue;
		}
		while (p[n] && !is_break((unsigned char)p[n]))
			n++;
		if (is_operator(p, n) && strncmp(p, "NOT", n) != 0) {
			if (need_operand || p == text ||
			    strspn(text, " \t(") == (size_t)(p - text)) {
				snprintf(message, size, "'%.*s' at position %zu has nothing before it",
					 (int)n, p, char_position(text, (size_t)(p - text)));
				return 0;
			}
			need_operand = 1;
			last_op = p;
			last_op_len = n;
		} else if (is_operator(p, n)) {
			need_operand = 1;
			last_op = p;
			last_op_len = n;
		} else {
			/* field: with nothing after it */
			if (p[n - 1] == ':' && (!p[n] || (unsigned char)p[n] <= ' ')) {
				snprintf(message, size, "'%.*s' at position %zu has no value",
					 (int)n, p, char_position(text, (size_t)(p - text)));
				return 0;
			}
			need_operand = 0;
		}
		p += n;
	}
	if (in_quote) {
		snprintf(message, size, "the '\"' at position %zu is never closed",
			 char_position(text, quote_at));
		return 0;
	}
	if (depth > 0) {
		size_t at = depth <= sizeof open_at / sizeof open_at[0] ? open_at[depth - 1] : 0;

		snprintf(message, size, "the '(' at position %zu is never closed",
			 char_position(text, at));
		return 0;
	}
	if (need_operand) {
		snprintf(message, size, "'%.*s' at position %zu has nothing after it",
			 (int)last_op_len, last_op, char_position(text, (size_t)(last_op - text)));
		return 0;
	}
	return 1;
}
