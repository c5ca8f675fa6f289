#!/bin/sh
# Old zone names on a system that leaves out their files (Debian 13 moves
# them to the tzdata-legacy package, while tzdata.zi still lists them as
# links): check and the calendar export give what they give where the
# files are there, the old name warned about and written as its target.
# The database without those files is a copy mounted over the real one in
# a mount namespace of this test's own, which needs root; elsewhere the
# test is skipped.
#
# Usage: test_zone_links.sh PATH-TO-timeline
set -u
bin=$1
zi=/usr/share/zoneinfo
[ "$(id -u)" = 0 ] && [ -f "$zi/tzdata.zi" ] && [ -L "$zi/US/Pacific" ] &&
    command -v unshare >/dev/null ||
    { echo "needs root, unshare, $zi/tzdata.zi and the old names' links"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
failed=0
fail() {
	echo "FAIL: $*"
	failed=1
}
cat > "$tmp/t.yaml" <<'YAML'
timeline: t
milestones:
  - id: a
    title: A
    date: 2027-05-01
    time: "09:30"
    timezone: US/Pacific
  - id: b
    title: B
    date: 2027-03-28
    time: "12:00"
    timezone: Europe/Kiev
  - id: c
    title: C
    date: 2027-10-31
    time: "03:30"
    timezone: Europe/Kiev
  - id: d
    title: D
    date: 2027-06-01
    time: "10:00"
    timezone: Asia/Calcutta
YAML
cat > "$tmp/gap.yaml" <<'YAML'
timeline: g
milestones:
  - id: a
    title: A
    date: 2027-03-14
    time: "02:30"
    timezone: US/Pacific
  - id: b
    title: B
    date: 2027-03-14
    time: "02:30"
    timezone: US/Nowhere
  - id: c
    title: C
    date: 2027-03-28
    time: "03:30"
    timezone: Europe/Kiev
  - id: d
    title: D
    date: 2027-03-28
    time: "12:00"
    timezone: us/pacific
YAML
# runs NAME: check and export of both files, into $tmp/NAME.*, with the
# database at $zi as it is (or as a command given after NAME leaves it).
runs() {
	name=$1
	shift
	for f in t gap; do
		"$@" "$bin" check --today 2027-01-01 "$tmp/$f.yaml" \
		    > "$tmp/$name.$f.check" 2>&1
		echo "exit $?" >> "$tmp/$name.$f.check"
	done
	SOURCE_DATE_EPOCH=1795392000 "$@" "$bin" export --format ics \
	    --today 2027-01-01 "$tmp/t.yaml" > "$tmp/$name.ics" 2>&1
	echo "exit $?" >> "$tmp/$name.ics"
}
runs full
# The copy without the old names' files: what Debian 13 has without
# tzdata-legacy.
cp -a "$zi/." "$tmp/zi" || exit 1
rm -rf "$tmp/zi/US" "$tmp/zi/Europe/Kiev" "$tmp/zi/Asia/Calcutta"
unshare -m sh -c 'mount --bind "$1" "$2"' sh "$tmp/zi" "$zi" 2>/dev/null ||
    { echo "cannot mount in a namespace of its own"; exit 77; }
runs split unshare -m sh -c 'mount --bind "$1" "$2" && shift 2 && exec "$@"' \
    sh "$tmp/zi" "$zi"
for out in t.check gap.check ics; do
	cmp -s "$tmp/full.$out" "$tmp/split.$out" ||
	    fail "$out differs without the old names' files:
$(diff "$tmp/full.$out" "$tmp/split.$out" | head -n 20)"
done
grep -q "warning: time zone 'US/Pacific' is an old name: write America/Los_Angeles" \
    "$tmp/split.t.check" || fail "no old-name warning: $(cat "$tmp/split.t.check")"
grep -q "error: 02:30 does not exist on 2027-03-14 in US/Pacific" \
    "$tmp/split.gap.check" &&
    grep -q "error: 03:30 does not exist on 2027-03-28 in Europe/Kiev" \
    "$tmp/split.gap.check" || fail "no gap error: $(cat "$tmp/split.gap.check")"
grep -q "unknown time zone 'us/pacific' (did you mean 'US/Pacific'?)" \
    "$tmp/split.gap.check" ||
    fail "no suggestion of an old name: $(cat "$tmp/split.gap.check")"
grep -q "unknown time zone 'US/Nowhere'" "$tmp/split.gap.check" ||
    fail "US/Nowhere is not unknown: $(cat "$tmp/split.gap.check")"
grep -q "^DTSTART;TZID=America/Los_Angeles:20270501T093000" "$tmp/split.ics" ||
    fail "the export does not write the current name: $(head -c 600 "$tmp/split.ics")"
# Without tzdata.zi either, the old names are unknown, as they are there.
rm -f "$tmp/zi/tzdata.zi"
runs bare unshare -m sh -c 'mount --bind "$1" "$2" && shift 2 && exec "$@"' \
    sh "$tmp/zi" "$zi"
grep -q "unknown time zone 'US/Pacific'" "$tmp/bare.t.check" ||
    fail "without tzdata.zi: $(cat "$tmp/bare.t.check")"
[ "$failed" = 0 ] && echo "ok: old zone names without their files read as their links"
exit "$failed"
