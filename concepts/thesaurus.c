/* thesaurus.c: reading SKOS concept schemes with raptor2 into a compact concept table. */
#include "config.h"

#include "concepts/raptor.h"
#include "concepts/thesaurus.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "util/array.h"
#include "util/term.h"

/* Thesauri loaded so far, to number each load. */
static atomic_ulong loads;

/* raptor2, once a scheme file is first parsed. */
static const struct pdx_raptor *ld_raptor;

#define SKOS "http://www.w3.org/2004/02/skos/core#"
#define RDF_TYPE "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

enum predicate {
	P_OTHER,
	P_TYPE,
	P_PREF,
	P_ALT,
	P_HIDDEN,
	P_BROADER,
	P_NARROWER,
	P_NOTATION,
	P_SCOPE_NOTE,
	P_TOP_CONCEPT_OF,
	P_HAS_TOP_CONCEPT,
};

struct loader {
	pdx_thesaurus_t *th;
	char *error;
	size_t error_len;
	int failed;
	/* broader links as pairs of URIs' indices, resolved after parsing */
	size_t (*links)[2];
	size_t n_links, alloc_links;
};

static void fail(struct loader *ld, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void fail(struct loader *ld, const char *fmt, ...)
{
	va_list ap;

	if (ld->failed)
		return;
	ld->failed = 1;
	va_start(ap, fmt);
	vsnprintf(ld->error, ld->error_len, fmt, ap);
	va_end(ap);
}

static size_t hash_uri(const char *uri)
{
	return (size_t)pdx_hash64(uri, strlen(uri));
}

long pdx_thesaurus_find(const pdx_thesaurus_t *th, const char *uri)
{
	size_t h;

	if (!th->n_slots)
		return -1;
	for (h = hash_uri(uri) % th->n_slots; th->slots[h]; h = (h + 1) % th->n_slots)
		if (strcmp(th->concepts[th->slots[h] - 1].uri, uri) == 0)
			return (long)th->slots[h] - 1;
	return -1;
}

/* Put concept I, whose URI is URI, in the first free slot of SLOTS (N_SLOTS of them) from
 * where its hash points. */
static void put_slot(size_t *slots, size_t n_slots, const char *uri, size_t i)
{
	size_t h = hash_uri(uri) % n_slots;

	while (slots[h])
		h = (h + 1) % n_slots;
	slots[h] = i + 1;
}

static int rehash(pdx_thesaurus_t *th, size_t n_slots)
{
	size_t *slots = calloc(n_slots, sizeof *slots);

	if (!slots)
		return -1;
	for (size_t i = 0; i < th->n_concepts; i++)
		put_slot(slots, n_slots, th->concepts[i].uri, i);
	free(th->slots);
	th->slots = slots;
	th->n_slots = n_slots;
	return 0;
}

/* The index of the concept with URI, created when new; -1 when memory ran out. */
static long concept_for(struct loader *ld, const char *uri)
{
	pdx_thesaurus_t *th = ld->th;
	long found = pdx_thesaurus_find(th, uri);
	struct pdx_concept *c, *cs;

	if (found >= 0)
		return found;
	cs = pdx_grow(th->concepts, th->n_concepts, &th->alloc, sizeof *cs, 256);
	if (!cs)
		return -1;
	th->concepts = cs;
	/* Keep the hash table at most half full. */
	if ((th->n_concepts + 1) * 2 > th->n_slots &&
	    rehash(th, th->n_slots ? th->n_slots * 2 : 1024) < 0)
		return -1;
	c = &th->concepts[th->n_concepts];
	memset(c, 0, sizeof *c);
	c->uri = strdup(uri);
	if (!c->uri)
		return -1;
	put_slot(th->slots, th->n_slots, uri, th->n_concepts);
	th->n_concepts++;
	return (long)th->n_concepts - 1;
}

static enum predicate predicate_of(const char *p)
{
	static const struct {
		const char *name;
		enum predicate pred;
	} skos[] = {
		{"prefLabel", P_PREF},       {"altLabel", P_ALT},
		{"hiddenLabel", P_HIDDEN},   {"broader", P_BROADER},
		{"narrower", P_NARROWER},    {"notation", P_NOTATION},
		{"scopeNote", P_SCOPE_NOTE}, {"topConceptOf", P_TOP_CONCEPT_OF},
		{"hasTopConcept", P_HAS_TOP_CONCEPT},
	};

	if (strcmp(p, RDF_TYPE) == 0)
		return P_TYPE;
	if (strncmp(p, SKOS, sizeof SKOS - 1) != 0)
		return P_OTHER;
	p += sizeof SKOS - 1;
	for (size_t i = 0; i < sizeof skos / sizeof skos[0]; i++)
		if (strcmp(p, skos[i].name) == 0)
			return skos[i].pred;
	return P_OTHER;
}

static const char *uri_of(const raptor_term *t)
{
	return t && t->type == RAPTOR_TERM_TYPE_URI
		       ? (const char *)ld_raptor->uri_as_string(t->value.uri)
		       : NULL;
}

static int add_label(struct pdx_concept *c, const raptor_term *o, enum pdx_label_kind kind)
{
	struct pdx_label *labels;
	const char *lang;

	if (o->type != RAPTOR_TERM_TYPE_LITERAL || !o->value.literal.string)
		return 0;
	labels = realloc(c->labels, (c->n_labels + 1) * sizeof *labels);
	if (!labels)
		return -1;
	c->labels = labels;
	lang = o->value.literal.language ? (const char *)o->value.literal.language : "";
	labels[c->n_labels].text = strdup((const char *)o->value.literal.string);
	labels[c->n_labels].language = strdup(lang);
	labels[c->n_labels].kind = kind;
	if (!labels[c->n_labels].text || !labels[c->n_labels].language) {
		free(labels[c->n_labels].text);
		free(labels[c->n_labels].language);
		return -1;
	}
	c->n_labels++;
	return 0;
}

static int add_link(struct loader *ld, size_t narrower, size_t broader)
{
	size_t(*links)[2];

	if (narrower == broader)
		return 0;
	links = pdx_grow(ld->links, ld->n_links, &ld->alloc_links, sizeof *links, 1024);
	if (!links)
		return -1;
	ld->links = links;
	ld->links[ld->n_links][0] = narrower;
	ld->links[ld->n_links][1] = broader;
	ld->n_links++;
	return 0;
}

static int set_literal(char **field, const raptor_term *o, int prefer_english)
{
	const char *lang;

	if (o->type != RAPTOR_TERM_TYPE_LITERAL || !o->value.literal.string)
		return 0;
	lang = (const char *)o->value.literal.language;
	if (*field && !(prefer_english && lang && strncasecmp(lang, "en", 2) == 0))
		return 0;
	free(*field);
	*field = strdup((const char *)o->value.literal.string);
	return *field ? 0 : -1;
}

static void on_statement(void *user_data, raptor_statement *st)
{
	struct loader *ld = user_data;
	const char *s = uri_of(st->subject), *p = uri_of(st->predicate), *o = uri_of(st->object);
	enum predicate pred;
	long si, oi;
	int rc = 0;

	if (ld->failed || !s || !p)
		return;
	pred = predicate_of(p);
	if (pred == P_OTHER || (pred == P_TYPE && (!o || strcmp(o, SKOS "Concept") != 0)))
		return;
	if (pred == P_HAS_TOP_CONCEPT) {
		/* The scheme names its top concept: the object is the concept. */
		if (!o || (oi = concept_for(ld, o)) < 0) {
			if (o)
				fail(ld, "%s: out of memory", ld->th->path);
			return;
		}
		ld->th->concepts[oi].top = 1;
		ld->th->concepts[oi].is_concept = 1;
		return;
	}
	si = concept_for(ld, s);
	if (si < 0) {
		fail(ld, "%s: out of memory", ld->th->path);
		return;
	}
	switch (pred) {
	case P_TYPE:
		ld->th->concepts[si].is_concept = 1;
		break;
	case P_PREF:
		rc = add_label(&ld->th->concepts[si], st->object, PDX_LABEL_PREF);
		break;
	case P_ALT:
		rc = add_label(&ld->th->concepts[si], st->object, PDX_LABEL_ALT);
		break;
	case P_HIDDEN:
		rc = add_label(&ld->th->concepts[si], st->object, PDX_LABEL_HIDDEN);
		break;
	case P_BROADER:
	case P_NARROWER:
		if (!o)
			break;
		oi = concept_for(ld, o);
		if (oi < 0) {
			rc = -1;
			break;
		}
		ld->th->concepts[si].is_concept = ld->th->concepts[oi].is_concept = 1;
		if (pred == P_BROADER)
			rc = add_link(ld, (size_t)si, (size_t)oi);
		else
			rc = add_link(ld, (size_t)oi, (size_t)si);
		break;
	case P_NOTATION:
		rc = set_literal(&ld->th->concepts[si].notation, st->object, 0);
		break;
	case P_SCOPE_NOTE:
		rc = set_literal(&ld->th->concepts[si].scope_note, st->object, 1);
		break;
	case P_TOP_CONCEPT_OF:
		ld->th->concepts[si].top = 1;
		ld->th->concepts[si].is_concept = 1;
		break;
	default:
		break;
	}
	if (rc < 0)
		fail(ld, "%s: out of memory", ld->th->path);
}

static void on_log(void *user_data, raptor_log_message *message)
{
	struct loader *ld = user_data;
	int line = message->locator ? message->locator->line : -1;

	if (message->level < RAPTOR_LOG_LEVEL_ERROR)
		return;
	if (line > 0)
		fail(ld, "%s:%d: %s", ld->th->path, line, message->text ? message->text : "error");
	else
		fail(ld, "%s: %s", ld->th->path, message->text ? message->text : "error");
}

static const char *syntax_by_extension(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (!dot)
		return NULL;
	if (!strcasecmp(dot, ".ttl") || !strcasecmp(dot, ".turtle") || !strcasecmp(dot, ".n3"))
		return "turtle";
	if (!strcasecmp(dot, ".rdf") || !strcasecmp(dot, ".xml") || !strcasecmp(dot, ".owl") ||
	    !strcasecmp(dot, ".skos"))
		return "rdfxml";
	if (!strcasecmp(dot, ".nt"))
		return "ntriples";
	return NULL;
}

/* Tell the syntax from the start of the file: XML for RDF/XML, "@prefix" or "PREFIX" for
 * Turtle, "<uri> <uri>" lines for N-Triples. */
static const char *syntax_by_content(FILE *fh)
{
	char head[4096];
	size_t n = fread(head, 1, sizeof head - 1, fh);
	char *p = head;

	head[n] = '\0';
	rewind(fh);
	while (*p && (isspace((unsigned char)*p) || (unsigned char)*p == 0xef ||
		      (unsigned char)*p == 0xbb || (unsigned char)*p == 0xbf))
		p++;
	if (*p == '<' && (p[1] == '?' || p[1] == '!' || strncmp(p, "<rdf:", 5) == 0))
		return "rdfxml";
	if (strstr(head, "@prefix") || strstr(head, "PREFIX") || strstr(head, "@base"))
		return "turtle";
	if (*p == '<' || *p == '_')
		return "ntriples";
	return "turtle";
}

static void free_concept(struct pdx_concept *c)
{
	for (size_t k = 0; k < c->n_labels; k++) {
		free(c->labels[k].text);
		free(c->labels[k].language);
	}
	free(c->labels);
	free(c->broader);
	free(c->narrower);
	free(c->notation);
	free(c->scope_note);
	free(c->uri);
}

/* Keep only the concepts: labelled resources that are schemes, collections or anything else
 * are dropped, and the links renumbered. */
static int keep_concepts(struct loader *ld)
{
	pdx_thesaurus_t *th = ld->th;
	size_t *remap = malloc((th->n_concepts + 1) * sizeof *remap), kept = 0;

	if (!remap)
		return -1;
	for (size_t i = 0; i < th->n_concepts; i++) {
		if (th->concepts[i].is_concept) {
			remap[i] = kept;
			th->concepts[kept++] = th->concepts[i];
		} else {
			remap[i] = (size_t)-1;
			free_concept(&th->concepts[i]);
		}
	}
	th->n_concepts = kept;
	for (size_t k = 0; k < ld->n_links; k++) {
		ld->links[k][0] = remap[ld->links[k][0]];
		ld->links[k][1] = remap[ld->links[k][1]];
	}
	free(remap);
	return rehash(th, th->n_slots);
}

/* Turn the collected links into broader and narrower lists, each link once. */
static int resolve_links(struct loader *ld)
{
	pdx_thesaurus_t *th = ld->th;

	for (size_t k = 0; k < ld->n_links; k++) {
		struct pdx_concept *n = &th->concepts[ld->links[k][0]];
		struct pdx_concept *b = &th->concepts[ld->links[k][1]];
		size_t *list;
		int seen = 0;

		for (size_t i = 0; i < n->n_broader; i++)
			seen |= n->broader[i] == ld->links[k][1];
		if (seen)
			continue;
		list = realloc(n->broader, (n->n_broader + 1) * sizeof *list);
		if (!list)
			return -1;
		n->broader = list;
		list[n->n_broader++] = ld->links[k][1];
		list = realloc(b->narrower, (b->n_narrower + 1) * sizeof *list);
		if (!list)
			return -1;
		b->narrower = list;
		list[b->n_narrower++] = ld->links[k][0];
	}
	return 0;
}

/* Why FH is no scheme's file, before raptor2 is asked (it asserts on /dev/null): a
 * directory, a device or an empty file; NULL for a file or a pipe (read as it comes). */
static const char *not_a_file(FILE *fh)
{
	struct stat st;

	if (fstat(fileno(fh), &st) != 0)
		return NULL;
	if (S_ISDIR(st.st_mode))
		return "a directory, not a thesaurus file";
	if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
		return "a device, not a thesaurus file";
	if (S_ISREG(st.st_mode) && st.st_size == 0)
		return "an empty file, not a thesaurus";
	return NULL;
}

pdx_thesaurus_t *pdx_thesaurus_load(const char *path, char *error, size_t error_len)
{
	struct loader ld = {NULL, error, error_len, 0, NULL, 0, 0};
	raptor_world *world = NULL;
	raptor_parser *parser = NULL;
	raptor_uri *base = NULL;
	const char *syntax;
	char why[512];
	const char *why_not;
	FILE *fh;

	error[0] = '\0';
	fh = fopen(path, "rb");
	if (!fh) {
		snprintf(error, error_len, "%s: %s", path, strerror(errno));
		return NULL;
	}
	ld.th = calloc(1, sizeof *ld.th);
	if (!ld.th || !(ld.th->path = strdup(path))) {
		snprintf(error, error_len, "%s: out of memory", path);
		goto out;
	}
	ld.th->serial = pdx_thesaurus_next_serial();
	if ((why_not = not_a_file(fh)) != NULL) {
		fail(&ld, "%s: %s", path, why_not);
		goto out;
	}
	syntax = syntax_by_extension(path);
	if (!syntax)
		syntax = syntax_by_content(fh);
	ld_raptor = pdx_raptor(why, sizeof why);
	if (!ld_raptor) {
		fail(&ld, "%s: %s", path, why);
		goto out;
	}
	world = ld_raptor->new_world_internal(RAPTOR_VERSION);
	if (!world || ld_raptor->world_open(world) != 0) {
		fail(&ld, "%s: cannot start the RDF parser", path);
		goto out;
	}
	ld_raptor->world_set_log_handler(world, &ld, on_log);
	parser = ld_raptor->new_parser(world, syntax);
	base = ld_raptor->new_uri_from_uri_or_file_string(world, NULL, (const unsigned char *)path);
	if (!parser || !base) {
		fail(&ld, "%s: cannot start the %s parser", path, syntax);
		goto out;
	}
	/* A thesaurus is read from its file alone: no entity or import fetched from the net. */
	ld_raptor->parser_set_option(parser, RAPTOR_OPTION_NO_NET, NULL, 1);
	ld_raptor->parser_set_statement_handler(parser, &ld, on_statement);
	if (ld_raptor->parser_parse_file_stream(parser, fh, path, base) != 0)
		fail(&ld, "%s: not a %s file raptor2 can read", path,
		     strcmp(syntax, "rdfxml") == 0 ? "RDF/XML" : syntax);
	if (!ld.failed && ld.th->n_concepts == 0)
		fail(&ld, "%s: no SKOS concepts in this %s file", path,
		     strcmp(syntax, "rdfxml") == 0 ? "RDF/XML" : syntax);
	if (!ld.failed && keep_concepts(&ld) < 0)
		fail(&ld, "%s: out of memory", path);
	if (!ld.failed && ld.th->n_concepts == 0)
		fail(&ld, "%s: no SKOS concepts in this file", path);
	if (!ld.failed && resolve_links(&ld) < 0)
		fail(&ld, "%s: out of memory", path);
out:
	if (parser)
		ld_raptor->free_parser(parser);
	if (base)
		ld_raptor->free_uri(base);
	if (world)
		ld_raptor->free_world(world);
	fclose(fh);
	free(ld.links);
	if (ld.failed || error[0]) {
		pdx_thesaurus_free(ld.th);
		return NULL;
	}
	return ld.th;
}

unsigned long pdx_thesaurus_next_serial(void)
{
	return atomic_fetch_add(&loads, 1) + 1;
}

int pdx_thesaurus_index_uris(pdx_thesaurus_t *th)
{
	return rehash(th, th->n_concepts * 2 + 1);
}

void pdx_thesaurus_free(pdx_thesaurus_t *th)
{
	if (!th)
		return;
	for (size_t i = 0; i < th->n_concepts && !th->arena; i++)
		free_concept(&th->concepts[i]);
	free(th->arena);
	free(th->labels);
	free(th->links);
	free(th->concepts);
	free(th->slots);
	free(th->path);
	free(th);
}

/* Nonzero when label language LANG answers for WANT: the same primary subtag, and for Chinese
 * the same script. */
static int language_matches(const char *lang, const char *want)
{
	size_t n = strcspn(want, "-_");

	if (strncasecmp(lang, want, n) != 0 || (lang[n] && lang[n] != '-' && lang[n] != '_'))
		return 0;
	if (strncasecmp(want, "zh", 2) == 0 && want[2])
		return strcasecmp(lang, want) == 0;
	return 1;
}

const char *pdx_thesaurus_label(const pdx_thesaurus_t *th, size_t i, const char *language)
{
	const struct pdx_concept *c = &th->concepts[i];
	const char *wanted[2] = {language, "en"};
	const char *first = NULL;

	for (int w = 0; w < 2; w++) {
		if (!wanted[w])
			continue;
		for (size_t k = 0; k < c->n_labels; k++)
			if (c->labels[k].kind == PDX_LABEL_PREF &&
			    language_matches(c->labels[k].language, wanted[w]))
				return c->labels[k].text;
	}
	for (size_t k = 0; k < c->n_labels && !first; k++)
		if (c->labels[k].kind == PDX_LABEL_PREF)
			first = c->labels[k].text;
	if (!first && c->n_labels)
		first = c->labels[0].text;
	return first ? first : c->uri;
}

size_t pdx_thesaurus_ancestors(const pdx_thesaurus_t *th, size_t i, size_t *out, size_t max)
{
	/* A breadth-first walk; the found list doubles as the queue and the visited set. */
	size_t n = 0, head = 0, cap = 64;
	size_t *found = malloc(cap * sizeof *found);

	if (!found)
		return 0;
	found[n++] = i;
	while (head < n) {
		const struct pdx_concept *c = &th->concepts[found[head++]];

		for (size_t b = 0; b < c->n_broader; b++) {
			int seen = 0;

			for (size_t k = 0; k < n && !seen; k++)
				seen = found[k] == c->broader[b];
			if (seen)
				continue;
			if (n == cap) {
				size_t *more = realloc(found, cap * 2 * sizeof *more);

				if (!more)
					break;
				found = more;
				cap *= 2;
			}
			found[n++] = c->broader[b];
		}
	}
	for (size_t k = 1; k < n && k - 1 < max; k++)
		out[k - 1] = found[k];
	free(found);
	return n - 1;
}

size_t pdx_thesaurus_depth(const pdx_thesaurus_t *th)
{
	size_t depth = 0;
	size_t *chain = malloc(th->n_concepts * sizeof *chain);

	if (!chain)
		return 0;
	/* Longest chain upwards from each concept, following the first broader link; a cycle
	 * stops at its first repeat. */
	for (size_t i = 0; i < th->n_concepts; i++) {
		size_t n = 0, cur = i;

		for (;;) {
			int seen = 0;

			for (size_t k = 0; k < n && !seen; k++)
				seen = chain[k] == cur;
			if (seen || n == th->n_concepts)
				break;
			chain[n++] = cur;
			if (!th->concepts[cur].n_broader)
				break;
			cur = th->concepts[cur].broader[0];
		}
		if (n > depth)
			depth = n;
	}
	free(chain);
	return depth;
}
