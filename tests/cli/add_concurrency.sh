#!/bin/sh
# add_concurrency.sh BINARY SOURCE_DIR
# 20 'leaderboard add' processes started at once on the same file must
# leave exactly 20 new rows and a valid file, while readers ('rank') running
# meanwhile always see a whole file. A writer that waits for the lock says
# so once on standard error, and prints nothing else. Every run goes through $LB_RUNNER when
# set (valgrind.sh).
set -u
bin=$1 src=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cp "$src/benchmarks/openllm.csv" "$tmp/board.csv" || exit 1
before=$(wc -l < "$tmp/board.csv")

i=1
while [ "$i" -le 20 ]; do
    # shellcheck disable=SC2086 # LB_RUNNER: a command and its options
    ${LB_RUNNER:-} "$bin" add "$tmp/board.csv" --quiet --model "org/concurrent-$i" \
        ARC=5$((i % 10)).5 HellaSwag=80 MMLU=60 TruthfulQA=40 Winogrande=70 \
        GSM8K=$i > "$tmp/add-$i.log" 2>&1 &
    i=$((i + 1))
done
# readers while the writers run
r=1
while [ "$r" -le 20 ]; do
    # shellcheck disable=SC2086
    if ! ${LB_RUNNER:-} "$bin" rank "$tmp/board.csv" -f csv > /dev/null 2> "$tmp/rank.err"; then
        echo "a reader saw a broken file:"
        cat "$tmp/rank.err"
        exit 1
    fi
    r=$((r + 1))
done
wait

fail=0
# a writer that waits for the lock says so, once; nothing else is printed
waiting="leaderboard: waiting for the lock on '$tmp/board.csv', held by another writer"
for log in "$tmp"/add-*.log; do
    n=$(grep -cxF "$waiting" "$log")
    if [ "$n" -gt 1 ] || grep -qvxF "$waiting" "$log"; then
        echo "$log:"
        cat "$log"
        fail=1
    fi
done
after=$(wc -l < "$tmp/board.csv")
if [ "$after" -ne $((before + 20)) ]; then
    echo "expected $((before + 20)) lines, found $after"
    fail=1
fi
i=1
while [ "$i" -le 20 ]; do
    n=$(grep -c "^org/concurrent-$i," "$tmp/board.csv")
    if [ "$n" -ne 1 ]; then
        echo "org/concurrent-$i appears $n times"
        fail=1
    fi
    i=$((i + 1))
done
head -n "$before" "$tmp/board.csv" | cmp -s - "$src/benchmarks/openllm.csv" || {
    echo "the original rows changed"
    fail=1
}
# shellcheck disable=SC2086
${LB_RUNNER:-} "$bin" rank "$tmp/board.csv" > /dev/null || fail=1
if ls -A "$tmp" | grep -q '\.tmp\.'; then
    echo "a temporary file was left behind"
    fail=1
fi
exit $fail
