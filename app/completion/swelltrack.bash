# bash completion for swelltrack: commands, subcommands and their flags, file names where a file
# is expected, and client names (from the database) where a client is expected.

_swelltrack_clients() {
    # One name per line, as `client list --format json` prints them; names may hold spaces.
    local db=()
    [ -n "$1" ] && db=(--db "$1")
    swelltrack "${db[@]}" client list --all --format json 2>/dev/null |
        sed -n 's/^ *"name": "\(.*\)",\{0,1\}$/\1/p'
}

_swelltrack() {
    local cur prev words cword
    _init_completion || return

    local commands="init client protocol log history trend status import export report backup check settings session course photo audit user serve"
    local -A subcommands=(
        [client]="add list show edit archive baseline"
        [protocol]="list add show"
        [settings]="show set"
        [session]="show edit delete restore"
        [course]="add list show edit end"
        [photo]="add list export delete restore"
        [user]="add invite list passwd remove"
    )
    local values="--left --right --weight --heaviness --tightness --pain --swelling --pitting --stemmer --isl-stage --skin --skin-note --note --context --compression --garment-class --mld-minutes --bandaging --exercise"
    local -A flags=(
        [init]=""
        [client add]="--limb --affected --baseline --unit --every --remind-days --remind-at --birth-year --condition --notes --photo-consent"
        [client list]="--all --format"
        [client show]=""
        [client edit]="--rename --limb --affected --baseline --unit --every --remind-days --remind-at --birth-year --condition --notes --photo-consent --reason"
        [client archive]="--undo"
        [client baseline]="--at --id --reason"
        [protocol list]=""
        [protocol add]="--limb --points"
        [protocol show]=""
        [log]="--at --protocol --by --interactive --confirm $values"
        [history]="--format --from --to"
        [trend]="--format --from --to"
        [status]="--format"
        [import]="--confirm --dry-run --columns"
        [export]="--all --format --layout --pseudonymous -o --output --force"
        [report]="--clinic -o --output --force --from --to --paper --no-photos"
        [backup]="--force"
        [check]=""
        [settings show]=""
        [settings set]="--watch-pct --range-pct --point-cm --rise-pct --rise-days --sustained-weeks --sustained-sessions --sustained-pct --check-in-days --method --plausible-point-cm --plausible-point-pct --plausible-volume-pct --clinic-name"
        [session show]="--at --id --format"
        [session edit]="--at --id --reason --move-to --protocol --measured-by --no-bandaging --no-exercise --confirm $values"
        [session delete]="--at --id --reason"
        [session restore]="--at --reason"
        [course add]="--kind --from --to --note"
        [course list]="--format"
        [course show]="--id --format"
        [course edit]="--id --kind --from --to --running --note"
        [course end]="--id --on"
        [photo add]="--site --at"
        [photo list]="--format"
        [photo export]="--thumbnail -o --output --force"
        [photo delete]="--reason"
        [photo restore]="--reason"
        [audit]="--format"
        [user add]="--role --client"
        [user invite]="--client --role --expires --withdraw"
        [user list]="--format"
        [user passwd]=""
        [user remove]=""
        [serve]="--listen --tls-cert --tls-key --threads --read-timeout --request-timeout --public-url --trusted-proxy"
    )

    # The command path so far (skipping global options and their values) and the database.
    local path="" db="" i w
    for ((i = 1; i < cword; i++)); do
        w=${words[i]}
        case $w in
            --db) db=${words[i + 1]}; ((i++)); continue ;;
            --by) ((i++)); continue ;;
            -*) continue ;;
        esac
        if [ -z "$path" ]; then
            [[ " $commands " == *" $w "* ]] && path=$w
        elif [ -n "${subcommands[$path]}" ] && [[ " ${subcommands[$path]} " == *" $w "* ]]; then
            path="$path $w"
            break
        fi
    done

    case $prev in
        --db | -o | --output | --tls-cert | --tls-key) _filedir; return ;;
        --role) COMPREPLY=($(compgen -W "therapist client" -- "$cur")); return ;;
        --client)
            local IFS=$'\n'
            COMPREPLY=($(compgen -W "$(_swelltrack_clients "$db")" -- "$cur"))
            COMPREPLY=("${COMPREPLY[@]// /\\ }")
            return
            ;;
        --limb) COMPREPLY=($(compgen -W "arm leg" -- "$cur")); return ;;
        --affected) COMPREPLY=($(compgen -W "left right both" -- "$cur")); return ;;
        --unit) COMPREPLY=($(compgen -W "cm in" -- "$cur")); return ;;
        --format) COMPREPLY=($(compgen -W "table json csv fhir" -- "$cur")); return ;;
        --paper) COMPREPLY=($(compgen -W "a4 letter" -- "$cur")); return ;;
        --method) COMPREPLY=($(compgen -W "frustum disk" -- "$cur")); return ;;
        --context) COMPREPLY=($(compgen -W "before after routine" -- "$cur")); return ;;
        --stemmer) COMPREPLY=($(compgen -W "negative positive not-checked" -- "$cur")); return ;;
        --compression) COMPREPLY=($(compgen -W "none bandage garment" -- "$cur")); return ;;
        --every) COMPREPLY=($(compgen -W "7d 14d 2w none" -- "$cur")); return ;;
        --expires) COMPREPLY=($(compgen -W "12h 1d 7d 2w" -- "$cur")); return ;;
        --remind-days) COMPREPLY=($(compgen -W "mon tue wed thu fri sat sun none" -- "$cur")); return ;;
    esac

    if [ -z "$path" ]; then
        COMPREPLY=($(compgen -W "$commands --db --by --help --version" -- "$cur"))
        return
    fi
    if [ -n "${subcommands[$path]}" ]; then  # a group without its subcommand yet
        COMPREPLY=($(compgen -W "${subcommands[$path]} --help" -- "$cur"))
        return
    fi
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "${flags[$path]} --help" -- "$cur"))
        return
    fi
    case $path in
        import | backup) _filedir ;;
        "client show" | "client edit" | "client archive" | "client baseline" | log | history | trend | export | report | audit | session\ *)
            local IFS=$'\n'
            COMPREPLY=($(compgen -W "$(_swelltrack_clients "$db")" -- "$cur"))
            COMPREPLY=("${COMPREPLY[@]// /\\ }")
            ;;
    esac
}
complete -F _swelltrack swelltrack
