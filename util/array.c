/* array.c: arrays that grow by doubling. */
#include "config.h"

#include "util/array.h"

#include <stdint.h>
#include <stdlib.h>

void *pdx_grow(void *array, size_t used, size_t *alloc, size_t size, size_t first)
{
	size_t more;
	void *moved;

	if (used < *alloc)
		return array;
	more = *alloc ? *alloc * 2 : first;
	if (more < *alloc || more > SIZE_MAX / size)
		return NULL;
	moved = realloc(array, more * size);
	if (!moved)
		return NULL;
	*alloc = more;
	return moved;
}
