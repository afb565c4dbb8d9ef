/* array.h: the length of a fixed array, and growing an allocated one by one element. */
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

#endif
