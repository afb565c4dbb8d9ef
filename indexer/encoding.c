/* encoding.c: finding a page's character encoding and converting it to UTF-8 with iconv. */
#include "config.h"

#include "indexer/encoding.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/array.h"
#include "util/buf.h"
#include "stemmers/stemmers.h"

/* How far into a page its <meta> charset is looked for. */
#define PRESCAN_BYTES 4096

static const char replacement_char[] = "\xef\xbf\xbd";

/* Encoding labels as pages write them, mapped to the iconv encoding that decodes them. As
 * browsers do (the WHATWG Encoding Standard), the legacy labels name their supersets: GB2312
 * and GBK pages are decoded as GB18030, Big5 as Big5-HKSCS, ISO-8859-1 and ASCII as
 * windows-1252. */
static const struct {
	const char *label;
	const char *iconv_name;
} labels[] = {
	{"utf-8", "UTF-8"},          {"utf8", "UTF-8"},            {"unicode-1-1-utf-8", "UTF-8"},
	{"gb2312", "GB18030"},       {"gbk", "GB18030"},           {"gb18030", "GB18030"},
	{"x-gbk", "GB18030"},        {"chinese", "GB18030"},       {"csgb2312", "GB18030"},
	{"gb_2312-80", "GB18030"},   {"gb_2312", "GB18030"},       {"euc-cn", "GB18030"},
	{"cp936", "GB18030"},        {"big5", "BIG5-HKSCS"},       {"big5-hkscs", "BIG5-HKSCS"},
	{"cn-big5", "BIG5-HKSCS"},   {"x-x-big5", "BIG5-HKSCS"},   {"csbig5", "BIG5-HKSCS"},
	{"iso-8859-1", "WINDOWS-1252"}, {"latin1", "WINDOWS-1252"}, {"l1", "WINDOWS-1252"},
	{"us-ascii", "WINDOWS-1252"}, {"ascii", "WINDOWS-1252"},   {"windows-1252", "WINDOWS-1252"},
	{"cp1252", "WINDOWS-1252"},  {"x-cp1252", "WINDOWS-1252"}, {"shift_jis", "CP932"},
	{"shift-jis", "CP932"},      {"sjis", "CP932"},            {"x-sjis", "CP932"},
	{"windows-31j", "CP932"},    {"ms_kanji", "CP932"},        {"euc-jp", "EUC-JP"},
	{"iso-2022-jp", "ISO-2022-JP"}, {"euc-kr", "CP949"},       {"ks_c_5601-1987", "CP949"},
	{"windows-949", "CP949"},    {"koi8-r", "KOI8-R"},         {"koi8-u", "KOI8-U"},
	{"windows-1251", "WINDOWS-1251"}, {"cp1251", "WINDOWS-1251"},
	{"windows-1250", "WINDOWS-1250"}, {"windows-1253", "WINDOWS-1253"},
	{"windows-1254", "WINDOWS-1254"}, {"windows-1255", "WINDOWS-1255"},
	{"windows-1256", "WINDOWS-1256"}, {"windows-1257", "WINDOWS-1257"},
	{"windows-1258", "WINDOWS-1258"}, {"tis-620", "CP874"},    {"windows-874", "CP874"},
};

/* Common characters written alike in Simplified and Traditional Chinese: text decoded with
 * the right encoding is full of them, text decoded with the wrong one hardly ever. */
static const char common_hanzi[] =
	"的一是不了在人有我他中大上以要就出也你生能而子那得自之年作用道行所然家事成方多去法如都"
	"同天分好小其主理心本前但因只想日者意力它十民第公此已工使情明性知全三又外高由很最重物手"
	"向文政美相被利二等或新己制身果加西月合回特代信表化老世位次度任常先海原提立及比名真各入"
	"口平更";

const char *pdx_encoding_from_label(const char *label, size_t len)
{
	char name[40];
	size_t n = 0;

	while (len && isspace((unsigned char)*label)) {
		label++;
		len--;
	}
	while (len && isspace((unsigned char)label[len - 1]))
		len--;
	if (len == 0 || len >= sizeof name)
		return NULL;
	for (; n < len; n++)
		name[n] = (char)tolower((unsigned char)label[n]);
	name[n] = '\0';
	for (size_t i = 0; i < PDX_COUNT(labels); i++)
		if (strcmp(name, labels[i].label) == 0)
			return labels[i].iconv_name;
	if (strncmp(name, "iso-8859-", 9) == 0 || strncmp(name, "windows-", 8) == 0) {
		static const char *const known[] = {"ISO-8859-2", "ISO-8859-3", "ISO-8859-4",
						    "ISO-8859-5", "ISO-8859-6", "ISO-8859-7",
						    "ISO-8859-8", "ISO-8859-9", "ISO-8859-10",
						    "ISO-8859-13", "ISO-8859-14", "ISO-8859-15",
						    "ISO-8859-16"};

		for (size_t i = 0; i < PDX_COUNT(known); i++)
			if (strcasecmp(name, known[i]) == 0)
				return known[i];
	}
	/* UTF-16 declared inside a page that is readable as ASCII cannot be true. */
	if (strncmp(name, "utf-16", 6) == 0)
		return "UTF-8";
	return NULL;
}

/* The charset=VALUE in S (up to END), or NULL; *LEN gets the value's length. */
static const char *find_charset_value(const char *s, const char *end, size_t *len)
{
	for (const char *p = s; p + 7 <= end; p++) {
		const char *v;

		if (strncasecmp(p, "charset", 7) != 0)
			continue;
		v = p + 7;
		while (v < end && isspace((unsigned char)*v))
			v++;
		if (v >= end || *v != '=')
			continue;
		v++;
		while (v < end && (isspace((unsigned char)*v) || *v == '"' || *v == '\''))
			v++;
		*len = 0;
		while (v + *len < end && (isalnum((unsigned char)v[*len]) || v[*len] == '-' ||
					  v[*len] == '_' || v[*len] == '.' || v[*len] == ':'))
			(*len)++;
		if (*len)
			return v;
	}
	return NULL;
}

/* The encoding a page declares in a <meta> tag or an XML declaration near its start. */
static const char *declared_encoding(const char *data, size_t len)
{
	size_t n = len < PRESCAN_BYTES ? len : PRESCAN_BYTES;
	const char *end = data + n;

	for (const char *p = data; p + 5 < end; p++) {
		const char *close, *value;
		size_t vlen;

		if (*p != '<')
			continue;
		if (strncasecmp(p + 1, "meta", 4) == 0 && !isalnum((unsigned char)p[5])) {
			close = memchr(p, '>', (size_t)(end - p));
			if (!close)
				break;
			value = find_charset_value(p, close, &vlen);
			if (value) {
				const char *enc = pdx_encoding_from_label(value, vlen);

				if (enc)
					return enc;
			}
			p = close;
		} else if (strncmp(p + 1, "?xml", 4) == 0) {
			close = memchr(p, '>', (size_t)(end - p));
			if (!close)
				break;
			for (const char *q = p; q + 8 < close; q++) {
				if (strncmp(q, "encoding", 8) != 0)
					continue;
				q += 8;
				while (q < close &&
				       (*q == '=' || *q == ' ' || *q == '"' || *q == '\''))
					q++;
				vlen = strcspn(q, "\"' ?>");
				if (q + vlen <= close) {
					const char *enc = pdx_encoding_from_label(q, vlen);

					if (enc)
						return enc;
				}
				break;
			}
			p = close;
		}
	}
	return NULL;
}

/* Count the valid multi-byte UTF-8 sequences of DATA and the bytes that are not UTF-8. A
 * sequence cut off at the very end (a truncated download) is not counted as invalid. */
static void utf8_stats(const unsigned char *s, size_t len, size_t *valid, size_t *invalid)
{
	size_t i = 0;

	*valid = *invalid = 0;
	while (i < len) {
		long n = pdx_utf8_sequence(s + i, len - i);

		if (n < 0)
			return;
		if (n == 0) {
			(*invalid)++;
			i++;
		} else {
			if (n > 1)
				(*valid)++;
			i += (size_t)n;
		}
	}
}

/* Whether the LEN bytes of DATA end inside a UTF-8 sequence (a truncated download). */
static int cut_short(const char *data, size_t len)
{
	for (size_t back = 1; back <= 4 && back <= len; back++) {
		const unsigned char *s = (const unsigned char *)data + len - back;

		if ((*s & 0xC0) != 0x80)
			return pdx_utf8_sequence(s, back) < 0;
	}
	return 0;
}

/* Convert with iconv, replacing each byte it cannot decode by U+FFFD. *ERRORS counts them.
 * Returns NULL when memory runs out or iconv does not know ENCODING. */
static char *convert(const char *data, size_t len, const char *encoding, size_t *out_len,
		     size_t *errors)
{
	iconv_t cd = iconv_open("UTF-8", encoding);
	pdx_buf out = PDX_BUF_INIT;
	char chunk[16384];
	char *in = (char *)data;
	size_t in_left = len;

	*errors = 0;
	if (cd == (iconv_t)-1)
		return NULL;
	while (in_left > 0) {
		char *o = chunk;
		size_t o_left = sizeof chunk;
		size_t r = iconv(cd, &in, &in_left, &o, &o_left);

		pdx_buf_add(&out, chunk, sizeof chunk - o_left);
		if (r == (size_t)-1) {
			if (errno == E2BIG)
				continue;
			/* EILSEQ or EINVAL (cut off at the end): skip a byte, mark the loss. */
			pdx_buf_add(&out, replacement_char, 3);
			(*errors)++;
			in++;
			in_left--;
			iconv(cd, NULL, NULL, NULL, NULL);
		}
	}
	iconv_close(cd);
	if (out.oom) {
		pdx_buf_release(&out);
		return NULL;
	}
	*out_len = out.len;
	return pdx_buf_detach(&out);
}

/* How many of the characters of UTF-8 TEXT are common Chinese characters. */
static size_t count_common_hanzi(const char *text, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i + 3 <= len; i++) {
		if (((unsigned char)text[i] & 0xf0) != 0xe0)
			continue;
		for (size_t k = 0; k + 3 <= sizeof common_hanzi - 1; k += 3)
			if (memcmp(text + i, common_hanzi + k, 3) == 0) {
				n++;
				break;
			}
		i += 2;
	}
	return n;
}

/* An undeclared page that is not UTF-8: Chinese in GB18030 or Big5 when it decodes cleanly
 * and reads like Chinese, else windows-1252, the web's usual legacy encoding. */
static const char *guess_legacy_encoding(const char *data, size_t len)
{
	static const char *const cjk[] = {"GB18030", "BIG5-HKSCS"};
	size_t sample = len < 65536 ? len : 65536;
	const char *best = "WINDOWS-1252";
	size_t best_common = 0;

	for (size_t i = 0; i < 2; i++) {
		size_t out_len, errors, common;
		char *text = convert(data, sample, cjk[i], &out_len, &errors);

		if (!text)
			continue;
		common = count_common_hanzi(text, out_len);
		free(text);
		if (errors * 100 <= sample && common >= 8 && common > best_common) {
			best = cjk[i];
			best_common = common;
		}
	}
	return best;
}

/* The encoding the byte order mark at the start of *DATA (*LEN bytes) names, the mark
 * skipped; NULL when there is none. */
static const char *skip_byte_order_mark(const char **data, size_t *len)
{
	static const struct {
		const char *mark;
		size_t len;
		const char *encoding;
	} marks[] = {
		{"\xef\xbb\xbf", 3, "UTF-8"},
		{"\xff\xfe", 2, "UTF-16LE"},
		{"\xfe\xff", 2, "UTF-16BE"},
	};

	for (size_t i = 0; i < PDX_COUNT(marks); i++) {
		if (*len >= marks[i].len && memcmp(*data, marks[i].mark, marks[i].len) == 0) {
			*data += marks[i].len;
			*len -= marks[i].len;
			return marks[i].encoding;
		}
	}
	return NULL;
}

/* The encoding of a page without a byte order mark: the one declared (by the transport, else
 * the page), unless the page is plainly UTF-8; else UTF-8 or a legacy encoding by the bytes.
 * *INVALID gets the count of bytes that are not UTF-8. */
static const char *choose_encoding(const char *data, size_t len, const char *transport,
				   size_t *invalid)
{
	const char *declared =
		transport ? pdx_encoding_from_label(transport, strlen(transport)) : NULL;
	size_t valid;

	if (!declared)
		declared = declared_encoding(data, len);
	utf8_stats((const unsigned char *)data, len, &valid, invalid);
	if (declared && strcmp(declared, "UTF-8") != 0 && valid > 0 && *invalid == 0)
		/* A page that is valid UTF-8 with non-ASCII text was saved as UTF-8, whatever its
		 * head says: legacy encodings almost never look like it. */
		return "UTF-8";
	if (declared)
		return declared;
	if (*invalid == 0 || valid >= *invalid)
		/* UTF-8, perhaps with a few damaged bytes. */
		return "UTF-8";
	return guess_legacy_encoding(data, len);
}

/* Remove the NUL bytes of TEXT (*LEN bytes), which would cut it short in every string
 * function after this. */
static void drop_nul_bytes(char *text, size_t *len)
{
	size_t w = 0;

	for (size_t r = 0; r < *len; r++)
		if (text[r])
			text[w++] = text[r];
	text[w] = '\0';
	*len = w;
}

char *pdx_decode_page(const char *data, size_t len, const char *transport, size_t *out_len,
		      const char **used)
{
	size_t errors, invalid = 1;
	const char *encoding = skip_byte_order_mark(&data, &len);
	char *text;

	if (!encoding)
		encoding = choose_encoding(data, len, transport, &invalid);
	*used = encoding;
	if (strcmp(encoding, "UTF-8") == 0) {
		/* Valid UTF-8 without NUL bytes, the usual case, needs only a copy; a page cut off
		 * inside a character is sanitised. */
		if (invalid == 0 && !memchr(data, 0, len) && !cut_short(data, len)) {
			char *copy = malloc(len + 1);

			if (!copy)
				return NULL;
			memcpy(copy, data, len);
			copy[len] = '\0';
			*out_len = len;
			return copy;
		}
		return pdx_utf8_sanitise(data, len, out_len);
	}
	text = convert(data, len, encoding, out_len, &errors);
	if (!text && errno != ENOMEM) {
		/* iconv lacks it: read as UTF-8 and replace what is not. */
		*used = "UTF-8";
		return pdx_utf8_sanitise(data, len, out_len);
	}
	if (text)
		drop_nul_bytes(text, out_len);
	return text;
}
