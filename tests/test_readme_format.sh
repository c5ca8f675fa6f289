#!/bin/sh
# The example of README.md's "The file format at a glance", taken from
# the README as it stands, is a valid timeline file: check finds no error
# in it, and its milestones are all read.
#
# usage: test_readme_format.sh TIMELINE README
set -u
bin=$1 readme=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

sed -n '/^## The file format at a glance$/,/^## /p' "$readme" |
    sed -n '/^```yaml$/,/^```$/{/^```/d;p}' >"$tmp/example.yaml"
want=$(grep -c '^  - id: ' "$tmp/example.yaml")
[ "$want" -gt 3 ] || { echo "FAIL: no example in the README"; exit 1; }
status=0
"$bin" check --today 2025-06-01 "$tmp/example.yaml" 2>"$tmp/err" || status=$?
if [ "$status" -ne 0 ] ||
    ! grep -q "^1 file, $want milestones: 0 errors" "$tmp/err"; then
	echo "FAIL: the README's example: exit status $status"
	cat "$tmp/err"
	exit 1
fi
echo "ok: the README's example holds $want valid milestones"
