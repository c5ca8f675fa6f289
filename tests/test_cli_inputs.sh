#!/bin/sh
# What the command line says about inputs it cannot read: one line each,
# naming the file as given, exit status 2.
#   test_cli_inputs.sh TIMELINE-BINARY DATA-DIR
set -u
bin=$1
data=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }

# A directory on standard input: one line, the system's reason.
status=0
"$bin" check - < "$data" > "$tmp/out" 2> "$tmp/err" || status=$?
[ "$status" -eq 2 ] || fail "check - < DIR: exit status $status"
[ "$(head -n 1 "$tmp/err")" = "-: error: cannot read: Is a directory" ] ||
    fail "check - < DIR: $(cat "$tmp/err")"
[ "$(grep -c ': error:' "$tmp/err")" -eq 1 ] ||
    fail "check - < DIR: more than one error: $(cat "$tmp/err")"
ok "a directory on standard input is one 'cannot read' line"

# No PATH and no ./timeline/ here.
mkdir "$tmp/empty"
status=0
(cd "$tmp/empty" && "$bin" show) > "$tmp/out" 2> "$tmp/err" || status=$?
[ "$status" -eq 2 ] || fail "show without ./timeline/: exit status $status"
grep -q "^timeline: error: no ./timeline/ directory here; name a file or a directory, or - for standard input$" "$tmp/err" ||
    fail "show without ./timeline/: $(cat "$tmp/err")"
[ ! -s "$tmp/out" ] || fail "show without ./timeline/ printed something"
ok "no ./timeline/ directory is said as such"

# Two unreadable files in two directories, read by a user who cannot
# read them: each named by its own name.
mkdir "$tmp/dA" "$tmp/dB"
cp "$data"/*.yaml "$tmp/dA/x.yaml"
cp "$data"/*.yaml "$tmp/dB/y.yaml"
sed -i 's/^timeline: .*/timeline: other/' "$tmp/dB/y.yaml"
chmod 000 "$tmp/dA/x.yaml" "$tmp/dB/y.yaml"
chmod 755 "$tmp" "$tmp/dA" "$tmp/dB"
as_user=""
if [ "$(id -u)" = 0 ]; then
	if command -v setpriv >/dev/null 2>&1; then
		as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
	fi
fi
if [ "$(id -u)" != 0 ] || [ -n "$as_user" ]; then
	status=0
	$as_user "$bin" check "$tmp/dA/x.yaml" "$tmp/dB/y.yaml" \
	    > "$tmp/out" 2> "$tmp/err" || status=$?
	[ "$status" -eq 2 ] || fail "unreadable files: exit status $status"
	grep -q "^$tmp/dA/x.yaml: error: cannot read: Permission denied$" \
	    "$tmp/err" || fail "unreadable files: $(cat "$tmp/err")"
	grep -q "^$tmp/dB/y.yaml: error: cannot read: Permission denied$" \
	    "$tmp/err" || fail "unreadable files: $(cat "$tmp/err")"
	ok "two unreadable files are each named by their own name"
else
	echo "skip: no way to read as another user here"
fi
exit 0
