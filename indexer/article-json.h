/* article-json.h: an article as the JSON object of polidex-extract's output. */
#ifndef PDX_ARTICLE_JSON_H
#define PDX_ARTICLE_JSON_H

#include <json-c/json.h>

#include "polidex.h"

/* A new JSON object with every field of ARTICLE (see polidex-extract(1)); NULL when memory
 * runs out. PATH is the input as named on the command line. */
json_object *pdx_article_to_json(const polidex_article_t *article, const char *path);

#endif
