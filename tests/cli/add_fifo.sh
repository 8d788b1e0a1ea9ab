#!/bin/sh
# add_fifo.sh BINARY SOURCE_DIR
# 'add' and 'import' on a FIFO: refused at once with a message and status 1
# (opening a FIFO to read waits for a writer: it used to block for ever),
# also with --create; the FIFO stays. Reading rows from a FIFO (add --from)
# still works. Every run goes through $LB_RUNNER when set (valgrind.sh);
# each is stopped after 60 s.
set -u
bin=$1 src=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cd "$src" || exit 1
fail=0
bad() { echo "add_fifo: $*"; fail=1; }
# shellcheck disable=SC2086 # LB_RUNNER: a command and its options
run() { timeout 60 ${LB_RUNNER:-} "$bin" "$@"; }

mkfifo "$tmp/board.csv" || exit 1
expect() { # what code message
    [ "$code" = "$2" ] || bad "$1: exit status $code, expected $2"
    printf '%s\n' "$3" | cmp -s - "$tmp/err" || {
        bad "$1: unexpected message:"
        cat "$tmp/err"
    }
    [ -p "$tmp/board.csv" ] || bad "$1: the FIFO was replaced"
}
msg="leaderboard: cannot update '$tmp/board.csv': it is not a regular file"

run add "$tmp/board.csv" --model org/x ARC=50 > "$tmp/out" 2> "$tmp/err"
code=$?
expect "add" 1 "$msg"
run add "$tmp/board.csv" --create --model org/x ARC=50 > "$tmp/out" 2> "$tmp/err"
code=$?
expect "add --create" 1 "$msg"
run import tests/cli/fixtures/lmeval/mistral_v1.json --into "$tmp/board.csv" \
    > "$tmp/out" 2> "$tmp/err"
code=$?
expect "import" 1 "$msg"

# rows from a FIFO are fine
cp benchmarks/openllm.csv "$tmp/real.csv"
mkfifo "$tmp/rows" || exit 1
printf 'model,ARC\norg/from-fifo,50\n' > "$tmp/rows" &
writer=$!
run add "$tmp/real.csv" --quiet --from "$tmp/rows" || bad "add --from a FIFO failed"
wait "$writer"
grep -q '^org/from-fifo,' "$tmp/real.csv" || bad "add --from a FIFO: no row"
exit $fail
