#!/usr/bin/env bash
# The manual pages: clean under 'mandoc -T lint -W warning', and in step
# with the code.  timeline(1) documents every command and option that
# src/cli/args.c accepts (and no other), and every variable the tool reads;
# --help names every option too.  timeline(5) documents every key and
# status that src/check.c knows.
#
# usage: test_man.sh SOURCE_DIR TIMELINE_BINARY
set -u
# Names are matched with [a-z], which holds every ASCII letter only in the
# C locale (not in Turkish, where 'i' falls outside it).
export LC_ALL=C
src=$1 timeline=$2
page1=$src/man/timeline.1 page5=$src/man/timeline.5
failed=0

fail() {
	echo "FAIL: $*"
	failed=$((failed + 1))
}

# in_list WORD LIST: WORD is a line of LIST (no fork: forks are slow).
in_list() {
	[[ $'\n'$2$'\n' == *$'\n'"$1"$'\n'* ]]
}
text1=$(<"$page1") text5=$(<"$page5")

command -v mandoc >/dev/null || { echo "skipped: mandoc is not installed"; exit 77; }

lint=$(mandoc -T lint -W warning "$page1" "$page5" 2>&1) ||
    fail "mandoc -T lint -W warning fails"
[[ -z $lint ]] || fail "mandoc -T lint -W warning:"$'\n'"$lint"

# The options the parser accepts: its table, and the ones it matches by
# name or by prefix (-o, -h, --help, --version).
args=$src/src/cli/args.c
options=$( {
	sed -n 's/^[[:space:]]*\[O_[A-Z_]*\] = { "\([a-z-]*\)".*/--\1/p' "$args"
	grep -oE 'strn?cmp\(arg, "-[-a-z]*"' "$args" |
	    sed 's/.*"\(.*\)"/\1/' | grep -E '^--?[a-z]'
} | LC_ALL=C sort -u)
[[ $(wc -l <<<"$options") -ge 15 ]] ||
    fail "found too few options in src/cli/args.c: $(echo $options)"
# The table may span lines: from its name to the closing brace.
commands=$(sed -n '/command_names\[\] = {/,/};/p' "$args" |
    grep -o '"[a-z]*"' | tr -d '"')
[[ -n $commands ]] || fail "found no commands in src/cli/args.c"

# flag_items PAGE: the options that items of PAGE's lists describe.
flag_items() {
	grep '^\.It ' "$1" | grep -o 'Fl [-\\a-z]*' |
	    sed -e 's/^Fl //' -e 's/\\-/-/g' -e 's/^/-/' | LC_ALL=C sort -u
}
documented=$(flag_items "$page1")
for o in $options; do
	in_list "$o" "$documented" || fail "timeline.1 has no item for $o"
done
for o in $documented; do
	in_list "$o" "$options" ||
	    fail "timeline.1 documents $o, which the tool does not accept"
done
for c in $commands; do
	# ".It Cm move" or ".It Cm move Ar id when".
	[[ $'\n'$text1$'\n' == *$'\n'".It Cm $c"[$' \n']* ]] ||
	    fail "timeline.1 has no item for '$c'"
	in_list ".Cm $c" "$text1" || fail "timeline.1's synopsis lacks '$c'"
done

# --help lists every option and nothing else (-h, its short form, aside).
help=$("$timeline" --help) || fail "timeline --help fails"
helped=$(grep -oE '(^|[ ,|[])--?[a-z][-a-z]*' <<<"$help" |
    sed 's/^[ ,|[]//' | LC_ALL=C sort -u)
for o in $options; do
	[[ $o == -h ]] || in_list "$o" "$helped" ||
	    fail "timeline --help does not name $o"
done
for o in $helped; do
	in_list "$o" "$options" ||
	    fail "timeline --help names $o, which the tool does not accept"
done

# The environment the tool reads.
for v in TZ $(grep -oh 'getenv("[A-Z_]*")' "$src"/src/cli/*.c |
    sed 's/.*"\(.*\)".*/\1/' | sort -u); do
	in_list ".It Ev $v" "$text1" || fail "timeline.1 does not describe $v"
done
for s in NAME SYNOPSIS DESCRIPTION ENVIRONMENT FILES 'EXIT STATUS' \
    EXAMPLES 'SEE ALSO'; do
	in_list ".Sh $s" "$text1" || fail "timeline.1 has no section $s"
done
[[ $text1 == *$'\n.Xr timeline 5'* ]] || fail "timeline.1 does not refer to timeline(5)"

# timeline(5): every key and status the checker knows.
check=$src/src/check.c
words=$(sed -n '/^static const char \*const [a-z_]*\(keys\|names\)\[/,/};/p' "$check" |
    grep -o '"[a-z-]*"' | tr -d '"' | LC_ALL=C sort -u)
[[ $(wc -w <<<"$words") -ge 20 ]] ||
    fail "found too few keys in src/check.c: $(echo $words)"
for w in $words; do
	w5=${w//-/\\-}
	[[ $text5 == *"Cm $w5"[$' \n']* ]] || fail "timeline.5 does not describe '$w'"
done

# Quotes open and close in pairs: two quoting macros on one line nest
# (mdoc's Ql takes the rest of its line), which prints as ('a, 'b'').
for page in "$page1" "$page5"; do
	nested=$(grep -n '^\.[A-Z][a-z].* Ql .* Ql ' "$page" || true)
	[[ -z $nested ]] ||
	    fail "$(basename "$page"): quotes nested on one line: $nested"
	if ! rendered=$(mandoc -T utf8 "$page" 2>/dev/null | sed $'s/.\b//g'); then
		fail "$(basename "$page"): mandoc -T utf8 fails"
	fi
	doubled=$(grep -n "’’" <<<"$rendered" || true)
	[[ -z $doubled ]] ||
	    fail "$(basename "$page"): quotes closed twice: $doubled"
done

exit $((failed > 0))
