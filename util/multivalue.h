/* multivalue.h: the encoding of several strings in one Xapian value slot, for facets. */
#ifndef PDX_MULTIVALUE_H
#define PDX_MULTIVALUE_H

#include <stddef.h>

#include "util/buf.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A multi-value is a sequence of entries, each a length then that many bytes. The length is
 * written 7 bits a byte, low bits first, the high bit set on every byte but the last. A
 * single-valued facet is stored the same way, so one reader counts every facet slot.
 */

/* Append VALUE (LEN bytes) to the encoded list in OUT. Returns 0, or -1 when out of memory. */
int pdx_multivalue_add(pdx_buf *out, const char *value, size_t len);

/* Read the entry at *POS of the LEN-byte encoding ENC. On success sets *VALUE and *VALUE_LEN,
 * advances *POS and returns 1; returns 0 at the end and -1 on a malformed encoding. */
int pdx_multivalue_next(const char *enc, size_t len, size_t *pos, const char **value,
			size_t *value_len);

#ifdef __cplusplus
}
#endif

#endif
