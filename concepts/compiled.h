/* compiled.h: a loaded concept scheme and its compiled tagger as one block of bytes, which an
 * index stores so that searching it needs no thesaurus file and no compiling.
 *
 * The block is little-endian whatever the machine: a header (a magic string, the format's
 * version, the scheme file's fingerprint and the counts), then the concepts, their labels and
 * links, the tagger's dictionary and trie edges as the hash tables they are, its terminals,
 * and last every string, each ended by a NUL. The tables are written as their entries in use,
 * each with its hash. Reading checks every count, offset and index
 * against the block: a damaged or hostile block is refused with a reason, never followed. */
#ifndef PDX_COMPILED_H
#define PDX_COMPILED_H

#include <stddef.h>
#include <stdint.h>

#include "concepts/tagger.h"
#include "concepts/thesaurus.h"
#include "util/buf.h"

/* The version of the block's layout and of what the tagger compiles labels into: a block of
 * another version is refused, for its stemmed forms may not be what this tagger makes; and of
 * how the tagger scores mentions, which changes without the block's layout changing. A page
 * tagged by another version of either is tagged again. */
#define PDX_COMPILED_VERSION 3
#define PDX_TAGGER_SCORING 3

/* Append TH, its tagger T and the fingerprint FP of the file it was read from to OUT.
 * Returns 0, or -1 when memory ran out. */
int pdx_compiled_write(const pdx_thesaurus_t *th, const pdx_tagger_t *t, uint64_t fp,
		       pdx_buf *out);

/* Read the LEN bytes at DATA (from malloc(), taken: its strings are the thesaurus's, freed
 * with it, or at once on failure) into a thesaurus (*TH) and its tagger (*T), with the file's
 * fingerprint (*FP). Returns 0; -1 with the reason in ERROR (ERROR_LEN bytes) when the block
 * is not one, of another version or damaged; -2 when memory ran out. */
int pdx_compiled_read(char *data, size_t len, pdx_thesaurus_t **th, pdx_tagger_t **t,
		      uint64_t *fp, char *error, size_t error_len);

#endif
