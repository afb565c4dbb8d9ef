/* grow.h: arrays that grow by doubling, for the concept table and the tagger's lists. */
#ifndef PDX_GROW_H
#define PDX_GROW_H

#include <stddef.h>

/* Room for one more element in ARRAY, which holds USED elements of SIZE bytes in room for
 * *ALLOC: ARRAY itself while it has room, else ARRAY moved to twice the room (FIRST
 * elements when it has none yet), *ALLOC updated. Returns NULL, ARRAY and *ALLOC untouched,
 * when memory runs out. */
void *pdx_grow(void *array, size_t used, size_t *alloc, size_t size, size_t first);

#endif
