/* docspec.h: a document as the schema describes it, before the shim makes it a Xapian one. */
#ifndef PDX_DOCSPEC_H
#define PDX_DOCSPEC_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Text to run through Xapian's term generator. */
struct pdx_doc_text {
	const char *prefix; /* "" for the body's unprefixed (and Z-stemmed) terms */
	char *text;         /* normalised */
	unsigned weight;    /* wdf increment per word */
	int positions;      /* index word positions, for phrases */
};

struct pdx_doc_value {
	unsigned slot;
	char *value;
	size_t len;
};

struct pdx_docspec {
	char *id_term;   /* the unique id term (Q prefix) */
	char *language;  /* stemming language for the texts; NULL for none */
	struct pdx_doc_text *texts;
	size_t n_texts;
	char **terms; /* boolean terms, prefix included */
	size_t n_terms;
	struct pdx_doc_value *values;
	size_t n_values;
	char *data; /* stored fields, JSON */
};

void pdx_docspec_free(struct pdx_docspec *spec);

#ifdef __cplusplus
}
#endif

#endif
