#!/bin/sh
# e2e-crash.sh: polidex-index killed with SIGKILL at several moments leaves a database that
# opens and passes xapian-check, and a rerun ends with exactly one document per page.
. "${POLIDEX_SRCDIR:-.}/tests/e2e-lib.sh"

if ! command -v xapian-check >/dev/null 2>&1; then
	skip_all "xapian-check not found (Debian package xapian-tools)"
fi
db="$work/db"
crawl="$work/crawl"
pages=600
mkdir -p "$crawl"
# Pages of their own, each with a different title, text and file.
awk -v dir="$crawl" -v n=$pages 'BEGIN {
	for (i = 1; i <= n; i++) {
		f = sprintf("%s/page-%04d.html", dir, i)
		printf "<html lang=\"en\"><head><title>Report number %d on maritime security</title></head><body><article><h1>Report number %d on maritime security</h1>", i, i > f
		for (p = 0; p < 12; p++)
			printf "<p>Paragraph %d of report %d weighs alliances, trade routes, naval patrols and the balance of power in the region, with figures and sources.</p>", p, i > f
		printf "</article></body></html>\n" > f
		close(f)
	}
}'

for delay in 0.01 0.02 0.05 0.2 0.5 1 2; do
	"$INDEX" --db "$db" --no-concepts --batch 25 -q "$crawl" 2>/dev/null &
	pid=$!
	sleep $delay
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	if [ -d "$db" ]; then
		check "xapian-check after a kill at ${delay}s" xapian-check "$db"
		check "polidex-query opens it after a kill at ${delay}s" "$QUERY" --db "$db" --limit 0 ""
	else
		ok "killed at ${delay}s before the database was made"
	fi
done
run_status 0 "a rerun completes" "$INDEX" --db "$db" --no-concepts "$crawl"
"$QUERY" --db "$db" --format=json --limit 0 "" >"$work/out"
check "exactly one document per page" jq -e --argjson n $pages '.total == $n' "$work/out"
"$QUERY" --db "$db" --format=json --limit 0 'title:"number 417"' >"$work/out"
check "each page once" jq -e '.total == 1' "$work/out"
check "xapian-check after the rerun" xapian-check "$db"
# What a creator killed half-way leaves beside a new database goes once that process is gone.
mkdir "$work/fresh.new-999999" && : >"$work/fresh.new-999999/iamglass"
run_status 0 "a new database beside a half-made one" "$INDEX" --db "$work/fresh" --no-concepts \
	"$crawl/page-0001.html"
[ ! -e "$work/fresh.new-999999" ] && ok "the half-made one is removed" ||
	fail "the half-made one is removed"
leftover=$(ls -d "$db".new-* 2>/dev/null | wc -l)
[ "$leftover" -eq 0 ] && ok "no half-made database is left beside it" ||
	fail "no half-made database is left beside it ($leftover)"
finish
