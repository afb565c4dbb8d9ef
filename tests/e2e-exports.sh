#!/bin/sh
# e2e-exports.sh: libpolidex exports its public API and nothing else.
. "${POLIDEX_SRCDIR:-.}/tests/e2e-lib.sh"

lib="$builddir/.libs/libpolidex.so"
if [ ! -f "$lib" ]; then
	skip_all "$lib not built (static-only build?)"
fi
nm -D --defined-only "$lib" | awk '{ print $NF }' | sort >"$work/symbols"
grep -v '^polidex_' "$work/symbols" >"$work/others"
if [ -s "$work/others" ]; then
	fail "symbols outside polidex_*: $(head -n 5 "$work/others" | tr '\n' ' ')"
else
	ok "only polidex_* symbols are exported"
fi
# Every function the header declares is exported.
sed -n 's/^[a-z_ *]*\(polidex_[a-z_]*\)(.*/\1/p' "$srcdir/include/polidex.h" | sort -u >"$work/declared"
missing=$(comm -23 "$work/declared" "$work/symbols")
[ -z "$missing" ] && ok "every declared function is exported ($(wc -l <"$work/declared"))" ||
	fail "declared but not exported: $missing"
finish
