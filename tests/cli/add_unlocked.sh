#!/bin/sh
# add_unlocked.sh BINARY SOURCE_DIR
# A program that does not take the lock changes the score file while 'add'
# updates it (between add's read and its rename): add notices, says so on
# standard error and starts over from the new content, so that nothing the
# other program wrote is lost. LEADERBOARD_TEST_HOLD=MARKER holds add just
# before its check (base/fileio.h) until the test removes MARKER.
#  1. a line appended with '>>' (the same file, grown);
#  2. a new file renamed over it, as an editor saves (another file);
#  3. a file that keeps changing (LEADERBOARD_TEST_FAIL=changed): add gives
#     up after 5 tries, with a message and status 1, the file as it was.
# Every run goes through $LB_RUNNER when set (valgrind.sh).
set -u
bin=$1 src=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cd "$src" || exit 1
fail=0
bad() { echo "add_unlocked: $*"; fail=1; }
args="--model org/new ARC=61.2 HellaSwag=83 MMLU=63.5 TruthfulQA=45.1 Winogrande=78.9 GSM8K=40.2"
line=org/unlocked,50,50,50,50,50,50,,,,

# starts add on board.csv held before its check; returns once it is held
start_held() {
    rm -f "$tmp/hold"
    # shellcheck disable=SC2086 # LB_RUNNER and args: words
    LEADERBOARD_TEST_HOLD=$tmp/hold ${LB_RUNNER:-} "$bin" add "$tmp/board.csv" $args \
        > "$tmp/out" 2> "$tmp/err" &
    pid=$!
    i=0
    while [ ! -e "$tmp/hold" ] && kill -0 "$pid" 2>/dev/null && [ $i -lt 600 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    [ -e "$tmp/hold" ] || bad "add was never held before its check"
}

finish() { # what
    rm -f "$tmp/hold"
    wait "$pid"
    code=$?
    [ "$code" = 0 ] || bad "$1: exit status $code"
    printf "leaderboard: '%s' was changed by another program while it was being updated; starting over with its new content\n" \
        "$tmp/board.csv" | cmp -s - "$tmp/err" || {
        bad "$1: unexpected messages:"
        cat "$tmp/err"
    }
    grep -q "^added 'org/new': rank " "$tmp/out" || bad "$1: no confirmation"
    grep -qx "$line" "$tmp/board.csv" || bad "$1: the other program's line is lost"
    grep -q '^org/new,61.2,' "$tmp/board.csv" || bad "$1: the new row is missing"
    [ "$(wc -l < "$tmp/board.csv")" = 19 ] || bad "$1: expected 19 lines"
    head -n 17 "$tmp/board.csv" | cmp -s - benchmarks/openllm.csv ||
        bad "$1: the original rows changed"
    if ls -A "$tmp" | grep -q '\.tmp\.'; then
        bad "$1: a temporary file was left behind"
    fi
    "$bin" rank "$tmp/board.csv" > /dev/null || bad "$1: the file does not rank"
}

# 1. appended to
cp benchmarks/openllm.csv "$tmp/board.csv"
start_held
echo "$line" >> "$tmp/board.csv"
finish "a line appended"

# 2. replaced by another file
cp benchmarks/openllm.csv "$tmp/board.csv"
start_held
cp "$tmp/board.csv" "$tmp/edited.csv"
echo "$line" >> "$tmp/edited.csv"
mv "$tmp/edited.csv" "$tmp/board.csv"
finish "a file renamed over it"

# 3. for ever changing
cp benchmarks/openllm.csv "$tmp/board.csv"
# shellcheck disable=SC2086
LEADERBOARD_TEST_FAIL=changed ${LB_RUNNER:-} "$bin" add "$tmp/board.csv" $args \
    > "$tmp/out" 2> "$tmp/err"
code=$?
[ "$code" = 1 ] || bad "always changed: exit status $code, expected 1"
{
    for i in 1 2 3 4; do
        printf "leaderboard: '%s' was changed by another program while it was being updated; starting over with its new content\n" \
            "$tmp/board.csv"
    done
    printf "leaderboard: cannot update '%s': another program changed it 5 times while it was being updated; nothing was written\n" \
        "$tmp/board.csv"
} | cmp -s - "$tmp/err" || {
    bad "always changed: unexpected messages:"
    cat "$tmp/err"
}
[ -s "$tmp/out" ] && bad "always changed: something on standard output"
cmp -s "$tmp/board.csv" benchmarks/openllm.csv || bad "always changed: the file changed"
if ls -A "$tmp" | grep -q '\.tmp\.'; then
    bad "always changed: a temporary file was left behind"
fi
exit $fail
