/* strings.c: polidex_strings_t, the public iterator over a list of strings. */
#include "config.h"

#include <stdlib.h>

#include "polidex.h"
#include "util/strings.h"

struct _polidex_strings {
	char *const *items;
	size_t n;
	size_t i;
};

polidex_strings_t *pdx_strings_new(char *const *items, size_t n)
{
	polidex_strings_t *it = calloc(1, sizeof *it);

	if (it) {
		it->items = items;
		it->n = n;
	}
	return it;
}

int polidex_strings_valid(const polidex_strings_t *strings)
{
	return strings && strings->i < strings->n;
}

const char *polidex_strings_get(const polidex_strings_t *strings)
{
	return polidex_strings_valid(strings) ? strings->items[strings->i] : NULL;
}

void polidex_strings_move_to_next(polidex_strings_t *strings)
{
	if (polidex_strings_valid(strings))
		strings->i++;
}

void polidex_strings_destroy(polidex_strings_t *strings)
{
	free(strings);
}
