/* capture.c: the entries of slot PDX_SLOT_CAPTURES. */
#include "config.h"

#include "lib/capture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "lib/schema.h"
#include "util/term.h"

static void add_field(pdx_buf *b, const char *s)
{
	for (; s && *s; s++)
		pdx_buf_addc(b, *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

char *pdx_capture_entry(const char *date, int revisit, unsigned long long hash, const char *file,
			const char *member, unsigned long long offset, const char *record_id,
			const char *format, const char *refers_to)
{
	pdx_buf b = PDX_BUF_INIT;

	add_field(&b, date);
	pdx_buf_adds(&b, revisit ? "\tr\t" : "\tc\t");
	if (!revisit || record_id)
		pdx_buf_addf(&b, "%016llx", hash);
	pdx_buf_addc(&b, '\t');
	add_field(&b, file);
	pdx_buf_addc(&b, '\t');
	add_field(&b, member);
	pdx_buf_addf(&b, "\t%llu\t", offset);
	add_field(&b, record_id);
	pdx_buf_addc(&b, '\t');
	add_field(&b, format);
	pdx_buf_addc(&b, '\t');
	add_field(&b, refers_to);
	return pdx_buf_detach(&b);
}

int pdx_capture_split(const char *entry, size_t len, struct pdx_capture_fields *out)
{
	const char *p = entry, *end = entry + len;

	for (int i = 0; i < PDX_CAP_N_FIELDS; i++) {
		const char *tab = memchr(p, '\t', (size_t)(end - p));

		if (!tab && i < PDX_CAP_N_FIELDS - 1)
			return -1;
		out->value[i] = p;
		out->len[i] = (size_t)((tab ? tab : end) - p);
		p = tab ? tab + 1 : end;
	}
	return 0;
}

size_t pdx_capture_key_len(const char *entry, size_t len)
{
	size_t tabs = 0;

	for (size_t i = 0; i < len; i++)
		if (entry[i] == '\t' && ++tabs == 3)
			return i;
	return len;
}

void pdx_capture_iso(const char *t, char out[21])
{
	snprintf(out, 21, "%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", t, t + 4, t + 6, t + 8, t + 10, t + 12);
}

int pdx_capture_terms(const char *entry, size_t len, char *terms[4])
{
	struct pdx_capture_fields f;
	char day[9], *file;

	if (pdx_capture_split(entry, len, &f) < 0 || f.len[PDX_CAP_DATE] != 14)
		return -1;
	memcpy(day, f.value[PDX_CAP_DATE], 8);
	day[8] = '\0';
	file = pdx_strndup(f.value[PDX_CAP_FILE], f.len[PDX_CAP_FILE]);
	terms[0] = pdx_term_make(PDX_PREFIX_CAPTURE_DAY, day);
	day[6] = '\0';
	terms[1] = pdx_term_make(PDX_PREFIX_CAPTURE_MONTH, day);
	day[4] = '\0';
	terms[2] = pdx_term_make(PDX_PREFIX_CAPTURE_YEAR, day);
	terms[3] = file ? pdx_term_make(PDX_PREFIX_ARCHIVE, file) : NULL;
	free(file);
	if (!terms[0] || !terms[1] || !terms[2] || !terms[3]) {
		for (int i = 0; i < 4; i++)
			free(terms[i]);
		return -1;
	}
	return 4;
}
