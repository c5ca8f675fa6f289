#!/usr/bin/env bash
# What scripts/setup would install, for each profile, on machines where
# different packages are missing: a dry run (SETUP_DRY_RUN=1) that reads a
# made-up list of installed packages (SETUP_DPKG_STATUS) and installs and
# builds nothing.  The run profile (scripts/show) must ask for exactly what
# building and running need; the test profile (scripts/test) adds the rest.
# Also: when it configures, and that every package name is one apt knows.
#
# usage: test_setup.sh SOURCE_DIR
set -u
src=$1
setup=$src/scripts/setup
failed=0

fail() {
	echo "FAIL: $*"
	failed=$((failed + 1))
}

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# What building and running need, in the order setup lists them.
run_pkgs="gcc libc6-dev make cmake pkg-config libyaml-dev libical-dev tzdata"
# Some of what the tests need, and must not come with the run profile.
test_only="libcmocka-dev python3 python3-icalendar python3-vobject calcurse tmux valgrind
clang libclang-rt-dev mandoc zsh dpkg-dev file binutils ca-certificates
git patch chromium librsvg2-bin libxml2-utils"
# Node.js comes only when there is no node.
node_pkgs=
command -v node >/dev/null 2>&1 || node_pkgs=" nodejs npm"

# dry STATUS_FILE ARGS...: a dry run of setup, its output in $out.
dry() {
	local status=$1
	shift
	out=$(SETUP_DRY_RUN=1 SETUP_DPKG_STATUS=$status BUILD_DIR=$tmp/build \
	    SETUP_EXTRA_PACKAGES='' "$@" 2>&1) || fail "'$*' exits $?: $out"
}

# asked: the packages the last dry run would install.
asked() {
	sed -n 's/^setup: packages: would install //p' <<<"$out"
}

# listing PACKAGE...: a dpkg-query listing with these installed.
listing() {
	local p
	for p in "$@"; do
		printf '%s install ok installed\n' "$p"
	done
}

: >"$tmp/none"

# how_args HOW: the command line that HOW names into args (--run, --test,
# default, or env=PROFILE for SETUP_PROFILE=PROFILE), quoted whole: the
# checkout's path may hold spaces.
how_args() {
	case $1 in
	env=*) args=(env "SETUP_PROFILE=${1#env=}" "$setup") ;;
	default) args=("$setup") ;;
	*) args=("$setup" "$1") ;;
	esac
}

# Nothing installed: the run profile asks for the run packages, no more.
for how in --run env=run; do
	how_args "$how"
	dry "$tmp/none" "${args[@]}"
	[[ $(asked) == "$run_pkgs" ]] ||
	    fail "$how on an empty machine asks for '$(asked)', not '$run_pkgs'"
	grep -q 'node modules\|npm' <<<"$out" &&
	    fail "$how speaks of node modules: $out"
	grep -q '^setup: build: would configure .*-DTIMELINE_TESTS=OFF' <<<"$out" ||
	    fail "$how would not configure without the tests: $out"
done

# Nothing installed: the test profile (the default) asks for them all.
for how in --test default env=test; do
	how_args "$how"
	dry "$tmp/none" "${args[@]}"
	all=$(asked)
	[[ $all == "$run_pkgs "* ]] ||
	    fail "$how does not start with the run packages: $all"
	for p in $test_only; do
		[[ " $all " == *" $p "* ]] || fail "$how does not ask for $p"
	done
	[[ $all == *"$node_pkgs" ]] || fail "$how: node: '$all'"
	grep -q '^setup: node modules: ' <<<"$out" ||
	    fail "$how says nothing of node modules: $out"
	grep -q '^setup: build: would configure .*-DTIMELINE_TESTS=ON' <<<"$out" ||
	    fail "$how would not configure with the tests: $out"
done
dry "$tmp/none" "$setup" --test
test_list=$(asked)
echo "run profile:  $run_pkgs"
echo "test profile: $test_list"

# Only build packages missing (libical-dev removed, its configuration
# kept): both profiles ask for those alone.
# shellcheck disable=SC2086
listing $test_list | grep -v -x -e 'cmake .*' -e 'libyaml-dev .*' \
    -e 'libical-dev .*' >"$tmp/build-missing"
echo 'libical-dev deinstall ok config-files' >>"$tmp/build-missing"
dry "$tmp/build-missing" "$setup" --run
[[ $(asked) == "cmake libyaml-dev libical-dev" ]] ||
    fail "--run with build packages missing asks for '$(asked)'"
dry "$tmp/build-missing" "$setup" --test
[[ $(asked) == "cmake libyaml-dev libical-dev$node_pkgs" ]] ||
    fail "--test with build packages missing asks for '$(asked)'"

# Only test packages missing: the run profile has all it needs.
# shellcheck disable=SC2086
listing $test_list | grep -v -x -e 'valgrind .*' -e 'file .*' \
    >"$tmp/test-missing"
dry "$tmp/test-missing" "$setup" --run
[[ -z $(asked) ]] || fail "--run with test packages missing asks for '$(asked)'"
grep -qx 'setup: packages: all 8 present (run)' <<<"$out" ||
    fail "--run with test packages missing: $out"
dry "$tmp/test-missing" "$setup" --test
[[ $(asked) == "valgrind file$node_pkgs" ]] ||
    fail "--test with test packages missing asks for '$(asked)'"

# Quiet when all is there: no line at all about packages.
# shellcheck disable=SC2086
listing $test_list >"$tmp/all"
out=$(SETUP_QUIET=1 SETUP_DRY_RUN=1 SETUP_DPKG_STATUS=$tmp/all \
    BUILD_DIR=$tmp/build "$setup" --run 2>&1)
grep -q 'packages' <<<"$out" && fail "a quiet run speaks of packages: $out"

# A build directory configured for the tests serves the run profile as
# it is; one configured for running only is configured again for tests.
mkdir -p "$tmp/build"
: >"$tmp/build/CMakeCache.txt"
line=$(sed -n 's/^setup: build: would configure [^ ]* with //p' <<<"$(
    SETUP_DRY_RUN=1 SETUP_DPKG_STATUS=$tmp/all BUILD_DIR=$tmp/build \
    "$setup" --test 2>&1)")
printf '%s\n' "$line" >"$tmp/build/setup-configured"
dry "$tmp/all" "$setup" --run
grep -qx "setup: build: would build in $tmp/build" <<<"$out" ||
    fail "--run would configure a test build again: $out"
dry "$tmp/all" "$setup" --test
grep -qx "setup: build: would build in $tmp/build" <<<"$out" ||
    fail "--test would configure its own build again: $out"
sed 's/TESTS=ON/TESTS=OFF/' "$tmp/build/setup-configured" >"$tmp/line"
mv "$tmp/line" "$tmp/build/setup-configured"
dry "$tmp/all" "$setup" --test
grep -q "^setup: build: would configure $tmp/build with .*TESTS=ON" <<<"$out" ||
    fail "--test would not configure a run build for the tests: $out"
rm -rf "$tmp/build"

# Usage errors.
SETUP_DRY_RUN=1 "$setup" --bogus >/dev/null 2>&1
[[ $? == 2 ]] || fail "--bogus does not exit 2"
SETUP_DRY_RUN=1 SETUP_PROFILE=bogus "$setup" >/dev/null 2>&1 &&
    fail "SETUP_PROFILE=bogus is accepted"

# Every name is a package apt can install (where apt has package lists).
if command -v apt-cache >/dev/null 2>&1 &&
    compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
	# shellcheck disable=SC2086
	known=$(LC_ALL=C apt-cache policy $test_list 2>/dev/null | awk '
	    /^[^ ].*:$/ { p = substr($1, 1, length($1) - 1) }
	    /^  Candidate:/ && $2 != "(none)" { print p }')
	unknown=
	for p in $test_list; do
		grep -qx -e "$p" -e "$p:.*" <<<"$known" || unknown="$unknown $p"
	done
	[[ -z ${unknown// /} ]] || fail "apt knows no package:$unknown"
else
	echo "no apt package lists: package names not checked"
fi

exit $((failed > 0))
