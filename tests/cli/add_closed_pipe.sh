#!/bin/sh
# add_closed_pipe.sh BINARY SOURCE_DIR
# 'add' whose standard output is a pipe that nobody reads any more (the
# reader exited): the row is added, so the status is 0 and a warning says
# that only the confirmation was lost; it is not killed by SIGPIPE after the
# update (a retry would then fail: "already in"). The same for /dev/full is
# the CLI case add_confirmation_dev_full. Runs through $LB_RUNNER when set.
set -u
bin=$1 src=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cd "$src" || exit 1
fail=0
bad() { echo "add_closed_pipe: $*"; fail=1; }
cp benchmarks/openllm.csv "$tmp/board.csv"

# 'true' exits at once; a second later, add writes into the closed pipe
{
    sleep 1
    # shellcheck disable=SC2086 # LB_RUNNER: a command and its options
    ${LB_RUNNER:-} "$bin" add "$tmp/board.csv" --model org/piped ARC=50 \
        HellaSwag=50 MMLU=50 TruthfulQA=50 Winogrande=50 GSM8K=50 2> "$tmp/err"
    echo $? > "$tmp/code"
} | true
wait
code=$(cat "$tmp/code")
[ "$code" = 0 ] || bad "exit status $code, expected 0"
printf "leaderboard: warning: '%s' is updated (1 row added), but the confirmation could not be printed: write error on standard output: Broken pipe\n" \
    "$tmp/board.csv" | cmp -s - "$tmp/err" || {
    bad "unexpected messages:"
    cat "$tmp/err"
}
grep -q '^org/piped,50,' "$tmp/board.csv" || bad "the row is not in the file"
exit $fail
