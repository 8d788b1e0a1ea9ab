#!/bin/sh
# run.sh BINARY SOURCE_DIR CASE: runs one bad-input case (tests/bad/NAME,
# without extension) from SOURCE_DIR and compares what the program did with
# what the case expects. The input is, in this order of preference:
#   NAME.csv     the file itself (named tests/bad/NAME.csv in messages)
#   NAME.json    the same for a JSON input (battle files)
#   NAME.input   a path, from the repository's root, to give instead
#                (another case's file, /dev/null, a directory, ...)
#   NAME.gen     a gen.sh kind: the file is made in a temporary directory
#                first (shown as @TMP@ in messages) and not timed
#   (none of them: only with NAME.args, for a case that reads '-')
# Then:
#   NAME.args    the arguments, one per line, @IN@ standing for the input
#                and @TMP@ for a temporary directory (absent: 'rank' and the
#                input)
#   NAME.out     expected standard output (absent: empty)
#   NAME.err     expected standard error (absent: empty)
#   NAME.code    expected exit status (absent: 0)
#   NAME.stdin   a path, from the repository's root, for standard input
#                (absent: /dev/null)
# The program must finish within LB_BAD_TIMEOUT seconds (default 5; the
# issue's bound is 1 s on the normal build, see the README); it is run
# through LB_RUNNER when set (e.g. valgrind). The time it took is printed.
# LB_UPDATE=1 rewrites the expected files from what the program does.
set -u
bin=$1 src=$2 case=$3
name=$(basename "$case")
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cd "$src" || exit 1
rel=tests/bad/$name

if [ -f "$case.csv" ]; then
    input=$rel.csv
elif [ -f "$case.json" ]; then
    input=$rel.json
elif [ -f "$case.input" ]; then
    input=$(cat "$case.input")
elif [ -f "$case.gen" ]; then
    input=$tmp/$name.csv
    sh tests/bad/gen.sh "$(cat "$case.gen")" "$input" || exit 1
elif [ -f "$case.args" ]; then
    input=
else
    echo "$name: no input (.csv, .json, .input, .gen or .args)"
    exit 1
fi
stdin=/dev/null
[ -f "$case.stdin" ] && stdin=$(cat "$case.stdin")

set --
if [ -f "$case.args" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
        [ "$line" = @IN@ ] && line=$input
        case $line in
        *@TMP@*) line=$(printf '%s' "$line" | sed "s|@TMP@|$tmp|g") ;;
        esac
        set -- "$@" "$line"
    done <"$case.args"
else
    set -- rank "$input"
fi

start=$(date +%s%N)
# shellcheck disable=SC2086 # LB_RUNNER is a command with its options
timeout "${LB_BAD_TIMEOUT:-5}" ${LB_RUNNER:-} "$bin" "$@" \
    <"$stdin" >"$tmp/out" 2>"$tmp/err"
code=$?
end=$(date +%s%N)
ms=$(((end - start) / 1000000))
echo "$name: ${ms} ms"
if [ "$code" = 124 ]; then
    echo "$name: timed out after ${LB_BAD_TIMEOUT:-5} s"
    exit 1
fi
sed -i "s|$tmp/|@TMP@/|g" "$tmp/out" "$tmp/err"

if [ "${LB_UPDATE:-}" = 1 ]; then
    if [ -s "$tmp/out" ]; then cp "$tmp/out" "$case.out"; else rm -f "$case.out"; fi
    if [ -s "$tmp/err" ]; then cp "$tmp/err" "$case.err"; else rm -f "$case.err"; fi
    if [ "$code" != 0 ]; then echo "$code" >"$case.code"; else rm -f "$case.code"; fi
    echo "$name: updated"
    exit 0
fi

fail=0
want_code=0
[ -f "$case.code" ] && want_code=$(cat "$case.code")
if [ "$code" != "$want_code" ]; then
    echo "$name: exit status $code, expected $want_code"
    fail=1
fi
check() { # what expected-file actual-file
    if [ -f "$2" ]; then exp=$2; else exp=/dev/null; fi
    if ! cmp -s "$exp" "$3"; then
        echo "$name: $1 differs (expected $exp):"
        diff -u "$exp" "$3" | head -40
        fail=1
    fi
}
check stdout "$case.out" "$tmp/out"
check stderr "$case.err" "$tmp/err"
exit $fail
