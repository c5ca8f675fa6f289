#!/bin/sh
# Replays one regression input (tests/regress/NAME.yaml): what a fuzzer
# once broke must stay fixed.
#
#   tests/test_regress.sh TIMELINE REPLAY_PIPELINE INPUT
#
# Runs 'timeline check' and 'timeline export --format ics|text|json' (and
# 'show --long' in colour) on INPUT.  Each must end with exit status 0, 1
# or 2 -- never a signal, a hang or a sanitizer report -- and write no raw
# control character to standard error.  Then the fuzz target's own checks
# (fuzz/fuzz_pipeline.c, by way of REPLAY_PIPELINE) run on it: every
# exporter on the resolved set, errors or not.
#
# Lines at the top of the input can ask for more:
#   # regress: hostile-names     also read the input twice from a directory,
#                                under two names holding escape sequences
#   # regress: stderr-lacks RE   no line of standard error matches the
#                                extended regular expression RE
#   # regress: long-path         also read the input from directories about
#                                1000 bytes deep, named in two-byte
#                                characters (messages that quote the name
#                                must stay valid UTF-8)
# Standard error must always be valid UTF-8 (when iconv is there).
set -u

timeline=$1
replay=$2
input=$3
name=$(basename "$input")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0

fail() {
	printf 'FAIL: %s: %s\n' "$name" "$*"
	failed=1
}

# Control characters that must not reach a terminal: C0 but LF, DEL, C1,
# U+2028, U+2029, U+202A-U+202E, U+2066-U+2069.
c0=$(printf '[\001-\011\013-\037\177]')
c1=$(printf '\302[\200-\237]')
sep=$(printf '\342\200[\250-\256]')
iso=$(printf '\342\201[\246-\251]')

has_controls() {
	LC_ALL=C grep -q -e "$c0" -e "$c1" -e "$sep" -e "$iso" "$1"
}

# run LABEL ARGS...: one run of the command line.
run() {
	label=$1
	shift
	status=0
	SOURCE_DATE_EPOCH=1795392000 timeout 60 "$timeline" "$@" \
	    >"$tmp/out" 2>"$tmp/err" || status=$?
	case $status in
	0|1|2)	;;
	124)	fail "$label: hangs (killed after 60 s)" ;;
	*)	fail "$label: exit status $status (a signal or an abort)" ;;
	esac
	if LC_ALL=C grep -q -e 'Sanitizer' -e 'runtime error:' \
	    -e '^SUMMARY: ' "$tmp/err"; then
		fail "$label: sanitizer report"
		sed 's/^/    /' "$tmp/err" | head -n 40
	fi
	if has_controls "$tmp/err"; then
		fail "$label: raw control character on standard error"
		od -c "$tmp/err" | head -n 20 | sed 's/^/    /'
	fi
	if command -v iconv >/dev/null 2>&1 &&
	    ! iconv -f UTF-8 -t UTF-8 "$tmp/err" >/dev/null 2>&1; then
		fail "$label: invalid UTF-8 on standard error"
		LC_ALL=C tail -c 120 "$tmp/err" | od -c | sed 's/^/    /'
	fi
	if [ -n "$lacks" ] && LC_ALL=C grep -E -e "$lacks" "$tmp/err" \
	    >"$tmp/match"; then
		fail "$label: standard error matches /$lacks/"
		sed 's/^/    /' "$tmp/match" | head -n 10
	fi
}

directive() {
	head -n 10 "$input" | sed -n "s/^# regress: $1 *//p" | head -n 1
}
lacks=$(directive stderr-lacks)

today=--today=2026-11-23
run "check" check "$today" "$input"
run "export ics" export --format ics "$today" "$input"
run "export text" export --format text "$today" "$input"
run "export json" export --format json "$today" "$input"
run "show --long --color always" show --long --color always --width 40 \
    "$today" "$input"

if head -n 10 "$input" | grep -q '^# regress: hostile-names'; then
	mkdir "$tmp/dir"
	cp "$input" "$tmp/dir/$(printf 'a\033[2J\033]0;title\007.yaml')"
	cp "$input" "$tmp/dir/$(printf 'b\033[31m\342\200\256.yaml')"
	run "check, under hostile names" check "$today" "$tmp/dir"
fi

if head -n 10 "$input" | grep -q '^# regress: long-path'; then
	e=$(printf '\303\251\303\251\303\251\303\251\303\251')
	e=$e$e$e$e$e$e$e$e$e$e$e$e$e$e$e$e$e$e$e$e$e$e$e$e
	# Two depths a byte apart: one of them puts a cut inside a character.
	for deep in "$tmp/$e/$e/$e/$e" "$tmp/x$e/$e/$e/$e"; do
		mkdir -p "$deep"
		cp "$input" "$deep/$name"
		run "check, from a deep directory" check "$today" "$deep/$name"
	done
fi

status=0
timeout 60 "$replay" "$input" >"$tmp/out" 2>"$tmp/err" || status=$?
if [ "$status" != 0 ]; then
	fail "the fuzz target's checks (exit status $status)"
	sed 's/^/    /' "$tmp/err" | head -n 40
fi

[ "$failed" = 0 ] && printf 'ok: %s\n' "$name"
exit "$failed"
