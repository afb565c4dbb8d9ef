/* meta-language.c: the language a page declares, as the tag polidex stores. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "indexer/html.h"
#include "indexer/metadata.h"
#include "indexer/metadata-internal.h"
#include "util/array.h"

int pdx_language_normalise(const char *tag, char *out, size_t out_len)
{
	char primary[9], rest[32];
	size_t n = 0, m = 0;
	const char *p = tag;

	if (!tag || out_len < 8)
		return 0;
	while (*p == ' ')
		p++;
	while (isalpha((unsigned char)*p) && n < 8)
		primary[n++] = (char)tolower((unsigned char)*p++);
	primary[n] = '\0';
	if (n < 2 || n > 3 || (*p && *p != '-' && *p != '_' && *p != ' ' && *p != ';' &&
			       *p != ','))
		return 0;
	if (strcmp(primary, "und") == 0)
		return 0;
	if (*p == '-' || *p == '_')
		p++;
	while ((isalnum((unsigned char)*p) || *p == '-' || *p == '_') && m + 1 < sizeof rest) {
		rest[m++] = (char)(*p == '_' ? '-' : tolower((unsigned char)*p));
		p++;
	}
	rest[m] = '\0';
	if (strcmp(primary, "zh") == 0 || strcmp(primary, "zho") == 0 ||
	    strcmp(primary, "chi") == 0) {
		if (strstr(rest, "hant") || strncmp(rest, "tw", 2) == 0 ||
		    strncmp(rest, "hk", 2) == 0 || strncmp(rest, "mo", 2) == 0)
			snprintf(out, out_len, "zh-Hant");
		else if (strstr(rest, "hans") || strncmp(rest, "cn", 2) == 0 ||
			 strncmp(rest, "sg", 2) == 0 || strncmp(rest, "my", 2) == 0)
			snprintf(out, out_len, "zh-Hans");
		else
			snprintf(out, out_len, "zh");
		return 1;
	}
	snprintf(out, out_len, "%s", primary);
	return 1;
}

/* The first declaration that is a language tag: the page's own, then its metadata's. */
int pdx_meta_language(polidex_article_t *a, const struct pdx_page *pg)
{
	const char *candidates[] = {
		pdx_html_attr(pg->root, "lang"),
		pdx_html_attr(pg->root, "xml:lang"),
		pdx_meta_get(pg, "content-language"),
		pdx_meta_get(pg, "language"),
		pdx_meta_get(pg, "dc.language"),
		pdx_meta_get(pg, "dcterms.language"),
		pdx_meta_get(pg, "citation_language"),
		pdx_meta_get(pg, "og:locale"),
		pdx_ld_get(pg, "inLanguage"),
	};
	char tag[16];

	for (size_t i = 0; i < PDX_COUNT(candidates); i++)
		if (candidates[i] && pdx_language_normalise(candidates[i], tag, sizeof tag))
			return pdx_article_set(&a->language, tag);
	return 0;
}
