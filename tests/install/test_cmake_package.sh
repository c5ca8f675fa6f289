#!/usr/bin/env bash
# A CMake project that finds the installed library with
# find_package(timeline) and links timeline::timeline (shared) and
# timeline::timeline_static: both programs count what the installed tool
# counts, also in a project that has targets of its own named as
# pkg-config's, and where pkg-config finds no libyaml or libical.  A
# version the installed one does not satisfy is not found.
#
# usage: test_cmake_package.sh SOURCE_DIR ROOT PREFIX BINDIR LIBDIR CMAKE
#            [EXTRA_CFLAGS]
set -u
src=$1 root=$2 prefix=$3 cmake=$6 extra=${7:-}
# shellcheck source=installed.sh
. "$src/tests/install/installed.sh"
bin=$(dir "$4") lib=$(dir "$5")

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# project NAME VERSION [FIRST]: a consumer asking for that version of
# timeline, after the CMake lines FIRST.  find_package() leaves pkg-config's
# names to the project: it sets no YAML_ or ICAL_ variable.
project() {
	mkdir -p "$tmp/$1"
	cat >"$tmp/$1/CMakeLists.txt" <<-END
	cmake_minimum_required(VERSION 3.18)
	project(count LANGUAGES C)
	${3:-}
	find_package(timeline $2 REQUIRED)
	if(NOT DEFINED own AND (DEFINED YAML_FOUND OR DEFINED ICAL_FOUND))
	  message(FATAL_ERROR "find_package(timeline) set YAML_ or ICAL_")
	endif()
	add_executable(count "$src/tests/install/count.c")
	target_link_libraries(count PRIVATE timeline::timeline)
	add_executable(count-static "$src/tests/install/count.c")
	target_link_libraries(count-static PRIVATE timeline::timeline_static)
	END
}

# configure NAME: configure that consumer against the installed tree (the
# tree was installed under a DESTDIR: it is found by its place, as a
# relocated install is).
configure() {
	"$cmake" -S "$tmp/$1" -B "$tmp/$1/build" \
	    -DCMAKE_PREFIX_PATH="$root$prefix" \
	    -DCMAKE_C_FLAGS="-std=c11 -Wall -Wextra -Werror $extra" \
	    >"$tmp/$1.log" 2>&1
}

# builds NAME: configure and build that consumer, and run both programs.
builds() {
	local out=$tmp/$1/build got
	if ! configure "$1" ||
	    ! "$cmake" --build "$out" >>"$tmp/$1.log" 2>&1; then
		fail "$1: find_package(timeline) and build:"
		sed 's/^/  /' "$tmp/$1.log"
		return
	fi
	if command -v readelf >/dev/null; then
		readelf -d "$out/count" | grep -q 'NEEDED.*\[libtimeline\.so\.0\.3\]' ||
		    fail "$1: count does not use libtimeline.so.0.3"
		! readelf -d "$out/count-static" | grep -q 'NEEDED.*libtimeline' ||
		    fail "$1: count-static needs libtimeline.so"
	fi
	got=$(LD_LIBRARY_PATH=$lib "$out/count" "$example") ||
	    fail "$1: the shared program fails"
	[[ $got == "$want" ]] || fail "$1: shared: '$got', not '$want'"
	got=$("$out/count-static" "$example") ||
	    fail "$1: the static program fails"
	[[ $got == "$want" ]] || fail "$1: static: '$got', not '$want'"
}

example=$(ls "$src"/timeline/*.yaml | head -n 1)
summary=$("$bin/timeline" check --today 2025-12-20 "$example" 2>&1 | tail -n 1)
count=$(sed -n 's/^1 file, \([0-9]*\) milestones\{0,1\}: 0 errors.*/\1/p' <<<"$summary")
[[ -n $count ]] || { echo "FAIL: the tool's summary: $summary"; exit 1; }
want="libtimeline 0.3.0: $count milestones, 0 errors"

project plain 0.3
builds plain

# A project that already named another module YAML (here libical) keeps
# its target, and the static library its own libyaml.
project own 0.3 "set(own 1)
	find_package(PkgConfig REQUIRED)
	pkg_check_modules(YAML REQUIRED IMPORTED_TARGET libical)"
builds own

# Where pkg-config finds neither libyaml nor libical (their development
# files missing), the package is found all the same.
project blind 0.3
PKG_CONFIG_LIBDIR=$tmp/none PKG_CONFIG_PATH= builds blind

# 0.x releases may change the interface: 0.2 and 1.0 are not 0.3.
for v in 0.2 1.0; do
	project "$v" "$v"
	if configure "$v"; then
		fail "find_package(timeline $v) accepts 0.3.0"
	elif ! grep -q 'version: 0\.3\.0' "$tmp/$v.log"; then
		fail "find_package(timeline $v) fails for another reason:"
		sed 's/^/  /' "$tmp/$v.log"
	fi
done

[[ $failed == 0 ]] && echo "$want"
exit $((failed > 0))
