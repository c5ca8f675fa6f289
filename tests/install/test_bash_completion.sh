#!/usr/bin/env bash
# The bash completion: commands, options per command, option values, tags
# and timeline names read from the data, and paths.  Runs in a bare bash,
# with bash-completion's helpers loaded when they are installed, and in a
# bare bash in the Turkish locale when it is there.
#
# usage: test_bash_completion.sh SOURCE_DIR BUILD_DIR
set -u
src=$1 build=$2
script=$src/completion/timeline.bash
bash_completion=${BASH_COMPLETION_SCRIPT:-/usr/share/bash-completion/bash_completion}

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/timeline" "$tmp/other" "$tmp/broken"
cp "$src/timeline/"*.yaml "$tmp/timeline/"
cat >"$tmp/other/space.yaml" <<'EOF'
timeline: space
milestones:
  - id: launch
    title: Launch
    date: 2027-Q2
    tags: [orbit, rockets]
EOF
printf 'timeline: broken\nmilestones: [\n' >"$tmp/broken/bad.yaml"
touch "$tmp/notes.txt" "$tmp/tl.yml"

# run_mode MODE: prints the failures of one mode, returns their number.
run_mode() {
	local mode=$1
	PATH="$build:$PATH" TL_MODE=$mode TL_SCRIPT=$script \
	    TL_BASH_COMPLETION=$bash_completion bash --norc --noprofile \
	    -c 'cd "$1" && . "$2"' test "$tmp" /dev/stdin <<'EOF'
if [[ $TL_MODE == full ]]; then
	. "$TL_BASH_COMPLETION" || exit 1
fi
. "$TL_SCRIPT" || exit 1
complete -p timeline | grep -q -- '-F _timeline' || {
	echo "FAIL: _timeline is not registered for timeline"; exit 1; }
failed=0

# complete LINE: sets COMPREPLY for LINE, the cursor at its end, split as
# readline does (COMP_WORDBREAKS holds '=').  No subshell: forks are slow.
complete_line() {
	local line=$1 w
	local -a parts
	COMP_LINE=$line
	COMP_POINT=${#line}
	COMP_WORDS=()
	read -r -a parts <<<"$line"
	for w in "${parts[@]}"; do
		if [[ $w == *=* ]]; then
			COMP_WORDS+=("${w%%=*}" = )
			[[ -n ${w#*=} ]] && COMP_WORDS+=("${w#*=}")
		else
			COMP_WORDS+=("$w")
		fi
	done
	[[ $line == *' ' || $line == *= ]] && COMP_WORDS+=("")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_timeline timeline 2>/dev/null
	# The set of words offered, in got (a "w1 w2 " string) and seen.
	got=" " seen=()
	for w in "${COMPREPLY[@]}"; do
		[[ -n ${seen[$w]-} ]] && continue
		seen[$w]=1
		got+="$w "
	done
}
declare -A seen
got=

# expect LINE WORDS: the completions of LINE are exactly WORDS.
expect() {
	local w n=0
	complete_line "$1"
	for w in $2; do
		n=$((n + 1))
		[[ -n ${seen[$w]-} ]] || break
	done
	if [[ ${#seen[@]} != "$n" || ( -n $2 && -z ${seen[$w]-} ) ]]; then
		echo "FAIL ($TL_MODE): '$1' gives '$got', not '$2'"
		failed=$((failed + 1))
	fi
}

# expect_has LINE WORD...: the completions of LINE include every WORD.
expect_has() {
	local line=$1 w
	shift
	complete_line "$line"
	for w; do
		if [[ -z ${seen[$w]-} ]]; then
			echo "FAIL ($TL_MODE): '$line' gives '$got', without '$w'"
			failed=$((failed + 1))
		fi
	done
}

expect 'timeline ex' 'export'
expect 'timeline ' 'check diff done export move show status'
expect 'timeline mo' 'move'
expect 'timeline move --' '--dry-run --help --noted --status --strict --today'
expect 'timeline done --' '--dry-run --help --strict --today'
expect 'timeline status tokyo-summit ' 'at-risk cancelled done planned slipped'
expect 'timeline move tokyo-summit --status ' 'at-risk cancelled done planned slipped'
expect 'timeline move tokyo-summit ' ''
expect 'timeline move tokyo-s' 'tokyo-summit'
expect 'timeline move rust-for-linux/tokyo-s' 'rust-for-linux/tokyo-summit'
expect_has 'timeline move tokyo-summit 2027 ' timeline other
expect 'timeline --v' '--version'
expect 'timeline export --format ' 'html ics json svg text'
expect 'timeline export --format=' 'html ics json svg text'
expect 'timeline export --format=j' 'json'
expect 'timeline show --status ' 'at-risk cancelled done planned slipped'
expect 'timeline show --status=at' 'at-risk'
expect 'timeline show --color a' 'always auto'
expect 'timeline export --format ics --ics-spans ' 'always auto never'
expect 'timeline check --' '--help --strict --today'
expect 'timeline show --u' '--upcoming'
expect 'timeline export --format ics --' '--format --from --help --ics-spans --output --status --strict --tag --timeline --to --today --upcoming'
expect 'timeline export --format=text --co' '--color'
expect 'timeline export --format json --co' ''
expect 'timeline export --format svg --wi' '--width'
expect 'timeline export --format html --wi' '--width'
expect 'timeline export --format json --wi' ''
expect 'timeline show --width ' ''
expect 'timeline show --tag ' 'android apt debian drm gcc gccrs graphics kernel rust summit survey toolchain'
expect 'timeline show --tag g' 'gcc gccrs graphics'
expect 'timeline show other --tag ' 'orbit rockets'
expect 'timeline export --format json other/space.yaml --tag r' 'rockets'
expect 'timeline show -- --' ''
expect_has 'timeline show -- --tag ' timeline other
expect 'timeline show broken --tag ' ''
expect 'timeline show --timeline ' 'rust-for-linux'
expect 'timeline show timeline other --timeline ' 'rust-for-linux space'
expect_has 'timeline show ' timeline other tl.yml
expect_has 'timeline check other/' other/space.yaml
expect 'timeline check no' ''
expect_has 'timeline export --format ics -o ' notes.txt
expect_has 'timeline export --format ics --output n' notes.txt
expect 'timeline diff --format ' 'json markdown text'
expect 'timeline diff --' '--color --exit-code --format --help --since'
expect 'timeline diff --format=json --' '--exit-code --format --help --since'
expect_has 'timeline diff --since ' HEAD
expect_has 'timeline diff --since HEAD ' timeline other
exit $((failed > 0))
EOF
}

status=0
run_mode bare || status=1
if [[ -r $bash_completion ]]; then
	run_mode full || status=1
else
	echo "bash-completion not installed: checked in a bare bash only"
fi
# In Turkish, [a-z] need not match 'i': the ids must still be offered.
if locale -a 2>/dev/null | grep -qix 'tr_TR\.utf-\?8'; then
	LC_ALL=tr_TR.UTF-8 run_mode bare || status=1
else
	echo "no tr_TR.UTF-8 locale here: not checked in Turkish"
fi
exit $status
