#!/bin/sh
# run_case.sh BINARY SOURCE_DIR CASE
#
# Runs one CLI test case from SOURCE_DIR (so paths in cases are relative to
# the repository's root) and compares what the program did with what the
# case expects. CASE is a path without extension; its files are:
#   CASE.args     the arguments, one per line, no shell quoting (required);
#                 @OUT@ stands for a temporary output file
#   CASE.out      expected standard output (absent: empty)
#   CASE.err      expected standard error (absent: empty)
#   CASE.code     expected exit status (absent: 0)
#   CASE.stdin    standard input (absent: /dev/null)
#   CASE.stdout   send standard output there instead of capturing it
#                 (e.g. /dev/full); CASE.out is then not checked
#   CASE.outfile  expected content of @OUT@ after the run (@OUT@ may take
#                 an extension: @OUT@.md)
#   CASE.input    a file (path from the repository's root) copied to @OUT@
#                 before the run, with its permissions
#   CASE.env      NAME=VALUE lines exported for the run
#   CASE.nofile   @OUT@ must not exist after the run
# In what the program prints, the temporary directory shows as @TMP@.
# Set LB_RUNNER to run the program through a command (scripts/valgrind.sh
# sets it to valgrind memcheck); unset, the program runs directly.
# Set LB_UPDATE=1 to rewrite the expected files from what the program does.
set -u
# the HTML page's date (when its input was modified) is not later than
# this, 2024-06-01 (reproducible builds' rule): pages do not depend on when
# the files were checked out; CASE.env may set another
SOURCE_DATE_EPOCH=1717200000
export SOURCE_DATE_EPOCH
bin=$1 src=$2 case=$3
name=$(basename "$case")
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cd "$src" || exit 1

set --
while IFS= read -r line || [ -n "$line" ]; do
    case $line in
    *@OUT@*) line=$(printf '%s' "$line" | sed "s|@OUT@|$tmp/outfile|g") ;;
    esac
    set -- "$@" "$line"
done < "$case.args"

if [ -f "$case.input" ]; then
    cp -p "$(cat "$case.input")" "$tmp/outfile" || exit 1
fi
if [ -f "$case.env" ]; then
    while IFS= read -r kv || [ -n "$kv" ]; do
        export "${kv?}"
    done < "$case.env"
fi

stdin=/dev/null
[ -f "$case.stdin" ] && stdin=$case.stdin
if [ -f "$case.stdout" ]; then
    # shellcheck disable=SC2086 # LB_RUNNER is a command with its options
    ${LB_RUNNER:-} "$bin" "$@" < "$stdin" > "$(cat "$case.stdout")" 2> "$tmp/err"
    code=$?
    : > "$tmp/out"
else
    # shellcheck disable=SC2086
    ${LB_RUNNER:-} "$bin" "$@" < "$stdin" > "$tmp/out" 2> "$tmp/err"
    code=$?
fi

# the temporary directory's name changes run to run
sed -i "s|$tmp/|@TMP@/|g" "$tmp/out" "$tmp/err"

if [ "${LB_UPDATE:-}" = 1 ]; then
    [ -f "$case.stdout" ] || { if [ -s "$tmp/out" ]; then cp "$tmp/out" "$case.out"; else rm -f "$case.out"; fi; }
    if [ -s "$tmp/err" ]; then cp "$tmp/err" "$case.err"; else rm -f "$case.err"; fi
    if [ "$code" != 0 ]; then echo "$code" > "$case.code"; else rm -f "$case.code"; fi
    if [ -f "$case.outfile" ]; then
        made=$(ls "$tmp" | grep '^outfile' | head -n 1)
        [ -n "$made" ] && cp "$tmp/$made" "$case.outfile"
    fi
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
[ -f "$case.stdout" ] || check stdout "$case.out" "$tmp/out"
check stderr "$case.err" "$tmp/err"
if [ -f "$case.outfile" ]; then
    made=$(ls "$tmp" | grep '^outfile' | grep -v '\.tmp\.' | head -n 1)
    check "output file" "$case.outfile" "$tmp/${made:-outfile}"
    if ls -A "$tmp" | grep -q '\.tmp\.'; then
        echo "$name: a temporary file was left behind"
        fail=1
    fi
fi
if [ -f "$case.nofile" ] && ls "$tmp" | grep -q '^outfile'; then
    echo "$name: @OUT@ exists, expected none"
    fail=1
fi
exit $fail
