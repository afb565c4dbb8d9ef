// captures.h: merging the captures of a URL from web archives into its document, for the C++
// shim. Every function here throws Xapian::Error or std::bad_alloc; callers in db.cc and
// shards.cc turn them into statuses.
#ifndef PDX_CAPTURES_H
#define PDX_CAPTURES_H

#include <string>
#include <xapian.h>

#include "lib/docspec.h"

// What a built document says of its capture (see struct pdx_docspec_capture).
struct pdx_capture_doc {
	enum pdx_capture_kind kind = PDX_CAPTURE_NONE;
	bool each = false;
	std::string entry, url_term, route, target;
};

// What writing a document did.
enum pdx_capture_result {
	PDX_CW_ADDED,          // a new document
	PDX_CW_REPLACED,       // the document of that id, replaced
	PDX_CW_MERGED,         // an earlier capture: its date added, the text kept
	PDX_CW_MERGED_REVISIT, // a revisit's date added
	PDX_CW_UNCHANGED,      // a capture already recorded
	PDX_CW_PENDING         // a revisit of a page not indexed yet, kept until it comes
};

// What a writable database has told of its captures, and what writing them did.
struct pdx_capture_state {
	bool loaded = false;
	std::string mode;           // PDX_CAPTURES_LATEST or _EACH, "" until a capture is written
	unsigned long pending = 0;  // keys of revisits waiting for their page
	unsigned long merged = 0, merged_revisits = 0, unchanged = 0, waiting = 0;
};

// Write DOC, with id term ID, into DB: a document without captures replaces the document of
// its id; a capture is merged with the other captures of its URL (the text of the latest, the
// dates of all). Throws Xapian::InvalidArgumentError when DB keeps captures the other way.
pdx_capture_result pdx_captures_write(Xapian::WritableDatabase &db, pdx_capture_state &state,
				      const std::string &id, Xapian::Document &doc,
				      const pdx_capture_doc &capture);

// Whether DB holds the capture CAPTURE describes (ID: the id term of its document), tagged
// as TAGGING says (PDX_SLOT_TAGGING) when its text is the document's: a rerun need not read
// it again.
bool pdx_captures_known(Xapian::Database &db, const std::string &id,
			const pdx_capture_doc &capture, const std::string &tagging);

// Check (and set, for a database that holds no captures yet) how DB keeps captures. Throws
// Xapian::InvalidArgumentError on a mismatch.
void pdx_captures_check_mode(Xapian::WritableDatabase &db, pdx_capture_state &state, bool each);

// Drop the captures read from archive files that no longer exist: a document whose text came
// from one is deleted, the others lose those dates. Returns the documents deleted.
unsigned long pdx_captures_prune(Xapian::WritableDatabase &db, pdx_capture_state &state);

#endif
