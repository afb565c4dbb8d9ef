/* thesaurus.h: SKOS concept schemes, loaded with raptor2. A loaded scheme is only read: the
 * functions that take it const may run in many threads at once. */
#ifndef PDX_THESAURUS_H
#define PDX_THESAURUS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum pdx_label_kind { PDX_LABEL_PREF, PDX_LABEL_ALT, PDX_LABEL_HIDDEN };

struct pdx_label {
	char *text;
	char *language; /* BCP 47 as written, "" when the literal has none */
	enum pdx_label_kind kind;
};

struct pdx_concept {
	char *uri;
	struct pdx_label *labels;
	size_t n_labels;
	size_t *broader; /* indices of the broader concepts */
	size_t n_broader;
	size_t *narrower; /* indices of the narrower concepts */
	size_t n_narrower;
	char *notation;
	char *scope_note; /* English when there is one, else the first */
	int top;          /* a top concept of its scheme */
	int is_concept;   /* typed skos:Concept or linked as one (while loading) */
};

typedef struct pdx_thesaurus {
	struct pdx_concept *concepts;
	size_t n_concepts;
	size_t alloc;
	size_t *slots; /* open-addressing hash of URI to index + 1 */
	size_t n_slots;
	char *path;
	unsigned long serial; /* this load's number, unique in the process */
	/* A scheme read from its compiled form (concepts/compiled.c): every string of it points
	 * into ARENA, and the concepts' labels and links into LABELS and LINKS; NULL for one
	 * parsed from RDF, whose strings and lists are each the concept's own. */
	char *arena;
	struct pdx_label *labels;
	size_t *links;
	char error[1024];
} pdx_thesaurus_t;

/* Load the SKOS concept scheme in the file PATH: RDF/XML, Turtle or N-Triples, told apart by
 * the extension (.rdf .xml .owl, .ttl, .nt) or else by the content. Concepts are the
 * resources typed skos:Concept or given a SKOS label, broader or narrower; broader and
 * narrower each imply the other. Never touches the network.
 * Returns the thesaurus, or NULL with a message naming PATH (and the line, for a syntax
 * error) in ERROR (ERROR_LEN bytes). */
pdx_thesaurus_t *pdx_thesaurus_load(const char *path, char *error, size_t error_len);

void pdx_thesaurus_free(pdx_thesaurus_t *th);

/* Index the concepts of TH by URI, for pdx_thesaurus_find(). Returns 0, or -1 when memory ran
 * out. */
int pdx_thesaurus_index_uris(pdx_thesaurus_t *th);

/* A number for a new load, unique in the process. */
unsigned long pdx_thesaurus_next_serial(void);

/* The index of the concept with URI, or -1. */
long pdx_thesaurus_find(const pdx_thesaurus_t *th, const char *uri);

/* The preferred label of concept I in LANGUAGE (a BCP 47 tag, matched on its primary
 * subtag; "zh-Hans" and "zh-Hant" are told apart), else in English, else the first. */
const char *pdx_thesaurus_label(const pdx_thesaurus_t *th, size_t i, const char *language);

/* Write the indices of every ancestor of concept I (broader, transitively; each once, a cycle
 * of broader links followed once round) to OUT, which holds MAX; returns how many there are
 * (possibly more than MAX). */
size_t pdx_thesaurus_ancestors(const pdx_thesaurus_t *th, size_t i, size_t *out, size_t max);

/* The deepest chain of broader links in the scheme, counting the concepts on it. */
size_t pdx_thesaurus_depth(const pdx_thesaurus_t *th);

#ifdef __cplusplus
}
#endif

#endif
