/* hit-items.c: the iterator over a hit's authors. */
#include "config.h"

#include "polidex.h"
#include "query/query-internal.h"
#include "util/strings.h"

polidex_strings_t *polidex_hit_get_authors(const polidex_hit_t *hit)
{
	return hit ? pdx_strings_new(hit->authors, hit->n_authors) : NULL;
}
