/* strings.h: making the public iterator over a list of strings (polidex_strings_t). */
#ifndef PDX_STRINGS_H
#define PDX_STRINGS_H

#include <stddef.h>

#include "polidex.h"

/* An iterator over the N strings of ITEMS, which must outlive it; NULL when memory runs
 * out. */
polidex_strings_t *pdx_strings_new(char *const *items, size_t n);

#endif
