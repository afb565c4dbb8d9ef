#!/bin/sh
# e2e-archives.sh: web archives through polidex-index as a crawl gives them: a WACZ read in
# place, captures in files given in reverse date order, revisits before their page, reruns,
# --prune of a deleted archive, shards, an undecodable body, a dangling link in a folder.
. "${POLIDEX_SRCDIR:-.}/tests/e2e-lib.sh"

for tool in gzip python3; do
	if ! command -v $tool >/dev/null 2>&1; then
		skip_all "$tool not found"
	fi
done
sample="$srcdir/data/sample"

# record TYPE URI DATE BLOCKFILE: one WARC record on standard output.
record() {
	printf 'WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nWARC-Date: %s\r\n' "$1" "$2" "$3"
	printf 'WARC-Record-ID: <urn:uuid:%s-%s>\r\n' "$(basename "$4")" "$3"
	printf 'Content-Length: %s\r\n\r\n' "$(wc -c <"$4" | tr -d ' ')"
	cat "$4"
	printf '\r\n\r\n'
}
# gzipped_http PAGE OUT: an HTTP response whose body is PAGE gzip-encoded.
gzipped_http() {
	gzip -c "$1" >"$work/body.gz"
	{
		printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n'
		cat "$work/body.gz"
	} >"$2"
}
# warc_gz OUT RECORD-ARGS...: records (4 arguments each) as a .warc.gz, a member a record.
warc_gz() {
	out=$1
	shift
	: >"$out"
	while [ $# -ge 4 ]; do
		record "$1" "$2" "$3" "$4" | gzip -c >>"$out"
		shift 4
	done
}

gzipped_http "$sample/atlantic-forum-aiib-at-five.html" "$work/aiib"
gzipped_http "$sample/meridian-arms-control-three-way-rivalry.html" "$work/arms"
printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n' >"$work/revisit"
url=https://www.example.org/the-page
# The same URL in 2019 (one article) and in 2023 (another): the text must be 2023's.
warc_gz "$work/old.warc.gz" response $url 2019-05-01T00:00:00Z "$work/arms"
warc_gz "$work/new.warc.gz" response $url 2023-05-01T00:00:00Z "$work/aiib" \
	revisit $url 2024-01-01T00:00:00Z "$work/revisit"
# A revisit of a page whose response comes in a later file.
warc_gz "$work/early-revisit.warc.gz" revisit https://www.example.org/later 2022-01-01T00:00:00Z "$work/revisit"
warc_gz "$work/later.warc.gz" response https://www.example.org/later 2021-01-01T00:00:00Z "$work/arms"

db="$work/db"
run_status 0 "captures in reverse date order" "$INDEX" --db "$db" --no-concepts \
	"$work/new.warc.gz" "$work/early-revisit.warc.gz" "$work/old.warc.gz" "$work/later.warc.gz"
stderr_has "captures: 1 revisit and 1 earlier capture recorded" "the captures counted"
"$QUERY" --db "$db" --format=json --limit 5 "" >"$work/q"
check "the 2023 text, three captures" jq -e --arg u $url \
	'any(.hits[]; .id == $u and .captures == 3 and .capture.date == "2023-05-01T00:00:00Z"
		and .first_captured == "2019-05-01T00:00:00Z" and .last_captured == "2024-01-01T00:00:00Z"
		and (.title | test("AIIB")))' "$work/q"
check "the revisit found its page" jq -e \
	'any(.hits[]; .id == "https://www.example.org/later" and .captures == 2)' "$work/q"
n=$("$QUERY" --db "$db" --format=json --limit 0 'captured:2019 AIIB' | jq .total)
[ "$n" = 1 ] && ok "captured:2019 finds the page by its 2019 capture" || fail "captured:2019 ($n)"
warc_gz "$work/orphan.warc.gz" revisit https://www.example.org/never 2022-01-01T00:00:00Z "$work/revisit"
run_status 0 "a revisit of a page not in the crawl" "$INDEX" --db "$work/orphan" "$work/orphan.warc.gz"
stderr_has "1 page not indexed yet has revisits kept until it comes" "kept, and said so"
run_status 0 "rerun" "$INDEX" --db "$db" --no-concepts "$work/new.warc.gz" \
	"$work/early-revisit.warc.gz" "$work/old.warc.gz" "$work/later.warc.gz"
stderr_has "0 pages indexed (0 new, 0 replaced), 5 unchanged" "a rerun indexes nothing"

# The archive of the text goes: the page comes back from the captures that are left.
rm "$work/new.warc.gz"
run_status 0 "--prune" "$INDEX" --db "$db" --no-concepts --prune "$work/old.warc.gz"
stderr_has "1 pruned" "the page whose text was in the deleted archive is pruned"
"$QUERY" --db "$db" --format=json --limit 5 "" >"$work/q"
check "indexed again from the 2019 capture" jq -e --arg u $url \
	'any(.hits[]; .id == $u and .captures == 1 and .capture.date == "2019-05-01T00:00:00Z")' "$work/q"

# Shards: every capture of a URL in one shard, merged the same.
warc_gz "$work/new.warc.gz" response $url 2023-05-01T00:00:00Z "$work/aiib" \
	revisit $url 2024-01-01T00:00:00Z "$work/revisit"
run_status 0 "three shards" "$INDEX" --db "$work/sharded" --shards 3 --no-concepts \
	"$work/new.warc.gz" "$work/early-revisit.warc.gz" "$work/old.warc.gz" "$work/later.warc.gz"
"$QUERY" --db "$work/sharded" --format=json --limit 5 "" >"$work/q"
check "sharded: the same captures" jq -e --arg u $url \
	'.total == 2 and any(.hits[]; .id == $u and .captures == 3) and
	 any(.hits[]; .id == "https://www.example.org/later" and .captures == 2)' "$work/q"

# A WACZ, as Browsertrix packs one: its archive read from inside the zip.
mkdir "$work/wacz"
python3 - "$work/wacz/crawl.wacz" "$work/old.warc.gz" <<'EOF'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("datapackage.json", '{"profile": "data-package", "wacz_version": "1.1.1", '
               '"resources": [{"name": "data.warc.gz", "path": "archive/data.warc.gz"}]}')
    z.writestr("pages/pages.jsonl", '{"format": "json-pages-1.0"}\n')
    z.write(sys.argv[2], "archive/data.warc.gz", compress_type=zipfile.ZIP_STORED)
EOF
run_status 0 "a WACZ in a folder" "$INDEX" --db "$work/wacz-db" --no-concepts "$work/wacz"
"$QUERY" --db "$work/wacz-db" --format=json "" >"$work/q"
check "its page, and the archive it came from" jq -e --arg u $url \
	'.total == 1 and .hits[0].id == $u and .hits[0].capture.member == "archive/data.warc.gz"
	 and (.hits[0].source | endswith("crawl.wacz")) and .hits[0].capture.offset == 0' "$work/q"
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1], "w").writestr("a.txt", "x")' \
	"$work/other.wacz"
run_status 1 "a zip that is no WACZ" "$INDEX" --db "$work/wacz-db" "$work/other.wacz"
stderr_has "other.wacz: a zip file but not a WACZ (no datapackage.json)" "says so"

# A body whose coding cannot be undone: one failure naming the record, the rest indexed.
{
	printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n'
	printf '\037\213\010\000\000\000\000\000\000\003garbage that is no deflate data'
} >"$work/bad-body"
warc_gz "$work/bad.warc.gz" response https://www.example.org/bad 2023-01-01T00:00:00Z "$work/bad-body" \
	response https://www.example.org/good 2023-01-01T00:00:00Z "$work/aiib"
run_status 1 "an undecodable body" "$INDEX" --db "$work/bad-db" --no-concepts "$work/bad.warc.gz"
stderr_has "bad.warc.gz: record 1 (https://www.example.org/bad): body cannot be decoded" \
	"the record is named with the reason"
stderr_has "1 page indexed (1 new, 0 replaced)" "the next record is indexed"
stderr_has "1 undecodable bodies" "counted by reason"

# A folder with a dangling symbolic link and files that are no pages: skipped, not failed.
mkdir "$work/site"
cp "$sample/atlantic-forum-aiib-at-five.html" "$work/site/"
ln -s "$work/site/gone.html" "$work/site/link.html"
echo "body { color: red }" >"$work/site/style.css"
run_status 0 "a dangling link" "$INDEX" --db "$work/site-db" --no-concepts "$work/site"
stderr_has "0 failed, 0 pruned, 2 skipped" "skipped, not failed"
stderr_has "files that are not pages 1, dangling symbolic links 1" "by reason"
finish
