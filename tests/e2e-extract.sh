#!/bin/sh
# e2e-extract.sh: polidex-extract on the seed essay and the sample pages.
. "${POLIDEX_SRCDIR:-.}/tests/e2e-lib.sh"
need_shared

run_status 0 "extract the seed essay" "$EXTRACT" --format=jsonl "$seed"
if [ -s "$work/err" ]; then fail "nothing on stderr: $(head -c 300 "$work/err")"; else ok "nothing on stderr"; fi
cp "$work/out" "$work/seed.json"
[ "$(wc -l <"$work/seed.json")" -eq 1 ] && ok "one line of JSON" || fail "one line of JSON"

# Every field the expected file names, compared with jq.
for field in title date section language; do
	want=$(jq -r ".$field" "$seed_expected")
	got=$(jq -r ".$field" "$work/seed.json")
	[ "$want" = "$got" ] && ok "$field is '$got'" || fail "$field: '$got', expected '$want'"
done
check "path is the argument" jq -e --arg p "$seed" '.path == $p' "$work/seed.json"
check "authors" jq -e --slurpfile e "$seed_expected" \
	'[.authors[].name] == $e[0].authors' "$work/seed.json"
check "author roles" jq -e --slurpfile e "$seed_expected" \
	'[.authors[].role] == $e[0].author_roles' "$work/seed.json"
check "tags" jq -e --slurpfile e "$seed_expected" '.tags == $e[0].tags' "$work/seed.json"
check "translations" jq -e --slurpfile e "$seed_expected" \
	'.translations == $e[0].translations' "$work/seed.json"
check "body start" jq -e --slurpfile e "$seed_expected" \
	'.body | startswith($e[0].body_starts_with)' "$work/seed.json"
check "body end" jq -e --slurpfile e "$seed_expected" \
	'.body | endswith($e[0].body_ends_with)' "$work/seed.json"
check "body paragraphs" jq -e --slurpfile e "$seed_expected" \
	'.body | split("\n\n") | length == $e[0].body_paragraphs' "$work/seed.json"
check "no boilerplate in the body" jq -e --slurpfile e "$seed_expected" \
	'.body as $b | all($e[0].body_must_not_contain[]; . as $s | $b | contains($s) | not)' \
	"$work/seed.json"

# Several files: one object each, in order; json and text formats.
run_status 0 "extract the sample pages" "$EXTRACT" "$seed" "$srcdir"/data/sample/*.html
pages=$(ls "$srcdir"/data/sample/*.html | wc -l)
[ "$(wc -l <"$work/out")" -eq $((pages + 1)) ] && ok "one line per page" || fail "one line per page"
check "every sample page has title, body and date" \
	jq -se 'all(.[]; .title != null and (.body | length) > 200 and .date != null)' "$work/out"
run_status 0 "--format=json" "$EXTRACT" --format=json "$seed" "$seed"
check "a JSON array of two" jq -e 'length == 2 and .[1].title == .[0].title' "$work/out"
run_status 0 "--format=text" "$EXTRACT" --format=text "$seed"
grep -q '^title *A New Type of Win-Win International Cooperation' "$work/out" &&
	ok "text shows the title" || fail "text shows the title"

# A page that cannot be read does not stop the others.
run_status 1 "a missing page among good ones" "$EXTRACT" "$seed" "$work/missing.html" "$seed"
stderr_has "polidex-extract: $work/missing.html: No such file or directory" "names the missing page"
[ "$(wc -l <"$work/out")" -eq 2 ] && ok "the good pages still print" || fail "the good pages still print"

run_status 2 "unknown format" "$EXTRACT" --format=xml "$seed"
stderr_has "--format: 'xml'" "names the bad format"
run_status 2 "no files" "$EXTRACT"
run_status 0 "--help" "$EXTRACT" --help
run_status 0 "--version" "$EXTRACT" --version
grep -q "polidex" "$work/out" && ok "version names polidex" || fail "version names polidex"

finish
