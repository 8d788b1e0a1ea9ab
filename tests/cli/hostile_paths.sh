#!/bin/sh
# hostile_paths.sh BINARY SOURCE_DIR
#
# A file name is user text: every message that names a file shows it
# terminal-safe. Each command's error paths run on files whose names hold
# an escape sequence (ESC [ 31 m), an OSC title sequence ending in BEL, a
# bidi override (U+202E) and invalid UTF-8; standard error must hold none
# of those bytes raw (only printable text and line ends), and every run
# must fail as it should (exit status 1 or 2).
set -u
bin=$1 src=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "hostile_paths: $*"; fail=1; }

evil=$(printf 'ev\033[31mil\033]0;t\007\342\200\256\377')
csv="$tmp/$evil.csv"
printf 'model,ARC,MMLU\na,1,x\nb,2,3\n' > "$csv"            # a bad cell
good="$tmp/${evil}good.csv"
printf 'model,ARC,MMLU\na,1,2\nb,2,3\n' > "$good"
json="$tmp/$evil.json"
printf '{"results": ' > "$json"                             # not JSON
out="$tmp/$evil-no-such-dir/$evil.csv"                     # cannot be made

# every command, every kind of error that names a file
run() { # EXPECTED_CODE ARGS...
    want=$1
    shift
    # check reports on standard output: both streams are checked
    "$bin" "$@" > "$tmp/err" 2>&1 < /dev/null
    code=$?
    [ "$code" = "$want" ] || bad "'$*': exit status $code, expected $want"
    ctl=$(tr -d '\n\040-\176\200-\377' < "$tmp/err" | wc -c)
    [ "$ctl" = 0 ] || bad "'$*': $ctl control byte(s) raw on stderr"
    grep -q "$(printf '\342\200\256')" "$tmp/err" &&
        bad "'$*': a raw bidi override on stderr"
    grep -q "$(printf '\377')" "$tmp/err" && bad "'$*': invalid UTF-8 raw"
    [ -s "$tmp/err" ] || bad "'$*': no message"
}
run 1 rank "$csv"
run 1 rank "$good" -b Nope
run 1 rank "$good" -s zzz
run 1 rank "$good" -c zzz
run 1 rank "$good" --where 'zzz > 1'
run 1 rank "$good" --dedup latest
run 1 rank "$tmp/$evil-missing.csv"
run 1 rank "$good" -o "$out"
run 1 check "$csv"
run 1 check "$tmp/$evil-missing.csv"
run 1 add "$good" --model a ARC=1 MMLU=2
run 1 add "$good" --model c ARC=x MMLU=2
run 1 add "$tmp/$evil-missing.csv" --model c ARC=1 MMLU=2
run 1 plot "$csv" -o "$tmp/p"
run 1 plot "$good" -o "$good"
run 1 diff "$good" "$csv"
run 1 diff "$good" "$good" -o "$out"
run 1 import "$json" --into "$good"
run 1 import "$tmp/$evil-missing.json" --into "$good"
exit $fail
