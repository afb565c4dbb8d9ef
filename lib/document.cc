// document.cc: making the Xapian document a docspec describes, on any thread. Part of the
// shim: no exception leaves this file.
#include "config.h"

#include <cstring>
#include <new>

#include "lib/db-internal.h"
#include "lib/db-write.h"
#include "lib/schema.h"
#include "stemmers/stemmers.h"

// About how much memory DOC, built from SPEC, holds: its texts and data, and a term list entry
// (a map node, the term, its positions) for each distinct term. Calibrated on synthetic crawl
// pages, whose queued documents hold some 48 KB each.
static size_t document_bytes(const struct pdx_docspec *spec, const Xapian::Document &doc)
{
	size_t bytes = std::strlen(spec->data ? spec->data : "") + 32 * doc.termlist_count() +
		       (spec->capture.entry ? std::strlen(spec->capture.entry) : 0);

	for (size_t i = 0; i < spec->n_texts; i++)
		bytes += std::strlen(spec->texts[i].text);
	return bytes;
}

static void index_document(const struct pdx_docspec *spec, Xapian::Document &doc)
{
	// Threads building documents side by side must not share a stemmer (see PdxStemCache).
	static thread_local PdxStemCache stemmers;
	Xapian::TermGenerator tg;

	tg.set_stemmer(stemmers.get(spec->language));
	tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
	tg.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
	tg.set_document(doc);
	for (size_t i = 0; i < spec->n_texts; i++) {
		const struct pdx_doc_text &t = spec->texts[i];

		if (t.positions)
			tg.index_text(t.text, t.weight, t.prefix);
		else
			tg.index_text_without_positions(t.text, t.weight, t.prefix);
		// Keep phrases from running from one field into the next.
		tg.increase_termpos(100);
	}
	for (size_t i = 0; i < spec->n_terms; i++)
		doc.add_boolean_term(spec->terms[i]);
	for (size_t i = 0; i < spec->n_values; i++)
		doc.add_value(spec->values[i].slot,
			      std::string(spec->values[i].value, spec->values[i].len));
	doc.add_boolean_term(spec->id_term);
	doc.set_data(spec->data);
}

pdx_capture_doc pdx_capture_of_spec(const struct pdx_docspec *spec)
{
	pdx_capture_doc c;

	c.kind = spec->capture.kind;
	c.each = spec->capture.each != 0;
	c.entry = spec->capture.entry ? spec->capture.entry : "";
	c.url_term = spec->capture.url_term ? spec->capture.url_term : "";
	c.route = spec->capture.route ? spec->capture.route : "";
	if (spec->capture.target)
		c.target = spec->capture.target;
	return c;
}

// The document SPEC describes, into D.
static void make_document(const struct pdx_docspec *spec, polidex_document_t *d)
{
	d->id_term = spec->id_term;
	if (spec->capture.kind != PDX_CAPTURE_NONE) {
		// A capture is merged with its URL's others, not kept apart from them as a page
		// whose id changed would be.
		d->capture = pdx_capture_of_spec(spec);
	} else {
		for (size_t i = 0; i < spec->n_terms; i++)
			if (std::strncmp(spec->terms[i], PDX_PREFIX_SOURCE,
					 sizeof PDX_PREFIX_SOURCE - 1) == 0)
				d->source_term = spec->terms[i];
	}
	if (spec->capture.kind != PDX_CAPTURE_REVISIT)
		index_document(spec, d->doc);
	d->bytes = document_bytes(spec, d->doc);
}

extern "C" polidex_status_t pdx_document_make(const struct pdx_docspec *spec,
					      polidex_document_t **out)
{
	polidex_document_t *d = nullptr;

	if (!out)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	*out = nullptr;
	if (!spec)
		return POLIDEX_STATUS_INVALID_ARGUMENT;
	try {
		d = new polidex_document_t();
		make_document(spec, d);
	} catch (const Xapian::Error &) {
		delete d;
		return POLIDEX_STATUS_DB_ERROR;
	} catch (const std::bad_alloc &) {
		delete d;
		return POLIDEX_STATUS_OUT_OF_MEMORY;
	} catch (...) {
		delete d;
		return POLIDEX_STATUS_INTERNAL_ERROR;
	}
	*out = d;
	return POLIDEX_STATUS_SUCCESS;
}

extern "C" void polidex_document_destroy(polidex_document_t *document)
{
	delete document; // destructors do not throw
}
