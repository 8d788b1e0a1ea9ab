#!/bin/sh
# add_kill.sh BINARY SOURCE_DIR
# A writer killed with SIGKILL while it writes a large file leaves either the
# old file or the new one, never a torn one, and no temporary file.
#  1. deterministic: LEADERBOARD_TEST_FAIL=pause stops the writer after
#     half of the new file; kill it there (both temporary-file kinds);
#  2. at whatever point the kill lands: kill writers after growing delays.
set -u
bin=$1 src=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# a large score file: 200,000 rows (about 10 MB)
awk 'BEGIN {
    print "model,ARC,HellaSwag,MMLU,TruthfulQA,Winogrande,GSM8K"
    for (i = 0; i < 200000; i++)
        printf "org/model-%d,%d.%02d,80.5,60.25,40,70,%d\n", i, i % 100, i % 97, i % 90
}' > "$tmp/old.csv"
args="--quiet --model org/new ARC=61.2 HellaSwag=83 MMLU=63.5 TruthfulQA=45.1 Winogrande=78.9 GSM8K=40.2"
cp "$tmp/old.csv" "$tmp/work.csv"
# the one run that is not killed goes through $LB_RUNNER when set
# (valgrind.sh); a killed process has nothing to report
# shellcheck disable=SC2086
${LB_RUNNER:-} "$bin" add "$tmp/work.csv" $args || exit 1
mv "$tmp/work.csv" "$tmp/new.csv"

fail=0
check() { # what
    if cmp -s "$tmp/work.csv" "$tmp/old.csv"; then
        state=old
    elif cmp -s "$tmp/work.csv" "$tmp/new.csv"; then
        state=new
    else
        echo "$1: the file is torn (neither the old nor the new content)"
        fail=1
        return
    fi
    if ls -A "$tmp" | grep -q '\.tmp\.'; then
        echo "$1: a temporary file was left behind ($state file)"
        ls -A "$tmp"
        fail=1
    fi
}

for notmp in "" 1; do
    cp "$tmp/old.csv" "$tmp/work.csv"
    # shellcheck disable=SC2086
    LEADERBOARD_TEST_FAIL=pause LEADERBOARD_TEST_NO_TMPFILE=$notmp \
        "$bin" add "$tmp/work.csv" $args &
    pid=$!
    sleep 1
    kill -9 "$pid"
    wait "$pid" 2>/dev/null
    if [ -n "$notmp" ]; then
        # a named temporary file cannot vanish with its writer: it must be
        # the only leftover, and the target must be untouched
        rm -f "$tmp"/.work.csv.tmp.*
    fi
    check "paused writer (named temporary file: ${notmp:-no})"
    [ "$state" = old ] || { echo "paused writer: the file changed"; fail=1; }
done

for delay in 0 0.005 0.01 0.02 0.04 0.08 0.16 0.32; do
    cp "$tmp/old.csv" "$tmp/work.csv"
    # shellcheck disable=SC2086
    "$bin" add "$tmp/work.csv" $args &
    pid=$!
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    check "killed after ${delay}s"
done
exit $fail
