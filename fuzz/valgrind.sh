#!/bin/sh
# Runs the command line under valgrind's memcheck over every test fixture:
# no invalid access, no use of uninitialised memory, no leak.
#
#   fuzz/valgrind.sh [TIMELINE]      default: build/timeline
#
# TIMELINE must be built without sanitizers (valgrind cannot run them).
# Fixtures: timeline/, ../shared/conformance/*/, and every directory under
# tests/ holding *.yaml (node_modules left out).  Each directory is
# checked as a whole; each file is checked, and exported as ics, text
# (--long, in colour, 40 columns), json, svg and html when it has no
# error, or exported once as json when it has (the path that prints
# diagnostics and writes nothing).  Environment: VALGRIND_JOBS (default:
# the number of processors).  Prints one line per failure and "N runs, M
# failed".
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
timeline=${1:-$root/build/timeline}
case $timeline in /*) ;; *) timeline=$(pwd)/$timeline ;; esac
[ -x "$timeline" ] || { echo "valgrind.sh: no $timeline" >&2; exit 2; }
command -v valgrind >/dev/null 2>&1 ||
    { echo "valgrind.sh: valgrind is not installed" >&2; exit 2; }
if nm -D "$timeline" 2>/dev/null | grep -q __asan_init; then
	echo "valgrind.sh: $timeline is built with AddressSanitizer" >&2
	exit 2
fi
jobs=${VALGRIND_JOBS:-$(nproc)}
work=$(mktemp -d "${TMPDIR:-/tmp}/timeline-valgrind.XXXXXX")
trap 'rm -rf "$work"' EXIT
tab=$(printf '\t')

# The fixtures, files and directories.
{
	ls "$root"/timeline/*.yaml "$root"/../shared/conformance/*/*.yaml \
	    2>/dev/null || true
	find "$root/tests" -name node_modules -prune -o -name '*.yaml' \
	    -type f -print
} | sort -u >"$work/files"
sed 's|/[^/]*$||' "$work/files" | sort -u >"$work/dirs"

# One run a line: "check<TAB>PATH" or "FORMAT<TAB>PATH".
while IFS= read -r d; do
	printf 'check\t%s\n' "$d"
done <"$work/dirs" >"$work/commands"
while IFS= read -r f; do
	rc=0
	"$timeline" check --today=2026-11-23 "$f" >/dev/null 2>&1 || rc=$?
	printf 'check\t%s\n' "$f"
	if [ "$rc" = 0 ]; then
		for format in ics text json svg html; do
			printf '%s\t%s\n' "$format" "$f"
		done
	else
		printf 'json\t%s\n' "$f"
	fi
done <"$work/files" >>"$work/commands"

# run WHAT PATH: one run under memcheck; reports a failure.
run() {
	case $1 in
	check)	set -- "$2" check ;;
	text)	set -- "$2" export --format text --long --color always \
		    --width 40 ;;
	*)	set -- "$2" export --format "$1" ;;
	esac
	path=$1
	shift
	log=$(mktemp "$work/log.XXXXXX")
	rc=0
	SOURCE_DATE_EPOCH=1795392000 valgrind -q --tool=memcheck \
	    --error-exitcode=99 --leak-check=full \
	    --show-leak-kinds=definite,indirect,possible \
	    --errors-for-leak-kinds=definite,indirect,possible \
	    --track-origins=yes --log-file="$log" \
	    "$timeline" "$@" --today=2026-11-23 "$path" \
	    >/dev/null 2>&1 || rc=$?
	if [ "$rc" -gt 2 ] || [ -s "$log" ]; then
		{
			echo "FAIL (status $rc): timeline $* $path"
			sed 's/^/    /' "$log" | head -n 60
		} >>"$work/report"
		echo x >>"$work/failed"
	fi
	rm -f "$log"
	echo x >>"$work/count"
}

: >"$work/count"
: >"$work/failed"
: >"$work/report"
split -n "l/$jobs" "$work/commands" "$work/chunk."
for chunk in "$work"/chunk.*; do
	(
		while IFS="$tab" read -r what path; do
			run "$what" "$path"
		done <"$chunk"
	) &
done
wait
cat "$work/report"
runs=$(wc -l <"$work/count")
failed=$(wc -l <"$work/failed")
echo "$runs runs, $failed failed"
[ "$failed" = 0 ]
