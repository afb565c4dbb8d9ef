#!/bin/sh
# e2e-example.sh: doc/examples/search.c, the embedding example, compiled with the flags that
# polidex's pkg-config file gives (the file make install installs, pointed at a copy of the
# header and library in a temporary prefix) and run on a small index.
. "${POLIDEX_SRCDIR:-.}/tests/e2e-lib.sh"

for tool in pkg-config "${CC:-cc}"; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		skip_all "$tool not found"
	fi
done
root="$work/root"
mkdir -p "$root/include" "$root/lib/pkgconfig"
cp "$srcdir/include/polidex.h" "$root/include/"
cp -P "$builddir"/.libs/libpolidex.so* "$root/lib/"
cp "$builddir/polidex.pc" "$root/lib/pkgconfig/"
flags=$(PKG_CONFIG_PATH="$root/lib/pkgconfig" pkg-config --define-variable=prefix="$root" \
	--cflags --libs polidex) && ok "pkg-config gives the flags: $flags" || fail "pkg-config"
# A library built with sanitizers needs their runtime in the program too.
# shellcheck disable=SC2086
if "${CC:-cc}" -std=c99 -Wall -Wextra -Werror ${POLIDEX_SAN_FLAGS:-} -o "$work/search" \
	"$srcdir/doc/examples/search.c" $flags 2>"$work/cc.err"; then
	ok "the example compiles without a warning"
else
	fail "the example compiles: $(head -c 600 "$work/cc.err")"
	finish
fi
"$INDEX" --db "$work/db" "$srcdir/tests/pages" "$srcdir/data/sample" 2>/dev/null
LD_LIBRARY_PATH="$root/lib" run_status 0 "the example runs" "$work/search" "$work/db" cooperation
want=$("$QUERY" --db "$work/db" --format=json -n 0 --filter language:en cooperation | jq .total)
grep -qx "$want matches" "$work/out" && ok "it finds what polidex-query finds ($want)" ||
	fail "the example's count: $(head -n 1 "$work/out"), polidex-query's $want"
grep -q '^ *[0-9]* *Diplomacy and cooperation$' "$work/out" && ok "it prints concept counts" ||
	fail "concept counts: $(cat "$work/out")"
LD_LIBRARY_PATH="$root/lib" ldd "$work/search" | grep -q "$root/lib/libpolidex" && ok "it runs on the copied library" ||
	fail "linked library: $(ldd "$work/search" | grep polidex)"
LD_LIBRARY_PATH="$root/lib" run_status 1 "a missing index" "$work/search" "$work/none" x
stderr_has "$work/none" "names it"
finish
