/* fuzz-skos: libFuzzer target for the SKOS loader (through a file, as it reads) and the
 * tagger compiled from what it loads. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "concepts/tagger.h"
#include "concepts/thesaurus.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The first byte picks the syntax, as the file's extension would. */
	static const char *const ext[] = {".ttl", ".rdf", ".nt", ""};
	char path[64], error[1024];
	pdx_thesaurus_t *th;
	FILE *fh;

	if (size < 1)
		return 0;
	snprintf(path, sizeof path, "/tmp/fuzz-skos-%d%s", (int)getpid(), ext[data[0] % 4]);
	fh = fopen(path, "wb");
	if (!fh)
		return 0;
	fwrite(data + 1, 1, size - 1, fh);
	fclose(fh);
	th = pdx_thesaurus_load(path, error, sizeof error);
	if (th) {
		pdx_tagger_t *tagger = pdx_tagger_new(th);
		struct pdx_tag *tags;
		size_t n;

		if (tagger &&
		    pdx_tagger_tag(tagger, "Balance of power", "The balance of power. \xe5\x9d\x87",
				   "en", 0, &tags, &n) == 0)
			free(tags);
		pdx_tagger_free(tagger);
		if (th->n_concepts) {
			size_t anc[16];

			pdx_thesaurus_ancestors(th, 0, anc, 16);
			pdx_thesaurus_depth(th);
		}
		pdx_thesaurus_free(th);
	}
	unlink(path);
	return 0;
}
