#!/bin/sh
# e2e-browser.sh: the search page in a real browser: Debian's chromium driven headless by
# playwright-core (tests/browser, installed with npm ci) against polidex-serve on a free
# loopback port. Skipped when chromium, node or playwright-core is missing.
. "${POLIDEX_SRCDIR:-.}/tests/e2e-lib.sh"

chromium=${CHROMIUM:-/usr/bin/chromium}
modules=$srcdir/tests/browser/node_modules
if [ ! -x "$chromium" ] || ! command -v node >/dev/null 2>&1; then
	skip_all "chromium or node not found (Debian packages chromium and nodejs)"
fi
if [ ! -d "$modules/playwright-core" ]; then
	skip_all "playwright-core not installed (npm ci --prefix tests/browser)"
fi

crawl="$work/crawl"
mkdir -p "$crawl"
cp "$srcdir"/tests/pages/*.html "$srcdir"/data/sample/*.html "$crawl/"
[ -f "$seed" ] && cp "$seed" "$crawl/"
# A page whose title is written as markup: the page must show it as text.
cat >"$crawl/markup-title.html" <<'PAGE'
<html><head><title>&lt;img src=x onerror=alert(1)&gt; quokkamarkup &lt;script&gt;alert(2)&lt;/script&gt;</title></head>
<body><article><p>A page whose title looks like markup, to check that the search page shows
it as text: quokkamarkup appears nowhere else in the test crawl.</p></article></body></html>
PAGE
# A page in a web archive, for the link to its replay.
cat >"$work/warc-page" <<'PAGE'
HTTP/1.1 200 OK
Content-Type: text/html

<html><head><title>An archived page</title></head><body><article><p>A page captured in a
web archive, to check that the search page links it to its replay: quokkawarc appears
nowhere else in the test crawl.</p></article></body></html>
PAGE
{
	printf 'WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://www.example.org/warc-page\r\n'
	printf 'WARC-Date: 2023-05-01T10:20:30Z\r\nContent-Length: %s\r\n\r\n' \
		"$(wc -c <"$work/warc-page" | tr -d ' ')"
	cat "$work/warc-page"
	printf '\r\n\r\n'
} >"$crawl/capture.warc"
"$INDEX" --db "$work/db" "$crawl" 2>/dev/null

start_serve --db "$work/db" --www "$srcdir/serve/www" --no-access-log \
	--replay-url 'http://localhost:8090/crawl/{timestamp}/{url}' ||
	{ fail "polidex-serve starts: $(cat "$work/serve.err")"; finish; }

shot="$builddir/search-page.png"
CHROMIUM="$chromium" node "$srcdir/tests/browser/search-page.mjs" \
	"$base" "$shot" >"$work/browser" 2>&1
status=$?
cat "$work/browser"
checks=$((checks + $(grep -c '^ok - ' "$work/browser")))
failures=$((failures + $(grep -c '^FAIL - ' "$work/browser")))
[ "$status" = 0 ] && [ -s "$shot" ] && ok "the browser test passes; screenshot $shot" ||
	fail "the browser test (exit $status)"
finish
