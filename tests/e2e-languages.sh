#!/bin/sh
# e2e-languages.sh: a query over an index of pages in several languages finds each page by
# its own words without --lang (each word stemmed in every language the index holds, and as
# written), --lang keeps to one language, phrases match in each, Chinese words mix with Latin
# ones, and a hit's snippet marks its words as its own language stems them.
. "${POLIDEX_SRCDIR:-.}/tests/e2e-lib.sh"

pages="$work/pages"
mkdir -p "$pages"
# page FILE LANG TITLE TEXT: a page of one article.
page() {
	cat >"$pages/$1" <<EOF
<!DOCTYPE html>
<html lang="$2"><head><meta charset="utf-8"><title>$3</title></head>
<body><article><h1>$3</h1><p>$4</p><p>$4</p></article></body></html>
EOF
}
page es.html es "Las políticas nuevas de ahorro" \
	"El gobierno presentó las políticas nuevas de ahorro energético para las familias y las empresas del país, con soluciones para cada región."
page de.html de "Verhandlungen über Zölle" \
	"Die Verhandlungen über neue Zölle zwischen den beiden Regierungen dauerten bis in die Nacht, und die Delegationen sprachen über Kompromisse."
page fr.html fr "Les négociations commerciales" \
	"Les négociations commerciales entre les deux gouvernements ont repris cette semaine, et les délégations ont parlé des compromis possibles."
page en.html en "Trade negotiations resume" \
	"The trade negotiations between the two governments resumed this week, and the delegations talked about possible compromises on tariffs."
page zh.html zh-Hans "双边贸易谈判" \
	"两国政府之间的贸易谈判本周恢复，代表团讨论了可能的妥协方案。"

db="$work/db"
run_status 0 "index five pages in five languages" "$INDEX" --db "$db" --no-concepts "$pages"

# found ARGS...: the file names of the hits of a query, sorted, on one line.
found() {
	"$QUERY" --db "$db" --format=json --no-expand "$@" 2>"$work/err" |
		jq -r '[.hits[].url | sub(".*/"; "")] | sort | join(" ")'
}
# expect DESCRIPTION WANT ARGS...: the hits of the query are WANT.
expect() {
	desc=$1
	want=$2
	shift 2
	got=$(found "$@")
	if [ "$got" = "$want" ]; then ok "$desc"; else fail "$desc: got '$got', want '$want'"; fi
}

expect "Spanish words find the Spanish page without --lang" es.html 'ahorros nuevos'
expect "... which English stems alone do not" "" --lang en 'ahorros nuevos'
expect "... and --lang es does" es.html --lang es 'ahorros nuevos'
expect "German words find the German page without --lang" de.html 'verhandlung zöllen'
expect "French words find the French page without --lang" fr.html 'négociation commercial'
expect "English words find the English page without --lang" en.html 'negotiation compromise'
expect "a phrase matches in its language" es.html '"políticas nuevas"'
expect "a word as written matches in every language" "de.html en.html fr.html" 'delegationen OR delegations OR délégations'
expect "Chinese words mix with Latin ones" "en.html zh.html" '贸易谈判 OR tariff'
expect "a filter still narrows the languages" fr.html '(compromis OR compromises) lang:fr'
expect "=word is the word as written" "" '=ahorros'
expect "... which the page has" es.html '=ahorro'
expect "--no-stem takes every word as written" "" --no-stem 'ahorros nuevas'
expect "... and finds the words the page writes" es.html --no-stem 'ahorro nuevas'

"$QUERY" --db "$db" --explain 'ahorros' >"$work/out" 2>"$work/err"
grep -q 'SYNONYM' "$work/err" && ok "--explain shows each word's forms as one synonym group" ||
	fail "--explain: $(cat "$work/err")"
"$QUERY" --db "$db" --lang es --explain 'ahorros' >"$work/out" 2>"$work/err"
grep -q 'SYNONYM' "$work/err" && fail "--lang es still expands: $(cat "$work/err")" ||
	ok "--lang keeps to one language's stems"

"$QUERY" --db "$db" --format=json 'soluciones' >"$work/q.json" 2>"$work/err"
check "a hit's snippet marks its word as its own language stems it" \
	jq -e '.hits[0].snippet | test("<mark>soluciones</mark>")' "$work/q.json"
"$QUERY" --db "$db" --format=json 'solución' >"$work/q.json" 2>"$work/err"
check "... and another form of it" jq -e '.hits[0].snippet | test("<mark>soluciones</mark>")' \
	"$work/q.json"

"$QUERY" --db "$db" --format=json 'para región' >"$work/q.json" 2>"$work/err"
check "a Spanish function word is not marked on its own in a Spanish page's snippet" \
	jq -e '.hits[0].snippet | test("<mark>región</mark>") and (test("<mark>para</mark>") | not)' \
	"$work/q.json"

# An index of English pages alone parses as before: no synonym groups.
run_status 0 "index the English page alone" "$INDEX" --db "$work/en" --no-concepts "$pages/en.html"
"$QUERY" --db "$work/en" --explain 'negotiations' >"$work/out" 2>"$work/err"
grep -q 'SYNONYM' "$work/err" && fail "an English index expands: $(cat "$work/err")" ||
	ok "an index of one language parses in it alone"

finish
