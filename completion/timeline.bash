# bash completion for timeline(1).
# Installed as share/bash-completion/completions/timeline; or source it.

# _timeline_data KIND CMD PATH...: the tags (KIND tags), timeline names
# (KIND timelines) or milestones (KIND ids: ID and TIMELINE/ID) found in
# the files, one a line; nothing when they cannot be read.  Slugs need no
# JSON unescaping, and are matched in the C locale: in others (Turkish)
# [a-z] need not hold every ASCII letter.
_timeline_data()
{
	local kind=$1 cmd=$2
	shift 2
	"$cmd" export --format json -- "$@" 2>/dev/null |
	if [[ $kind == tags ]]; then
		LC_ALL=C command grep -o '"tags":\[[^]]*\]' |
		    LC_ALL=C command sed -e 's/^"tags":\[//' -e 's/\]$//' -e 's/,/\n/g' |
		    LC_ALL=C command sed -e 's/^"//' -e 's/"$//'
	elif [[ $kind == ids ]]; then
		LC_ALL=C command grep -o '^{"timeline":"[a-z0-9-]*","id":"[a-z0-9-]*"' |
		    LC_ALL=C command sed -e 's/^{"timeline":"\([a-z0-9-]*\)","id":"\([a-z0-9-]*\)"/\1\/\2\n\2/'
	else
		LC_ALL=C command grep -o '"timeline":"[a-z0-9-]*"' |
		    LC_ALL=C command sed -e 's/^"timeline":"//' -e 's/"$//'
	fi | LC_ALL=C command sort -u
}

_timeline()
{
	local cur prev words cword split
	if declare -F _init_completion >/dev/null 2>&1; then
		_init_completion -s || return
	else
		# Without bash-completion: split --option=value by hand.
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD-1]}
		if [[ $cur == = ]]; then
			cur=
		elif [[ $prev == = && $cword -ge 2 ]]; then
			prev=${COMP_WORDS[COMP_CWORD-2]}
		fi
	fi

	if ((cword == 1)); then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W '--help --version' -- "$cur"))
		else
			COMPREPLY=($(compgen -W 'check show export diff move done status' \
			    -- "$cur"))
		fi
		return
	fi

	local command=${words[1]} i word format= only_paths=false
	local -a paths=()
	# What is already on the line: the format, the paths given so far.
	for ((i = 2; i < cword; i++)); do
		word=${words[i]}
		if $only_paths; then
			paths+=("$word")
			continue
		fi
		case $word in
		--)
			only_paths=true ;;
		--format=*)
			format=${word#--format=} ;;
		--format)
			[[ ${words[i+1]} == = ]] && ((i++))
			format=${words[i+1]}
			((i++)) ;;
		-o | --output | --today | --from | --to | --tag | --status | \
		    --timeline | --color | --width | --ics-spans | --since | --noted)
			[[ ${words[i+1]} == = ]] && ((i++))
			((i++)) ;;
		= | -*) ;;
		*)
			paths+=("$word") ;;
		esac
	done

	local values=
	$only_paths && prev=
	case $prev in
	--format)
		[[ $command == diff ]] && values='text markdown json' ||
		    values='ics text json svg html' ;;
	--since)
		# Branches and tags, and HEAD; git accepts much more.
		values="HEAD $(git for-each-ref --format='%(refname:short)' \
		    refs/heads refs/tags 2>/dev/null)" ;;
	--status)
		values='planned done at-risk slipped cancelled' ;;
	--color | --ics-spans)
		values='auto always never' ;;
	--tag | --timeline)
		local cmd=${words[0]}
		[[ $cmd == */* ]] || cmd=$(type -P -- "$cmd") || return
		((${#paths[@]})) || paths=(timeline)
		[[ $prev == --tag ]] && values=tags || values=timelines
		values=$(_timeline_data "$values" "$cmd" "${paths[@]}")
		;;
	--today | --noted)
		values=$(date +%Y-%m-%d 2>/dev/null) ;;
	--from | --to | --width)
		return ;;
	-o | --output)
		if declare -F _filedir >/dev/null 2>&1; then
			_filedir
		else
			compopt -o filenames 2>/dev/null
			COMPREPLY=($(compgen -f -- "$cur"))
		fi
		return ;;
	esac
	if [[ -n $values || $prev == --@(format|status|color|ics-spans|tag|timeline|today|since|noted) ]]; then
		COMPREPLY=($(compgen -W "$values" -- "$cur"))
		return
	fi

	if ! $only_paths && [[ $cur == -* ]]; then
		local opts='--today --strict --help'
		case $command in
		show)
			opts+=' --from --to --upcoming --tag --status --timeline'
			opts+=' --color --width --long' ;;
		export)
			opts+=' --format -o --output --from --to --upcoming --tag'
			opts+=' --status --timeline'
			[[ -z $format || $format == text ]] &&
			    opts+=' --color --long'
			[[ $format == @(|text|svg|html) ]] && opts+=' --width'
			[[ -z $format || $format == ics ]] && opts+=' --ics-spans' ;;
		check) ;;
		diff)
			opts='--since --format --exit-code --help'
			[[ -z $format || $format == text ]] && opts+=' --color' ;;
		move)
			opts+=' --noted --status --dry-run' ;;
		done | status)
			opts+=' --dry-run' ;;
		*) return ;;
		esac
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return
	fi

	# The editing commands' arguments before their paths: ID, then
	# move's date (nothing to offer), done's day, or status's STATUS.
	case $command in
	move | done | status)
		if ((${#paths[@]} == 0)); then
			local cmd=${words[0]}
			[[ $cmd == */* ]] || cmd=$(type -P -- "$cmd") || return
			local -a look=(timeline)
			values=$(_timeline_data ids "$cmd" "${look[@]}")
			COMPREPLY=($(compgen -W "$values" -- "$cur"))
			return
		fi
		if ((${#paths[@]} == 1)); then
			case $command in
			move) return ;;
			status)
				COMPREPLY=($(compgen -W 'planned done at-risk slipped cancelled' -- "$cur"))
				return ;;
			esac
		fi ;;
	esac

	# A PATH: a timeline file or a directory of them.
	if declare -F _filedir >/dev/null 2>&1; then
		_filedir '@(yaml|yml)'
	else
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -d -- "$cur"
		    compgen -f -X '!*.yaml' -- "$cur"
		    compgen -f -X '!*.yml' -- "$cur"))
	fi
} &&
complete -F _timeline timeline
