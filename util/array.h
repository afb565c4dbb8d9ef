/* array.h: the length of a fixed array, and growing an allocated one. */
#ifndef PDX_ARRAY_H
#define PDX_ARRAY_H

#include <stdint.h>
#include <stdlib.h>

/* The number of elements of array A (an array, not a pointer to one). */
#define PDX_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ARRAY, of COUNT elements of SIZE bytes, reallocated to hold one more; NULL when memory ran
 * out (ARRAY is then left as it was, for the caller to free). */
static inline void *pdx_array_grow(void *array, size_t count, size_t size)
{
	if (count > SIZE_MAX / size - 1)
		return NULL;
	return realloc(array, (count + 1) * size);
}

/* Room for one more element in ARRAY, which holds USED elements of SIZE bytes in room for
 * *ALLOC: ARRAY itself while it has room, else ARRAY moved to twice the room (FIRST
 * elements when it has none yet), *ALLOC updated. Returns NULL, ARRAY and *ALLOC untouched,
 * when memory runs out. */
void *pdx_grow(void *array, size_t used, size_t *alloc, size_t size, size_t first);

#endif
