#!/bin/sh
# add_kill.sh BINARY SOURCE_DIR
# A writer killed with SIGKILL while it writes a large file leaves either the
# old file or the new one, never a torn one, and no temporary file; or, at
# the two points where a temporary file has a name (a named one, used where
# O_TMPFILE is not, and any between its naming and the rename), that one
# file, which the next writer removes.
#  1. deterministic: LEADERBOARD_TEST_FAIL=pause stops the writer after
#     half of the new file; kill it there (both temporary-file kinds);
#  2. LEADERBOARD_TEST_FAIL=pause-named stops it between naming its
#     temporary file and renaming it; kill it there (both kinds);
#  3. at whatever point the kill lands: kill writers after growing delays.
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

# a leftover temporary file of the killed writer: exactly one, holding
# $1's content; then the next writer must remove it (its writer is gone)
leftover() { # content-file what
    n=$(ls -A "$tmp" | grep -c '^\.work\.csv\.tmp\.[0-9]*\.[0-9]*$')
    if [ "$n" != 1 ]; then
        echo "$2: expected one temporary file of the killed writer, found $n"
        ls -A "$tmp"
        fail=1
        return
    fi
    if [ -n "$1" ] && ! cmp -s "$tmp"/.work.csv.tmp.* "$1"; then
        echo "$2: the temporary file is not the new file"
        fail=1
    fi
    # shellcheck disable=SC2086
    ${LB_RUNNER:-} "$bin" add "$tmp/work.csv" $args || fail=1
    cmp -s "$tmp/work.csv" "$tmp/new.csv" || { echo "$2: the next writer's file is wrong"; fail=1; }
    check "$2, then the next writer"
}

# waits (30 s at most) until process $1 has its temporary file open, a
# named one or an unnamed one (which /proc shows as deleted), then half a
# second more: time to write half of it and pause
wait_temp() {
    i=0
    while [ $i -lt 300 ]; do
        ls -l "/proc/$1/fd" 2>/dev/null |
            grep -q -e '(deleted)' -e '\.work\.csv\.tmp\.' && break
        sleep 0.1
        i=$((i + 1))
    done
    sleep 0.5
}

for notmp in "" 1; do
    cp "$tmp/old.csv" "$tmp/work.csv"
    # shellcheck disable=SC2086
    LEADERBOARD_TEST_FAIL=pause LEADERBOARD_TEST_NO_TMPFILE=$notmp \
        "$bin" add "$tmp/work.csv" $args &
    pid=$!
    wait_temp "$pid"
    kill -9 "$pid"
    wait "$pid" 2>/dev/null
    what="paused writer (named temporary file: ${notmp:-no})"
    if [ -n "$notmp" ]; then
        # a named temporary file cannot vanish with its writer: it must be
        # the only leftover, the target untouched, and the next writer
        # removes it
        cmp -s "$tmp/work.csv" "$tmp/old.csv" || { echo "$what: the file changed"; fail=1; }
        leftover "" "$what"
    else
        check "$what"
        [ "$state" = old ] || { echo "$what: the file changed"; fail=1; }
    fi
done

# killed between naming the temporary file and renaming it over the file:
# the one moment a name shows even with O_TMPFILE
for notmp in "" 1; do
    cp "$tmp/old.csv" "$tmp/work.csv"
    # shellcheck disable=SC2086
    LEADERBOARD_TEST_FAIL=pause-named LEADERBOARD_TEST_NO_TMPFILE=$notmp \
        "$bin" add "$tmp/work.csv" $args &
    pid=$!
    # until the temporary file has a name and all of the new file's bytes
    want=$(wc -c < "$tmp/new.csv")
    i=0
    while [ $i -lt 300 ]; do
        got=$(cat "$tmp"/.work.csv.tmp.* 2>/dev/null | wc -c)
        [ "$got" = "$want" ] && break
        sleep 0.1
        i=$((i + 1))
    done
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    what="writer killed before its rename (named temporary file: ${notmp:-no})"
    cmp -s "$tmp/work.csv" "$tmp/old.csv" || { echo "$what: the file changed"; fail=1; }
    leftover "$tmp/new.csv" "$what"
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
