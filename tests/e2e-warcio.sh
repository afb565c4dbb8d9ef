#!/bin/sh
# e2e-warcio.sh: every file of the warcio library's test data (../shared/crawls/warcio: WARC
# and ARC files as real tools wrote them, damaged ones among them), indexed one by one and all
# together. What each must give was read from the files themselves: the pages (URL, a word
# of their text that only a decoded body holds, their captures), and the exit status.
. "${POLIDEX_SRCDIR:-.}/tests/e2e-lib.sh"

data="$shared/crawls/warcio"
if [ ! -d "$data" ]; then
	skip_all "no $data (set POLIDEX_SHARED)"
fi

# expect FILE STATUS URL CAPTURES WORD [URL CAPTURES WORD]...: index FILE alone, check the
# exit status, that the database holds those pages and nothing else, that WORD finds each,
# and how many captures it has.
expect() {
	file=$1
	status=$2
	shift 2
	db="$work/db-$(basename "$file")"
	run_status "$status" "$(basename "$file")" "$INDEX" --db "$db" --no-concepts "$data/$file"
	want=$(($# / 3))
	got=$("$QUERY" --db "$db" --format=json --limit 0 "" | jq .total)
	[ "$got" = "$want" ] && ok "$file: $want page(s)" || fail "$file: $want page(s), got $got"
	while [ $# -ge 3 ]; do
		"$QUERY" --db "$db" --format=json "$3" >"$work/q" 2>/dev/null
		if jq -e --arg u "$1" --argjson n "$2" \
			'any(.hits[]; .id == $u and .capture.url == $u and .captures == $n)' \
			"$work/q" >/dev/null; then
			ok "$file: '$3' finds $1 with $2 capture(s)"
		else
			fail "$file: '$3' finds $1 with $2 capture(s): $(head -c 300 "$work/q")"
		fi
		shift 3
	done
}

ex=http://example.com/
# The body is sent with Content-Encoding: gzip: "illustrative" is only in the decoded text.
# The revisit at 04:03:48 is a second capture.
expect example.warc 0 $ex 2 illustrative
expect example.warc.gz 0 $ex 2 illustrative
# The whole file is one gzip member: read, with a notice that offsets name that member.
expect example-bad-non-chunked.warc.gz 0 $ex 2 coordination
stderr_has "one gzip member holds several records" "the one member is noticed"
# A gzipped WARC whatever its name, its 302 skipped as a redirect.
expect example-bad.warc.gz.bad 0 'http://example.com?example=1' 2 illustrative
stderr_has "redirects 1" "the redirect is skipped by reason"
# The response's Content-Length is 2 bytes short: damaged, but its page is all there.
expect example-trunc.warc 1 $ex 1 illustrative
stderr_has "example-trunc.warc: record 3" "the damaged record is named"
# Chunked transfer coding undone: a chunk size is no word of the page.
expect example-iana.org-chunked.warc 0 http://www.iana.org/ 1 ceremonies
got=$("$QUERY" --db "$work/db-example-iana.org-chunked.warc" --format=json --limit 0 001c37 | jq .total)
[ "$got" = 0 ] && ok "no chunk size in the text" || fail "no chunk size in the text ($got)"
# A resource record holding a page.
expect example-resource.warc.gz 0 $ex 1 illustrative
# wget's <...> around the URI; its metadata and log resources are not web pages.
expect example-wget-bad-target-uri.warc.gz 0 $ex 1 illustrative
expect example-wrong-chunks.warc.gz 0 $ex 1 illustrative
stderr_has "spans several gzip members" "members that do not line up are noticed"
# An image, requests only, JSON responses: nothing to index, nothing failed.
expect example-space-in-target-uri.warc.gz 0
stderr_has "not HTML 1" "the image is skipped as not HTML"
expect example-digest.warc 0
stderr_has "requests 4" "the requests are skipped"
expect post-test.warc.gz 0
# ARC, plain and gzipped, with the URL and date of each record's header.
expect example.arc 0 $ex 1 illustrative
jq -e '.hits[0].capture | .date == "2014-02-16T05:02:21Z" and .format == "arc" and .record_id == null' \
	"$work/q" >/dev/null && ok "the ARC date and format" || fail "the ARC date and format"
expect example.arc.gz 0 $ex 1 illustrative
# A URL with spaces; the record's length runs past the end of the file: damaged, and what
# it holds indexed.
expect example-space-in-url.arc 1 \
	'http://example.com/index.cfm?FuseAction=Email&EmailTitle=Examples From The Live Web&IsPopUp=False' \
	1 illustrative
stderr_has "truncated record" "the cut record is named"
# Lengths of -1 and "abc": three damaged records, and no page.
expect bad.arc 1
stderr_has "3 bad archive records" "each bad length is a failure"
# No archive at all.
run_status 1 "LICENSE, named" "$INDEX" --db "$work/db-license" "$data/LICENSE"

# All together: one document per URL, its text the latest capture's, every capture counted
# (copies of one capture once), the files that are no archive skipped.
db="$work/all"
run_status 1 "the whole folder" "$INDEX" --db "$db" --no-concepts "$data"
stderr_has "files that are not pages 2" "LICENSE and NOTICE skipped, by reason"
"$QUERY" --db "$db" --format=json --limit 10 "" >"$work/all.json"
check "four pages" jq -e '.total == 4' "$work/all.json"
check "example.com: six captures, 2014 to 2018, the text of the latest" jq -e \
	'any(.hits[]; .id == "http://example.com/" and .captures == 6 and
		.first_captured == "2014-02-16T05:02:21Z" and .last_captured == "2018-11-02T18:55:11Z"
		and .capture.date == "2018-11-02T18:55:11Z"
		and (.capture.file | endswith("example-wrong-chunks.warc.gz")))' "$work/all.json"
"$QUERY" --db "$db" --format=json --facet capture-year 'captured:2017' >"$work/q"
check "captured:2017 finds the pages captured in 2017" jq -e \
	'.total == 2 and ([.facets["capture-year"][].value] == ["2018", "2017", "2014"])' "$work/q"
run_status 1 "the folder again" "$INDEX" --db "$db" --no-concepts "$data"
stderr_has "0 pages indexed (0 new, 0 replaced)" "a rerun indexes nothing"

# Each capture its own document.
run_status 0 "--captures=each" "$INDEX" --db "$work/each" --no-concepts --captures=each \
	"$data/example.warc" "$data/example-resource.warc.gz"
"$QUERY" --db "$work/each" --format=json "" >"$work/q"
check "a document per capture, the revisit on the capture it repeats" jq -e \
	'.total == 2 and any(.hits[]; .id == "20170306040206/http://example.com/" and .captures == 2)
	 and any(.hits[]; .id == "20170429013030/http://example.com/" and .captures == 1)' "$work/q"
run_status 2 "the other way into the same database" "$INDEX" --db "$work/each" --no-concepts \
	"$data/example.warc"
stderr_has "index into a new database" "says why"
if command -v xapian-check >/dev/null 2>&1; then
	check "xapian-check passes" xapian-check "$db"
fi
finish
