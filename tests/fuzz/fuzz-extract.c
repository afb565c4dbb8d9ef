/* fuzz-extract: libFuzzer target for the page extractor and the article-to-document mapping. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "indexer/article.h"
#include "indexer/document.h"
#include "polidex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	polidex_article_t *a = polidex_article_new("fuzz.html");
	struct pdx_docspec spec;

	if (!a)
		return 0;
	if (polidex_article_parse_html(a, (const char *)data, size) == POLIDEX_STATUS_SUCCESS) {
		memset(&spec, 0, sizeof spec);
		pdx_schema_build(a, &spec);
		pdx_docspec_free(&spec);
	}
	polidex_article_destroy(a);
	return 0;
}
