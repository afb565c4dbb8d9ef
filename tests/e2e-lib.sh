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
skipped=0

work=$(mktemp -d "${TMPDIR:-/tmp}/polidex-e2e.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT

if ! command -v jq >/dev/null 2>&1; then
	echo "jq not found: install the Debian package jq" >&2
	exit 99
fi

need_shared() {
	if [ ! -f "$seed" ]; then
		skip_all "shared material not found at $shared (set POLIDEX_SHARED)"
	fi
}

# Each check is one line of TAP (the Test Anything Protocol), which automake's TAP driver
# counts as one result: ok, not ok, or skipped. The lines go to descriptor 3, the script's
# standard output, whatever a check's own output is redirected to.
exec 3>&1
ok() { checks=$((checks + 1)); echo "ok $checks - $1" >&3; }
fail() {
	checks=$((checks + 1))
	failures=$((failures + 1))
	# TAP takes a result's description on one line.
	echo "not ok $checks - $(printf '%s' "$1" | tr '\n' ' ')" >&3
}
# skip DESCRIPTION: a check that cannot run here.
skip() {
	checks=$((checks + 1))
	skipped=$((skipped + 1))
	echo "ok $checks - $1 # SKIP" >&3
}
# skip_all REASON: the whole script cannot run here.
skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}

# jq 1.6 answers --exit-status (-e) with success when its input is empty, so a check of a
# program's JSON output would pass when the program printed nothing. With -e, an empty input
# file (the last argument) fails here as jq 1.7 fails it.
jq() {
	jq_exit_status=0
	for jq_arg in "$@"; do
		case $jq_arg in
		-e | --exit-status | -[a-z]*e*) jq_exit_status=1 ;;
		esac
	done
	if [ "$jq_exit_status" -eq 1 ] && [ "$#" -gt 0 ]; then
		eval "jq_input=\${$#}"
		if [ -f "$jq_input" ] && [ ! -s "$jq_input" ]; then
			echo "jq: $jq_input is empty" >&2
			return 4
		fi
	fi
	command jq "$@"
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

# finish: the plan, after the checks; the results themselves tell the driver what failed.
finish() {
	echo "1..$checks"
	echo "# $((checks - failures - skipped)) passed, $failures failed, $skipped skipped"
}

# start_serve ARG...: start polidex-serve with ARG... on a free loopback port, its output in
# $work/serve.out and $work/serve.err; sets $serve_pid, $port and $base, and stops it when
# the test ends. Returns 1 when it does not start.
start_serve() {
	# Emptied here, not only by the redirection of the background job, which may come after
	# the first look: an earlier server's line would give its port.
	: >"$work/serve.out"
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

# same_facets_in_batch DB: a batch of queries over DB, once its first query (of everything)
# has had the facets read every document, counts facets from columns held in memory; each
# query of it must give what it gives alone, when it is counted without them.
same_facets_in_batch() {
	printf '%s\n' '' 'cooperation' 'trade OR security	language:en' \
		'lang:en	year:2015	year:2018' 'policy	concept:Security and conflict' \
		>"$work/batch-queries"
	"$QUERY" --db "$1" --format=jsonl -n 5 --facet concept --facet author:3 --facet year \
		--facet month --facet language --facet site --facet tag --facet section \
		--facet "concept:https://polidex.example/concept/security-and-conflict" \
		--queries-from "$work/batch-queries" 2>"$work/batch-err" |
		jq -c -S . >"$work/batch-out" || fail "a batch over $1: $(cat "$work/batch-err")"
	: >"$work/alone-out"
	while IFS='	' read -r q f1 f2; do
		"$QUERY" --db "$1" --format=json -n 5 --facet concept --facet author:3 --facet year \
			--facet month --facet language --facet site --facet tag --facet section \
			--facet "concept:https://polidex.example/concept/security-and-conflict" \
			${f1:+--filter "$f1"} ${f2:+--filter "$f2"} "$q" | jq -c -S . >>"$work/alone-out"
	done <"$work/batch-queries"
	if [ "$(wc -l <"$work/alone-out")" -eq 5 ] && cmp -s "$work/batch-out" "$work/alone-out"; then
		ok "facets counted from columns in a batch equal those counted alone ($1)"
	else
		fail "facets in a batch over $1 differ from those alone: $(diff "$work/batch-out" "$work/alone-out" | head -c 600)"
	fi
}
