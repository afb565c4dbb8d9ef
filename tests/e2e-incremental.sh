#!/bin/sh
# e2e-incremental.sh: reruns index only what changed, --prune removes pages whose file is
# gone, another minimum score re-tags everything while another thesaurus is refused, and
# --files-from reads a list of paths.
. "${POLIDEX_SRCDIR:-.}/tests/e2e-lib.sh"

db="$work/db"
crawl="$work/crawl"
mkdir -p "$crawl"
cp "$srcdir"/data/sample/*.html "$crawl/"
pages=$(ls "$crawl"/*.html | wc -l)
count() { "$QUERY" --db "$db" --format=json --limit 0 "" | jq .total; }

run_status 0 "first run" "$INDEX" --db "$db" "$crawl"
stderr_has "$pages pages indexed ($pages new, 0 replaced), 0 unchanged" "every page new"
run_status 0 "rerun on the same crawl" "$INDEX" --db "$db" "$crawl"
stderr_has "0 pages indexed (0 new, 0 replaced), $pages unchanged" "nothing indexed again"

changed=$(ls "$crawl"/*.html | head -n 1)
gone=$(ls "$crawl"/*.html | tail -n 1)
sed -i '0,/<p>/s//<p>Zyxwvutsr, a correction. /' "$changed"
rm "$gone"
run_status 0 "rerun after a change and a deletion" "$INDEX" --db "$db" "$crawl"
stderr_has "1 page indexed (0 new, 1 replaced), $((pages - 2)) unchanged, 0 failed, 0 pruned" \
	"only the changed page is replaced"
[ "$(count)" -eq "$pages" ] && ok "without --prune the deleted page stays" ||
	fail "without --prune the deleted page stays ($(count))"
run_status 0 "--prune" "$INDEX" --db "$db" --prune "$crawl"
stderr_has "1 pruned" "the deleted page is pruned"
[ "$(count)" -eq $((pages - 1)) ] && ok "one document fewer" || fail "one document fewer ($(count))"
"$QUERY" --db "$db" --format=json zyxwvutsr >"$work/out"
check "the changed text is searchable" jq -e '.total == 1' "$work/out"

# The index holds the scheme it was tagged with: another is refused, naming the one it holds.
run_status 2 "another thesaurus is refused" "$INDEX" --db "$db" \
	--thesaurus "$srcdir/tests/thesauri/mini.ttl" "$crawl"
stderr_has "--thesaurus $srcdir/tests/thesauri/mini.ttl: the index was tagged with another concept scheme, that of" \
	"says the index holds another scheme"
stderr_has "polidex-ir.ttl (" "names the scheme it holds"
[ "$(count)" -eq $((pages - 1)) ] && ok "nothing is written" || fail "nothing is written ($(count))"
run_status 0 "another minimum score re-tags every page" "$INDEX" --db "$db" --min-score 2 "$crawl"
stderr_has "$((pages - 1)) pages indexed (0 new, $((pages - 1)) replaced), 0 unchanged" "all replaced"

ls "$crawl"/*.html | "$INDEX" --db "$db" --min-score 2 --files-from - >"$work/out" 2>"$work/err"
[ $? -eq 0 ] && ok "--files-from -" || fail "--files-from -"
stderr_has "0 pages indexed (0 new, 0 replaced), $((pages - 1)) unchanged" "the list is read"
run_status 2 "--files-from a missing file" "$INDEX" --db "$db" --files-from "$work/no-list"
stderr_has "--files-from $work/no-list: No such file or directory" "names the list"

if command -v xapian-check >/dev/null 2>&1; then
	check "xapian-check passes" xapian-check "$db"
fi

# A page whose canonical URL changed since the last run comes back under another id; it must
# still be one document, in one database and in shards.
for shards in 1 2; do
	moved="$work/moved-$shards"
	mkdir -p "$moved/crawl"
	cp "$srcdir"/data/sample/*.html "$moved/crawl/"
	cat >"$moved/crawl/moved.html" <<'PAGE'
<html lang="en"><head><title>Port fees rise for a second year</title>
<link rel="canonical" href="https://harbour.example/2024/port-fees"></head>
<body><article><h1>Port fees rise for a second year</h1>
<p>The port authority raised its fees for container ships for the second year running, citing
the cost of dredging the outer channel and of the new quay cranes.</p>
<p>Shipping lines said the rise would be passed on to importers, quokkaport among them.</p>
</article></body></html>
PAGE
	run_status 0 "first run ($shards shard(s))" "$INDEX" --db "$moved/db" --shards "$shards" \
		"$moved/crawl"
	sed -i 's|2024/port-fees|news/port-fees-rise|; s|running,|running again,|' \
		"$moved/crawl/moved.html"
	run_status 0 "rerun after the canonical URL changed ($shards shard(s))" "$INDEX" \
		--db "$moved/db" --shards "$shards" "$moved/crawl"
	stderr_has "1 page indexed (0 new, 1 replaced)" "counted as replaced ($shards shard(s))"
	"$QUERY" --db "$moved/db" --format=json quokkaport >"$work/out"
	check "one document for the moved page ($shards shard(s))" \
		jq -e '.total == 1 and (.hits[0].url | endswith("news/port-fees-rise"))' "$work/out"
	[ "$("$QUERY" --db "$moved/db" --format=json --limit 0 "" | jq .total)" -eq $((pages + 1)) ] &&
		ok "one document a page ($shards shard(s))" ||
		fail "one document a page ($shards shard(s))"
done
finish
