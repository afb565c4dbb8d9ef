#!/bin/sh
# e2e-gen-crawl.sh: bench/gen-crawl writes the same crawl for the same seed, as files or as a
# WARC, and polidex-index takes either, failing (files) or skipping (the WARC) only the pages
# made broken on purpose.
. "${POLIDEX_SRCDIR:-.}/tests/e2e-lib.sh"

GEN="$builddir/bench/gen-crawl"
thesaurus="$srcdir/data/thesaurus/polidex-ir.ttl"
pages=400

run_status 0 "a crawl" "$GEN" --seed 3 --thesaurus "$thesaurus" $pages "$work/a"
run_status 0 "the same seed again" "$GEN" --seed 3 --thesaurus "$thesaurus" $pages "$work/b"
check "the same bytes" diff -r "$work/a" "$work/b"
run_status 0 "another seed" "$GEN" --seed 4 --thesaurus "$thesaurus" $pages "$work/c"
diff -r "$work/a" "$work/c" >/dev/null && fail "another seed, another crawl" ||
	ok "another seed, another crawl"
n=$(find "$work/a" -name '*.html' | wc -l)
[ "$n" -eq $pages ] && ok "$pages pages" || fail "$pages pages ($n)"
zh=$(grep -l 'lang="zh-CN"' -r "$work/a" | wc -l)
[ "$zh" -ge 8 ] && [ "$zh" -le 40 ] && ok "about 5% Chinese ($zh)" || fail "about 5% Chinese ($zh)"
gbk=$(grep -l 'charset="gbk"' -r "$work/a" | wc -l)
[ "$gbk" -ge 1 ] && [ "$gbk" -lt "$zh" ] && ok "some of them GBK ($gbk)" ||
	fail "some of them GBK ($gbk of $zh)"

run_status 1 "indexing the files (the broken pages fail)" "$INDEX" --db "$work/db-files" "$work/a"
failed=$(sed -n 's/.* \([0-9]*\) failed.*/\1/p' "$work/err")
[ "${failed:-0}" -ge 1 ] && [ "$failed" -le 12 ] && ok "about 1% fail ($failed)" ||
	fail "about 1% fail (${failed:-none})"
run_status 0 "as a WARC" "$GEN" --seed 3 --thesaurus "$thesaurus" --warc $pages "$work/crawl.warc.gz"
# In a crawl the broken pages are what the server sent: passed over as no page by their content,
# not failures of an undamaged archive.
run_status 0 "indexing the WARC" "$INDEX" --db "$work/db-warc" "$work/crawl.warc.gz"
stderr_has "skipped: no page by their content $failed" "the broken pages are skipped, by reason"
files=$("$QUERY" --db "$work/db-files" --format=json --limit 0 "" | jq .total)
warc=$("$QUERY" --db "$work/db-warc" --format=json --limit 0 "" | jq .total)
[ "$files" -eq "$warc" ] && [ "$files" -eq $((pages - failed)) ] &&
	ok "the same pages indexed from files and WARC ($files)" ||
	fail "the same pages indexed from files and WARC ($files, $warc)"
"$QUERY" --db "$work/db-warc" --format=json --limit 0 --facet concept "" >"$work/out"
check "most pages carry concepts" jq -e '.facets.concept[0].count > 200' "$work/out"
run_status 2 "a bad page count" "$GEN" x "$work/d"
stderr_has "'x' is not a number of pages" "says why"
finish
