#!/bin/sh
# Builds the fuzz targets and runs each for a while on a copy of the seed
# corpus; exits non-zero when any finds a crash, a leak, a timeout or an
# out-of-memory.
#
#   fuzz/run.sh [SECONDS]         SECONDS per target (default 60)
#
# Environment:
#   FUZZ_TARGETS     targets to run (default: date load load2 pipeline
#                    diff edit)
#   FUZZ_BUILD_DIR   build directory (default: build-fuzz-run)
#   FUZZ_KEEP        directory to keep the corpora and logs in (default:
#                    a temporary directory, removed when nothing is found)
#   FUZZ_JOBS        targets run at a time (default: one per processor)
#   FUZZ_CONTINUE=1  go on after a finding (libFuzzer's fork mode), to
#                    collect every finding in one run; it still fails
#   CC               the compiler: clang (default), with libFuzzer
#
# What a target finds is left in the kept directory as crash-*, leak-*,
# timeout-* or oom-*: reproduce it with build-fuzz-run/fuzz/fuzz_TARGET
# FILE, and keep it as tests/regress/NAME.yaml once it is understood.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
case $seconds in
''|*[!0-9]*) echo "usage: fuzz/run.sh [SECONDS]" >&2; exit 2 ;;
esac
targets=${FUZZ_TARGETS:-date load load2 pipeline diff edit}
build=${FUZZ_BUILD_DIR:-$root/build-fuzz-run}
case $build in /*) ;; *) build=$root/$build ;; esac

echo "== build ($build)"
CC=${CC:-clang} cmake -S "$root" -B "$build" -DTIMELINE_FUZZ=ON \
    -DTIMELINE_TESTS=OFF -DTIMELINE_WERROR=ON \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$build.log" 2>&1 ||
    { cat "$build.log" >&2; exit 2; }
cmake --build "$build" -j"$(nproc)" >>"$build.log" 2>&1 ||
    { cat "$build.log" >&2; exit 2; }
rm -f "$build.log"

if [ -n "${FUZZ_KEEP:-}" ]; then
	work=$FUZZ_KEEP
	mkdir -p "$work"
else
	work=$(mktemp -d "${TMPDIR:-/tmp}/timeline-fuzz.XXXXXX")
fi
"$root/fuzz/seed.sh" "$work/seeds" >/dev/null

# Leaks are reported by LeakSanitizer at the end of each input.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# fuzz_one TARGET: runs one target and writes its report to
# $work/report-TARGET, and $work/passed-TARGET when it found nothing.
fuzz_one() {
	t=$1
	out=$work/report-$t
	rm -rf "$work/corpus-$t" "$work/artifacts-$t" "$out" "$work/passed-$t"
	cp -R "$work/seeds/$t" "$work/corpus-$t"
	mkdir -p "$work/artifacts-$t"
	rc=0
	if [ "${FUZZ_CONTINUE:-0}" = 1 ]; then
		set -- -fork=1 -ignore_crashes=1 -ignore_timeouts=1 \
		    -ignore_ooms=1
	else
		set --
	fi
	"$build/fuzz/fuzz_$t" "$@" -max_total_time="$seconds" -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=1 \
	    -dict="$root/fuzz/timeline.dict" \
	    -artifact_prefix="$work/artifacts-$t/" \
	    "$work/corpus-$t" >"$work/fuzz_$t.log" 2>&1 || rc=$?
	{
		echo "== fuzz_$t: $seconds s"
		# The seed (-seed=N runs the same way again), the final
		# statistics, the last status line (cov, ft, corp), and the
		# size of the corpus.
		grep -E '^INFO: Seed: ' "$work/fuzz_$t.log" | head -n 1 || true
		grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' \
		    "$work/fuzz_$t.log" || true
		grep -E '^#[0-9]+' "$work/fuzz_$t.log" | tail -n 1 || true
		echo "corpus: $(ls "$work/corpus-$t" | wc -l) inputs"
		found=$(ls "$work/artifacts-$t" |
		    grep -E '^(crash|leak|timeout|oom|slow-unit)-' || true)
		if [ -n "$found" ] || [ "$rc" != 0 ]; then
			echo "FAIL: fuzz_$t (exit status $rc)"
			# Each finding's bytes too (the first 3 KiB, base64),
			# so that a log alone reproduces it: base64 -d > f;
			# fuzz_TARGET f.
			for f in $found; do
				echo "  $work/artifacts-$t/$f ($(wc -c <"$work/artifacts-$t/$f") bytes):"
				head -c 3072 "$work/artifacts-$t/$f" | base64 |
				    sed 's/^/    /'
			done
			grep -E 'ERROR|runtime error|broken property|SUMMARY' \
			    "$work/fuzz_$t.log" | head -n 20 | sed 's/^/  /'
		else
			: >"$work/passed-$t"
		fi
	} >"$out"
}

# The targets run FUZZ_JOBS at a time (default: one per processor), each
# for the whole of its time; their reports are printed in order.
jobs=${FUZZ_JOBS:-$(nproc)}
case $jobs in ''|*[!0-9]*|0) jobs=1 ;; esac
echo "== fuzzing: $seconds s each, $jobs at a time:" $targets
status=0
running=0
for t in $targets; do
	if [ "$running" -ge "$jobs" ]; then
		wait
		running=0
	fi
	fuzz_one "$t" &
	running=$((running + 1))
done
wait
for t in $targets; do
	cat "$work/report-$t" 2>/dev/null ||
	    echo "FAIL: fuzz_$t (no report)"
	[ -f "$work/passed-$t" ] || status=1
done

if [ "$status" = 0 ] && [ -z "${FUZZ_KEEP:-}" ]; then
	rm -rf "$work"
	echo "== no crash, leak or timeout"
else
	echo "== corpora, logs and findings kept in $work"
fi
exit "$status"
