#!/bin/sh
# e2e-errors.sh: bad input gets a clear message naming it, the right exit status, and never
# costs what was already indexed.
. "${POLIDEX_SRCDIR:-.}/tests/e2e-lib.sh"

db="$work/db"
good="$srcdir/data/sample/atlantic-forum-aiib-at-five.html"
: >"$work/empty.html"
printf '%%PDF-1.4\n%%\342\343\317\323\n' >"$work/report.html"
head -c 2048 /dev/urandom >"$work/noise.html"
mkdir "$work/nohtml" && echo "notes" >"$work/nohtml/notes.txt"

run_status 0 "index one good page" "$INDEX" --db "$db" "$good"

run_status 1 "index bad inputs beside a good one" "$INDEX" --db "$db" "$work/missing.html" \
	"$work/empty.html" "$work/report.html" "$work/noise.html" "$work/nohtml" \
	"$srcdir/data/sample/meridian-arms-control-three-way-rivalry.html"
stderr_has "polidex-index: $work/missing.html: No such file or directory" "missing file"
stderr_has "polidex-index: $work/empty.html: empty file" "empty file"
stderr_has "polidex-index: $work/report.html: not HTML (binary data: a PDF document)" "PDF file"
stderr_has "polidex-index: $work/noise.html: not HTML (binary data" "binary file"
stderr_has "polidex-index: $work/nohtml: no HTML pages found" "directory without HTML"
stderr_has "1 page indexed (1 new, 0 replaced), 0 unchanged, 5 failed" "the good page still indexed"
stderr_has "failed: 2 unreadable, 3 not HTML, 0 bad archive records, 0 undecodable bodies" \
	"failures by reason, the folder without pages among them"
"$QUERY" --db "$db" --format=json "" >"$work/out"
check "nothing indexed before was lost" jq -e '.total == 2' "$work/out"

# The same failures as JSON Lines, and nothing about them on stderr.
run_status 1 "--errors FILE" "$INDEX" --db "$db" --errors "$work/errors.jsonl" "$work/missing.html" \
	"$work/empty.html" "$good"
check "one JSON object per failure" jq -se 'length == 2 and
	any(.[]; .path | endswith("missing.html")) and all(.[]; (.reason | length) > 0 and (.kind | length) > 0)' \
	"$work/errors.jsonl"
if grep -qF "missing.html" "$work/err"; then fail "failures kept off stderr"; else ok "failures kept off stderr"; fi

# A second writer is refused while the first holds the lock.
flag="$work/locked"
"$builddir/tests/hold-lock" "$db" "$flag" &
holder=$!
for i in $(seq 100); do [ -f "$flag" ] && break; sleep 0.1; done
run_status 2 "index while another writer holds the lock" "$INDEX" --db "$db" "$good"
stderr_has "polidex-index: $db: database is locked by another writer" "says it is locked"
rm -f "$flag"
wait $holder
run_status 0 "index once the lock is free" "$INDEX" --db "$db" "$good"

run_status 0 "a database whose parent folders are missing" "$INDEX" --db "$work/new/deep/db" "$good"
[ -d "$work/new/deep/db" ] && ok "the folders are made" || fail "the folders are made"

run_status 2 "a database path that is a file" "$INDEX" --db "$work/empty.html" "$good"
stderr_has "polidex-index: $work/empty.html:" "names the path"
run_status 2 "no --db" "$INDEX" "$good"
stderr_has "no database given" "says what is missing"
run_status 2 "no pages" "$INDEX" --db "$db"
run_status 2 "bad --batch" "$INDEX" --db "$db" --batch=0 "$good"

run_status 2 "query a missing database" "$QUERY" --db "$work/nodb" win
stderr_has "polidex-query: $work/nodb: no polidex database here" "names the missing database"
run_status 2 "query a folder that is no database" "$QUERY" --db "$work/nohtml" win
stderr_has "polidex-query: $work/nohtml:" "names the folder"
run_status 2 "a bad date range" "$QUERY" --db "$db" "date:2015-13..2016"
stderr_has "'2015-13' is not a date" "explains the date"
run_status 2 "an unbalanced query" "$QUERY" --db "$db" 'win AND'
stderr_has "polidex-query: query \"win AND\":" "names the query"
run_status 2 "an unknown facet" "$QUERY" --db "$db" --facet colour win
stderr_has "unknown field or size 'colour'" "names the facet"
run_status 2 "a bad limit" "$QUERY" --db "$db" --limit=-3 win
run_status 2 "an unknown language" "$QUERY" --db "$db" --lang=xx win
run_status 0 "no matches is not an error" "$QUERY" --db "$db" zzzyzzx
grep -q '^0 matches' "$work/out" && ok "says 0 matches" || fail "says 0 matches"

run_status 1 "extract an empty and a binary file" "$EXTRACT" "$work/empty.html" "$work/noise.html"
stderr_has "polidex-extract: $work/empty.html: empty file" "empty file named"
stderr_has "polidex-extract: $work/noise.html: not HTML" "binary file named"
run_status 1 "extract a directory" "$EXTRACT" "$work/nohtml"
stderr_has "polidex-extract: $work/nohtml: is a directory" "directory named"

finish
