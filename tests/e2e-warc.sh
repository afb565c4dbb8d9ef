#!/bin/sh
# e2e-warc.sh: indexing WARC files, plain and gzipped one member a record: responses indexed
# under their crawl URL with the HTTP charset, other records skipped, a truncated record
# reported while the rest is kept, reruns unchanged.
. "${POLIDEX_SRCDIR:-.}/tests/e2e-lib.sh"

if ! command -v gzip >/dev/null 2>&1; then
	skip_all "gzip not found"
fi
db="$work/db"
page="$srcdir/data/sample/atlantic-forum-aiib-at-five.html"

# record TYPE URI BLOCKFILE: one WARC record on standard output.
record() {
	printf 'WARC/1.1\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\n' "$1" "$2"
	printf 'WARC-Date: 2024-01-02T03:04:05Z\r\nWARC-Record-ID: <urn:uuid:%s>\r\n' "$(basename "$3")"
	printf 'Content-Length: %s\r\n\r\n' "$(wc -c <"$3" | tr -d ' ')"
	cat "$3"
	printf '\r\n\r\n'
}
# http STATUS CONTENT-TYPE FILE: an HTTP response around FILE.
http() {
	printf 'HTTP/1.1 %s\r\nContent-Type: %s\r\n\r\n' "$1" "$2"
	cat "$3"
}
# The GBK test page without its meta charset: only the HTTP header tells its encoding.
sed '/charset=gb2312/d' "$srcdir/tests/pages/chinese-gbk.html" >"$work/gbk.html"
printf 'GET /x HTTP/1.1\r\nHost: a.example\r\n\r\n' >"$work/request"
http "200 OK" "text/html; charset=utf-8" "$page" >"$work/aiib"
http "200 OK" "text/html; charset=GBK" "$work/gbk.html" >"$work/gbk"
http "200 OK" "image/png" "$work/request" >"$work/png"
http "404 Not Found" "text/html" "$page" >"$work/missing"

{
	record request https://a.example/x "$work/request"
	record response https://a.example/aiib "$work/aiib"
	record response https://b.example/gbk "$work/gbk"
	record response https://b.example/logo.png "$work/png"
	record revisit https://a.example/aiib "$work/request"
	record response https://c.example/gone "$work/missing"
} >"$work/plain.warc"
: >"$work/crawl.warc.gz"
for r in request aiib gbk png; do
	case $r in
	request) record request https://a.example/x "$work/request" ;;
	*) record response "https://a.example/$r" "$work/$r" ;;
	esac | gzip -c >>"$work/crawl.warc.gz"
done
# A last record cut short, as by an interrupted download.
record response https://d.example/cut "$work/aiib" | head -c 600 | gzip -c >>"$work/crawl.warc.gz"

run_status 0 "a plain WARC" "$INDEX" --db "$db" "$work/plain.warc"
stderr_has "2 pages indexed (2 new, 0 replaced)" "the two HTML responses"
"$QUERY" --db "$db" --format=json "" >"$work/out"
check "the Chinese page decoded with the HTTP charset" jq -e \
	'any(.hits[]; .url == "https://b.example/gbk" and .language == "zh-Hans" and (.title | test("\u5357\u5357")))' "$work/out"
check "the page that names itself keeps its canonical URL" jq -e \
	'any(.hits[]; .url | startswith("https://www.atlanticpolicyforum.example/"))' "$work/out"

run_status 1 "a gzipped WARC with a truncated record" "$INDEX" --db "$work/db2" "$work/crawl.warc.gz"
stderr_has "$work/crawl.warc.gz: record 5 (https://d.example/cut): truncated record" \
	"the truncated record is named"
stderr_has "3 pages indexed (3 new, 0 replaced), 0 unchanged, 1 failed" \
	"the rest is indexed, and what the cut record holds"
run_status 1 "rerun" "$INDEX" --db "$work/db2" "$work/crawl.warc.gz"
stderr_has "0 pages indexed (0 new, 0 replaced), 3 unchanged" "nothing indexed again"

printf 'not a warc\n' >"$work/bad.warc"
run_status 1 "a file that is not WARC" "$INDEX" --db "$work/db3" "$work/bad.warc"
stderr_has "$work/bad.warc: not a WARC or ARC file" "says so"
if command -v xapian-check >/dev/null 2>&1; then
	check "xapian-check passes" xapian-check "$db"
fi
finish
