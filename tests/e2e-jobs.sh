#!/bin/sh
# e2e-jobs.sh: with any number of worker threads polidex-index writes the same index as with
# one: same documents under the same document ids, same terms, same values, same failures.
. "${POLIDEX_SRCDIR:-.}/tests/e2e-lib.sh"

crawl="$work/crawl"
mkdir -p "$crawl"
cp "$srcdir"/tests/pages/*.html "$srcdir"/data/sample/*.html "$crawl/"
head -c 4096 /dev/urandom >"$crawl/noise.html"
printf '' >"$crawl/empty.html"

# dump DB FILE: every term with its frequency, then each document's terms, values and data.
dump() {
	xapian-delve -a "$1" >"$2" || return 1
	n=$("$QUERY" --db "$1" --format=json --limit 0 "" | jq .total)
	i=1
	while [ "$i" -le "$n" ]; do
		xapian-delve -r "$i" -d -V "$1" >>"$2" || return 1
		i=$((i + 1))
	done
	"$QUERY" --db "$1" --format=json --limit 1000 "" >>"$2"
}

if ! command -v xapian-delve >/dev/null 2>&1; then
	skip_all "xapian-delve not found (Debian package xapian-tools)"
fi

run_status 1 "one thread" "$INDEX" --db "$work/one" -j 1 "$crawl"
tail -n 2 "$work/err" >"$work/summary-one"
for jobs in 2 4 7; do
	run_status 1 "$jobs threads" "$INDEX" --db "$work/many" -j "$jobs" "$crawl"
	tail -n 2 "$work/err" | sed "s|$work/many|$work/one|" >"$work/summary-many"
	check "$jobs threads: the same summary" cmp "$work/summary-one" "$work/summary-many"
	dump "$work/one" "$work/dump-one" && dump "$work/many" "$work/dump-many"
	check "$jobs threads: the same index" cmp "$work/dump-one" "$work/dump-many"
	rm -rf "$work/many" "$work/dump-one" "$work/dump-many"
done
grep -q "2 failed" "$work/summary-one" && ok "the bad pages are counted" ||
	fail "the bad pages are counted: $(cat "$work/summary-one")"

run_status 2 "--jobs 0 is refused" "$INDEX" --db "$work/x" --jobs 0 "$crawl"
stderr_has "--jobs: '0' is not a number from 1 to 256" "names the option"
finish
