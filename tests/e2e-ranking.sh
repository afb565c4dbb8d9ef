#!/bin/sh
# e2e-ranking.sh: the first hits of an unquoted query of several words rank the pages where
# the words stand together above those where they are scattered, paging through them keeps
# that order, and a query of a concept's label ranks the pages tagged with the concept above
# pages that only have its words.
. "${POLIDEX_SRCDIR:-.}/tests/e2e-lib.sh"

pages="$work/pages"
mkdir -p "$pages"
# page FILE TITLE TEXT: a page of one article.
page() {
	cat >"$pages/$1" <<EOF
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>$2</title></head>
<body><article><h1>$2</h1><p>$3</p></article></body></html>
EOF
}
page together.html "Notes on the alliance" \
	"The treaty changed the balance of power between the two states, and the ministers met again in the spring to talk about trade and fishing rights along the coast."
page scattered.html "Notes on the grid" \
	"A balance sheet of the utility shows power lines, power plants and power prices; the balance of accounts and the balance due were paid, and the power cuts ended in the spring."
for i in 1 2 3 4 5 6; do
	page "other-$i.html" "Notes number $i" \
		"The ministers met in the spring to talk about trade, fishing rights and the weather along the coast, and agreed to meet again in the autumn number $i."
done

db="$work/db"
run_status 0 "index eight pages" "$INDEX" --db "$db" --no-concepts "$pages"

# order ARGS...: the file names of the hits of a query, in their order, on one line.
order() {
	"$QUERY" --db "$db" --format=json "$@" 2>"$work/err" |
		jq -r '[.hits[].url | sub(".*/"; "")] | join(" ")'
}
# expect DESCRIPTION WANT ARGS...: the hits of the query, in order, are WANT.
expect() {
	desc=$1
	want=$2
	shift 2
	got=$(order "$@")
	if [ "$got" = "$want" ]; then ok "$desc"; else fail "$desc: got '$got', want '$want'"; fi
}

# The scattered page has more of both words, and so ranks first by the words alone.
expect "by the words alone, the page with more of them ranks first" \
	"scattered.html together.html" 'balance AND power'
expect "the page where the words stand together (one word between) ranks above it" \
	"together.html scattered.html" 'balance power'
expect "... and the next page of hits follows that order" "scattered.html" \
	--offset 1 --limit 1 'balance power'
expect "... in the written order of the words only" "scattered.html together.html" \
	'power balance'

# A concept whose other label the tagged page writes, without the words of its label together.
cat >"$work/scheme.ttl" <<'EOF'
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <https://example.org/concept/> .
<https://example.org/scheme> a skos:ConceptScheme ; skos:hasTopConcept ex:soft-power .
ex:soft-power a skos:Concept ; skos:prefLabel "Soft power"@en ;
    skos:altLabel "cultural attraction"@en .
EOF
rm -rf "$pages"/*
page tagged.html "Cultural attraction abroad" \
	"Its cultural attraction grew, and cultural attraction is what the envoys spoke of: a soft voice, and the power of films and of music."
page words.html "A soft landing" \
	"A soft landing, a soft loan and soft drinks; the power of the engine, power steering and power brakes."
for i in 1 2 3 4 5 6; do
	page "other-$i.html" "Notes number $i" \
		"The ministers met in the spring to talk about trade, fishing rights and the weather along the coast, number $i."
done
db="$work/tagged"
run_status 0 "index with a scheme of one concept" "$INDEX" --db "$db" \
	--thesaurus "$work/scheme.ttl" "$pages"
expect "a page with more of the label's words ranks first when concepts are left out" \
	"words.html tagged.html" --no-expand 'soft power'
expect "the page tagged with the concept ranks above it" "tagged.html words.html" 'soft power'
"$QUERY" --db "$db" --explain 'soft power' >"$work/out" 2>"$work/err"
grep -q 'FixedWeightPostingSource' "$work/err" && ok "--explain shows the concept's weight" ||
	fail "--explain: $(cat "$work/err")"

finish
