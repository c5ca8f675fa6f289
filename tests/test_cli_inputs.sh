#!/bin/sh
# What the command line says about inputs it cannot read (one line each,
# naming the file as given, exit status 2) and about filters that name
# nothing loaded.
#   test_cli_inputs.sh TIMELINE-BINARY DATA-DIR
set -u
bin=$1
data=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }
# Calendars made in two runs are compared: their DTSTAMP is this instant,
# not the clock's second.
SOURCE_DATE_EPOCH=1767225600
export SOURCE_DATE_EPOCH

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
status=0
(cd "$tmp/empty" && "$bin" check) > "$tmp/out" 2> "$tmp/err" || status=$?
[ "$status" -eq 2 ] || fail "check without ./timeline/: exit status $status"
[ "$(tail -n 1 "$tmp/err")" = "0 files, 0 milestones: 1 error, 0 warnings" ] ||
    fail "check without ./timeline/: the summary: $(cat "$tmp/err")"
for cmd in "move base 2027" "done base" "status base done"; do
	status=0
	# shellcheck disable=SC2086
	(cd "$tmp/empty" && "$bin" $cmd) > "$tmp/out" 2> "$tmp/err" ||
	    status=$?
	[ "$status" -eq 2 ] || fail "$cmd without ./timeline/: exit $status"
	[ "$(cat "$tmp/err")" = "timeline: error: no ./timeline/ directory here; name a file or a directory" ] ||
	    fail "$cmd without ./timeline/: $(cat "$tmp/err")"
	[ ! -s "$tmp/out" ] || fail "$cmd without ./timeline/ printed something"
done
ok "check counts the missing ./timeline/ as an error; the edits say it as such"
# An empty ./timeline/ is named as the directory it is, not as the tool.
mkdir "$tmp/empty/timeline"
status=0
(cd "$tmp/empty" && "$bin" check) > "$tmp/out" 2> "$tmp/err" || status=$?
[ "$status" -eq 2 ] || fail "check of an empty ./timeline/: exit status $status"
[ "$(head -n 1 "$tmp/err")" = "timeline/: error: no timeline files (*.yaml, *.yml) in this directory" ] ||
    fail "check of an empty ./timeline/: $(cat "$tmp/err")"
rmdir "$tmp/empty/timeline"
ok "an empty ./timeline/ is named timeline/"

# Two unreadable files in two directories, read by a user who cannot
# read them: each named by its own name.
mkdir "$tmp/dA" "$tmp/dB"
cp "$data"/*.yaml "$tmp/dA/x.yaml"
cp "$data"/*.yaml "$tmp/dB/y.yaml"
sed -i 's/^timeline: .*/timeline: other/' "$tmp/dB/y.yaml"
chmod 000 "$tmp/dA/x.yaml" "$tmp/dB/y.yaml"
chmod 755 "$tmp" "$tmp/dA" "$tmp/dB"
as_user=""
user_data=$data
if [ "$(id -u)" = 0 ]; then
	if command -v setpriv >/dev/null 2>&1; then
		as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
		# Copies of the tool and the data, which that user can reach
		# wherever the tree is (a clone in root's 0700 home).
		cp "$bin" "$tmp/timeline"
		bin=$tmp/timeline
		cp -R "$data" "$tmp/data"
		chmod -R a+rX "$tmp/data"
		user_data=$tmp/data
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
	# A directory that cannot take the temporary file: said as such.
	mkdir "$tmp/ro"
	: > "$tmp/ro/team.ics"
	chmod 666 "$tmp/ro/team.ics"
	chmod 555 "$tmp/ro"
	status=0
	$as_user "$bin" export --format ics -o "$tmp/ro/team.ics" "$user_data" \
	    > "$tmp/out" 2> "$tmp/err" || status=$?
	[ "$status" -eq 2 ] || fail "read-only directory: exit status $status"
	grep -qF "cannot write $tmp/ro/team.ics: cannot create a temporary file in $tmp/ro/ (Permission denied)" \
	    "$tmp/err" || fail "read-only directory: $(cat "$tmp/err")"
	grep -qF "write to standard output instead (> $tmp/ro/team.ics)" \
	    "$tmp/err" || fail "read-only directory: $(cat "$tmp/err")"
	[ ! -s "$tmp/ro/team.ics" ] || fail "read-only directory: file written"
	# Through a symbolic link in a writable directory, the directory
	# named is the one the link leads to.
	mkdir "$tmp/w"
	chmod 777 "$tmp/w"
	ln -s ../ro/team.ics "$tmp/w/link.ics"
	status=0
	(cd "$tmp/w" && $as_user "$bin" export --format ics -o link.ics \
	    "$user_data") > "$tmp/out" 2> "$tmp/err" || status=$?
	[ "$status" -eq 2 ] || fail "link to a read-only directory: exit $status"
	grep -qF "cannot write link.ics: cannot create a temporary file in ../ro/ (Permission denied)" \
	    "$tmp/err" || fail "link to a read-only directory: $(cat "$tmp/err")"
	[ ! -s "$tmp/ro/team.ics" ] || fail "link to a read-only directory: written"
	chmod 755 "$tmp/ro"
	ok "a directory that cannot take a temporary file is named as the cause"
	# A file the user may not write, in a directory they may: kept.
	if [ -n "$as_user" ]; then
		echo "their calendar" > "$tmp/w/theirs.ics"
		chmod 644 "$tmp/w/theirs.ics"
		status=0
		$as_user "$bin" export --format ics -o "$tmp/w/theirs.ics" \
		    "$user_data" > "$tmp/out" 2> "$tmp/err" || status=$?
		[ "$status" -eq 2 ] || fail "another's file: exit status $status"
		grep -qF "timeline: error: $tmp/w/theirs.ics is read-only; nothing written (make it writable to replace it)" \
		    "$tmp/err" || fail "another's file: $(cat "$tmp/err")"
		[ "$(cat "$tmp/w/theirs.ics")" = "their calendar" ] ||
		    fail "another's file: replaced"
		ok "a file the user may not write is not replaced"
	fi
else
	echo "skip: no way to read as another user here"
fi
# Filters are checked like the data: a value that is not a name is a
# usage error, so is a timeline that is not loaded; an unused tag warns.
expect() {	# expect STATUS MESSAGE ARGS...
	want_status=$1 want=$2
	shift 2
	status=0
	"$bin" "$@" > "$tmp/out" 2> "$tmp/err" || status=$?
	[ "$status" -eq "$want_status" ] ||
	    fail "$*: exit status $status, not $want_status"
	grep -qF -- "$want" "$tmp/err" || fail "$*: $(cat "$tmp/err")"
}
expect 2 "timeline: error: --tag 'Bad_Tag' is not a name: use lower-case letters, digits and inner hyphens (did you mean 'bad-tag'?)" \
    show --tag Bad_Tag "$data"
expect 2 "timeline: error: --timeline 'a b' is not a name" \
    export --format json --timeline 'a b' "$data"
expect 2 "timeline: error: --timeline 'rust-for-linx' names no loaded timeline (did you mean 'rust-for-linux'?)" \
    show --timeline rust-for-linx "$data"
[ ! -s "$tmp/out" ] || fail "an unknown --timeline printed a timeline"
expect 2 "timeline: error: --timeline 'rust' names no loaded timeline (did you mean 'rust-for-linux'?)" \
    show --timeline rust "$data"
expect 2 "timeline: error: --timeline 'rus' names no loaded timeline (did you mean 'rust-for-linux'?)" \
    show --timeline rus "$data"
expect 2 "timeline: error: --timeline 'nothing-like-it' names no loaded timeline (the timelines loaded: rust-for-linux)" \
    export --format ics --timeline nothing-like-it "$data"
# An id given to an edit is quoted as values are: an invisible character
# shows.
cp -R "$data" "$tmp/edited"
expect 2 "timeline: error: no milestone 'tokyo-summit\\u{200b}'" \
    move "$(printf 'tokyo-summit\342\200\213')" 2027 "$tmp/edited"
expect 0 "timeline: warning: --tag 'nosuch': no loaded milestone carries it" \
    show --today 2026-01-01 --tag nosuch "$data"
expect 1 "timeline: warning: --tag 'nosuch': no loaded milestone carries it" \
    show --strict --today 2026-01-01 --tag nosuch "$data"
# A tag misspelt gets the loaded one it probably means.
expect 0 "timeline: warning: --tag 'rsut': no loaded milestone carries it (did you mean 'rust'?)" \
    show --today 2026-01-01 --tag rsut "$data"
expect 1 "timeline: error: --strict: warnings fail the run; nothing shown" \
    show --strict --today 2026-01-01 --tag nosuch "$data"
expect 2 "timeline: error: unknown status 'planned,done' (one status a --status: --status planned --status done keeps either)" \
    export --format ics --status planned,done "$data"
expect 2 "timeline: error: --from 2027-01-01 is after --to 2026-12-31" \
    show --from 2027 --to 2026 "$data"
# An offset where a date goes: on the command line, no milestone to
# count from.
expect 2 "timeline: error: invalid --from date '3w': a date is expected here, not an offset: write the date itself" \
    show --from 3w "$data"
expect 2 "timeline: error: --upcoming starts today, 2026-12-06, after --to 2026-01-31" \
    show --upcoming --to 2026-01 --today 2026-12-06 "$data"
[ ! -s "$tmp/out" ] || fail "--upcoming after --to printed a timeline"
expect 0 "" show --upcoming --to 2026-12 --today 2026-12-06 "$data"
grep -q "^2026" "$tmp/out" || fail "--upcoming up to --to this month: $(cat "$tmp/out")"
ok "filters that name nothing, or no day, are said as such"

# An option before the command is said to go after it; an unknown one is
# unknown, not a command.
expect 2 "timeline: error: option '--today' goes after the command: timeline COMMAND [OPTIONS] [PATH...]" \
    --today 2026-01-01 show "$data"
expect 2 "timeline: error: option '-o' goes after the command" -o x.ics export
expect 2 "timeline: error: unknown option '--bogus'" --bogus show
expect 2 "timeline: error: unknown command 'help' (did you mean '--help'?)" help
expect 2 "timeline: error: unknown command 'version' (did you mean '--version'?)" version
expect 2 "timeline: error: --long goes with show and --format text, not with --format ics" \
    export --format ics --long "$data"
expect 2 "timeline: error: --color goes with show and --format text, not with --format json" \
    export --format json --color always "$data"
ok "an option before the command is said as such"

# -o takes its value attached as well (-oFILE, -o-), as getopt allows.
status=0
"$bin" export --format json -o"$tmp/attached.json" --today 2026-01-01 \
    "$data" > "$tmp/out" 2> "$tmp/err" || status=$?
[ "$status" -eq 0 ] && [ -s "$tmp/attached.json" ] && [ ! -s "$tmp/out" ] ||
    fail "-oFILE: exit status $status, $(cat "$tmp/err")"
"$bin" export --format json --today 2026-01-01 "$data" > "$tmp/plain.json" \
    2> /dev/null
cmp -s "$tmp/attached.json" "$tmp/plain.json" || fail "-oFILE wrote another export"
status=0
"$bin" export --format json -o- --today 2026-01-01 "$data" > "$tmp/out" \
    2> "$tmp/err" || status=$?
[ "$status" -eq 0 ] && cmp -s "$tmp/out" "$tmp/plain.json" ||
    fail "-o-: exit status $status, $(cat "$tmp/err")"
ok "-oFILE and -o- are -o FILE and -o -"

# Without --format, the name of -o FILE gives it; a name that does not
# is a usage error that says what does.
for ext in ics json svg html txt ICS; do
	case $ext in txt) fmt=text ;; ICS) fmt=ics ;; *) fmt=$ext ;; esac
	status=0
	"$bin" export -o "$tmp/named.$ext" --today 2026-01-01 "$data" \
	    > "$tmp/out" 2> "$tmp/err" || status=$?
	[ "$status" -eq 0 ] || fail "export -o named.$ext: $status $(cat "$tmp/err")"
	"$bin" export --format "$fmt" --today 2026-01-01 "$data" \
	    > "$tmp/plain.$ext" 2> /dev/null
	cmp -s "$tmp/named.$ext" "$tmp/plain.$ext" ||
	    fail "export -o named.$ext is not --format $fmt"
done
# The options of the format the name gives go with it.
for opts in "svg --width 2000" "html --width 2000" "txt --long" "txt --color always --width 60"; do
	set -- $opts
	ext=$1
	shift
	status=0
	"$bin" export -o "$tmp/opts.$ext" "$@" --today 2026-01-01 "$data" \
	    > "$tmp/out" 2> "$tmp/err" || status=$?
	[ "$status" -eq 0 ] && [ -s "$tmp/opts.$ext" ] ||
	    fail "export -o opts.$ext $*: $status $(cat "$tmp/err")"
done
expect 2 "timeline: error: export needs --format ics, text, json, svg or html (or -o FILE named .ics, .txt, .json, .svg, .html or .htm)" \
    export -o "$tmp/named.yaml" "$data"
[ ! -e "$tmp/named.yaml" ] || fail "export -o named.yaml wrote it"
expect 2 "timeline: error: export needs --format ics, text, json, svg or html" \
    export "$data"
ok "export -o FILE.EXT without --format takes the format from the name"

# An empty FILE is a usage error, said before any PATH is read (this one
# does not exist).
empty_output() {	# empty_output OPTION...
	status=0
	"$bin" export --format json "$@" "$tmp/no-such.yaml" > "$tmp/out" \
	    2> "$tmp/err" || status=$?
	[ "$status" -eq 2 ] || fail "$*: exit status $status"
	[ "$(head -n 1 "$tmp/err")" = "timeline: error: -o/--output is empty: name a FILE, or - for standard output" ] ||
	    fail "$*: $(cat "$tmp/err")"
	[ "$(wc -l < "$tmp/err")" -eq 2 ] && [ ! -s "$tmp/out" ] ||
	    fail "$*: more said or written: $(cat "$tmp/err")"
}
empty_output -o ''
empty_output --output=
ok "an empty -o FILE is a usage error, before anything is read"

# A file whose name starts with '-' is taken for an option; the message
# says how to name it.
cp "$data"/*.yaml "$tmp/-dash.yaml"
status=0
(cd "$tmp" && "$bin" check -dash.yaml) > "$tmp/out" 2> "$tmp/err" ||
    status=$?
[ "$status" -eq 2 ] || fail "check -dash.yaml: exit status $status"
grep -qF -- "timeline: error: unknown option '-dash.yaml' (a file of that name: write ./-dash.yaml, or -- before it)" "$tmp/err" ||
    fail "check -dash.yaml: $(cat "$tmp/err")"
expect 2 "timeline: error: unknown option '-nosuch'" check -nosuch "$data"
if grep -q "a file of that name" "$tmp/err"; then
	fail "an unknown option that names no file: $(cat "$tmp/err")"
fi
status=0
(cd "$tmp" && "$bin" check --today 2026-01-01 -- -dash.yaml) \
    > "$tmp/out" 2> "$tmp/err" || status=$?
[ "$status" -eq 0 ] || fail "check -- -dash.yaml: exit status $status"
ok "an option that names a file says how to name the file"

# A zone's file the system cannot open now (too many files open) is a
# file that cannot be read (exit 2), not a zone unknown or a missing tz
# database (an error in the data): under each limit of open files, the
# tool either runs clean or says so.
printf 'timeline: t\nmilestones:\n  - id: m\n    title: M\n    date: 2026-11-12\n    time: "14:30"\n    timezone: Asia/Tokyo\n' \
    > "$tmp/tz.yaml"
short=0
for n in 4 5 6 7 8 9 10 11 12 13 14 15 16; do
	status=0
	(ulimit -n "$n" && exec "$bin" check --today 2026-01-01 \
	    "$tmp/tz.yaml") > "$tmp/out" 2> "$tmp/err" || status=$?
	case $status in
	127) continue ;;	# too few to load the tool's libraries
	0) ;;
	2) grep -q "^$tmp/tz.yaml:7:15: error: cannot read the file of time zone 'Asia/Tokyo': Too many open files$" "$tmp/err" ||
	    fail "ulimit -n $n: $(cat "$tmp/err")"
	   short=1 ;;
	*) fail "ulimit -n $n: exit status $status: $(cat "$tmp/err")" ;;
	esac
done
if [ "$short" = 1 ]; then
	ok "a zone's file that cannot be opened now is said as such, exit 2"
else
	echo "skip: no limit of open files let the tool start and not open the zone"
fi

# An edit refused for errors in other files than the milestone's says
# so, and that file named alone is edited.
mkdir "$tmp/two"
cp "$data"/*.yaml "$tmp/two/good.yaml"
printf 'timeline: other\nmilestones:\n  - id: x\n    title: X\n    date: 2026-02-30\n' \
    > "$tmp/two/other.yaml"
id=$(sed -n 's/^  - id: //p' "$tmp/two/good.yaml" | head -n 1)
expect 1 "timeline: the errors are in other files than $tmp/two/good.yaml, which holds the milestone: fix them, or name that file alone to edit it without them" \
    move "$id" 2040 --dry-run "$tmp/two"
expect 1 "timeline: error: the data has errors; nothing edited" \
    move x 2040 --dry-run "$tmp/two"
if grep -q "other files" "$tmp/err"; then
	fail "errors in the milestone's own file said to be elsewhere"
fi
expect 0 "" move "$id" 2040 --dry-run "$tmp/two/good.yaml"
ok "an edit refused for another file's errors says so"

# When the milestone's file refers to the others' milestones, it does not
# check alone either: the message does not send the user there.
mkdir "$tmp/refs"
printf 'timeline: fe\nmilestones:\n  - id: ui\n    title: UI\n    date: 2027-03\n  - id: api\n    title: API\n    date: {after: be/db, offset: 2w}\n' \
    > "$tmp/refs/a.yaml"
printf 'timeline: be\nmilestones:\n  - id: db\n    title: DB\n    date: 2027-13\n' \
    > "$tmp/refs/b.yaml"
expect 1 "timeline: the errors are in other files than $tmp/refs/a.yaml, which holds the milestone: fix them (it refers to their milestones, so it cannot be edited alone)" \
    move ui 2027-04 --dry-run "$tmp/refs"
if grep -q "name that file alone" "$tmp/err"; then
	fail "a file that needs the others was said to be editable alone"
fi
expect 1 "no milestone 'be/db'" move ui 2027-04 --dry-run "$tmp/refs/a.yaml"
ok "an edit refused for another file's errors, the file needing them, says so"

# A misspelt command or long option is answered with the closest one;
# an option whose value was left out is said as such, not read as a
# value ('--today --strict').
expect 2 "timeline: error: unknown command 'chek' (did you mean 'check'?)" chek "$data"
# A path given where the command goes is answered with the commands.
expect 2 "timeline: error: unknown command '$data' (a path comes after the command: timeline check $data, timeline show $data)" \
    "$data"
# Other names of a format are answered with this tool's name.
expect 2 "timeline: error: unknown format 'ical' (did you mean 'ics'?)" \
    export --format ical "$data"
expect 2 "timeline: error: unknown format 'TXT' (did you mean 'text'?)" \
    export --format TXT "$data"
expect 2 "timeline: error: unknown format 'md' (did you mean 'markdown'?)" \
    diff --format md "$data" "$data"
# Words other tools use for a command are answered with this tool's way.
expect 2 "timeline: error: unknown command 'cancel' (to cancel a milestone: timeline status ID cancelled)" \
    cancel base "$data"
expect 2 "timeline: error: unknown command 'list' (did you mean 'show'?)" list "$data"
expect 2 "timeline: error: unknown command 'validate' (did you mean 'check'?)" \
    validate "$data"
expect 2 "timeline: error: unknown command 'reschedule' (did you mean 'move'?)" \
    reschedule base 2027 "$data"
expect 2 "timeline: error: unknown command 'add' (milestones are added by writing them in a file: timeline(5); then timeline check)" \
    add "$data"
# How far a milestone moves is not where it goes.
expect 2 "timeline: error: invalid date '3w': move takes the new date, not how far it moves: write the date itself" \
    move base 3w "$data"
expect 2 "timeline: error: invalid date '2027-01-05 + 3w': move takes the new date, not how far it moves: write the date itself" \
    move base "2027-01-05 + 3w" "$data"
# A range written as other tools write it is answered with START..END.
expect 2 "timeline: error: invalid date '2027-Q1/2027-Q3': a range is written START..END ('2027-Q1..2027-Q3')" \
    move base 2027-Q1/2027-Q3 "$data"
expect 2 "timeline: error: invalid date '2027-01-05 to 2027-02': a range is written START..END ('2027-01-05..2027-02')" \
    move base "2027-01-05 to 2027-02" "$data"
expect 2 "timeline: error: invalid date '2027-Q1–2027-Q3': a range is written START..END ('2027-Q1..2027-Q3')" \
    move base "2027-Q1–2027-Q3" "$data"
expect 2 "timeline: error: invalid date '2027-01 – 2027-03': a range is written START..END ('2027-01..2027-03')" \
    move base "2027-01 – 2027-03" "$data"
expect 2 "timeline: error: invalid date '2027-01 / 2027-03': a range is written START..END ('2027-01..2027-03')" \
    move base "2027-01 / 2027-03" "$data"
expect 2 "timeline: error: invalid date '2027-Q1...2027-Q3': a range is START..END, with two dots" \
    move base 2027-Q1...2027-Q3 "$data"
expect 2 "timeline: error: invalid date '2027-Q1..': a range needs both ends: START..END" \
    move base 2027-Q1.. "$data"
expect 2 "timeline: error: unknown option '--widht' (did you mean '--width'?)" \
    show --widht 80 "$data"
# A width out of bounds is said in the bounds of what it sizes, whatever
# the number: columns of text, pixels of a picture.
for w in 30 20000 99999999999999999999; do
	expect 2 "timeline: error: invalid --width '$w': text is 40 to 10000 columns wide" \
	    show --width "$w" "$data"
done
expect 2 "timeline: error: invalid --width '30': text is 40 to 10000 columns wide" \
    export --format text --width 30 "$data"
for w in 100 479 20001 99999999999999999999; do
	expect 2 "timeline: error: invalid --width '$w': a picture is 480 to 20000 pixels wide" \
	    export --format svg -o "$tmp/w.svg" --width "$w" "$data"
done
[ ! -e "$tmp/w.svg" ] || fail "a refused --width wrote a picture"
for w in 0 -5 abc 80x; do
	expect 2 "timeline: error: invalid --width '$w' (a number of columns from 40 to 10000, or of pixels from 480 to 20000)" \
	    show --width "$w" "$data"
done
expect 2 "timeline: error: unknown option '--Today=2026-01-01' (did you mean '--today'?)" \
    show --Today=2026-01-01 "$data"
expect 2 "timeline: error: unknown option '--hlep' (did you mean '--help'?)" \
    check --hlep
# Only the command's own options are suggested: check takes no --from.
expect 2 "timeline: error: unknown option '--frm'" check --frm 2026 "$data"
if grep -q "did you mean" "$tmp/err"; then
	fail "check --frm: an option check does not take: $(cat "$tmp/err")"
fi
expect 2 "timeline: error: unknown option '--frm' (did you mean '--from'?)" \
    show --frm 2026 "$data"
expect 2 "timeline: error: unknown option '--xyzzy'" check --xyzzy "$data"
if grep -q "did you mean" "$tmp/err"; then
	fail "--xyzzy: a suggestion for a word close to none: $(cat "$tmp/err")"
fi
expect 2 "timeline: error: option '--today' needs a value" \
    show --today --strict "$data"
expect 2 "timeline: error: option '--format' needs a value" \
    export --format --help "$data"
ok "misspelt commands and options get the closest; a value left out is said"

# An empty PATH is a usage error before anything is read, and so is
# standard input given as both versions to diff.
expect 2 "timeline: error: an empty PATH names no file or directory" check ''
expect 2 "timeline: error: an empty PATH names no file or directory" \
    show --today 2026-01-01 "$data" ''
expect 2 "timeline: error: an empty PATH names no file or directory" \
    move base 2027 ''
status=0
"$bin" diff - - < "$tmp/-dash.yaml" > "$tmp/out" 2> "$tmp/err" || status=$?
[ "$status" -eq 2 ] || fail "diff - -: exit status $status"
grep -qF "timeline: error: standard input is read once: give - as OLD or as NEW, not as both" \
    "$tmp/err" || fail "diff - -: $(cat "$tmp/err")"
expect 2 "timeline: error: --since is empty: name a git revision" diff --since ''
ok "an empty PATH or --since, and - as both versions, are usage errors"

# A diagnostic names its file whole, however long its escaped name: six
# directories of 200 bytes that are not UTF-8 (4,800 bytes escaped).
part=$(python3 -c 'import sys; sys.stdout.buffer.write(b"\xff" * 200)')
deep=$tmp/$part/$part/$part/$part/$part/$part
mkdir -p "$deep"
printf 'timeline: x\nmilestones:\n  - {id: a, title: A, date: 2026-13}\n' \
    > "$deep/f.yaml"
status=0
"$bin" check "$deep/f.yaml" > "$tmp/out" 2> "$tmp/err" || status=$?
[ "$status" -eq 1 ] || fail "a long file name: exit status $status"
python3 - "$tmp" "$tmp/err" <<'PY' || fail "a long file name: $(head -c 300 "$tmp/err")"
import sys
part = "\\xff" * 200
want = sys.argv[1] + ("/" + part) * 6 + "/f.yaml:3:29: error: invalid date"
sys.exit(0 if open(sys.argv[2]).readline().startswith(want) else 1)
PY
ok "a diagnostic names a long file whole"

# SOURCE_DATE_EPOCH is read by the calendar export alone: a malformed
# value fails that export, and no other command.
for epoch in abc ''; do
	for cmd in --help --version check; do
		status=0
		if [ "$cmd" = check ]; then
			set -- check --today 2026-01-01 "$data"
		else
			set -- "$cmd"
		fi
		SOURCE_DATE_EPOCH=$epoch "$bin" "$@" > "$tmp/out" \
		    2> "$tmp/err" || status=$?
		[ "$status" -eq 0 ] ||
		    fail "SOURCE_DATE_EPOCH='$epoch' $cmd: exit $status: $(cat "$tmp/err")"
	done
	status=0
	SOURCE_DATE_EPOCH=$epoch "$bin" export --format ics -o "$tmp/e.ics" \
	    "$data" > "$tmp/out" 2> "$tmp/err" || status=$?
	[ "$status" -eq 2 ] && [ ! -e "$tmp/e.ics" ] ||
	    fail "SOURCE_DATE_EPOCH='$epoch' export ics: exit $status"
	grep -qF "timeline: error: malformed SOURCE_DATE_EPOCH" "$tmp/err" ||
	    fail "SOURCE_DATE_EPOCH='$epoch' export ics: $(cat "$tmp/err")"
done
ok "a malformed SOURCE_DATE_EPOCH fails the calendar export alone"

# In a directory, a link that leads nowhere is a file that cannot be
# read (exit 2), and a pipe or a directory named *.yaml is skipped with
# a warning: no milestones go missing without a word.
mkdir "$tmp/links"
cp "$data"/*.yaml "$tmp/links/a.yaml"
ln -s ../moved/plan.yaml "$tmp/links/plan.yaml"
mkfifo "$tmp/links/pipe.yaml"
mkdir "$tmp/links/sub.yaml"
status=0
"$bin" check --today 2026-01-01 "$tmp/links" > "$tmp/out" 2> "$tmp/err" ||
    status=$?
[ "$status" -eq 2 ] || fail "a dangling link in a directory: exit $status"
grep -qF "$tmp/links/plan.yaml: error: cannot read: No such file or directory" \
    "$tmp/err" || fail "a dangling link in a directory: $(cat "$tmp/err")"
for skipped in pipe sub; do
	grep -qF "$tmp/links/$skipped.yaml: warning: skipped: not a regular file" \
	    "$tmp/err" || fail "$skipped.yaml in a directory: $(cat "$tmp/err")"
done
rm "$tmp/links/plan.yaml"
status=0
"$bin" check --today 2026-01-01 "$tmp/links" > "$tmp/out" 2> "$tmp/err" ||
    status=$?
[ "$status" -eq 0 ] || fail "a pipe in a directory: exit $status"
ok "a directory's dangling links are errors, its pipes are skipped aloud"

# A YAML error says that the rest of the file is not read when text
# follows it, which is looked for in a stream too: one of blanks that
# never ends does not keep the tool waiting.
bad='timeline: t\nmilestones:\n  - id: a\n    title: a: b\n'
status=0
{ printf "$bad"; yes ' '; } | timeout 60 "$bin" check - 2> "$tmp/err" ||
    status=$?
[ "$status" -eq 1 ] && grep -q "the rest of this file is not read" "$tmp/err" ||
    fail "an error before endless blanks: exit $status, $(cat "$tmp/err")"
status=0
{ printf "$bad"; printf '  \n\n'; } | "$bin" check - 2> "$tmp/err" ||
    status=$?
[ "$status" -eq 1 ] && ! grep -q "rest of this file" "$tmp/err" ||
    fail "an error before blanks alone: exit $status, $(cat "$tmp/err")"
ok "the rest of a file after a YAML error is said to be unread only when there is one"

# A terminal named as a file (a link to /dev/tty committed among the files
# of a repository) is refused at once: nobody is there to type.
ln -s /dev/null "$tmp/x"	# a character device that is no terminal: read
python3 - "$bin" "$data" "$tmp" <<'PY' || fail "a terminal named as a file"
import os, pty, subprocess, sys
tool, data, tmp = sys.argv[1:4]
master, slave = pty.openpty()
link = os.path.join(tmp, "roadmap.yaml")
os.symlink(os.ttyname(slave), link)
try:
    p = subprocess.run([tool, "check", link, data], capture_output=True,
                       timeout=20)
except subprocess.TimeoutExpired:
    sys.exit("check waited for the terminal")
want = ("%s: error: cannot read: it is a terminal (give - to read what "
        "is typed)" % link).encode()
if p.returncode != 2 or p.stderr.splitlines()[0] != want:
    sys.exit("status %d, %r" % (p.returncode, p.stderr))
p = subprocess.run([tool, "check", os.path.join(tmp, "x")],
                   capture_output=True, timeout=20)
if p.returncode != 1 or b"empty" not in p.stderr:
    sys.exit("/dev/null: status %d, %r" % (p.returncode, p.stderr))
PY
ok "a terminal named as a file is refused, /dev/null is read"
# A directory named with trailing slashes names its files with one.
mkdir "$tmp/slash"
printf 'timeline: t\nmilestones:\n  - {id: a, title: A, date: 2026-02-30}\n' \
    > "$tmp/slash/plan.yaml"
for given in "$tmp/slash/" "$tmp/slash//" "$tmp/slash///"; do
	"$bin" check "$given" > "$tmp/out" 2> "$tmp/err"
	[ "$(head -n 1 "$tmp/err" | cut -d: -f1)" = "$tmp/slash/plan.yaml" ] ||
	    fail "check $given: $(cat "$tmp/err")"
done
ok "a directory's trailing slashes are not repeated in its files' names"
# Standard input that comes in pieces (a slow pipe) is read as a file is:
# the hint about a block that ends early needs the text before the error.
python3 - "$tmp/pieces.yaml" <<'PY'
import sys
tail = ("milestones:\n  - id: a\n    title: A\n    date: 2026\n"
        "    description: >-\n        $ make install\n"
        "      installs the tool.\n")
head = "timeline: t\n#" + "p" * (16000 - 14 - len(tail)) + "\n"
open(sys.argv[1], "w").write(head + tail)
PY
{ head -c 8000 "$tmp/pieces.yaml"; sleep 0.3
  tail -c +8001 "$tmp/pieces.yaml" | head -c 5000; sleep 0.3
  tail -c +13001 "$tmp/pieces.yaml"; } |
    "$bin" check - > "$tmp/out" 2> "$tmp/err"
grep -q "write '>-2'" "$tmp/err" || fail "a pipe in pieces: $(cat "$tmp/err")"
ok "standard input in pieces is read as a file is"
# An edit's warnings come in the order check gives them: the files in the
# order they are read, not by their timelines' names.
mkdir "$tmp/order"
printf 'timeline: z\nmilestones:\n  - {id: a1, title: A, date: {before: m/x, offset: 1y}}\n' > "$tmp/order/a.yaml"
printf 'timeline: y\nmilestones:\n  - {id: b1, title: B, date: {before: m/x, offset: 1y}}\n' > "$tmp/order/b.yaml"
printf 'timeline: m\nmilestones:\n  - {id: x, title: C, date: 2026-01-01}\n' > "$tmp/order/c.yaml"
"$bin" check --today 2026-06-15 "$tmp/order" 2> "$tmp/err" >/dev/null
grep -o '^[^:]*' "$tmp/err" | sed '$d' > "$tmp/check-order"
"$bin" move x 2026-03-01 --today 2026-06-15 --dry-run "$tmp/order" \
    2> "$tmp/err" >/dev/null
grep 'warning' "$tmp/err" | grep -o '^[^:]*' > "$tmp/move-order"
grep -v c.yaml "$tmp/check-order" > "$tmp/check-ab"
[ "$(cat "$tmp/check-ab")" = "$(cat "$tmp/move-order")" ] &&
    [ "$(wc -l < "$tmp/move-order")" -eq 2 ] ||
    fail "an edit's warnings: $(cat "$tmp/move-order") against $(cat "$tmp/check-ab")"
ok "an edit's warnings come in the files' order"
exit 0
