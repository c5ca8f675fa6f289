#!/usr/bin/env zsh
# The zsh completion, driven through a pseudo-terminal the way a user
# would: type a line, press Tab, see what the completion system offers.
#
# usage: test_zsh_completion.zsh SOURCE_DIR BUILD_DIR
emulate -L zsh
setopt no_unset
src=$1 build=$2

zmodload zsh/zpty || { print "skipped: no zsh/zpty module"; exit 77 }
tmp=$(mktemp -d)
trap 'zpty -d tl 2>/dev/null; rm -rf $tmp' EXIT
mkdir $tmp/timeline $tmp/other $tmp/fpath
cp $src/timeline/*.yaml $tmp/timeline/
cp $src/completion/_timeline $tmp/fpath/
print -r -- $'timeline: space\nmilestones:\n  - id: launch\n    title: Launch\n    date: 2027-Q2\n    tags: [orbit, rockets]' >$tmp/other/space.yaml
touch $tmp/notes.txt

# The shell under test prints every match offered, one a line, between
# markers, instead of inserting anything.
# Debian's /etc/zsh/zshrc runs compinit over every completion there is,
# which takes seconds; this shell needs the base functions only.
print -r -- 'skip_global_compinit=1' >$tmp/.zshenv
cat >$tmp/.zshrc <<'EOF'
PS1='> '
autoload -Uz +X compinit
keep=(${(M)fpath:#*/Completion(|/Base|/Unix|/Zsh)})
fpath=($TL_FPATH ${keep:-$fpath})
compinit -u -D
zstyle ':completion:*' list-prompt ''
zstyle ':completion:*' menu no
compadd() {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
    builtin compadd "$@"
    return
  fi
  local -a hits
  builtin compadd -A hits "$@"
  (( $#hits )) && print -rl -- $hits >>$TL_TMP/matches
  builtin compadd "$@"
}
tl-capture() {
  : >$TL_TMP/matches
  zle complete-word
  print -r -- '<<done>>' >>$TL_TMP/matches
  BUFFER= ; zle send-break
}
zle -N tl-capture
bindkey '^I' tl-capture
EOF

export PATH=$build:$PATH TL_FPATH=$tmp/fpath TL_TMP=$tmp ZDOTDIR=$tmp
zpty tl "cd ${(q)tmp} && exec zsh -i"
# Wait until the shell reads commands.
zpty -w tl 'print -r -- ready >$TL_TMP/ready'
integer i
for (( i = 0; i < 200; i++ )); do
  [[ -f $tmp/ready ]] && break
  sleep 0.05
done
[[ -f $tmp/ready ]] || { print "FAIL: zsh -i did not start"; exit 1 }

integer failed=0

# complete LINE: the sorted, unique matches offered for LINE.
complete() {
  local line=$1 out i
  rm -f $tmp/matches
  zpty -w -n tl "$line"$'\t'
  for (( i = 0; i < 60; i++ )); do
    [[ -f $tmp/matches ]] && [[ $(<$tmp/matches) == *'<<done>>'* ]] && break
    sleep 0.05
  done
  zpty -rt tl out '*> ' 2>/dev/null || true
  print -r -- ${(j: :)${(ou)${(f)"$(grep -v '^<<done>>$' $tmp/matches 2>/dev/null)"}}}
}

expect() {
  local got=$(complete $1)
  if [[ $got != $2 ]]; then
    print -r -- "FAIL: '$1' gives '$got', not '$2'"
    (( failed++ ))
  fi
}

expect_has() {
  local line=$1 got=" $(complete $1) " w
  shift
  for w; do
    if [[ $got != *" $w "* ]]; then
      print -r -- "FAIL: '$line' gives '$got', without '$w'"
      (( failed++ ))
    fi
  done
}

expect 'timeline ex' 'export'
expect_has 'timeline ' check show export diff
expect 'timeline export --format ' 'html ics json svg text'
expect_has 'timeline export --format svg --' --width --today
expect_has 'timeline ' move done status
expect 'timeline status tokyo-summit ' 'at-risk cancelled done planned slipped'
expect 'timeline move tokyo-s' 'tokyo-summit'
expect_has 'timeline move --' --noted --status --dry-run
expect 'timeline show --status ' 'at-risk cancelled done planned slipped'
expect 'timeline export --format ics --ics-spans ' 'always auto never'
expect 'timeline show --tag g' 'gcc gccrs graphics'
expect 'timeline show other --tag ' 'orbit rockets'
expect 'timeline show --timeline ' 'rust-for-linux'
expect_has 'timeline check --' --today --strict --help
expect_has 'timeline export -o ' notes.txt
expect_has 'timeline show ' timeline other
expect 'timeline diff --format ' 'json markdown text'
expect_has 'timeline diff --' --since --format --exit-code --color
expect_has 'timeline diff --since ' HEAD

exit $(( failed > 0 ))
