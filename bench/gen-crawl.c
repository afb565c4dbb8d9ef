/* gen-crawl: write a synthetic think-tank crawl for benchmarks, the same bytes for the same
 * seed. Five site layouts with different metadata (JSON-LD, OpenGraph with a byline,
 * Highwire, Dublin Core, microdata), each page wrapped in menus, related-article boxes and
 * footers; body text drawn from a Zipf-distributed vocabulary of pseudo-words; concept labels
 * of a SKOS thesaurus mentioned at a few per page; 5% Chinese pages (two in five of them in
 * GBK); 1% broken pages (truncated, or binary).
 *
 * Usage: gen-crawl [--seed N] [--thesaurus FILE] [--from DIR] [--warc [--gzip-bodies]
 *                  [--requests]] PAGES OUT
 * OUT is a folder (created; a thousand pages a subfolder) or, with --warc, a .warc.gz file
 * (one gzip member a record); --gzip-bodies sends each body with Content-Encoding: gzip and
 * --requests writes a request record before each response, as browser-based crawlers do.
 * --from DIR takes the pages from the files of DIR (plain or gzipped, in name order, over
 * and over) instead of making them.
 * The thesaurus defaults to $POLIDEX_THESAURUS, else
 * data/thesaurus/polidex-ir.ttl. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <iconv.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "util/array.h"
#include "util/buf.h"

#define VOCABULARY 50000
#define MAX_LABELS 8192

static uint64_t rng_state;

/* xorshift64*: small, fast and the same everywhere. */
static uint64_t next_random(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

static double uniform(void)
{
	return (double)(next_random() >> 11) / 9007199254740992.0;
}

static unsigned below(unsigned n)
{
	return (unsigned)(uniform() * n);
}

static char *words[VOCABULARY];
static double zipf_cdf[VOCABULARY];
static char *labels_en[MAX_LABELS], *labels_zh[MAX_LABELS];
static size_t n_en, n_zh;

/* English function words take the top ranks, as in real text; pseudo-words the rest. */
static const char *const common[] = {
	"the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "as", "with", "by",
	"it", "its", "this", "be", "are", "from", "has", "not", "was", "have", "but", "which",
	"their", "more", "will", "an", "or", "would", "they", "than", "been", "also", "can",
	"states", "policy", "power", "world", "international", "security", "trade", "economic",
	"countries", "government", "global", "foreign", "new", "political", "between", "both"};
static const char *const onsets[] = {"b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p",
				     "r", "s", "t", "v", "w", "st", "tr", "pl", "gr", "ch", "sh"};
static const char *const nuclei[] = {"a", "e", "i", "o", "u", "ai", "ea", "io", "ou"};
static const char *const codas[] = {"", "", "n", "r", "s", "t", "l", "m", "nd", "st", "ct"};
static const char hanzi[] =
	"国际合作发展经济安全政策战略关系中国美国世界和平共赢伙伴地区组织贸易投资金融"
	"基础设施建设开放创新治理体系多边主义平等协商互利改革稳定秩序问题机制对话交流";

static void make_vocabulary(void)
{
	double total = 0;

	for (size_t i = 0; i < VOCABULARY; i++) {
		pdx_buf b = PDX_BUF_INIT;

		if (i < PDX_COUNT(common)) {
			pdx_buf_adds(&b, common[i]);
		} else {
			/* Distinct by construction: the rank is spelled in syllables. */
			for (size_t r = i; r > 0; r /= PDX_COUNT(onsets)) {
				pdx_buf_adds(&b, onsets[r % PDX_COUNT(onsets)]);
				pdx_buf_adds(&b, nuclei[(r / 7) % PDX_COUNT(nuclei)]);
			}
			pdx_buf_adds(&b, codas[i % PDX_COUNT(codas)]);
		}
		words[i] = pdx_buf_detach(&b);
		total += 1.0 / pow((double)(i + 1), 1.07);
		zipf_cdf[i] = total;
	}
	for (size_t i = 0; i < VOCABULARY; i++)
		zipf_cdf[i] /= total;
}

static const char *zipf_word(void)
{
	double u = uniform();
	size_t lo = 0, hi = VOCABULARY - 1;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (zipf_cdf[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return words[lo];
}

/* The English and simplified Chinese labels of the thesaurus FILE (Turtle: every quoted
 * string tagged @en or @zh-Hans on a label line). */
static int load_labels(const char *file)
{
	FILE *f = fopen(file, "r");
	char *line = NULL;
	size_t cap = 0;

	if (!f) {
		fprintf(stderr, "gen-crawl: %s: %s\n", file, strerror(errno));
		return -1;
	}
	while (getline(&line, &cap, f) >= 0) {
		if (!strstr(line, "Label"))
			continue;
		for (char *q = strchr(line, '"'); q; q = strchr(q, '"')) {
			char *end = strchr(q + 1, '"');

			if (!end)
				break;
			*end = '\0';
			if (strncmp(end + 1, "@en", 3) == 0 && n_en < MAX_LABELS)
				labels_en[n_en++] = strdup(q + 1);
			else if (strncmp(end + 1, "@zh-Hans", 8) == 0 && n_zh < MAX_LABELS)
				labels_zh[n_zh++] = strdup(q + 1);
			q = end + 1;
		}
	}
	free(line);
	fclose(f);
	if (n_en == 0) {
		fprintf(stderr, "gen-crawl: %s: no @en labels found\n", file);
		return -1;
	}
	return 0;
}

static void add_escaped(pdx_buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '<')
			pdx_buf_adds(b, "&lt;");
		else if (*s == '&')
			pdx_buf_adds(b, "&amp;");
		else if (*s == '"')
			pdx_buf_adds(b, "&quot;");
		else
			pdx_buf_addc(b, *s);
	}
}

static void english_sentence(pdx_buf *b, unsigned n_words)
{
	for (unsigned i = 0; i < n_words; i++) {
		const char *w = zipf_word();

		if (i == 0)
			pdx_buf_addf(b, "%c%s", w[0] - ('a' - 'A'), w + 1);
		else
			pdx_buf_addf(b, " %s", w);
		/* A concept mention now and then: a few a page. */
		if (below(60) == 0)
			pdx_buf_addf(b, " %s", labels_en[below((unsigned)n_en)]);
	}
	pdx_buf_adds(b, ". ");
}

static void chinese_sentence(pdx_buf *b, unsigned n_chars)
{
	const size_t n_hanzi = (sizeof hanzi - 1) / 3;

	for (unsigned i = 0; i < n_chars; i++) {
		size_t k = below((unsigned)n_hanzi);

		pdx_buf_add(b, hanzi + 3 * k, 3);
		if (n_zh && below(40) == 0)
			pdx_buf_adds(b, labels_zh[below((unsigned)n_zh)]);
	}
	pdx_buf_adds(b, "。");
}

static const char *const sites[] = {"atlantic-forum.example", "harbour-institute.example",
				    "eastern-review.example", "policy-quarterly.example",
				    "meridian-centre.example"};
static const char *const sections[] = {"Foreign Policy", "Security", "Global Economy",
				       "Asia", "Europe", "Climate", "Trade"};
static const char *const given[] = {"Jane", "Li", "Amara", "Tomas", "Priya", "Kenji",
				    "Marta", "Daniel", "Sofia", "Wei"};
static const char *const family[] = {"Doe", "Wei", "Nwosu", "Ferreira", "Raman", "Arai",
				     "Lindqvist", "Okafor", "Marchetti", "Zhang"};

struct page {
	unsigned layout;
	int chinese;
	char title[256], author[64], date[16], section[64], url[256];
};

static void furniture_top(pdx_buf *b, const struct page *p)
{
	pdx_buf_addf(b,
		     "<header class=\"site-header\"><a href=\"/\">%s</a><nav class=\"menu\"><ul>",
		     sites[p->layout]);
	for (size_t i = 0; i < PDX_COUNT(sections); i++)
		pdx_buf_addf(b, "<li><a href=\"/topics/%zu\">%s</a></li>", i, sections[i]);
	pdx_buf_adds(b, "</ul></nav></header>\n");
}

static void furniture_bottom(pdx_buf *b)
{
	pdx_buf_adds(b, "<aside class=\"related\"><h2>You might also like</h2><ul>");
	for (int i = 0; i < 5; i++) {
		pdx_buf_addf(b, "<li><a href=\"/related/%u\">", below(100000));
		english_sentence(b, 6);
		pdx_buf_adds(b, "</a></li>");
	}
	pdx_buf_adds(b, "</ul></aside>\n<footer class=\"site-footer\"><p>Subscribe to our "
			"newsletter</p><p>&copy; All rights reserved. Privacy policy. Contact us."
			"</p></footer>\n");
}

static void head(pdx_buf *b, const struct page *p, const char *charset)
{
	pdx_buf_addf(b, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"%s\">\n",
		     p->chinese ? "zh-CN" : "en", charset);
	pdx_buf_adds(b, "<title>");
	add_escaped(b, p->title);
	pdx_buf_addf(b, " | %s</title>\n", sites[p->layout]);
	switch (p->layout) {
	case 0:
		pdx_buf_addf(b, "<script type=\"application/ld+json\">{\"@context\":"
				"\"https://schema.org\",\"@type\":\"Article\",\"headline\":\"%s\","
				"\"datePublished\":\"%s\",\"articleSection\":\"%s\",\"author\":"
				"{\"@type\":\"Person\",\"name\":\"%s\"}}</script>\n",
			     p->title, p->date, p->section, p->author);
		break;
	case 1:
		pdx_buf_addf(b, "<meta property=\"og:title\" content=\"%s\">\n"
				"<meta property=\"article:published_time\" content=\"%s\">\n"
				"<meta property=\"article:section\" content=\"%s\">\n",
			     p->title, p->date, p->section);
		break;
	case 2:
		pdx_buf_addf(b, "<meta name=\"citation_title\" content=\"%s\">\n"
				"<meta name=\"citation_author\" content=\"%s\">\n"
				"<meta name=\"citation_publication_date\" content=\"%s\">\n",
			     p->title, p->author, p->date);
		break;
	case 3:
		pdx_buf_addf(b, "<meta name=\"DC.title\" content=\"%s\">\n"
				"<meta name=\"DC.creator\" content=\"%s\">\n"
				"<meta name=\"DC.date\" content=\"%s\">\n",
			     p->title, p->author, p->date);
		break;
	default:
		break;
	}
	pdx_buf_addf(b, "<link rel=\"canonical\" href=\"%s\">\n</head>\n", p->url);
}

static void body(pdx_buf *b, const struct page *p)
{
	unsigned paragraphs = 6 + below(14);

	pdx_buf_adds(b, "<body>\n");
	furniture_top(b, p);
	if (p->layout == 4)
		pdx_buf_adds(b,
			     "<main><article itemscope itemtype=\"https://schema.org/Article\">");
	else
		pdx_buf_adds(b, "<main><article class=\"post\">");
	pdx_buf_addf(b, "<h1%s>", p->layout == 4 ? " itemprop=\"headline\"" : "");
	add_escaped(b, p->title);
	pdx_buf_adds(b, "</h1>\n");
	if (p->layout == 4)
		pdx_buf_addf(b, "<p>By <span itemprop=\"author\">%s</span>, <time itemprop="
				"\"datePublished\" datetime=\"%s\">%s</time></p>\n",
			     p->author, p->date, p->date);
	else if (p->layout == 1)
		pdx_buf_addf(b, "<p class=\"byline\">By <a rel=\"author\" href=\"/experts/%u\">%s"
				"</a></p>\n",
			     below(1000), p->author);
	for (unsigned i = 0; i < paragraphs; i++) {
		pdx_buf_adds(b, "<p>");
		for (unsigned s = 1 + below(4); s > 0; s--) {
			if (p->chinese)
				chinese_sentence(b, 12 + below(30));
			else
				english_sentence(b, 8 + below(20));
		}
		pdx_buf_adds(b, "</p>\n");
		if (i == 2 && below(3) == 0)
			pdx_buf_adds(b, "<div class=\"share-bar\"><a href=\"#\">Share</a> <a href="
					"\"#\">Tweet</a> <a href=\"#\">Email</a></div>\n");
	}
	pdx_buf_adds(b, "</article></main>\n");
	furniture_bottom(b);
	pdx_buf_adds(b, "</body></html>\n");
}

/* Page number I: its bytes in OUT, its URL in P->url. */
static int make_page(unsigned long i, struct page *p, pdx_buf *out)
{
	pdx_buf text = PDX_BUF_INIT;
	int gbk;

	memset(p, 0, sizeof *p);
	p->layout = below(PDX_COUNT(sites));
	p->chinese = below(100) < 5;
	gbk = p->chinese && below(5) < 2;
	snprintf(p->author, sizeof p->author, "%s %s", given[below(PDX_COUNT(given))],
		 family[below(PDX_COUNT(family))]);
	snprintf(p->date, sizeof p->date, "%04u-%02u-%02u", 2005 + below(20), 1 + below(12),
		 1 + below(28));
	snprintf(p->section, sizeof p->section, "%s", sections[below(PDX_COUNT(sections))]);
	{
		pdx_buf t = PDX_BUF_INIT;

		if (p->chinese)
			chinese_sentence(&t, 8 + below(10));
		else
			english_sentence(&t, 5 + below(8));
		/* Without the final full stop (and space). */
		pdx_buf_truncate(&t, t.len - (p->chinese ? 3 : 2));
		snprintf(p->title, sizeof p->title, "%.*s", (int)t.len, t.data);
		pdx_buf_release(&t);
	}
	snprintf(p->url, sizeof p->url, "https://%s/%.4s/%.2s/article-%lu", sites[p->layout],
		 p->date, p->date + 5, i);
	head(&text, p, gbk ? "gbk" : "utf-8");
	body(&text, p);
	if (!text.data)
		return -1;
	if (gbk) {
		iconv_t cd = iconv_open("GBK//TRANSLIT", "UTF-8");
		size_t in_left = text.len, out_left = text.len + 16;
		char *in = text.data, *gbk_text = malloc(out_left), *o = gbk_text;

		if (cd == (iconv_t)-1 || !gbk_text ||
		    iconv(cd, &in, &in_left, &o, &out_left) == (size_t)-1) {
			if (cd != (iconv_t)-1)
				iconv_close(cd);
			free(gbk_text);
			pdx_buf_release(&text);
			return -1;
		}
		iconv_close(cd);
		pdx_buf_add(out, gbk_text, (size_t)(o - gbk_text));
		free(gbk_text);
	} else {
		pdx_buf_add(out, text.data, text.len);
	}
	pdx_buf_release(&text);
	/* One page in a hundred is broken: cut off in the middle, or not HTML at all. */
	if (below(100) == 0) {
		if (below(2) == 0) {
			pdx_buf_truncate(out, out->len / 3);
		} else {
			pdx_buf_truncate(out, 0);
			for (int k = 0; k < 2048; k++)
				pdx_buf_addc(out, (char)(next_random() >> 56));
		}
	}
	return 0;
}

static int write_file(const char *path, const pdx_buf *b)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(b->data, 1, b->len, f) != b->len || fclose(f) != 0) {
		fprintf(stderr, "gen-crawl: %s: %s\n", path, strerror(errno));
		if (f)
			fclose(f);
		return -1;
	}
	return 0;
}

/* --from DIR: the pages are the files of DIR (plain or gzipped), in name order, over and
 * over, each under a URL and a date of its own: a crawl of real pages of any size. */
static char **from_files;
static size_t n_from;

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list_from(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d) {
		fprintf(stderr, "gen-crawl: --from %s: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d))) {
		char **more;

		if (e->d_name[0] == '.')
			continue;
		more = realloc(from_files, (n_from + 1) * sizeof *more);
		if (!more)
			return -1;
		from_files = more;
		from_files[n_from] = malloc(strlen(dir) + strlen(e->d_name) + 2);
		if (!from_files[n_from])
			return -1;
		sprintf(from_files[n_from++], "%s/%s", dir, e->d_name);
	}
	closedir(d);
	if (!n_from) {
		fprintf(stderr, "gen-crawl: --from %s: no files\n", dir);
		return -1;
	}
	qsort(from_files, n_from, sizeof *from_files, by_name);
	return 0;
}

/* Page I of --from: the bytes of its file (read through gzip), its URL and date. */
static int page_from(unsigned long i, struct page *p, pdx_buf *out)
{
	gzFile f = gzopen(from_files[i % n_from], "rb");
	char chunk[65536];
	int n;

	memset(p, 0, sizeof *p);
	if (!f)
		return -1;
	while ((n = gzread(f, chunk, sizeof chunk)) > 0)
		pdx_buf_add(out, chunk, (size_t)n);
	gzclose(f);
	snprintf(p->url, sizeof p->url, "https://site%lu.example/page-%lu", i % 997, i);
	snprintf(p->date, sizeof p->date, "%04lu-%02lu-%02lu", 2010 + i % 15, 1 + i % 12,
		 1 + i % 28);
	return out->oom || n < 0 ? -1 : 0;
}

/* How the WARC is written: bodies gzip-encoded as most servers send them (and browser-based
 * crawlers store them), and a request record before each response, as crawlers write it. */
static int gzip_bodies, with_requests;

/* B gzip-encoded (level 6, servers' usual) into OUT. Returns 0, or -1. */
static int gzip_body(const pdx_buf *b, pdx_buf *out)
{
	z_stream z;
	unsigned char chunk[16384];
	int rc;

	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, 6, Z_DEFLATED, 16 + 15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	z.next_in = (unsigned char *)(b->data ? b->data : "");
	z.avail_in = (uInt)b->len;
	do {
		z.next_out = chunk;
		z.avail_out = sizeof chunk;
		rc = deflate(&z, Z_FINISH);
		pdx_buf_add(out, (char *)chunk, sizeof chunk - z.avail_out);
	} while (rc == Z_OK);
	deflateEnd(&z);
	return rc == Z_STREAM_END && !out->oom ? 0 : -1;
}

/* One WARC response record (after its request, with --requests), each its own gzip member. */
static int write_record(gzFile gz, const struct page *p, unsigned long i, const pdx_buf *page)
{
	char http[256];
	pdx_buf coded = PDX_BUF_INIT;
	const pdx_buf *b = page;
	int n, rc = 0;

	if (gzip_bodies) {
		if (gzip_body(page, &coded) < 0)
			return -1;
		b = &coded;
	}
	n = snprintf(http, sizeof http,
		     "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n%sContent-Length: %zu\r\n\r\n",
		     gzip_bodies ? "Content-Encoding: gzip\r\n" : "", b->len);
	if (with_requests) {
		char request[512];
		const char *host = strstr(p->url, "://"), *path;
		int rn;

		host = host ? host + 3 : p->url;
		path = strchr(host, '/');
		rn = snprintf(request, sizeof request,
			      "GET %s HTTP/1.1\r\nHost: %.*s\r\nUser-Agent: gen-crawl\r\n"
			      "Accept-Encoding: gzip, deflate, br\r\n\r\n",
			      path ? path : "/", (int)(path ? path - host : (long)strlen(host)),
			      host);
		if (gzprintf(gz, "WARC/1.1\r\nWARC-Type: request\r\nWARC-Record-ID: "
				 "<urn:gen-crawl:request:%lu>\r\nWARC-Date: %sT12:00:00Z\r\n"
				 "WARC-Target-URI: %s\r\n"
				 "Content-Type: application/http; msgtype=request\r\n"
				 "Content-Length: %d\r\n\r\n%s\r\n\r\n",
			     i, p->date, p->url, rn, request) <= 0 ||
		    gzflush(gz, Z_FINISH) != Z_OK)
			rc = -1;
	}

	if (rc < 0 ||
	    gzprintf(gz, "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: "
			 "<urn:gen-crawl:%lu>\r\n"
			 "WARC-Date: %sT12:00:00Z\r\nWARC-Target-URI: %s\r\n"
			 "Content-Type: application/http; msgtype=response\r\n"
			 "Content-Length: %zu\r\n\r\n%s",
		     i, p->date, p->url, (size_t)n + b->len, http) <= 0 ||
	    (b->len && gzwrite(gz, b->data, (unsigned)b->len) == 0) || gzputs(gz, "\r\n\r\n") < 0 ||
	    gzflush(gz, Z_FINISH) != Z_OK)
		rc = -1;
	pdx_buf_release(&coded);
	return rc;
}

/* What the command line asks for. */
struct crawl_settings {
	unsigned long long seed;
	const char *thesaurus;
	int warc;
	unsigned long pages;
	const char *out;
};

/* Read the command line into S. Returns 0, or the status to exit with. */
static int read_args(int argc, char **argv, struct crawl_settings *s)
{
	int a = 1;
	char *end;

	for (; a < argc && strncmp(argv[a], "--", 2) == 0; a++) {
		if (strcmp(argv[a], "--warc") == 0)
			s->warc = 1;
		else if (strcmp(argv[a], "--gzip-bodies") == 0)
			gzip_bodies = 1;
		else if (strcmp(argv[a], "--requests") == 0)
			with_requests = 1;
		else if (strcmp(argv[a], "--from") == 0 && a + 1 < argc) {
			if (list_from(argv[++a]) < 0)
				return 2;
		}
		else if (strcmp(argv[a], "--seed") == 0 && a + 1 < argc)
			s->seed = strtoull(argv[++a], NULL, 10);
		else if (strcmp(argv[a], "--thesaurus") == 0 && a + 1 < argc)
			s->thesaurus = argv[++a];
		else
			break;
	}
	if (argc - a != 2) {
		fprintf(stderr,
			"usage: gen-crawl [--seed N] [--thesaurus FILE] [--from DIR] [--warc "
			"[--gzip-bodies] [--requests]] PAGES OUT\n");
		return 2;
	}
	s->pages = strtoul(argv[a], &end, 10);
	s->out = argv[a + 1];
	if (*end || s->pages == 0) {
		fprintf(stderr, "gen-crawl: '%s' is not a number of pages\n", argv[a]);
		return 2;
	}
	if (!s->thesaurus || !*s->thesaurus)
		s->thesaurus = "data/thesaurus/polidex-ir.ttl";
	return 0;
}

/* Write page I, in B, to the folder OUT: a thousand pages a subfolder, as crawlers lay them
 * out. Returns 0, or -1 after saying what failed. */
static int write_page_file(const char *out, unsigned long i, const pdx_buf *b)
{
	char dir[4096], path[4200];

	snprintf(dir, sizeof dir, "%s/%04lu", out, i / 1000);
	if (i % 1000 == 0 && mkdir(dir, 0777) < 0 && errno != EEXIST) {
		fprintf(stderr, "gen-crawl: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	snprintf(path, sizeof path, "%s/page-%07lu.html", dir, i);
	return write_file(path, b);
}

/* Make each page of the crawl and write it to GZ (a WARC) or to the folder of S. Returns 0,
 * or the status to exit with. */
static int write_pages(const struct crawl_settings *s, gzFile gz)
{
	for (unsigned long i = 0; i < s->pages; i++) {
		pdx_buf b = PDX_BUF_INIT;
		struct page p;
		int rc;

		if ((n_from ? page_from(i, &p, &b) : make_page(i, &p, &b)) < 0) {
			fprintf(stderr, "gen-crawl: out of memory\n");
			return 1;
		}
		if (gz) {
			rc = write_record(gz, &p, i, &b);
			if (rc < 0)
				fprintf(stderr, "gen-crawl: %s: write failed\n", s->out);
		} else {
			rc = write_page_file(s->out, i, &b);
		}
		pdx_buf_release(&b);
		if (rc < 0)
			return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct crawl_settings s = {.seed = 1, .thesaurus = getenv("POLIDEX_THESAURUS")};
	gzFile gz = NULL;
	int rc = read_args(argc, argv, &s);

	if (rc)
		return rc;
	rng_state = s.seed * 0x9E3779B97F4A7C15ULL + 1;
	if (!n_from && load_labels(s.thesaurus) < 0)
		return 2;
	make_vocabulary();
	if (s.warc) {
		gz = gzopen(s.out, "wb");
		if (!gz) {
			fprintf(stderr, "gen-crawl: %s: %s\n", s.out, strerror(errno));
			return 2;
		}
	} else if (mkdir(s.out, 0777) < 0 && errno != EEXIST) {
		fprintf(stderr, "gen-crawl: %s: %s\n", s.out, strerror(errno));
		return 2;
	}
	rc = write_pages(&s, gz);
	if (rc)
		return rc;
	if (gz && gzclose(gz) != Z_OK) {
		fprintf(stderr, "gen-crawl: %s: write failed\n", s.out);
		return 1;
	}
	return 0;
}
