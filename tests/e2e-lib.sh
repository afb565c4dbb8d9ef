# e2e-lib.sh: shared set-up for the end-to-end tests (sourced, not run).
set -u

builddir=${POLIDEX_BUILDDIR:-.}
srcdir=${POLIDEX_SRCDIR:-.}
shared=${POLIDEX_SHARED:-$srcdir/../shared}
INDEX="$builddir/polidex-index"
QUERY="$builddir/polidex-query"
EXTRACT="$builddir/polidex-extract"
seed="$shared/corpus/seed/win-win-cooperation.html"
seed_expected="$shared/corpus/seed/win-win-cooperation.expected.json"

failures=0
checks=0

work=$(mktemp -d "${TMPDIR:-/tmp}/polidex-e2e.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT

if ! command -v jq >/dev/null 2>&1; then
	echo "jq not found: install the Debian package jq" >&2
	exit 99
fi

need_shared() {
	if [ ! -f "$seed" ]; then
		echo "SKIP: shared material not found at $shared (set POLIDEX_SHARED)"
		exit 77
	fi
}

ok() { checks=$((checks + 1)); echo "ok - $1"; }
fail() {
	checks=$((checks + 1))
	failures=$((failures + 1))
	echo "FAIL - $1" >&2
}

# check DESCRIPTION COMMAND...: the command must succeed.
check() {
	desc=$1
	shift
	if "$@" >/dev/null; then ok "$desc"; else fail "$desc"; fi
}

# run_status WANT DESCRIPTION COMMAND...: run with stdout and stderr saved to $work/out and
# $work/err, and check the exit status.
run_status() {
	want=$1
	desc=$2
	shift 2
	"$@" >"$work/out" 2>"$work/err"
	got=$?
	if [ "$got" -eq "$want" ]; then
		ok "$desc (exit $got)"
	else
		fail "$desc: exit $got, expected $want; stderr: $(head -c 400 "$work/err")"
	fi
}

# stderr_has TEXT DESCRIPTION: the last run's stderr contains TEXT.
stderr_has() {
	if grep -qF -- "$1" "$work/err"; then ok "$2"; else
		fail "$2: stderr lacks '$1': $(head -c 400 "$work/err")"
	fi
}

finish() {
	echo "$((checks - failures)) passed, $failures failed"
	[ "$failures" -eq 0 ]
}

# start_serve ARG...: start polidex-serve with ARG... on a free loopback port, its output in
# $work/serve.out and $work/serve.err; sets $serve_pid, $port and $base, and stops it when
# the test ends. Returns 1 when it does not start.
start_serve() {
	"$builddir/polidex-serve" --listen 127.0.0.1:0 "$@" >"$work/serve.out" 2>"$work/serve.err" &
	serve_pid=$!
	trap 'kill $serve_pid 2>/dev/null; rm -rf "$work"' EXIT
	port=
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25; do
		port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/serve.out")
		[ -n "$port" ] && break
		sleep 0.2
	done
	base="http://127.0.0.1:$port"
	[ -n "$port" ]
}
