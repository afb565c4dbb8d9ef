#!/bin/sh
# e2e-concepts.sh: concept tagging of the seed essay with the default thesaurus, concept
# filters, expansion of labels in queries, and concept facets with drill-down.
. "${POLIDEX_SRCDIR:-.}/tests/e2e-lib.sh"
need_shared

db="$work/db"
title=$(jq -r .title "$seed_expected")
pdx="https://polidex.example/concept"

# Every concept and entity the seed's expected file names, among the tagged concepts or
# their broader ones.
run_status 0 "extract the seed's concepts" "$EXTRACT" "$seed"
cp "$work/out" "$work/seed.json"
jq -r '.concepts_must_include[], (.entities_must_include[] | .[])' "$seed_expected" |
	sort -u >"$work/wanted"
jq -r '.concepts[].label, .broader[].label' "$work/seed.json" | sort -u >"$work/tagged"
missing=$(comm -23 "$work/wanted" "$work/tagged")
[ -z "$missing" ] && ok "all $(wc -l <"$work/wanted") expected concepts tagged" ||
	fail "concepts not tagged: $missing"
check "concepts carry id, label, count and score" jq -e \
	'all(.concepts[]; (.id | startswith("https://")) and (.label | length) > 0 and .count >= 1 and .score >= 0.05)' \
	"$work/seed.json"
check "Win-win cooperation is the seed's leading concept" jq -e \
	'[.concepts[0:3][].label] | index("Win-win cooperation") != null' "$work/seed.json"
run_status 0 "--no-concepts" "$EXTRACT" --no-concepts "$seed"
check "no concepts without tagging" jq -e '.concepts == []' "$work/out"
run_status 2 "a thesaurus that is not one" "$EXTRACT" --thesaurus "$seed" "$seed"
stderr_has "polidex-extract: $seed:" "names the bad thesaurus"
run_status 2 "a missing thesaurus" "$EXTRACT" --thesaurus "$work/none.ttl" "$seed"
stderr_has "polidex-extract: $work/none.ttl: No such file or directory" "names the missing thesaurus"

run_status 2 "polidex-index: a missing thesaurus" "$INDEX" --db "$work/never" \
	--thesaurus "$work/none.ttl" "$seed"
stderr_has "polidex-index: $work/none.ttl: No such file or directory" "names it"
[ ! -e "$work/never" ] && ok "and makes no database" || fail "and makes no database"
POLIDEX_THESAURUS="$work/none.ttl" "$INDEX" --db "$work/never" "$seed" >/dev/null 2>&1
[ $? -eq 2 ] && [ ! -e "$work/never" ] && ok "nor with a missing default thesaurus" ||
	fail "nor with a missing default thesaurus"
run_status 0 "index the seed and the samples" "$INDEX" --db "$db" "$seed" "$srcdir/data/sample"

# concept: filters by label in any language or by URI, and takes in narrower concepts.
for q in 'concept:"Balance of power"' 'concept:"balance of power" realism' \
	"concept:$pdx/balance-of-power" 'concept:均势' 'concept:"Theories and doctrines"'; do
	"$QUERY" --db "$db" --format=json --limit 50 "$q" >"$work/out" 2>"$work/err"
	jq -e --arg t "$title" 'any(.hits[]; .title == $t)' "$work/out" >/dev/null &&
		ok "'$q' finds the seed" || fail "'$q' finds the seed: $(cat "$work/err")"
done
run_status 2 "an unknown concept" "$QUERY" --db "$db" 'concept:"Flat earth theory"'
stderr_has "'flat earth theory' is no concept's label or URI" "names the unknown concept"

# The seed's own concept queries.
jq -c '.queries[] | select(.facet != null or .q == "hegemonic")' "$seed_expected" >"$work/queries"
while read -r entry; do
	q=$(printf '%s' "$entry" | jq -r .q)
	facet=$(printf '%s' "$entry" | jq -r '.facet // ""')
	filter=""
	[ -n "$facet" ] && filter="concept:\"${facet#concept:}\""
	"$QUERY" --db "$db" --format=json --limit 50 "$q" $filter >"$work/out" 2>"$work/err"
	jq -e --arg t "$title" 'any(.hits[]; .title == $t)' "$work/out" >/dev/null &&
		ok "'$q' $filter finds the seed" || fail "'$q' $filter finds the seed: $(cat "$work/err")"
done <"$work/queries"

# Expansion: a label finds what is tagged with its concept, in another language too.
run_status 0 "explain a label query" "$QUERY" --db "$db" --explain hegemonic
stderr_has "XC$pdx/hegemony" "the expansion shows"
run_status 0 "explain an exclusion" "$QUERY" --db "$db" --explain 'hegemony -china'
if grep -qF "XC" "$work/err"; then fail "a query with an exclusion is not widened"; else ok "a query with an exclusion is not widened"; fi
"$QUERY" --db "$db" --format=json 霸权 >"$work/out"
check "a Chinese label finds the English essay" jq -e --arg t "$title" 'any(.hits[]; .title == $t)' "$work/out"
"$QUERY" --db "$db" --format=json --no-expand 霸权 >"$work/out"
check "not without expansion" jq -e --arg t "$title" 'all(.hits[]; .title != $t)' "$work/out"

# Facets: top concepts, then one concept's narrower ones.
run_status 0 "concept facet" "$QUERY" --db "$db" --format=json --facet concept ""
check "top concepts with labels and counts" jq -e '(.facets.concept | length) >= 3 and
	all(.facets.concept[]; (.value | startswith("https://")) and (.label | length) > 0 and .count >= 1)' "$work/out"
check "theories counted over every document" jq -e --arg id "$pdx/theories-and-doctrines" \
	'any(.facets.concept[]; .value == $id and .count >= 2)' "$work/out"
run_status 0 "drill down" "$QUERY" --db "$db" --format=json --facet "concept:Theories and doctrines" ""
check "narrower concepts of theories" jq -e '.facets["concept:Theories and doctrines"] | length >= 1' "$work/out"
check "every one narrower than theories" jq -e \
	'all(.facets["concept:Theories and doctrines"][]; .value != "https://polidex.example/concept/theories-and-doctrines")' "$work/out"
run_status 0 "facet labels in Chinese" "$QUERY" --db "$db" --format=json --lang zh-Hans --facet concept ""
check "labels follow --lang" jq -e 'any(.facets.concept[]; .label | test("[\u4e00-\u9fff]"))' "$work/out"
run_status 2 "drill into an unknown concept" "$QUERY" --db "$db" --facet "concept:Nothing at all" ""

finish
