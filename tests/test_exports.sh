#!/bin/sh
# exports/ must be what the current tool makes of timeline/: regenerate it
# into a temporary directory and compare byte for byte.
#   test_exports.sh TIMELINE-BINARY
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$root/scripts/exports" "$1" "$tmp" 2>/dev/null
status=0
for f in rust-for-linux.ics rust-for-linux.txt rust-for-linux.svg \
    rust-for-linux.html; do
	if ! cmp -s "$tmp/$f" "$root/exports/$f"; then
		echo "exports/$f is stale: run scripts/exports" >&2
		diff -u "$root/exports/$f" "$tmp/$f" | head -40 >&2 || true
		status=1
	fi
done
[ "$status" -eq 0 ] && echo "exports/ is fresh"
exit "$status"
