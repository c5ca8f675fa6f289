#!/bin/sh
# A system without a time zone database (a slim container without
# tzdata): a zone cannot be checked, and the error says why instead of
# calling the zone unknown.  The database is hidden by an empty
# directory mounted over it in a mount namespace of this test's own,
# which needs root; elsewhere the test is skipped.
#
# Usage: test_no_tzdata.sh PATH-TO-timeline
set -u
bin=$1
zi=/usr/share/zoneinfo
[ "$(id -u)" = 0 ] && [ -d "$zi" ] && command -v unshare >/dev/null ||
    { echo "needs root, unshare and $zi"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/empty"
cat > "$tmp/t.yaml" <<'YAML'
timeline: t
milestones:
  - id: a
    title: A
    date: 2027-05-01
    time: "09:30"
    timezone: Asia/Tokyo
YAML
unshare -m sh -c 'mount --bind "$1" "$2"' sh "$tmp/empty" "$zi" 2>/dev/null ||
    { echo "cannot mount in a namespace of its own"; exit 77; }
unshare -m sh -c 'mount --bind "$1" "$2" && exec "$3" check "$4"' sh \
    "$tmp/empty" "$zi" "$bin" "$tmp/t.yaml" > "$tmp/out" 2> "$tmp/err"
status=$?
want="$tmp/t.yaml:7:15: error: cannot check time zone 'Asia/Tokyo': this system has no time zone database (install tzdata)"
if [ "$status" -ne 1 ] || ! grep -qxF "$want" "$tmp/err"; then
	echo "FAIL: exit $status: $(cat "$tmp/err")"
	exit 1
fi
# With the database, the same file is good.
"$bin" check "$tmp/t.yaml" 2> "$tmp/err" ||
    { echo "FAIL: with tzdata: $(cat "$tmp/err")"; exit 1; }
echo "ok: a missing time zone database is named as the cause"
