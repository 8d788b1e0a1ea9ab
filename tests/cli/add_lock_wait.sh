#!/bin/sh
# add_lock_wait.sh BINARY SOURCE_DIR
# While another writer holds the score file's lock (here a subshell holding
# flock(1) on it until the test lets go):
#  1. add says on standard error, once, that it waits and for what, and
#     goes on when the lock is released;
#  2. add --wait 1 and import --wait 0.5 say so, give up, with a message
#     and status 1, the file as it was; add --wait 0 gives up at once.
# Every run goes through $LB_RUNNER when set (valgrind.sh).
set -u
bin=$1 src=$2
tmp=$(mktemp -d) || exit 1
trap 'touch "$tmp/release"; wait; rm -rf "$tmp"' EXIT
cd "$src" || exit 1
fail=0
bad() { echo "add_lock_wait: $*"; fail=1; }
# shellcheck disable=SC2086 # LB_RUNNER: a command and its options
run() { timeout 120 ${LB_RUNNER:-} "$bin" "$@"; }
args="--model org/new ARC=61.2 HellaSwag=83 MMLU=63.5 TruthfulQA=45.1 Winogrande=78.9 GSM8K=40.2"
cp benchmarks/openllm.csv "$tmp/board.csv"
board=$tmp/board.csv

# holds the lock on board.csv until $tmp/release exists
rm -f "$tmp/release"
(
    flock -x 9 || exit 1
    touch "$tmp/held"
    while [ ! -e "$tmp/release" ]; do sleep 0.1; done
) 9< "$board" &
holder=$!
i=0
while [ ! -e "$tmp/held" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
[ -e "$tmp/held" ] || { echo "add_lock_wait: could not take the lock"; exit 1; }

expect() { # what want-code file-with-expected-stderr
    [ "$code" = "$2" ] || bad "$1: exit status $code, expected $2"
    cmp -s "$3" "$tmp/err" || {
        bad "$1: unexpected messages:"
        cat "$tmp/err"
    }
    cmp -s "$board" benchmarks/openllm.csv || bad "$1: the file changed"
}

# 2. giving up
# shellcheck disable=SC2086
run add "$board" --wait 1 $args > "$tmp/out" 2> "$tmp/err"
code=$?
printf "%s\n" \
    "leaderboard: waiting for the lock on '$board', held by another writer (at most 1 second)" \
    "leaderboard: cannot update '$board': another writer still held its lock after 1 second (--wait); nothing was written" \
    > "$tmp/want"
expect "add --wait 1" 1 "$tmp/want"
run import tests/cli/fixtures/lmeval/tiny_hellaswag.json --into "$board" --wait 0.5 \
    > "$tmp/out" 2> "$tmp/err"
code=$?
printf "%s\n" \
    "leaderboard: waiting for the lock on '$board', held by another writer (at most 0.5 seconds)" \
    "leaderboard: cannot update '$board': another writer still held its lock after 0.5 seconds (--wait); nothing was written" \
    > "$tmp/want"
expect "import --wait 0.5" 1 "$tmp/want"
# shellcheck disable=SC2086
run add "$board" --wait 0 $args > "$tmp/out" 2> "$tmp/err"
code=$?
printf "%s\n" \
    "leaderboard: cannot update '$board': another writer holds its lock (--wait 0); nothing was written" \
    > "$tmp/want"
expect "add --wait 0" 1 "$tmp/want"

# 1. waiting for ever (by default), and saying so
rm -f "$tmp/err"
# shellcheck disable=SC2086
run add "$board" $args > "$tmp/out" 2> "$tmp/err" &
writer=$!
i=0
while [ ! -s "$tmp/err" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
kill -0 "$writer" 2>/dev/null || bad "add did not wait for the lock"
touch "$tmp/release"
wait "$holder"
wait "$writer"
code=$?
[ "$code" = 0 ] || bad "add: exit status $code after the lock was released"
printf "%s\n" "leaderboard: waiting for the lock on '$board', held by another writer" |
    cmp -s - "$tmp/err" || {
    bad "add: unexpected messages:"
    cat "$tmp/err"
}
grep -q '^org/new,61.2,' "$board" || bad "add: the row is not in the file"
exit $fail
