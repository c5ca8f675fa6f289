#!/bin/sh
# timeline show in a real terminal: tmux runs it in a pane of a fixed size,
# and the captured screen must hold the timeline, in colour, with no line
# wider than the pane.  Exit 77 (skipped) when tmux is missing.
#   test_terminal.sh TIMELINE-BINARY DATA-DIR
set -eu
command -v tmux >/dev/null 2>&1 || { echo "tmux missing"; exit 77; }
bin=$1
data=$2
tmp=$(mktemp -d)
# Each session has a server of its own: a new one on the socket of one
# just killed may find it still going away.
n=0
sock="$tmp/tmux.$n.sock"
cleanup() { tmux -S "$sock" kill-server 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; cat "$tmp/screen" >&2 2>/dev/null || true; exit 1; }
# pane WIDTH HEIGHT WHAT COMMAND: runs COMMAND (shell text) in a new tmux
# pane of that size and waits until it is done; the pane stays, for
# capture-pane, until pane_end.
pane() {
	rm -f "$tmp/done"
	n=$((n + 1)) sock="$tmp/tmux.$n.sock"
	tmux -S "$sock" -f /dev/null new-session -d -x "$1" -y "$2" \
	    "$4; touch '$tmp/done'; sleep 30"
	i=0
	while [ ! -e "$tmp/done" ]; do
		i=$((i + 1))
		[ "$i" -lt 100 ] || fail "$3 did not finish"
		sleep 0.1
	done
}
pane_end() { tmux -S "$sock" kill-server 2>/dev/null || true; }

for width in 60 100; do
	pane "$width" 40 show \
	    "env -u NO_COLOR TERM=xterm-256color '$bin' show --today 2026-11-24 '$data' 2>/dev/null"
	tmux -S "$sock" capture-pane -p -e > "$tmp/screen"
	tmux -S "$sock" capture-pane -p -J > "$tmp/plain"
	pane_end
	grep -q "as of 24 Nov 2026" "$tmp/plain" || fail "no title line at width $width"
	grep -q "today 24 Nov 2026" "$tmp/plain" || fail "no today rule at width $width"
	grep -q "overdue" "$tmp/plain" || fail "no overdue flag at width $width"
	# Colour on a terminal: SGR sequences in the captured screen.
	grep -q "$(printf '\033')\[" "$tmp/screen" || fail "no colour at width $width"
	# Every line fits the pane (tmux would have wrapped a longer one onto
	# a line of its own, which shows as a line starting mid-word).
	python3 -c 'import sys
w = int(sys.argv[1])
lines = open(sys.argv[2], encoding="utf-8").read().splitlines()
sys.exit(any(len(l) > w for l in lines))' "$width" "$tmp/plain" ||
	    fail "a line wider than $width"
done
# --long in narrow panes: everything wrapped within the pane, CJK and
# emoji counted two columns, and only a link wider than the pane past it,
# whole and alone on its line so that it can be copied.
text=$(cd "$(dirname "$0")/text" && pwd)
for width in 40 57; do
	for input in history.yaml unicode.yaml; do
		pane "$width" 200 "show --long" \
		    "env -u NO_COLOR TERM=xterm-256color '$bin' show --long --today 2026-11-24 '$text/$input' 2>/dev/null"
		tmux -S "$sock" capture-pane -p -J -S 0 -E 199 > "$tmp/plain"
		pane_end
		grep -q "as of 24 Nov 2026" "$tmp/plain" ||
		    fail "no title line in $input at width $width"
		python3 -c 'import re, sys, unicodedata
w = int(sys.argv[1])
def cols(s):
    try:
        import wcwidth
        return wcwidth.wcswidth(s)
    except ImportError:
        return sum(0 if unicodedata.combining(c) or c == "\u200d" else
                   2 if unicodedata.east_asian_width(c) in "WF" else 1
                   for c in s)
bad = [l for l in open(sys.argv[2], encoding="utf-8").read().splitlines()
       if cols(l.rstrip()) > w and not re.fullmatch(r"https?://\S+", l.rstrip())]
for l in bad:
    print(repr(l))
sys.exit(1 if bad else 0)' "$width" "$tmp/plain" ||
		    fail "--long: a line wider than $width in $input"
		if [ "$input" = history.yaml ]; then
			grep -qx 'https://example.org/a/very/long/link/that/is/wider/than/any/width/a/terminal/gives/it/and/must/stand/whole/on/a/line/of/its/own.html' "$tmp/plain" ||
			    fail "--long: the long link is not whole on its line"
		fi
	done
done
# NO_COLOR, and a terminal that says it cannot colour (TERM=dumb), turn
# colour off on a terminal; so does diff's.
mkdir "$tmp/old"
sed 's/^\(    date: \)2026-0[1-9]/\12027-01/' "$data"/*.yaml > "$tmp/old/a.yaml"
for env in "env -u NO_COLOR TERM=xterm-256color" "NO_COLOR=1" \
    "env -u NO_COLOR TERM=dumb"; do
	for cmd in "show --today 2026-11-24 '$data'" "diff '$tmp/old' '$data'"; do
		pane 80 40 "$cmd" "$env '$bin' $cmd 2>/dev/null"
		tmux -S "$sock" capture-pane -p -e > "$tmp/screen"
		pane_end
		if grep -q "$(printf '\033')\[[0-9;]*m" "$tmp/screen"; then
			coloured=yes
		else
			coloured=no
		fi
		case "$env" in
		*xterm*) want=yes ;;
		*) want=no ;;
		esac
		[ "$coloured" = "$want" ] ||
		    fail "$env $cmd: colour $coloured, expected $want"
	done
done
# A file written with -o takes COLUMNS, else 80, not the width of the
# terminal the command was typed in; show to the terminal takes the pane's.
pane 57 40 "export -o" \
    "env -u COLUMNS '$bin' export --format text --today 2026-11-24 -o '$tmp/80.txt' '$data' 2>/dev/null; env COLUMNS=100 '$bin' export --format text --today 2026-11-24 -o '$tmp/100.txt' '$data' 2>/dev/null; env COLUMNS=100 '$bin' show --today 2026-11-24 '$data' > /dev/tty 2>/dev/null"
tmux -S "$sock" capture-pane -p -J > "$tmp/plain"
pane_end
for want in 80 100; do
	got=$(python3 -c 'import sys
print(max(len(l) for l in open(sys.argv[1], encoding="utf-8").read().splitlines()))' "$tmp/$want.txt")
	[ "$got" = "$want" ] ||
	    fail "export -o in a 57-column terminal: lines of $got, expected $want"
done
python3 -c 'import sys
sys.exit(max(len(l) for l in open(sys.argv[1], encoding="utf-8").read().splitlines()) != 57)' "$tmp/plain" ||
    fail "show in a 57-column terminal: lines not 57 wide"
echo "terminal: ok"
