#!/bin/sh
# progress.sh BINARY SOURCE_DIR
#
# The progress line of long loads: drawn on standard error only when it is
# a terminal (here a pseudo-terminal made by util-linux's script(1)), and
# erased before anything else is printed; never in a pipe or a file.
# LEADERBOARD_TEST_PROGRESS=1 draws from the first block instead of after
# a second. Skipped (77) without script(1).
set -u
bin=$1 src=$2
command -v script >/dev/null 2>&1 || { echo "progress: no script(1)"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "progress: $*"; fail=1; }

# three MiB of rows: three blocks, three calls
awk 'BEGIN { print "model,ARC,MMLU";
             for (i = 0; i < 150000; i++) printf "org/m%d,%d.%02d,%d.5\n", i, i % 100, i % 97, i % 90 }' \
    > "$tmp/big.csv"

for cmd in "rank $tmp/big.csv -n 1" "rank $tmp/big.csv -s ARC -n 2" \
           "check $tmp/big.csv"; do
    LEADERBOARD_TEST_PROGRESS=1 script -qec "$bin $cmd" "$tmp/tty" \
        > /dev/null 2>&1 < /dev/null
    grep -q 'leaderboard: reading .*big.csv: .*% (.* of .* MiB)' "$tmp/tty" ||
        bad "$cmd: no progress line on a terminal"
    # the line is erased (CR, clear to end of line) before the output
    printf '\r\033[K' > "$tmp/erase"
    grep -qF "$(cat "$tmp/erase")" "$tmp/tty" || bad "$cmd: the line is not erased"
    LEADERBOARD_TEST_PROGRESS=1 "$bin" $cmd > /dev/null 2> "$tmp/err"
    grep -q 'reading' "$tmp/err" && bad "$cmd: a progress line in a file"
done
# a quick run on a terminal shows nothing (the first second is quiet)
script -qec "$bin rank $src/benchmarks/openllm.csv" "$tmp/tty" > /dev/null 2>&1 < /dev/null
grep -q 'reading' "$tmp/tty" && bad "a quick run shows a progress line"
exit $fail
