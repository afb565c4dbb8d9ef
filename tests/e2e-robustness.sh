#!/bin/sh
# e2e-robustness.sh: hostile pages give a result or a clear error, in bounded time, and the
# other pages of the run still print.
. "${POLIDEX_SRCDIR:-.}/tests/e2e-lib.sh"

good="$srcdir/data/sample/atlantic-forum-aiib-at-five.html"

# A generous limit: a hang or a blow-up fails the test; timings themselves live in bench/.
limit=300

awk 'BEGIN { for (i = 0; i < 10000; i++) printf "<div>"; printf "deep text";
	     for (i = 0; i < 10000; i++) printf "</div>"; print "" }' >"$work/deep.html"
awk 'BEGIN { printf "<html><body><p>"; for (i = 0; i < 800000; i++)
	     printf "word%d and some more text, ", i % 5000; print "</p></body></html>" }' \
	>"$work/huge.html"
printf '<html><head><title>Only a head</title></head></html>\n' >"$work/nobody.html"
printf '<html><body><script>var a = "not text";</script><style>p {}</style></body></html>\n' \
	>"$work/scripts.html"
printf '<html><head><meta charset="gb2312"></head><body><p>Caf\303\251 soci\303\251t\303\251 and \344\270\255\346\226\207, written in UTF-8 whatever the head says.</p></body></html>\n' \
	>"$work/lying.html"
printf '<html><body><p>Text with a NUL\000 byte inside, long enough to be a paragraph.</p></body></html>\n' \
	>"$work/nul.html"

size=$(wc -c <"$work/huge.html")
[ "$size" -gt 20000000 ] && ok "a page of $((size / 1000000)) MB" || fail "huge page too small"

run_status 1 "extract every hostile page beside a good one" timeout $limit "$EXTRACT" \
	"$work/deep.html" "$work/huge.html" "$work/nobody.html" "$work/scripts.html" \
	"$work/lying.html" "$work/nul.html" "$good"
stderr_has "polidex-extract: $work/scripts.html: not HTML (no text found in the page)" \
	"a page of scripts is named and refused"
check "the good page still prints" jq -se 'any(.[]; .title == "The AIIB at Five: Lessons for a Crowded Multilateral Order")' "$work/out"
# Nesting deeper than libxml2 builds (2048 levels) loses what lies below; the page still
# gives a result or a clear error.
if jq -se 'any(.[]; .path | endswith("deep.html"))' "$work/out" >/dev/null ||
	grep -qF "polidex-extract: $work/deep.html: " "$work/err"; then
	ok "deep nesting gives a result or a clear error"
else
	fail "deep nesting gives a result or a clear error"
fi
check "the huge page is extracted" jq -se 'any(.[]; (.path | endswith("huge.html")) and (.body | length) > 10000000)' "$work/out"
check "a page without body gives its title" jq -se 'any(.[]; (.path | endswith("nobody.html")) and .title == "Only a head")' "$work/out"
check "a lying charset is overruled by valid UTF-8" jq -se 'any(.[]; (.path | endswith("lying.html")) and (.body | contains("Caf\u00e9 soci\u00e9t\u00e9 and \u4e2d\u6587")))' "$work/out"
check "a NUL byte is dropped, the text kept" jq -se 'any(.[]; (.path | endswith("nul.html")) and (.body | contains("Text with a NUL byte inside")))' "$work/out"

awk 'BEGIN { for (i = 0; i < 1500; i++) printf "<div>"; printf "<p>Text under fifteen hundred levels of nesting.</p>";
	     for (i = 0; i < 1500; i++) printf "</div>"; print "" }' >"$work/deep1500.html"
run_status 0 "1,500 levels of nesting" timeout $limit "$EXTRACT" "$work/deep1500.html"
check "its text is found" jq -e '.body | contains("fifteen hundred levels")' "$work/out"

finish
