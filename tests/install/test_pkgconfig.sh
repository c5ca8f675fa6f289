#!/usr/bin/env bash
# A program built against the installed library with nothing but
# 'pkg-config --cflags --libs timeline': it loads a timeline and prints how
# many milestones it holds, which must be what the installed tool counts.
# Then the same program linked with the static library.
#
# usage: test_pkgconfig.sh SOURCE_DIR ROOT PREFIX BINDIR LIBDIR CC PKG_CONFIG
#            [EXTRA_CFLAGS]
set -u
src=$1 root=$2 prefix=$3 cc=$6 pkg_config=$7 extra=${8:-}
# shellcheck source=installed.sh
. "$src/tests/install/installed.sh"
bin=$(dir "$4") lib=$(dir "$5")

command -v "$pkg_config" >/dev/null || { echo "skipped: no pkg-config"; exit 77; }

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
# The compiler's flags are split at blanks: a ROOT whose path holds one
# is reached through a link whose path does not.
if [[ $root == *[[:space:]]* ]]; then
	ln -s "$root" "$tmp/root" || exit 1
	root=$tmp/root bin=$(dir "$4") lib=$(dir "$5")
fi

# The sysroot maps the installed -I and -L directories into ROOT.
export PKG_CONFIG_PATH=$lib/pkgconfig PKG_CONFIG_SYSROOT_DIR=$root
flags=$("$pkg_config" --cflags --libs timeline) ||
    { echo "FAIL: pkg-config cannot read timeline.pc"; exit 1; }
echo "pkg-config --cflags --libs timeline: $flags"

example=$(ls "$src"/timeline/*.yaml | head -n 1)
summary=$("$bin/timeline" check --today 2025-12-20 "$example" 2>&1 | tail -n 1)
count=$(sed -n 's/^1 file, \([0-9]*\) milestones\{0,1\}: 0 errors.*/\1/p' <<<"$summary")
[[ -n $count ]] || { echo "FAIL: the tool's summary: $summary"; exit 1; }
want="libtimeline 0.3.0: $count milestones, 0 errors"

# Shared: it must need libtimeline.so.0.3 and find it in ROOT only.
# shellcheck disable=SC2086
if "$cc" -std=c11 -Wall -Wextra -Werror $extra -o "$tmp/count" \
    "$src/tests/install/count.c" $flags; then
	if command -v readelf >/dev/null; then
		readelf -d "$tmp/count" | grep -q 'NEEDED.*\[libtimeline\.so\.0\.3\]' ||
		    fail "the program does not use libtimeline.so.0.3"
	fi
	got=$(LD_LIBRARY_PATH=$lib "$tmp/count" "$example") ||
	    fail "the program fails"
	[[ $got == "$want" ]] || fail "shared: '$got', not '$want'"
else
	fail "cannot build against the shared library"
fi

# Static: libtimeline.a in place of -ltimeline, its dependencies from
# pkg-config --static.
static=$("$pkg_config" --static --libs timeline | sed "s|-ltimeline|$lib/libtimeline.a|")
cflags=$("$pkg_config" --cflags timeline)
# shellcheck disable=SC2086
if "$cc" -std=c11 -Wall -Wextra -Werror $extra -o "$tmp/count-static" \
    "$src/tests/install/count.c" $cflags $static; then
	if command -v readelf >/dev/null &&
	    readelf -d "$tmp/count-static" | grep -q 'NEEDED.*libtimeline'; then
		fail "the static program needs libtimeline.so"
	fi
	got=$("$tmp/count-static" "$example") || fail "the static program fails"
	[[ $got == "$want" ]] || fail "static: '$got', not '$want'"
else
	fail "cannot build against the static library"
fi

[[ $failed == 0 ]] && echo "$want"
exit $((failed > 0))
