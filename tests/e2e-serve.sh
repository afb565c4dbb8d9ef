#!/bin/sh
# e2e-serve.sh: polidex-serve on a free loopback port: each endpoint, each error, the same
# JSON as polidex-query for the same request, CORS, the access log, reopening after the
# indexer commits, hostile requests, and a clean stop on SIGTERM.
. "${POLIDEX_SRCDIR:-.}/tests/e2e-lib.sh"

SERVE="$builddir/polidex-serve"
for tool in curl python3; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		skip_all "$tool not found (Debian package $tool)"
	fi
done

db="$work/db"
"$INDEX" --db "$db" "$srcdir/tests/pages" "$srcdir/data/sample" 2>/dev/null
docs=$(ls "$srcdir"/tests/pages/*.html "$srcdir"/data/sample/*.html | wc -l)

if ! start_serve --db "$db" --www "$srcdir/serve/www" --threads 2 \
	--cors http://archive.example --access-log "$work/access.log"; then
	fail "polidex-serve starts: $(cat "$work/serve.err")"
	finish
fi
pid=$serve_pid
ok "polidex-serve listens on 127.0.0.1:$port"

# get PATH: fetch into $work/body; $code is the status.
get() { code=$(curl -s --path-as-is -o "$work/body" -w '%{http_code}' "$base$1"); }
# expect_error PATH CODE PARAMETER DESCRIPTION: an error with a JSON body naming PARAMETER.
expect_error() {
	get "$1"
	if [ "$code" = "$2" ] && jq -e --arg p "$3" --argjson c "$2" \
		'.error.status == $c and (.error.parameter // "") == $p' "$work/body" >/dev/null 2>&1
	then
		ok "$4 ($code, names '$3')"
	else
		fail "$4: status $code, body $(head -c 300 "$work/body")"
	fi
}

get /health
[ "$code" = 200 ] && jq -e ".status == \"ok\" and .documents == $docs" "$work/body" >/dev/null &&
	ok "/health" || fail "/health: $code $(cat "$work/body")"

# The same request through polidex-query and /search gives the same JSON.
same() { # same DESCRIPTION QUERY_STRING POLIDEX_QUERY_ARGS...
	desc=$1
	qs=$2
	shift 2
	get "/search?$qs"
	jq -S . "$work/body" >"$work/http.json" 2>/dev/null
	"$QUERY" --db "$db" --format=json "$@" 2>/dev/null | jq -S . >"$work/cli.json"
	if [ "$code" = 200 ] && [ -s "$work/cli.json" ] && cmp -s "$work/http.json" "$work/cli.json"; then
		ok "$desc: /search and polidex-query agree"
	else
		fail "$desc: $(diff "$work/cli.json" "$work/http.json" | head -5)"
	fi
}
same "words" "q=trade" trade
same "facets and a filter" "q=cooperation&facet=concept&facet=author:3&facet=year&filter=language:en" \
	--facet concept --facet author:3 --facet year --filter language:en cooperation
same "filters ORed, sort and paging" \
	"q=&filter=language:zh-Hans&filter=language:fr&sort=-date&offset=1&limit=2&facet=language" \
	--filter language:zh-Hans --filter language:fr --sort=-date -o 1 -n 2 --facet language ''
same "a phrase, percent-encoded" "q=%22balance%20of%20power%22&lang=en&stem=all" \
	--lang en --stem-strategy=all '"balance of power"'
same "Chinese" "q=%E5%A4%9A%E8%BE%B9" '多边'
same "concept labels in Chinese" "q=cooperation&lang=zh-Hans&facet=concept" \
	--lang zh-Hans --facet concept cooperation
check "the labels are Chinese" jq -e 'any(.facets.concept[]; .label | test("[\u4e00-\u9fff]"))' \
	"$work/http.json"
same "a misspelling" "q=sanctoins" sanctoins
get "/search?q=trade&facet=year"
cp "$work/body" "$work/search.json"
valid=$("$srcdir/tests/json-valid" "$srcdir/doc/query-output.schema.json" "$work/search.json"; echo $?)
case $valid in
0) ok "/search follows the schema" ;;
77) skip "schema check (python3-jsonschema missing)" ;;
*) fail "/search follows the schema" ;;
esac

# /doc/DOCID
id=$(jq '.hits[0].docid' "$work/search.json")
get "/doc/$id"
[ "$code" = 200 ] && jq -e --argjson t "$(jq '.hits[0].title' "$work/search.json")" \
	'.title == $t and (.text | length) > 0' "$work/body" >/dev/null &&
	ok "/doc/$id gives the stored article" || fail "/doc/$id: $code"
expect_error /doc/0 400 docid "/doc/0"
expect_error /doc/abc 400 docid "/doc/abc"
expect_error /doc/99999 404 docid "/doc/99999"
expect_error "/doc/../../etc/passwd" 400 docid "path traversal in /doc"

# The page, and nothing else from the disk.
get /
[ "$code" = 200 ] && grep -q '<script src="app.js"' "$work/body" && ok "/ is the search page" ||
	fail "/: $code"
get /app.js
[ "$code" = 200 ] && ok "/app.js" || fail "/app.js: $code"
get /style.css
[ "$code" = 200 ] && ok "/style.css" || fail "/style.css: $code"
for path in "/../../../etc/passwd" "/%2e%2e/%2e%2e/etc/passwd" "/..%2f..%2fetc%2fpasswd" \
	"/app.js/../../polidex-serve" "/serve/www/app.js" "/www/index.html" "/Makefile"; do
	get "$path"
	[ "$code" = 404 ] && ! grep -q "root:" "$work/body" && ok "no file for $path (404)" ||
		fail "$path: $code"
done

# Bad parameters: 400 with a JSON body naming the parameter.
expect_error "/search?q=trade&limit=1000" 400 limit "a page too large"
expect_error "/search?q=trade&offset=x" 400 offset "a bad offset"
expect_error "/search?q=trade&facet=colour" 400 facet "an unknown facet"
expect_error "/search?q=trade&filter=colour:red" 400 filter "an unknown filter field"
expect_error "/search?q=trade&filter=red" 400 filter "a filter without a field"
expect_error "/search?q=trade&sort=size" 400 sort "a bad sort"
expect_error "/search?q=trade&lang=xx" 400 lang "an unknown language"
expect_error "/search?q=trade&colour=red" 400 colour "an unknown parameter"
expect_error "/search?q=%28trade" 400 q "a bad query"
expect_error "/search?q=%FF%FE" 400 q "invalid UTF-8"
expect_error "/search?q=trade&filter=year:19x" 400 filter "a bad year"
long=$(head -c 1500 /dev/zero | tr '\0' 'a')
expect_error "/search?q=$long" 400 q "a query over the length limit"
qs=""
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17; do qs="$qs&facet=year"; done
expect_error "/search?q=x$qs" 400 facet "too many facets"
get "/search?q=%zz%"
[ "$code" = 200 ] || [ "$code" = 400 ] && ok "bad percent-encoding: an answer ($code)" ||
	fail "bad percent-encoding: $code"
code=$(curl -s -o "$work/body" -w '%{http_code}' -X POST "$base/search?q=x")
[ "$code" = 405 ] && ok "POST is refused (405)" || fail "POST: $code"

# CORS: the allowed origin, and only it.
curl -s -D "$work/headers" -o /dev/null -H "Origin: http://archive.example" "$base/search?q=x"
grep -qi '^access-control-allow-origin: http://archive.example' "$work/headers" &&
	ok "CORS: the allowed origin is named" || fail "CORS allowed origin"
curl -s -D "$work/headers" -o /dev/null -H "Origin: http://elsewhere.example" "$base/search?q=x"
grep -qi '^access-control-allow-origin' "$work/headers" && fail "CORS: another origin is allowed" ||
	ok "CORS: another origin is not"
# A preflight: 204 with the methods, and the origin only when allowed.
code=$(curl -s -D "$work/headers" -o /dev/null -w '%{http_code}' -X OPTIONS \
	-H "Origin: http://archive.example" "$base/search")
[ "$code" = 204 ] && grep -qi '^access-control-allow-methods: GET, HEAD, OPTIONS' "$work/headers" &&
	grep -qi '^access-control-allow-origin: http://archive.example' "$work/headers" &&
	ok "CORS preflight: 204 with methods and origin" || fail "CORS preflight: $code"
curl -s -D "$work/headers" -o /dev/null -X OPTIONS -H "Origin: http://elsewhere.example" "$base/search"
grep -qi '^access-control-allow-origin' "$work/headers" && fail "CORS preflight: another origin" ||
	ok "CORS preflight: another origin is not named"
curl -s -D "$work/headers" -o /dev/null -H "Origin: http://elsewhere.example" "$base/search?q=x"
grep -qi '^content-type: application/json' "$work/headers" && ok "JSON content type" ||
	fail "content type"

# Reopening: pages the indexer commits are found without a restart.
printf '<html><head><title>Quokka diplomacy</title></head><body><p>%s</p></body></html>\n' \
	"A rare word, quokkadiplomacy, that no other page of the test crawl uses at all." \
	>"$work/new.html"
"$INDEX" --db "$db" "$work/new.html" 2>/dev/null
sleep 1.2
found=0
for i in 1 2 3 4 5 6; do
	get "/search?q=quokkadiplomacy&limit=0"
	[ "$(jq .total "$work/body")" = 1 ] && found=1 && break
	sleep 0.5
done
[ "$found" = 1 ] && ok "a newly committed page is found without a restart" ||
	fail "reopen: $(cat "$work/body")"

# Hostile clients: a 1 MB query, headers that never end, 1,000 connections at once.
rss() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status"; }
rss_before=$(rss)
python3 - "$port" >"$work/hostile" 2>&1 <<'EOF'
import socket, sys, time
port = int(sys.argv[1])

def request(raw, timeout=15):
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    s.sendall(raw)
    data = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    except socket.timeout:
        data += b"(timeout)"
    s.close()
    return data

# A 1 MB query string.
reply = request(b"GET /search?q=" + b"a" * (1 << 20) + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
status = reply.split(b" ", 2)[1] if reply.startswith(b"HTTP/") else b"closed"
print("huge", status.decode())

# Headers that never end: the server must drop the connection by itself.
slow = socket.create_connection(("127.0.0.1", port), timeout=30)
slow.sendall(b"GET /search?q=x HTTP/1.1\r\nHost: x\r\n")
t0 = time.time()
health = request(b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
print("others", health.split(b" ", 2)[1].decode() if health.startswith(b"HTTP/") else "none")
try:
    rest = slow.recv(100)
    print("slow", "closed" if rest == b"" or rest.startswith(b"HTTP/") else "data",
          round(time.time() - t0))
except socket.timeout:
    print("slow", "still-open", round(time.time() - t0))
slow.close()

# 1,000 connections at once, each asking for something.
socks, refused = [], 0
for i in range(1000):
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=20)
        s.sendall(b"GET /search?q=trade&facet=year HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        socks.append(s)
    except OSError:
        refused += 1
answered = errors = 0
for s in socks:
    try:
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
        if data.startswith(b"HTTP/1.1 200"):
            answered += 1
        else:
            errors += 1
    except OSError:
        errors += 1
    s.close()
print("many", answered, errors, refused)
EOF
cat "$work/hostile" >&2
huge=$(sed -n 's/^huge //p' "$work/hostile")
case $huge in 4*|closed) ok "a 1 MB query is refused ($huge)" ;; *) fail "1 MB query: $huge" ;; esac
[ "$(sed -n 's/^others //p' "$work/hostile")" = 200 ] &&
	ok "others are served while a client never finishes its headers" || fail "others: $(cat "$work/hostile")"
case $(sed -n 's/^slow //p' "$work/hostile") in
closed*) ok "the unfinished request is dropped by the server" ;;
*) fail "unfinished request: $(sed -n 's/^slow //p' "$work/hostile")" ;;
esac
set -- $(sed -n 's/^many //p' "$work/hostile")
[ "$(($1 + $2 + $3))" -eq 1000 ] && [ "$1" -gt 0 ] &&
	ok "1,000 connections at once: $1 answered, $2 errors, $3 refused" ||
	fail "1,000 connections: $*"
get /health
[ "$code" = 200 ] && ok "still serving after them" || fail "not serving after the flood: $code"
rss_after=$(rss)
if [ -n "${POLIDEX_SAN_FLAGS:-}" ]; then
	# AddressSanitizer keeps freed memory in quarantine (256 MB by default): no measure.
	skip "memory bound under a sanitizer (${rss_before} kB, then ${rss_after} kB)"
elif [ "$rss_after" -lt $((rss_before * 3 + 65536)) ]; then
	ok "memory stays bounded (${rss_before} kB, then ${rss_after} kB)"
else
	fail "memory grew from ${rss_before} kB to ${rss_after} kB"
fi

[ "$(wc -l <"$work/access.log")" -gt 40 ] && grep -q ' GET /health 200 ' "$work/access.log" &&
	ok "one access log line a request" || fail "access log: $(tail -n 2 "$work/access.log")"

# A clean stop.
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
[ "$status" = 0 ] && grep -q "SIGTERM: stopping" "$work/serve.err" && ok "SIGTERM stops it cleanly" ||
	fail "SIGTERM: exit $status, $(tail -n 2 "$work/serve.err")"

# Pages of a web archive: their captures in /search and /doc, a link to their replay.
page="$srcdir/data/sample/atlantic-forum-aiib-at-five.html"
{
	printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n'
	cat "$page"
} >"$work/http"
printf 'WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://www.example.org/aiib\r\nWARC-Date: 2023-05-01T10:20:30Z\r\nWARC-Record-ID: <urn:uuid:1>\r\nContent-Length: %s\r\n\r\n' \
	"$(wc -c <"$work/http" | tr -d ' ')" >"$work/crawl.warc"
cat "$work/http" >>"$work/crawl.warc"
printf '\r\n\r\n' >>"$work/crawl.warc"
"$INDEX" --db "$work/archive-db" "$work/crawl.warc" 2>/dev/null
if start_serve --db "$work/archive-db" --threads 1 --no-access-log \
	--replay-url 'http://localhost:8090/crawl/{timestamp}/{url}'; then
	get "/search?q=AIIB"
	[ "$code" = 200 ] && jq -e '.hits[0] | .replay_url ==
		"http://localhost:8090/crawl/20230501102030/https://www.example.org/aiib" and
		.capture.record_id == "<urn:uuid:1>" and .capture.offset == 0 and .captures == 1 and
		(.source | endswith("crawl.warc"))' "$work/body" >/dev/null &&
		ok "/search gives a capture and its replay URL" ||
		fail "/search of a capture: $code $(head -c 400 "$work/body")"
	docid=$(jq '.hits[0].docid' "$work/body")
	get "/doc/$docid"
	[ "$code" = 200 ] && jq -e '.capture.date == "2023-05-01T10:20:30Z" and
		.first_captured == "2023-05-01T10:20:30Z" and .captures == 1' "$work/body" >/dev/null &&
		ok "/doc gives the capture" || fail "/doc of a capture: $code $(head -c 300 "$work/body")"
	kill -TERM "$serve_pid"
	wait "$serve_pid" 2>/dev/null
else
	fail "polidex-serve with --replay-url starts: $(cat "$work/serve.err")"
fi
run_status 2 "a --replay-url with an unknown placeholder" "$SERVE" --db "$db" \
	--listen 127.0.0.1:0 --replay-url 'http://x/{when}/{url}'
stderr_has "{when}" "names it"

# Start-up errors.
run_status 2 "a missing database" "$SERVE" --db "$work/none" --listen 127.0.0.1:0
stderr_has "$work/none" "names it"
run_status 2 "a bad address" "$SERVE" --db "$db" --listen nowhere:99999
stderr_has "is not ADDR:PORT" "says what is expected"
run_status 2 "no database" "$SERVE"
finish
