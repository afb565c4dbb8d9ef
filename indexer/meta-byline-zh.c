/* meta-byline-zh.c: the reporters' lines of Chinese news ("光明日报记者 王建宏 张文攀",
 * "河南商报记者马俊峰/文", "记者 刘洋 通讯员 陈明"): a role word, then names of two to four
 * characters apart by spaces or by another role word, up to the line's end or a slash. */
#include "config.h"

#include <string.h>
#include <utf8proc.h>

#include "indexer/metadata-internal.h"
#include "util/array.h"

/* The words that say who wrote or reported a Chinese news story, and stand before names. */
static const char *const role_words[] = {
	"\xe8\xae\xb0\xe8\x80\x85",                         /* 记者 */
	"\xe8\xa8\x98\xe8\x80\x85",                         /* 記者 */
	"\xe9\x80\x9a\xe8\xae\xaf\xe5\x91\x98",             /* 通讯员 */
	"\xe9\x80\x9a\xe8\xa8\x8a\xe5\x93\xa1",             /* 通訊員 */
	"\xe5\xae\x9e\xe4\xb9\xa0\xe7\x94\x9f",             /* 实习生 */
	"\xe5\xaf\xa6\xe7\xbf\x92\xe7\x94\x9f",             /* 實習生 */
};

/* The length of the role word at P, or 0. */
static size_t role_word_at(const char *p)
{
	for (size_t i = 0; i < PDX_COUNT(role_words); i++)
		if (strncmp(p, role_words[i], strlen(role_words[i])) == 0)
			return strlen(role_words[i]);
	return 0;
}

/* The length of the Han character at P (3 or 4 bytes), or 0. */
static size_t han_at(const char *p)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)p, -1, &cp);

	if (n < 3)
		return 0;
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
			       (cp >= 0x20000 && cp <= 0x2A6DF)
		       ? (size_t)n
		       : 0;
}

/* Read the names after a role word, from P, into A. Returns how many, or -1 when memory ran
 * out; 0 when what follows is no list of names (a sentence: "记者了解到"). */
static int read_names(polidex_article_t *a, const char *p)
{
	const char *names[8];
	size_t lens[8], n = 0;
	int rc = 0;

	for (;;) {
		size_t chars = 0, len = 0, r;

		while (*p == ' ' || strncmp(p, "\xef\xbc\x9a", 3) == 0 || *p == ':')
			p += *p == ' ' || *p == ':' ? 1 : 3;
		if ((r = role_word_at(p)) != 0) {
			p += r;
			continue;
		}
		while (han_at(p + len) && chars < 5)
			len += han_at(p + len), chars++;
		if (chars == 0)
			break;
		if (chars < 2 || chars > 4 || n == PDX_COUNT(names))
			return 0; /* a word or a sentence, not a name */
		names[n] = p;
		lens[n++] = len;
		p += len;
		if (*p != ' ' && !role_word_at(p))
			break;
	}
	/* The names end the line, or a slash does ("/文": the text is theirs). */
	if (n == 0 || !(*p == '\0' || *p == '/' || strncmp(p, "\xef\xbc\x8f", 3) == 0))
		return 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		char name[64];

		if (lens[i] >= sizeof name)
			continue;
		memcpy(name, names[i], lens[i]);
		name[lens[i]] = '\0';
		rc = pdx_article_add_author(a, name, NULL);
	}
	return rc < 0 ? -1 : (int)n;
}

int pdx_zh_reporter_byline(polidex_article_t *a, const char *line)
{
	for (const char *p = line; *p; p++) {
		size_t r = role_word_at(p);
		int got;

		if (!r)
			continue;
		got = read_names(a, p + r);
		if (got != 0)
			return got < 0 ? -1 : 0;
	}
	return 0;
}
