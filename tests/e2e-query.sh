#!/bin/sh
# e2e-query.sh: polidex-query's query language, filters, facets, sorting, formats, several
# databases and batch mode, on the project's own test and sample pages; JSON output checked
# against doc/query-output.schema.json.
. "${POLIDEX_SRCDIR:-.}/tests/e2e-lib.sh"

db="$work/db"
run_status 0 "index the test and sample pages" "$INDEX" --db "$db" "$srcdir/tests/pages" \
	"$srcdir/data/sample"
all=$(ls "$srcdir"/tests/pages/*.html "$srcdir"/data/sample/*.html | wc -l)

# total ARGS...: the number of matches polidex-query reports.
total() { "$QUERY" --db "$db" --format=json -n 0 --no-expand "$@" 2>/dev/null | jq .total; }
# json ARGS...: polidex-query's JSON into $work/q.json.
json() { "$QUERY" --db "$db" --format=json --no-expand "$@" >"$work/q.json" 2>"$work/err"; }
# expect DESCRIPTION JQ_FILTER: the last JSON output satisfies the filter.
expect() { check "$1" jq -e "$2" "$work/q.json"; }
valid() { # valid FILE DESCRIPTION: the output follows the schema
	"$srcdir/tests/json-valid" "$srcdir/doc/query-output.schema.json" "$1"
	case $? in
	0) ok "$2" ;;
	77) skip "$2 (python3-jsonschema missing)" ;;
	*) fail "$2" ;;
	esac
}

# --- words, stemming and operators
[ "$(total sanction)" -ge 1 ] && ok "a stemmed word finds its other forms" || fail "stemming"
[ "$(total --stem-strategy=none sanction)" -eq 0 ] && ok "--stem-strategy=none matches as written" ||
	fail "--stem-strategy=none: $(total --stem-strategy=none sanction)"
some=$(total Negotiating)
every=$(total --stem-strategy=all Negotiating)
[ "$some" -lt "$every" ] && ok "a capitalised word is exact, unless --stem-strategy=all ($some < $every)" ||
	fail "capitalised word: some $some, all $every"
phrase=$(total '"balance of power"')
words=$(total 'balance power')
near=$(total 'balance NEAR/3 power')
[ "$phrase" -ge 1 ] && [ "$phrase" -le "$near" ] && [ "$near" -le "$words" ] &&
	ok "phrase <= NEAR <= both words ($phrase, $near, $words)" ||
	fail "phrase $phrase, NEAR $near, words $words"
a=$(total trade)
b=$(total climate)
either=$(total trade OR climate)
both=$(total trade AND climate)
[ "$either" -eq $((a + b - both)) ] && ok "OR is the union" || fail "OR: $either of $a + $b - $both"
[ "$(total trade NOT climate)" -eq $((a - both)) ] && ok "NOT removes" || fail "NOT"
[ "$(total 'trade -climate')" -eq $((a - both)) ] && ok "- removes" || fail "-"
[ "$(total '(trade OR climate) AND sanctions')" -le "$either" ] && ok "brackets" || fail "brackets"
[ "$(total 'sanct*')" -ge "$(total sanctions)" ] && ok "a wildcard takes in completions" ||
	fail "wildcard"
[ "$(total 'url:"https://globaltrademonitor.example/trade/steel-safeguards-wto-panel"')" -eq 1 ] &&
	ok "url: finds one page" || fail "url:"
[ "$(total site:globaltrademonitor.example)" -eq 1 ] && ok "site: filters by host" || fail "site:"
[ "$(total 'concept:"Balance of power"')" -ge "$phrase" ] && ok "concept: by label" ||
	fail "concept:"
[ "$(total '多边')" -ge 1 ] && ok "a Chinese query finds Chinese pages (simplified)" || fail "多边"
[ "$(total '貿易')" -ge 1 ] && ok "a Chinese query finds Chinese pages (traditional)" || fail "貿易"
[ "$(total 'date:2019..2019')" -eq "$(total --filter year:2019 '')" ] &&
	ok "date: range and year filter agree" || fail "date range"

# --- spelling
json sanctoins
expect "did you mean" '.total == 0 and .corrected_query == "sanctions"'
json sanctions
expect "no suggestion for words the index holds" '.corrected_query == null'
json --no-spelling sanctoins
expect "--no-spelling" '.corrected_query == null'

# --- bad queries: the problem and where it is, exit 2
for q in '(trade:1' 'trade AND:7' 'OR trade:1' '"trade war:1' 'a ) b:3' 'title::1'; do
	text=${q%:*}
	pos=${q##*:}
	run_status 2 "bad query '$text'" "$QUERY" --db "$db" "$text"
	stderr_has "position $pos" "'$text': the position is named"
done
run_status 2 "a bad date" "$QUERY" --db "$db" "date:2015-13"
stderr_has "is not a date" "says why"

# --- filters and facets
zh=$(total --filter language:zh-Hans '')
fr=$(total --filter language:fr '')
[ "$(total --filter language:zh-Hans --filter language:fr '')" -eq $((zh + fr)) ] &&
	ok "filters on one field are ORed" || fail "OR within a field"
[ "$(total --filter language:zh-Hans --filter year:2019 '')" -lt "$zh" ] &&
	ok "filters on different fields are ANDed" || fail "AND across fields"
json --filter language:zh-Hans --facet language --facet year ''
expect "a facet ignores its own field's filters" \
	".total == $zh and ([.facets.language[].value] | index(\"en\") != null)"
expect "other facets keep the filters" "([.facets.year[].count] | add) == $zh"
valid "$work/q.json" "filtered, faceted output follows the schema"
json --facet concept --facet author:3 --facet tag:2 --facet site --facet month --facet year ''
expect "every facet field" '.facets | keys == ["author", "concept", "month", "site", "tag", "year"]'
expect "a facet's size" '(.facets.author | length) == 3 and (.facets.tag | length) == 2'
expect "counts by count, then label" \
	'[.facets.author[].count] as $c | $c == ($c | sort | reverse)'
expect "years newest first" '[.facets.year[].value] as $v | $v == ($v | sort | reverse)'
expect "months are YYYY-MM" 'all(.facets.month[]; .value | test("^[0-9]{4}-[0-9]{2}$"))'
expect "concepts have labels" 'all(.facets.concept[]; .label != null)'
parent=$(jq -r '.facets.concept[0].value' "$work/q.json")
parent_count=$(jq '.facets.concept[0].count' "$work/q.json")
json --facet "concept:$parent" ''
expect "drill-down lists narrower concepts, none above the parent's count" \
	"(.facets[\"concept:$parent\"] | length) > 0 and all(.facets[\"concept:$parent\"][]; .count <= $parent_count)"
child=$(jq -r ".facets[\"concept:$parent\"][0].value" "$work/q.json")
child_count=$(jq ".facets[\"concept:$parent\"][0].count" "$work/q.json")
[ "$(total --filter "concept:$child" '')" -eq "$child_count" ] &&
	ok "filtering on a facet value gives its count" || fail "filter by the drilled-down concept"
# The page type: a facet, a filter and a query field, and every hit says its type.
json --facet type ''
expect "the type facet counts listings and articles" \
	'([.facets.type[] | select(.value == "listing") | .count][0] >= 2) and
	 ([.facets.type[] | select(.value == "article") | .count][0] >= 20)'
listings=$(jq '[.facets.type[] | select(.value == "listing") | .count][0]' "$work/q.json")
json --filter type:listing --limit 50 ''
expect "a type filter keeps that type" ".total == $listings and all(.hits[]; .type == \"listing\")"
expect "the section front is a listing" 'any(.hits[]; .title == "Latest Research")'
[ "$(total 'type:article')" -eq "$(total --filter type:article '')" ] &&
	ok "type: in a query is the filter" || fail "type: in a query"
valid "$work/q.json" "a type-filtered output follows the schema"
run_status 2 "an unknown filter field" "$QUERY" --db "$db" --filter colour:red ''
stderr_has "unknown field 'colour'" "names the field"
run_status 2 "a filter without a field" "$QUERY" --db "$db" --filter red ''
stderr_has "is not FIELD:VALUE" "says what is expected"
run_status 2 "a bad year" "$QUERY" --db "$db" --filter year:19x ''
stderr_has "not a year" "says why"
run_status 2 "an unknown concept" "$QUERY" --db "$db" --filter "concept:No Such Concept" ''
stderr_has "no concept's label or URI" "says why"
run_status 2 "a bad facet size" "$QUERY" --db "$db" --facet author:0 ''

# --- sorting, paging
json --sort=date -n 50 ''
expect "--sort=date: newest first" '[.hits[].date | select(.)] as $d | $d == ($d | sort | reverse)'
json --sort=-date -n 50 ''
expect "--sort=-date: oldest first" '[.hits[].date | select(.)] as $d | $d == ($d | sort)'
json -n 4 trade
jq -c '[.hits[2:4][].url]' "$work/q.json" >"$work/page-a"
json -n 2 -o 2 trade
jq -c '[.hits[].url]' "$work/q.json" >"$work/page-b"
check "--offset pages through the same order" cmp "$work/page-a" "$work/page-b"
run_status 2 "a bad sort" "$QUERY" --db "$db" --sort=size ''
stderr_has "is not one of relevance, date, -date" "lists the orders"
run_status 2 "a bad stem strategy" "$QUERY" --db "$db" --stem-strategy=most ''

# --- formats
run_status 0 "jsonl" "$QUERY" --db "$db" --format=jsonl --facet year trade
[ "$(wc -l <"$work/out")" -eq 1 ] && ok "jsonl is one line" || fail "jsonl lines"
cp "$work/out" "$work/one.jsonl"
valid "$work/one.jsonl" "jsonl follows the schema"
run_status 0 "csv" "$QUERY" --db "$db" --format=csv -n 3 trade
python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert rows[0][:3] == ["rank", "docid", "score"], rows[0]
assert len(rows) == 4 and all(len(r) == len(rows[0]) for r in rows), rows
assert "<mark>" not in rows[1][-1]
' "$work/out" && ok "csv: a header and one row a hit, snippets unmarked" || fail "csv"
# --- snippets: words standing together are one highlight; a function word alone is not one
json 'balance of power'
expect "the words of 'balance of power' together are one highlight" \
	'[.hits[].snippet] | any(test("<mark>balance of power</mark>"; "i"))'
expect "... and 'of' elsewhere is not highlighted" \
	'[.hits[].snippet] | all(test("<mark>of</mark>"; "i") | not)'
json 'of'
expect "a query of a function word alone still highlights it" \
	'[.hits[].snippet] | any(test("<mark>of</mark>"; "i"))'
run_status 2 "a bad format" "$QUERY" --db "$db" --format=xml ''
run_status 0 "explain" "$QUERY" --db "$db" --explain --filter language:en trade
stderr_has "parsed query: Query(" "shows the parsed query"

# --- several databases: one search, each article once
"$INDEX" --db "$work/part" "$srcdir/data/sample" 2>/dev/null
json --db "$work/part" --facet year -n 100 ''
expect "two databases holding the same pages count each page once" ".total == $all"
expect "and list it once" ".hits | length == $all"
run_status 2 "a missing second database" "$QUERY" --db "$db" --db "$work/none" ''
stderr_has "$work/none" "names it"

# --- batch mode
printf 'trade\nsanctions\tlanguage:en\n"balance of power"\tyear:2018\tyear:2023\n' >"$work/queries"
run_status 0 "--queries-from" "$QUERY" --db "$db" --format=jsonl --facet year \
	--queries-from "$work/queries"
[ "$(wc -l <"$work/out")" -eq 3 ] && ok "one result a line" || fail "batch lines"
stderr_has "3 queries in" "counts the queries"
stderr_has "p99" "reports percentiles"
valid "$work/out" "batch output follows the schema"
same_facets_in_batch "$db"
printf 'trade\tcolour:red\n' >"$work/bad-queries"
run_status 2 "a bad filter in a batch" "$QUERY" --db "$db" --queries-from "$work/bad-queries"
stderr_has "unknown field 'colour'" "names it"
finish
