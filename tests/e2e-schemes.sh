#!/bin/sh
# e2e-schemes.sh: an index of several concept schemes (polidex-index --thesaurus NAME=FILE):
# each named scheme its own facet and filter field beside the unnamed "concept", in queries,
# drill-down and labels of another language; kept by the index and refused when another file
# is given under its name; served by polidex-serve and carried by shards.
. "${POLIDEX_SRCDIR:-.}/tests/e2e-lib.sh"

db="$work/db"
sample="$srcdir/data/sample"
mini="$srcdir/tests/thesauri/mini.ttl"
places="$srcdir/tests/thesauri/tagger.ttl"
ex="https://example.org/concept"

run_status 0 "index with two named schemes" "$INDEX" --db "$db" \
	--thesaurus mini="$mini" --thesaurus place="$places" "$sample"
pages=$(ls "$sample"/*.html | wc -l)

"$QUERY" --db "$db" --format=json --limit 0 --facet concept --facet mini --facet place "" \
	>"$work/facets.json"
check "the unnamed scheme is still the concept field" jq -e \
	'(.facets.concept | length) > 0 and
	 all(.facets.concept[]; .value | startswith("https://polidex.example/"))' "$work/facets.json"
check "each named scheme counts its own concepts" jq -e --arg ex "$ex" \
	'(.facets.mini | length) > 0 and (.facets.place | length) > 0 and
	 all(.facets.mini[], .facets.place[]; (.value | startswith($ex)) and (.label | length) > 0)' \
	"$work/facets.json"
check "mini's top concept is its only one" jq -e \
	'[.facets.mini[].label] == ["Theories"]' "$work/facets.json"

# A filter by label, in a query or as --filter, finds what the facet counted.
moscow=$(jq '.facets.place[] | select(.label == "Moscow") | .count' "$work/facets.json")
[ -n "$moscow" ] && [ "$moscow" -ge 1 ] && ok "Moscow is counted ($moscow)" ||
	fail "Moscow is counted: $(jq -c .facets.place "$work/facets.json")"
for how in "--filter place:Moscow" "place:Moscow" "place:$ex/moscow"; do
	case $how in
	--filter*) "$QUERY" --db "$db" --format=json --limit 50 --filter "place:Moscow" "" ;;
	*) "$QUERY" --db "$db" --format=json --limit 50 "$how" ;;
	esac >"$work/out" 2>"$work/err"
	check "$how finds the $moscow pages" jq -e --argjson n "${moscow:-0}" '.total == $n' "$work/out"
done
"$QUERY" --db "$db" --format=json --limit 50 'mini:"Balance of power"' >"$work/out" 2>"$work/err"
check "a phrase label of a named scheme filters" jq -e '.total >= 1' "$work/out"
"$QUERY" --db "$db" --format=json --limit 50 'place:Moscow AND mini:Realism' >"$work/and.json"
"$QUERY" --db "$db" --format=json --limit 50 --filter place:Moscow --filter "mini:Realism" "" \
	>"$work/out" 2>"$work/err"
check "filters of two schemes are ANDed" jq -e --slurpfile q "$work/and.json" --argjson n "$moscow" \
	'.total >= 1 and .total < $n and ([.hits[].id] == [$q[0].hits[].id])' "$work/out"

# Drill-down and labels in the reader's language.
"$QUERY" --db "$db" --format=json --limit 0 --facet mini:Theories "" >"$work/out"
check "drill down a named scheme" jq -e \
	'[.facets["mini:Theories"][].label] | index("Realism") != null' "$work/out"
"$QUERY" --db "$db" --format=json --limit 0 --lang zh-Hans --facet mini "" >"$work/out"
check "its labels follow --lang" jq -e '[.facets.mini[].label] == ["理论"]' "$work/out"

# Names the index does not hold are errors that name them.
run_status 2 "a facet on a scheme the index lacks" "$QUERY" --db "$db" --facet eurovoc ""
stderr_has "facet eurovoc: unknown field or size 'eurovoc': the index holds no concept scheme of that name" \
	"names the scheme"
run_status 2 "a filter on a scheme the index lacks" "$QUERY" --db "$db" --filter eurovoc:debt ""
stderr_has "filter eurovoc:debt: unknown field 'eurovoc'" "names the filter"
run_status 2 "an unknown label of a named scheme" "$QUERY" --db "$db" 'place:"Atlantis"'
stderr_has "'atlantis' is no concept's label or URI" "names the label"

# The index keeps its schemes: a run without them tags with them; another file under a name
# it holds is refused, naming the one it holds.
run_status 0 "a rerun without --thesaurus" "$INDEX" --db "$db" "$sample"
stderr_has "0 pages indexed (0 new, 0 replaced), $pages unchanged" "finds every page unchanged"
{ cat "$mini"; echo "# another file"; } >"$work/mini2.ttl"
run_status 2 "another file under a name the index holds" "$INDEX" --db "$db" \
	--thesaurus mini="$work/mini2.ttl" "$sample"
stderr_has "was tagged with the concept scheme mini of $mini" "names the scheme it holds"
run_status 2 "one name given twice" "$INDEX" --db "$work/twice" \
	--thesaurus a="$mini" --thesaurus a="$places" "$sample"
stderr_has "a scheme called a is given already" "says so"
[ ! -e "$work/twice" ] && ok "and makes no database" || fail "and makes no database"
run_status 2 "a name no scheme may have" "$INDEX" --db "$work/badname" \
	--thesaurus author="$mini" "$sample"
stderr_has "'author' cannot name a scheme" "says what a name may be"
[ ! -e "$work/badname" ] && ok "and makes no database" || fail "and makes no database"
run_status 0 "a new name for a database that has some" "$INDEX" --db "$db" \
	--thesaurus second="$mini" "$sample"
stderr_has "$pages replaced" "tags every page read with it"
"$QUERY" --db "$db" --format=json --limit 0 --facet second --facet mini "" >"$work/out"
check "and counts it as the first" jq -e '.facets.second == .facets.mini' "$work/out"

# polidex-extract shows what each named scheme makes of a page, as the index keeps it.
page=$(grep -l Moscow "$sample"/*.html | head -n 1)
run_status 0 "polidex-extract with a named scheme" "$EXTRACT" --thesaurus place="$places" "$page"
check "its concepts under schemes.place, the unnamed ones under concepts" jq -e \
	'any(.schemes.place[]; .label == "Moscow" and .count >= 1 and .score > 0) and
	 all(.concepts[]; .id | startswith("https://polidex.example/"))' "$work/out"
run_status 0 "polidex-extract without one" "$EXTRACT" "$page"
check "has no schemes" jq -e 'has("schemes") | not' "$work/out"
run_status 2 "polidex-extract with a named scheme that does not load" "$EXTRACT" \
	--thesaurus place="$work/none.ttl" "$page"
stderr_has "$work/none.ttl: No such file or directory" "names the file"

# Shards carry every scheme, and polidex-serve offers them as facets and filters.
run_status 0 "index into shards" "$INDEX" --db "$work/shards" --shards 2 \
	--thesaurus mini="$mini" --thesaurus place="$places" "$sample"
"$QUERY" --db "$work/shards" --format=json --limit 0 --facet concept --facet mini --facet place \
	"" >"$work/shards.json"
check "shards count as one database" jq -e --slurpfile one "$work/facets.json" \
	'.facets == $one[0].facets' "$work/shards.json"

if command -v curl >/dev/null 2>&1 && start_serve --db "$db" --threads 2; then
	curl -s "$base/search?q=&limit=0&facet=place&filter=mini:Theories" >"$work/body"
	"$QUERY" --db "$db" --format=json --limit 0 --facet place --filter mini:Theories "" \
		>"$work/out"
	check "/search: a named scheme's facet and filter as polidex-query gives them" jq -e \
		--slurpfile q "$work/out" '.facets == $q[0].facets and .total == $q[0].total' \
		"$work/body"
	docid=$(curl -s "$base/search?q=place:Moscow&limit=1" | jq '.hits[0].docid')
	curl -s "$base/doc/$docid" >"$work/body"
	check "/doc: a document's concepts of each named scheme" jq -e \
		'any(.schemes.place[]; .label == "Moscow") and (.schemes.mini | type) == "array"' \
		"$work/body"
	code=$(curl -s -o "$work/body" -w '%{http_code}' "$base/search?q=x&facet=eurovoc")
	[ "$code" = 400 ] && jq -e '.error.parameter == "facet"' "$work/body" >/dev/null &&
		ok "/search: an unknown scheme is a bad facet (400)" ||
		fail "/search: an unknown scheme is a bad facet: $code $(cat "$work/body")"
else
	skip "polidex-serve with named schemes: curl missing or the server did not start"
fi
finish
