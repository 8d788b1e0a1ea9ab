# bash completion for leaderboard(1), installed as
# share/bash-completion/completions/leaderboard by 'cmake --install'.
# Completes the commands, each command's options, the values of the
# options that take a choice, and file names (.csv for score files, .json
# for import's results, .csv and .json for battles). The commands and the choices come from the
# program itself ('leaderboard --list WHAT'), so that they cannot drift.

# The names of a list, from the program being completed.
_leaderboard_list()
{
    "${COMP_WORDS[0]}" --list "$1" 2>/dev/null
}

_leaderboard()
{
    local cur prev cmd i
    COMPREPLY=()
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}

    local commands
    commands="$(_leaderboard_list commands) help"
    local board="--benchmarks --missing --model-column --schema --where --dedup
        --method --weights --baseline --lower-is-better --groups --suite
        --stderr --bootstrap --seed --sort --ascending --ties --precision
        --top --columns"

    cmd=""
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
        -*) ;;
        *) cmd=${COMP_WORDS[i]}; break ;;
        esac
    done
    if [[ -z $cmd ]]; then
        COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
        return
    fi

    # values of options that take a choice or a file
    case $prev in
    --missing | --dedup | --ties)
        COMPREPLY=($(compgen -W "$(_leaderboard_list "${prev#--}")" -- "$cur"))
        return ;;
    --method)
        if [[ $cmd == battles ]]; then
            COMPREPLY=($(compgen -W "$(_leaderboard_list battle-methods)" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$(_leaderboard_list methods)" -- "$cur"))
        fi
        return ;;
    --matrix)
        COMPREPLY=($(compgen -W "$(_leaderboard_list matrices)" -- "$cur"))
        return ;;
    --ci)
        [[ $cmd == battles ]] &&
            COMPREPLY=($(compgen -W "bootstrap sandwich" -- "$cur"))
        return ;;
    --suite)
        COMPREPLY=($(compgen -W "$(_leaderboard_list suites)" -- "$cur"))
        return ;;
    -f|--format)
        COMPREPLY=($(compgen -W "$(_leaderboard_list formats)" -- "$cur"))
        return ;;
    --chart)
        if [[ $cmd == history ]]; then
            COMPREPLY=($(compgen -d -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$(_leaderboard_list charts)" -- "$cur"))
        fi
        return ;;
    --show)
        [[ $cmd == history ]] &&
            COMPREPLY=($(compgen -W "rank value both" -- "$cur"))
        return ;;
    --terminal)
        COMPREPLY=($(compgen -W "$(_leaderboard_list terminals)" -- "$cur"))
        return ;;
    --size)
        COMPREPLY=($(compgen -W "1280x720 1920x1080 1000x650" -- "$cur"))
        return ;;
    --title|--range|--size-column)
        return ;;
    -o|--output)
        if [[ $cmd == plot ]]; then
            COMPREPLY=($(compgen -d -- "$cur"))
        else
            COMPREPLY=($(compgen -f -- "$cur"))
        fi
        return ;;
    -i|--into|--from|--meta)
        COMPREPLY=($(compgen -f -X '!*.csv' -- "$cur") $(compgen -d -- "$cur"))
        return ;;
    --schema)
        COMPREPLY=($(compgen -f -X '!*.json' -- "$cur") $(compgen -d -- "$cur"))
        return ;;
    -b|--benchmarks|-s|--sort|-c|--columns|--model-column|-p|--precision|\
    -n|--top|--max|-m|--model|--set|--map|--decimals|-t|--threshold|\
    -w|--where|--weights|--baseline|--lower-is-better|--groups|--stderr|\
    --bootstrap|--seed|--wait|--weight|--anchor|--k|--order|--draws|\
    --dates|--since|--last|--chart-top|\
    --title|--source|--date|--link|--caption|--label|--width)
        return ;;
    esac

    if [[ $cur == -* ]]; then
        local opts publish="--title --source --date --link --caption --label
            --width"
        case $cmd in
        rank) opts="$board --ci --compare-methods --format --output
            $publish --no-charts --help" ;;
        add) opts="--model --set --from --replace --new-column --create
            --wait --allow-formulas --force --schema --quiet --help" ;;
        plot) opts="$board --chart --output --terminal --script-only --title --size --range --size-column --help" ;;
        import) opts="--into --map --model --set --decimals --replace
            --new-column --create --strict --wait --allow-formulas --force
            --schema --quiet --help --meta --allow-noncomparable" ;;
        diff) opts="--benchmarks --missing --model-column --schema --where
            --dedup --method --weights --baseline --lower-is-better --groups
            --suite
            --sort --ascending --ties --precision --threshold --all
            --hide-knock-on --format --output $publish --help" ;;
        history) opts="--benchmarks --missing --model-column --schema --where
            --dedup --method --weights --baseline --lower-is-better --groups
            --suite --sort --ascending --ties --precision --top --git --dates
            --since --last --strict --show --chart --chart-top --size --terminal
            --script-only --no-charts --format --output $publish --help" ;;
        check) opts="--benchmarks --max --strict --model-column --schema --quiet --help" ;;
        schema) opts="--write --output --schema --model-column --suite --help" ;;
        battles) opts="--columns --where --weight --method --anchor --k
            --order --bootstrap --ci --draws --seed --matrix --ties
            --precision --top --format --output $publish --no-charts --help" ;;
        esac
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
        return
    fi
    case $cmd in
    help) COMPREPLY=($(compgen -W "$commands" -- "$cur")) ;;
    import)
        COMPREPLY=($(compgen -f -X '!*.json' -- "$cur") $(compgen -d -- "$cur")) ;;
    battles)
        COMPREPLY=($(compgen -f -X '!*.csv' -- "$cur")
            $(compgen -f -X '!*.json' -- "$cur")
            $(compgen -f -X '!*.jsonl' -- "$cur") $(compgen -d -- "$cur")) ;;
    *)
        COMPREPLY=($(compgen -f -X '!*.csv' -- "$cur") $(compgen -d -- "$cur")) ;;
    esac
}
complete -o filenames -F _leaderboard leaderboard
