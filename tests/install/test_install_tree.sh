#!/usr/bin/env bash
# What 'cmake --install' put under ROOT (a DESTDIR) for PREFIX: every file
# in its place, the library's names and links, its exported symbols, the
# pkg-config file naming PREFIX, and a tool that runs.
#
# usage: test_install_tree.sh SOURCE_DIR ROOT PREFIX BINDIR LIBDIR
#            INCLUDEDIR DATADIR MANDIR DOCDIR
# (the directories as GNUInstallDirs gives them, relative to PREFIX or
# absolute)
set -u
src=$1 root=$2 prefix=$3
# shellcheck source=installed.sh
. "$src/tests/install/installed.sh"
bin=$(dir "$4") lib=$(dir "$5") inc=$(dir "$6") data=$(dir "$7")
man=$(dir "$8") doc=$(dir "$9")

# same SOURCE INSTALLED: the file is installed, unchanged.
same() {
	if [[ ! -f $2 ]]; then
		fail "${2#"$root"} is missing"
	elif ! cmp -s "$1" "$2"; then
		fail "${2#"$root"} differs from ${1#"$src/"}"
	fi
}

[[ -x $bin/timeline ]] || fail "${bin#"$root"}/timeline is missing"
[[ -f $lib/libtimeline.so.0.3.0 && ! -L $lib/libtimeline.so.0.3.0 ]] ||
    fail "${lib#"$root"}/libtimeline.so.0.3.0 is missing"
[[ $(readlink "$lib/libtimeline.so.0.3") == libtimeline.so.0.3.0 ]] ||
    fail "libtimeline.so.0.3 does not link to libtimeline.so.0.3.0"
[[ $(readlink "$lib/libtimeline.so") == libtimeline.so.0.3 ]] ||
    fail "libtimeline.so does not link to libtimeline.so.0.3"
[[ -f $lib/libtimeline.a ]] || fail "${lib#"$root"}/libtimeline.a is missing"
for h in "$src"/include/timeline/*.h; do
	same "$h" "$inc/timeline/${h##*/}"
done
same "$src/man/timeline.1" "$man/man1/timeline.1"
same "$src/man/timeline.5" "$man/man5/timeline.5"
same "$src/completion/timeline.bash" "$data/bash-completion/completions/timeline"
# zsh looks in PREFIX/share/zsh/site-functions (vendor-completions is
# Debian's, under /usr only).
same "$src/completion/_timeline" "$data/zsh/site-functions/_timeline"
same "$src/LICENSE" "$doc/copyright"
same "$src/schema/timeline.schema.json" "$data/timeline/timeline.schema.json"
for f in "$src"/timeline/*.yaml; do
	same "$f" "$doc/examples/${f##*/}"
done

# The pkg-config file names the prefix installed to, not the configured one.
pc=$lib/pkgconfig/timeline.pc
if [[ -f $pc ]]; then
	grep -qx "prefix=$prefix" "$pc" || fail "timeline.pc: no 'prefix=$prefix'"
	grep -qx 'Version: 0.3.0' "$pc" || fail "timeline.pc: no 'Version: 0.3.0'"
	grep -qx 'Requires.private: yaml-0.1 libical' "$pc" ||
	    fail "timeline.pc: no 'Requires.private: yaml-0.1 libical'"
	grep -qx 'Libs: -L${libdir} -ltimeline' "$pc" ||
	    fail "timeline.pc: no 'Libs: -L\${libdir} -ltimeline'"
	grep -qx 'Cflags: -I${includedir}' "$pc" ||
	    fail "timeline.pc: no 'Cflags: -I\${includedir}'"
else
	fail "${pc#"$root"} is missing"
fi

# The shared library: its SONAME, and exactly the public functions exported.
so=$lib/libtimeline.so.0.3.0
if command -v readelf >/dev/null && [[ -f $so ]]; then
	readelf -d "$so" | grep -q 'SONAME.*\[libtimeline\.so\.0\.3\]' ||
	    fail "libtimeline.so.0.3.0 has no SONAME libtimeline.so.0.3"
fi
if command -v nm >/dev/null && [[ -f $so ]]; then
	# Every function a header declares is marked TL_EXTERN, and is
	# exported; nothing else is.
	# (in the C locale: in Turkish, [a-z] leaves out 'i')
	unmarked=$(LC_ALL=C grep -h '^[a-z].*[ *]tl_[a-z0-9_]*(' \
	    "$src"/include/timeline/*.h || true)
	[[ -z $unmarked ]] ||
	    fail "declared without TL_EXTERN: $unmarked"
	declared=$(LC_ALL=C sed -n 's/^TL_EXTERN .*[ *]\(tl_[a-z0-9_]*\)(.*/\1/p' \
	    "$src"/include/timeline/*.h | LC_ALL=C sort -u)
	exported=$(nm -D --defined-only "$so" | awk '$2 ~ /^[TDBRVW]$/ { print $3 }' |
	    LC_ALL=C sed 's/@.*//' | LC_ALL=C sort -u)
	if [[ $declared != "$exported" ]]; then
		fail "the exported symbols are not the declared functions:"
		diff <(echo "$declared") <(echo "$exported") | sed -n 's/^[<>]/  &/p'
	fi
fi
# The static library cannot hide its own functions from a program that
# links it: every global name it defines starts with tl_, so none can
# clash with the program's.
if command -v nm >/dev/null && [[ -f $lib/libtimeline.a ]]; then
	unprefixed=$(nm -g --defined-only "$lib/libtimeline.a" 2>/dev/null |
	    awk '$2 ~ /^[TDBRVW]$/ && $3 !~ /^tl_/ { print $3 }')
	[[ -z $unprefixed ]] ||
	    fail "libtimeline.a defines names without tl_: $unprefixed"
fi

# The installed tool runs.
if [[ -x $bin/timeline ]]; then
	out=$("$bin/timeline" --version) || fail "timeline --version fails"
	[[ $out == "timeline 0.3.0 "* ]] || fail "timeline --version prints '$out'"
	"$bin/timeline" check --today 2025-12-20 "$doc/examples" >/dev/null 2>&1 ||
	    fail "timeline check fails on the installed examples"
fi

exit $((failed > 0))
