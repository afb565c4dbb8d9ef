# doc/: manual pages and the index schema.
dist_man_MANS += doc/polidex-index.1 doc/polidex-query.1 doc/polidex-extract.1 \
	doc/polidex-serve.1
EXTRA_DIST += doc/schema.md doc/architecture.md
# The JSON schema of polidex-query --format=json, for programs that read it.
dist_pkgdata_DATA += doc/query-output.schema.json

# The embedding example: checked by tests/e2e-example.sh, and against the installed library
# by installcheck (which make distcheck runs).
EXTRA_DIST += doc/embedding.md doc/examples/search.c
