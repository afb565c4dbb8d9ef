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

/* What a document made from a capture of a web archive carries, for the writer to merge it
 * with the other captures of its URL. */
enum pdx_capture_kind { PDX_CAPTURE_NONE = 0, PDX_CAPTURE_CONTENT, PDX_CAPTURE_REVISIT };

struct pdx_docspec_capture {
	enum pdx_capture_kind kind;
	int each;        /* a document of its own for each capture */
	char *entry;     /* its entry (lib/capture.h) */
	char *url_term;  /* the source term of the captured URL (PDX_PREFIX_SOURCE) */
	char *route;     /* the id term of the URL's document when captures are merged: which
			  * shard, and where revisits wait for their page */
	char *target;    /* a revisit: the id term of the document it adds to, or NULL when it
			  * is to be found (each capture kept, no WARC-Refers-To-Date) */
};

struct pdx_docspec {
	char *id_term;   /* the unique id term (Q prefix) */
	struct pdx_docspec_capture capture;
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
