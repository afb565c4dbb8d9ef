#!/bin/sh
# e2e-inputs.sh: what polidex-index reads in a crawl folder: gzipped pages, pages known by
# their content rather than their name, --max-size, symbolic link loops, the walk's order.
. "${POLIDEX_SRCDIR:-.}/tests/e2e-lib.sh"

crawl="$work/crawl"
mkdir -p "$crawl/sub"
gzip -c "$srcdir/data/sample/atlantic-forum-aiib-at-five.html" >"$crawl/aiib.html.gz"
cp "$srcdir/data/sample/crossroads-blog-realism-is-back.html" "$crawl/sub/realism-page"
cp "$srcdir/data/sample/meridian-arms-control-three-way-rivalry.html" "$crawl/big.html"
printf 'plain notes, not a page\n' >"$crawl/notes.txt"
ln -s .. "$crawl/sub/loop"

run_status 0 "index the crawl" "$INDEX" --db "$work/db" --no-concepts "$crawl"
stderr_has "3 pages indexed (3 new, 0 replaced)" "gzipped and nameless pages read, notes passed over"
stderr_has "$crawl/sub/loop: symbolic link loop, not followed" "the loop is named and not followed"
"$QUERY" --db "$work/db" --format=json "" >"$work/out"
check "the gzipped page is searchable" jq -e \
	'any(.hits[]; .title == "The AIIB at Five: Lessons for a Crowded Multilateral Order")' "$work/out"

size=$(wc -c <"$crawl/big.html")
run_status 0 "--max-size" "$INDEX" --db "$work/db2" --no-concepts --max-size $((size - 1)) "$crawl/big.html"
stderr_has "$crawl/big.html: skipped, larger than --max-size ($size bytes)" "the large page is skipped"
stderr_has "0 pages indexed" "nothing indexed"
run_status 2 "a bad --max-size" "$INDEX" --db "$work/db2" --max-size 12x "$crawl"

head -c 2000 /dev/urandom >"$work/noise"
gzip -c "$work/noise" | head -c 300 >"$work/damaged.html.gz"
run_status 1 "a damaged gzipped page" "$INDEX" --db "$work/db3" --no-concepts "$work/damaged.html.gz"
stderr_has "$work/damaged.html.gz:" "is named"

# --base-url: a page read from a file gets the URL of its path under the walked folder.
mkdir -p "$work/site/sub dir"
cp "$srcdir/tests/pages/microdata.html" "$work/site/sub dir/a b.html"
cp "$srcdir/tests/pages/div-paragraphs.html" "$work/site/"
run_status 0 "--base-url" "$INDEX" --db "$work/db4" --no-concepts \
	--base-url https://archive.example/pages "$work/site/"
"$QUERY" --db "$work/db4" --format=json "" >"$work/out"
check "the URL is the path under the base URL" jq -e \
	'[.hits[].url] | sort == ["https://archive.example/pages/div-paragraphs.html",
	"https://archive.example/pages/sub%20dir/a%20b.html"]' "$work/out"
run_status 0 "--base-url with a file named itself" sh -c \
	"cd '$work/site' && '$(cd "$builddir" && pwd)/polidex-index' --db '$work/db5' \
	--no-concepts --base-url https://archive.example/ './div-paragraphs.html'"
"$QUERY" --db "$work/db5" --format=json "" >"$work/out"
check "its path as given" jq -e \
	'.hits[0].url == "https://archive.example/div-paragraphs.html"' "$work/out"
run_status 2 "a --base-url that is not a URL" "$INDEX" --db "$work/db6" --base-url pages "$work/site"
stderr_has "--base-url: 'pages' is not an absolute URL" "says why"

# A folder is walked in name order, byte by byte, into its subfolders as they come; names
# starting with a dot are passed over. The documents' ids follow the walk.
mkdir -p "$work/order/b" "$work/order/B"
for f in b.html a.html C.html b/x.html B/y.html .hidden.html; do
	cp "$srcdir/tests/pages/div-paragraphs.html" "$work/order/$f"
done
run_status 0 "index a folder of names to sort" "$INDEX" --db "$work/db7" --no-concepts -j 3 \
	"$work/order"
stderr_has "5 pages indexed" "the hidden page is passed over"
for id in 1 2 3 4 5; do
	xapian-delve -r "$id" "$work/db7" 2>/dev/null | tr ' ' '\n' | sed -n 's|^Qfile://.*/order/||p'
done | tr '\n' ' ' >"$work/order.out"
check "in name order: $(cat "$work/order.out")" \
	test "$(cat "$work/order.out")" = "B/y.html C.html a.html b/x.html b.html "
finish
