#!/bin/sh
# e2e-index-query.sh: index the seed essay and the sample pages, then search them as the
# seed's expected queries say.
. "${POLIDEX_SRCDIR:-.}/tests/e2e-lib.sh"
need_shared

db="$work/db"
title=$(jq -r .title "$seed_expected")
samples=$(ls "$srcdir"/data/sample/*.html | wc -l)

run_status 0 "index the seed and the sample pages" "$INDEX" --db "$db" "$seed" "$srcdir/data/sample"
stderr_has "$((samples + 1)) pages indexed ($((samples + 1)) new, 0 replaced), 0 unchanged, 0 failed" "summary"

# Every query of the seed page that needs no concepts.
jq -c '.queries[] | select(.facet == null and .q != "hegemonic")' "$seed_expected" >"$work/queries"
[ -s "$work/queries" ] && ok "the seed lists queries" || fail "the seed lists queries"
while read -r entry; do
	q=$(printf '%s' "$entry" | jq -r .q)
	filter=$(printf '%s' "$entry" | jq -r '.filter // ""')
	must=$(printf '%s' "$entry" | jq -r .must_match)
	"$QUERY" --db "$db" --format=json --limit 100 "$q" $filter >"$work/out" 2>"$work/err"
	status=$?
	found=$(jq --arg t "$title" '[.hits[] | select(.title == $t)] | length' "$work/out")
	if [ "$status" -ne 0 ]; then
		fail "query '$q $filter' failed: $(cat "$work/err")"
	elif [ "$must" = true ] && [ "$found" -eq 1 ]; then
		ok "'$q $filter' finds the seed"
	elif [ "$must" = false ] && [ "$found" -eq 0 ]; then
		ok "'$q $filter' does not find the seed"
	else
		fail "'$q $filter': seed found $found times, must_match $must"
	fi
done <"$work/queries"

# JSON output: shape, snippet highlighting and facets over the whole match set.
run_status 0 "faceted JSON search" "$QUERY" --db "$db" --format=json --limit 1 \
	--facet section --facet author --facet language --facet year cooperation
cp "$work/out" "$work/facets.json"
check "total, hits and facets" jq -e \
	'(.total | type == "number") and (.hits | type == "array") and (.facets | type == "object")' \
	"$work/facets.json"
check "every hit has id, url, title, date and snippet" jq -e \
	'all(.hits[]; has("id") and has("url") and has("title") and has("date") and has("snippet"))' \
	"$work/facets.json"
check "one hit shown" jq -e '.hits | length == 1' "$work/facets.json"
check "snippet highlights the match" jq -e '.hits[0].snippet | test("<mark>[Cc]ooperat")' \
	"$work/facets.json"
check "facets count every match, not the page shown" jq -e \
	'.total > 1 and ([.facets.language[].count] | add) == .total' "$work/facets.json"
check "the four facets" jq -e '.facets | keys == ["author", "language", "section", "year"]' \
	"$work/facets.json"
check "facet entries are value and count" jq -e \
	'all(.facets[][]; (.value | type == "string") and (.count | type == "number"))' \
	"$work/facets.json"
run_status 0 "facets of the seed's own query" "$QUERY" --db "$db" --format=json --no-expand \
	--facet section --facet author --facet year "win-win cooperation"
check "seed facets" jq -e '.facets.section == [{"value": "Foreign Policy", "count": 1}] and
	.facets.author == [{"value": "Du Qiwen", "count": 1}] and
	.facets.year == [{"value": "2015", "count": 1}]' "$work/out"

# Field prefixes.
for q in 'author:"Du Qiwen"' 'section:"Foreign Policy"' 'lang:en win-win' 'title:win-win' \
	'date:2015-05..2015-05'; do
	"$QUERY" --db "$db" --format=json "$q" >"$work/out" 2>"$work/err"
	jq -e --arg t "$title" 'any(.hits[]; .title == $t)' "$work/out" >/dev/null &&
		ok "'$q' finds the seed" || fail "'$q' finds the seed: $(cat "$work/err")"
done
"$QUERY" --db "$db" --format=json 'lang:zh-Hans' >"$work/out"
check "a Chinese page by language" jq -e '.total == 1 and .hits[0].language == "zh-Hans"' "$work/out"

# Text output.
run_status 0 "text output" "$QUERY" --db "$db" --facet section "win-win cooperation"
grep -qF "1. $title" "$work/out" && ok "text shows the hit" || fail "text shows the hit"
grep -q '^section:' "$work/out" && ok "text shows the facet" || fail "text shows the facet"
grep -q '\*[^*]*cooperation\*' "$work/out" && ok "text marks matches" || fail "text marks matches"

# Re-indexing leaves unchanged pages alone; the database stays sound.
run_status 0 "re-index the seed" "$INDEX" --db "$db" "$seed"
stderr_has "0 pages indexed (0 new, 0 replaced), 1 unchanged" "the unchanged seed is left alone"
"$QUERY" --db "$db" --format=json "" >"$work/out"
check "still one document per page" jq -e --argjson n $((samples + 1)) '.total == $n' "$work/out"
if command -v xapian-check >/dev/null 2>&1; then
	check "xapian-check passes" xapian-check "$db" >/dev/null
fi

finish
