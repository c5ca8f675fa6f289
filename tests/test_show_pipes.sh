#!/bin/sh
# timeline show against closed pipes and full disks: '| head -n 3' stops
# quietly, '> /dev/full' exits 2 with a message.
#   test_show_pipes.sh TIMELINE-BINARY DATA-DIR
set -u
bin=$1
data=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# A reader that stops after three lines.  Enough output to fill the pipe:
# the long format of the data, several times over.
"$bin" show --long --today 2026-11-24 --width 200 "$data" "$data" 2>"$tmp/err" |
    head -n 3 > "$tmp/out"
[ "$(wc -l < "$tmp/out")" -eq 3 ] || fail "head did not get 3 lines"
grep -v "warning:" "$tmp/err" > "$tmp/err2" || true
[ ! -s "$tmp/err2" ] || fail "messages on a closed pipe: $(cat "$tmp/err2")"

# The same with SIGPIPE ignored, as some shells and services run programs:
# the write fails with EPIPE and the tool must still stop quietly.
python3 - "$bin" "$data" <<'PY' || fail "EPIPE not quiet"
import subprocess, sys
p = subprocess.Popen([sys.argv[1], "show", "--long", "--today", "2026-11-24",
                      sys.argv[2]], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                     restore_signals=False)
p.stdout.read(10)
p.stdout.close()
err = p.stderr.read().decode()
p.wait()
bad = [l for l in err.splitlines() if "warning:" not in l]
sys.exit(1 if bad or p.returncode != 0 else 0)
PY

# --help and --version into a pipe whose reader has gone: status 0, quiet.
for opt in --help --version; do
	python3 - "$bin" "$opt" <<'PY' || fail "$opt into a closed pipe"
import subprocess, sys
r, w = __import__("os").pipe()
__import__("os").close(r)
p = subprocess.run([sys.argv[1], sys.argv[2]], stdout=w,
                   stderr=subprocess.PIPE)
sys.exit(1 if p.returncode != 0 or p.stderr else 0)
PY
done
if [ -w /dev/full ]; then
	"$bin" --help > /dev/full 2>"$tmp/err"
	[ $? -eq 2 ] && grep -q "cannot write" "$tmp/err" ||
	    fail "--help > /dev/full: $(cat "$tmp/err")"
fi

if [ -w /dev/full ]; then
	"$bin" show --today 2026-11-24 "$data" > /dev/full 2>"$tmp/err"
	status=$?
	[ "$status" -eq 2 ] || fail "show > /dev/full exits $status, want 2"
	grep -q "cannot write" "$tmp/err" || fail "no message for /dev/full"
fi
echo "show pipes: ok"
