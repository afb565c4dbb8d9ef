#!/bin/sh
# e2e-result-sets.sh: a whole result set taken away: polidex-query --limit all as JSON Lines
# and CSV with every stored field, and /search?format=csv|jsonl as a download, within the
# operator's cap.
. "${POLIDEX_SRCDIR:-.}/tests/e2e-lib.sh"

db="$work/db"
run_status 0 "index the test and sample pages" "$INDEX" --db "$db" "$srcdir/tests/pages" \
	"$srcdir/data/sample"
total() { "$QUERY" --db "$db" --format=json -n 0 "$@" 2>/dev/null | jq .total; }

every=$(total '')
"$QUERY" --db "$db" --limit all --format=jsonl '' >"$work/all.jsonl" 2>"$work/err"
lines=$(wc -l <"$work/all.jsonl")
[ "$lines" -eq "$every" ] && [ "$every" -gt 10 ] &&
	ok "--limit all writes every match, not one page ($lines of $every)" ||
	fail "--limit all: $lines lines for $every matches"
check "each line is a document with its docid and stored fields, concepts included" \
	jq -e -s 'all(.[]; (.docid | type == "number") and has("concepts") and has("text") and
		has("first_captured"))' "$work/all.jsonl"
check "... and a document once" jq -e -s '(map(.docid) | unique | length) == length' \
	"$work/all.jsonl"
[ ! -s "$work/err" ] && ok "nothing on standard error when it is not a terminal" ||
	fail "standard error: $(cat "$work/err")"

some=$(total cooperation)
"$QUERY" --db "$db" --limit all --format=csv cooperation >"$work/some.csv" 2>"$work/err"
python3 - "$work/some.csv" "$some" <<'EOF' && ok "CSV: a header and a row of every column a match ($some)" || fail "CSV: $(head -c 300 "$work/some.csv")"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
head, body = rows[0], rows[1:]
assert head[:3] == ["docid", "id", "url"] and "concepts" in head and "text" in head, head
assert len(body) == int(sys.argv[2]), (len(body), sys.argv[2])
assert all(len(r) == len(head) for r in body)
assert any(r[head.index("concepts")] for r in body), "no concepts"
EOF

filtered=$(total --filter lang:en cooperation)
"$QUERY" --db "$db" --limit all --format=jsonl --filter lang:en cooperation >"$work/f.jsonl"
[ "$(wc -l <"$work/f.jsonl")" -eq "$filtered" ] && ok "filters narrow an export too ($filtered)" ||
	fail "filtered export: $(wc -l <"$work/f.jsonl") lines, $filtered matches"
run_status 2 "--limit all refuses the text format" "$QUERY" --db "$db" --limit all cooperation
grep -q 'format=jsonl' "$work/err" && ok "... saying which formats it writes" || fail "$(cat "$work/err")"

if command -v curl >/dev/null 2>&1 && start_serve --db "$db" --no-access-log --export-limit "$every"; then
	code=$(curl -s -D "$work/headers" -o "$work/dl.csv" -w '%{http_code}' "$base/search?q=cooperation&format=csv")
	rows=$(python3 -c 'import csv,sys; print(len(list(csv.reader(open(sys.argv[1], newline=""))))-1)' "$work/dl.csv")
	[ "$code" = 200 ] && [ "$rows" -eq "$some" ] && grep -qi '^content-disposition: attachment' "$work/headers" &&
		ok "/search?format=csv downloads every match ($rows)" ||
		fail "/search?format=csv: $code, $rows rows of $some"
	cmp -s "$work/dl.csv" "$work/some.csv" && ok "... the same bytes as polidex-query's" ||
		fail "the download differs from polidex-query --limit all"
	code=$(curl -s -o "$work/dl.jsonl" -w '%{http_code}' "$base/search?q=&format=jsonl")
	[ "$code" = 200 ] && [ "$(wc -l <"$work/dl.jsonl")" -eq "$every" ] &&
		ok "/search?format=jsonl downloads every match ($every)" || fail "jsonl: $code"
	kill "$serve_pid"
	wait "$serve_pid" 2>/dev/null
	start_serve --db "$db" --no-access-log --export-limit 2 || fail "polidex-serve restarts"
	code=$(curl -s -o "$work/body" -w '%{http_code}' "$base/search?q=&format=csv")
	[ "$code" = 400 ] && jq -e '.error.parameter == "format" and (.error.message | test("more than the 2"))' "$work/body" >/dev/null &&
		ok "a result set over --export-limit is refused, saying so" || fail "over the cap: $code $(cat "$work/body")"
	code=$(curl -s -o "$work/body" -w '%{http_code}' "$base/search?q=&format=xml")
	[ "$code" = 400 ] && ok "an unknown format is a bad parameter" || fail "format=xml: $code"
else
	skip "polidex-serve downloads: curl missing or the server did not start"
fi
finish
