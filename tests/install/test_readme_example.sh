#!/usr/bin/env bash
# The C example of README.md's "Install" section, taken from the README as
# it stands, built against the installed tree with the flags pkg-config
# gives and run on the installed example timelines: it must print the id
# and title of every milestone, in the order the installed tool exports
# them, and fail on a path that does not exist.
#
# usage: test_readme_example.sh SOURCE_DIR ROOT PREFIX BINDIR LIBDIR DOCDIR
#            CC PKG_CONFIG [EXTRA_CFLAGS]
set -u
src=$1 root=$2 prefix=$3 cc=$7 pkg_config=$8 extra=${9:-}
# shellcheck source=installed.sh
. "$src/tests/install/installed.sh"
bin=$(dir "$4") lib=$(dir "$5") doc=$(dir "$6")

command -v "$pkg_config" >/dev/null || { echo "skipped: no pkg-config"; exit 77; }
command -v python3 >/dev/null || { echo "skipped: no python3"; exit 77; }

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
# The compiler's flags are split at blanks: a ROOT whose path holds one
# is reached through a link whose path does not.
if [[ $root == *[[:space:]]* ]]; then
	ln -s "$root" "$tmp/root" || exit 1
	root=$tmp/root bin=$(dir "$4") lib=$(dir "$5") doc=$(dir "$6")
fi

# The first C block after the "## Install" heading, up to the next heading.
sed -n '/^## Install$/,/^## /p' "$src/README.md" |
    sed -n '/^```c$/,/^```$/{/^```/d;p}' >"$tmp/first.c"
lines=$(wc -l <"$tmp/first.c")
[[ $lines -gt 5 ]] || { echo "FAIL: no C example in README.md's Install section"; exit 1; }
grep -q 'cc -o first first.c $(pkg-config --cflags --libs timeline)' \
    "$src/README.md" || fail "README.md no longer builds first.c with pkg-config"
echo "README.md's example: $lines lines"

# The sysroot maps the installed -I and -L directories into ROOT.
export PKG_CONFIG_PATH=$lib/pkgconfig PKG_CONFIG_SYSROOT_DIR=$root
flags=$("$pkg_config" --cflags --libs timeline) ||
    { echo "FAIL: pkg-config cannot read timeline.pc"; exit 1; }
# shellcheck disable=SC2086
"$cc" -std=c11 -Wall -Wextra -Werror $extra -o "$tmp/first" "$tmp/first.c" \
    $flags || { echo "FAIL: README.md's example does not build"; exit 1; }

examples=$doc/examples
LD_LIBRARY_PATH=$lib "$tmp/first" "$examples" >"$tmp/got" ||
    fail "the example exits $? on the installed examples"
# What it must print: the installed tool's JSON export, id and title.
"$bin/timeline" export --format json "$examples" 2>/dev/null >"$tmp/json"
python3 -c '
import json, sys
for m in json.load(open(sys.argv[1]))["milestones"]:
    print("%s: %s" % (m["id"], m["title"]))
' "$tmp/json" >"$tmp/want" || fail "cannot read the tool's JSON export"
[[ -s $tmp/want ]] || fail "the installed tool exports no milestone"
if ! cmp -s "$tmp/want" "$tmp/got"; then
	fail "the example's output differs from the tool's export:"
	diff "$tmp/want" "$tmp/got" | head -n 20
fi
echo "it prints $(wc -l <"$tmp/got") milestones; the first: $(head -n 1 "$tmp/got")"

if LD_LIBRARY_PATH=$lib "$tmp/first" "$tmp/no-such-dir" >/dev/null 2>&1; then
	fail "the example succeeds on a missing path"
fi

# The README's static link: the archive before the flags, and the program
# needs no libtimeline.so.
grep -q 'PREFIX/lib/libtimeline.a $(pkg-config --static --libs timeline)' \
    "$src/README.md" && grep -q 'timeline) -Wl,--as-needed \\$' \
    "$src/README.md" || fail "README.md no longer links the static library"
static=$("$pkg_config" --static --libs timeline) ||
    fail "pkg-config --static cannot read timeline.pc"
# shellcheck disable=SC2086
if "$cc" -std=c11 -Wall -Wextra -Werror $extra -o "$tmp/first-static" \
    "$tmp/first.c" $("$pkg_config" --cflags timeline) -Wl,--as-needed \
    "$lib/libtimeline.a" $static; then
	! readelf -d "$tmp/first-static" | grep -q 'NEEDED.*libtimeline' ||
	    fail "the static example needs libtimeline.so"
	"$tmp/first-static" "$examples" >"$tmp/got-static" ||
	    fail "the static example exits $? on the installed examples"
	cmp -s "$tmp/want" "$tmp/got-static" ||
	    fail "the static example's output differs from the tool's export"
	echo "linked statically, it prints the same"
else
	fail "README.md's static link does not build"
fi

exit $((failed > 0))
