#!/bin/sh
# e2e-shards.sh: polidex-index --shards writes shards side by side behind a stub database;
# polidex-query, quest and xapian-delve open it as one index, and the same shards served by
# xapian-tcpsrv on 127.0.0.1 give the same hits and facet counts as one database.
. "${POLIDEX_SRCDIR:-.}/tests/e2e-lib.sh"

for tool in xapian-delve quest xapian-check xapian-tcpsrv; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		skip_all "$tool not found (Debian package xapian-tools)"
	fi
done

crawl="$work/crawl"
mkdir -p "$crawl"
cp "$srcdir"/tests/pages/*.html "$srcdir"/data/sample/*.html "$crawl/"
pages=$(ls "$crawl" | wc -l)

run_status 0 "one database" "$INDEX" --db "$work/one" "$crawl"
run_status 0 "three shards" "$INDEX" --db "$work/three" --shards 3 "$crawl"
stderr_has "$pages pages indexed ($pages new, 0 replaced)" "every page counted once"
check "the stub file names the shards" grep -qx "auto shard-002" "$work/three/XAPIANDB"
[ "$(grep -c '^auto ' "$work/three/XAPIANDB")" -eq 3 ] && ok "three auto lines" ||
	fail "three auto lines: $(cat "$work/three/XAPIANDB")"
i=0
total=0
while [ "$i" -lt 3 ]; do
	shard="$work/three/shard-00$i"
	check "shard $i passes xapian-check" xapian-check "$shard"
	n=$(xapian-delve "$shard" | sed -n 's/^number of documents = //p')
	[ "${n:-0}" -gt 0 ] && ok "shard $i holds documents ($n)" || fail "shard $i is empty"
	total=$((total + ${n:-0}))
	i=$((i + 1))
done
[ "$total" -eq "$pages" ] && ok "the shards hold each page once" ||
	fail "the shards hold $total documents for $pages pages"

# Xapian's own tools open the folder as one database.
n=$(xapian-delve "$work/three" | sed -n 's/^number of documents = //p')
[ "$n" = "$pages" ] && ok "xapian-delve opens the stub" || fail "xapian-delve: $n documents"
quest -d "$work/one" cooperation >"$work/quest-one"
quest -d "$work/three" cooperation >"$work/quest-three"
m1=$(sed -n 's/^Exactly \([0-9]*\) matches/\1/p' "$work/quest-one")
m3=$(sed -n 's/^Exactly \([0-9]*\) matches/\1/p' "$work/quest-three")
[ -n "$m1" ] && [ "$m1" = "$m3" ] && ok "quest finds as many matches ($m1)" ||
	fail "quest: $m1 matches in one database, $m3 in shards"

# same_search NAME DB: every test query over DB gives what it gives over one database,
# document ids aside (each shard numbers its own, and hits of equal weight come in the order
# of their ids), and snippets aside (over shards Xapian may pick another passage of the same
# text); weights to six decimal places (a remote match may differ in the last digit).
same_search() {
	for q in "cooperation" "trade OR security" '"balance of power"' "lang:en" "date:2015..2022" ""; do
		for db in "$work/one" "$2"; do
			"$QUERY" --db "$db" --format=json --limit 50 --facet author --facet concept \
				--facet year --facet section --facet language "$q" >"$work/raw" &&
				jq -S '.hits |= (map(del(.docid, .snippet) | .score |= (. * 1e6 | round)) | sort_by(.url))' "$work/raw" \
					>"$work/result-$(basename "$db")" ||
				: >"$work/result-$(basename "$db")"
		done
		if [ -s "$work/result-one" ] &&
			cmp -s "$work/result-one" "$work/result-$(basename "$2")"; then
			ok "$1: '$q' gives the same hits and facet counts"
		else
			fail "$1: '$q' differs: $(diff "$work/result-one" "$work/result-$(basename "$2")" | head -5)"
		fi
	done
}
same_search "local shards" "$work/three"
same_facets_in_batch "$work/three"

# Incremental runs and options keep to the shards.
run_status 0 "a rerun" "$INDEX" --db "$work/three" "$crawl"
stderr_has "$pages unchanged" "a rerun leaves every page alone"
changed="$crawl/$(ls "$crawl" | head -n 1)"
sed 's|</body>|<p>A paragraph added to the page after it was first indexed.</p></body>|' \
	"$changed" >"$work/changed" && cp "$work/changed" "$changed"
run_status 0 "a rerun after a change" "$INDEX" --db "$work/three" "$crawl"
stderr_has "1 page indexed (0 new, 1 replaced)" "the changed page is replaced in its shard"
rm "$crawl/$(ls "$crawl" | tail -n 1)"
run_status 0 "--prune" "$INDEX" --db "$work/three" --prune "$crawl"
stderr_has "1 pruned" "pruning reaches every shard"
stderr_has "holds $((pages - 1)) documents" "one document fewer"
run_status 2 "another shard count" "$INDEX" --db "$work/three" --shards 2 "$crawl"
stderr_has "holds 3 shards, not 2" "names the shard counts"
run_status 2 "sharding a database of one shard" "$INDEX" --db "$work/one" --shards 2 "$crawl"
stderr_has "is a database of one shard" "says why"
run_status 2 "--shards 0" "$INDEX" --db "$work/x" --shards 0 "$crawl"
stderr_has "--shards: '0' is not a number from 1 to 256" "names the option"

# The same index whatever the number of worker threads.
"$INDEX" --db "$work/j1" --shards 2 -j 1 "$crawl" 2>/dev/null
"$INDEX" --db "$work/j3" --shards 2 -j 3 "$crawl" 2>/dev/null
for s in shard-000 shard-001; do
	xapian-delve -a -v "$work/j1/$s" >"$work/d1" 2>&1
	xapian-delve -a -v "$work/j3/$s" >"$work/d3" 2>&1
	check "$s: the same with 1 and 3 worker threads" cmp "$work/d1" "$work/d3"
done

# Remote shards: Xapian's own server on the loopback interface, one per shard.
rm -rf "$work/one" && "$INDEX" --db "$work/one" "$crawl" 2>/dev/null
pids=""
attempt=0
serve() { # serve SHARD: start xapian-tcpsrv on a free loopback port; sets $port
	for try in 1 2 3 4 5 6 7 8 9 10; do
		# Every attempt of the run has a port and a log of its own: a log shared with an
		# earlier server may still say "Listening" before the new one has even started.
		attempt=$((attempt + 1))
		port=$((20000 + ($$ * 31 + attempt * 977) % 40000))
		log="$work/srv-$attempt"
		# In a session of its own: on SIGTERM the server signals its whole process group.
		setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" "$1" >"$log" 2>&1 &
		pid=$!
		for wait in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
			grep -q "Listening" "$log" 2>/dev/null && break
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		if grep -q "Listening" "$log" 2>/dev/null; then
			pids="$pids $pid"
			return 0
		fi
		kill "$pid" 2>/dev/null
	done
	return 1
}
trap 'kill $pids 2>/dev/null; rm -rf "$work"' EXIT
: >"$work/remote.stub"
for s in shard-000 shard-001 shard-002; do
	if serve "$work/three/$s"; then
		echo "remote 127.0.0.1:$port" >>"$work/remote.stub"
	else
		fail "xapian-tcpsrv serves $s: $(cat "$work"/srv-* | tail -n 2)"
	fi
done
same_search "remote shards" "$work/remote.stub"
# The scheme comes with the index: a client of remote shards that has no thesaurus file at all
# counts and labels their concepts as the local database does.
for db in "$work/one" "$work/remote.stub"; do
	POLIDEX_THESAURUS="$work/no-such.ttl" "$QUERY" --db "$db" --format=json --limit 0 \
		--facet concept --facet 'concept:Regions and countries' "" \
		>"$work/concepts-$(basename "$db")" 2>"$work/err"
done
check "remote shards: concepts without a thesaurus file" \
	jq -e '(.facets.concept | length) > 0 and (.facets["concept:Regions and countries"] | length) > 0' \
	"$work/concepts-remote.stub"
check "remote shards: the concepts of one database" \
	cmp "$work/concepts-one" "$work/concepts-remote.stub"
# A query of a concept's label is widened from the label groups the shards keep.
for db in "$work/one" "$work/remote.stub"; do
	POLIDEX_THESAURUS="$work/no-such.ttl" "$QUERY" --db "$db" --format=json --limit 0 \
		"balance of power" 2>"$work/err" | jq -r .parsed_query >"$work/widened-$(basename "$db")"
done
check "remote shards: a label query widened to its concept" \
	grep -qF "XChttps://polidex.example/concept/balance-of-power" "$work/widened-remote.stub"
check "remote shards: widened as one database is" \
	cmp "$work/widened-one" "$work/widened-remote.stub"
finish
