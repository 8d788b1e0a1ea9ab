#!/bin/sh
# output_replace.sh BINARY SOURCE_DIR
# An output file (rank -o, diff -o, plot's scripts and data) replaces the
# file there as 'add' replaces a score file (base/fileio.h):
#  1. an existing file keeps its permissions (0600 stays 0600);
#  2. a symbolic link is followed: the file it points to gets the output and
#     the link stays a link (a link to nothing: the file it names is made);
#  3. a writer killed while it writes leaves the old file and nothing else:
#     at a set point (LEADERBOARD_TEST_FAIL=pause: half of the first block
#     written) and wherever kills after growing delays land; killed where
#     its temporary file has a name (LEADERBOARD_TEST_NO_TMPFILE, or
#     LEADERBOARD_TEST_FAIL=pause-named), it leaves that file, and the next
#     writer removes it;
#  4. a failed write says which file, and leaves the old one.
# The runs that are not killed go through $LB_RUNNER when set (valgrind.sh).
set -u
bin=$1 src=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cd "$src" || exit 1
umask 022
fail=0
bad() { echo "output_replace: $*"; fail=1; }
# shellcheck disable=SC2086 # LB_RUNNER: a command and its options
run() { ${LB_RUNNER:-} "$bin" "$@"; }
# only the files named may be in directory $1
only() {
    dir=$1
    shift
    extra=$(cd "$dir" && ls -A | while IFS= read -r f; do
        keep=no
        for want in "$@"; do [ "$f" = "$want" ] && keep=yes; done
        [ $keep = yes ] || printf '%s ' "$f"
    done)
    [ -z "$extra" ] || bad "$dir: left behind: $extra"
}

run rank benchmarks/openllm.csv -f csv > "$tmp/want.csv" || exit 1

# 1. the mode of the file replaced
mkdir "$tmp/mode"
echo old > "$tmp/mode/out.csv"
chmod 600 "$tmp/mode/out.csv"
run rank benchmarks/openllm.csv -o "$tmp/mode/out.csv" || bad "rank -o failed"
cmp -s "$tmp/want.csv" "$tmp/mode/out.csv" || bad "rank -o: wrong content"
mode=$(stat -c %a "$tmp/mode/out.csv")
[ "$mode" = 600 ] || bad "rank -o over a 0600 file left it $mode"
echo old > "$tmp/mode/diff.txt"
chmod 640 "$tmp/mode/diff.txt"
run diff benchmarks/openllm.csv benchmarks/openllm.csv -o "$tmp/mode/diff.txt" ||
    bad "diff -o failed"
mode=$(stat -c %a "$tmp/mode/diff.txt")
[ "$mode" = 640 ] || bad "diff -o over a 0640 file left it $mode"
mkdir "$tmp/plots"
echo old > "$tmp/plots/average.gp"
chmod 600 "$tmp/plots/average.gp"
run plot benchmarks/openllm.csv --chart average --script-only -o "$tmp/plots" \
    > /dev/null || bad "plot failed"
mode=$(stat -c %a "$tmp/plots/average.gp")
[ "$mode" = 600 ] || bad "plot over a 0600 script left it $mode"
mode=$(stat -c %a "$tmp/plots/average.dat")
[ "$mode" = 644 ] || bad "plot made a new data file $mode, not 644 (umask 022)"
only "$tmp/mode" out.csv diff.txt
only "$tmp/plots" average.gp average.dat

# 2. a symbolic link
mkdir "$tmp/link" "$tmp/link/real"
echo old > "$tmp/link/real/target.csv"
chmod 640 "$tmp/link/real/target.csv"
ln -s real/target.csv "$tmp/link/out.csv"
run rank benchmarks/openllm.csv -o "$tmp/link/out.csv" || bad "rank -o onto a link failed"
[ -L "$tmp/link/out.csv" ] || bad "rank -o replaced the symbolic link by a file"
cmp -s "$tmp/want.csv" "$tmp/link/real/target.csv" ||
    bad "rank -o onto a link: the file it points to did not get the output"
mode=$(stat -c %a "$tmp/link/real/target.csv")
[ "$mode" = 640 ] || bad "rank -o through a link left the file $mode"
only "$tmp/link" out.csv real
only "$tmp/link/real" target.csv
# a link to nothing: the file it names is made, as the shell's '>' would
ln -s real/new.csv "$tmp/link/dangling.csv"
run rank benchmarks/openllm.csv -o "$tmp/link/dangling.csv" ||
    bad "rank -o onto a dangling link failed"
[ -L "$tmp/link/dangling.csv" ] || bad "rank -o replaced the dangling link by a file"
cmp -s "$tmp/want.csv" "$tmp/link/real/new.csv" ||
    bad "rank -o onto a dangling link: the file it names did not get the output"
only "$tmp/link/real" target.csv new.csv

# 3. killed writers: first at a set point, on the small seed file
mkdir "$tmp/kill"
echo old > "$tmp/kill/out.csv"
LEADERBOARD_TEST_FAIL=pause "$bin" rank benchmarks/openllm.csv -o "$tmp/kill/out.csv" &
pid=$!
# until it has its unnamed temporary file open (/proc shows it as deleted)
i=0
while [ $i -lt 300 ] && ! ls -l "/proc/$pid/fd" 2>/dev/null | grep -q '(deleted)'; do
    sleep 0.1
    i=$((i + 1))
done
sleep 0.5
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
[ "$(cat "$tmp/kill/out.csv")" = old ] || bad "paused writer: the file changed"
only "$tmp/kill" out.csv

# killed where a temporary file has a name (a named one, used where
# O_TMPFILE is not, and any between its naming and the rename): that file
# is the one thing left, and the next writer removes it
for how in pause:1 pause-named: pause-named:1; do
    echo old > "$tmp/kill/out.csv"
    LEADERBOARD_TEST_FAIL=${how%%:*} LEADERBOARD_TEST_NO_TMPFILE=${how#*:} \
        "$bin" rank benchmarks/openllm.csv -o "$tmp/kill/out.csv" &
    pid=$!
    i=0
    while [ $i -lt 300 ] && ! ls -A "$tmp/kill" | grep -q '^\.out\.csv\.tmp\.'; do
        sleep 0.1
        i=$((i + 1))
    done
    sleep 0.2
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    [ "$(cat "$tmp/kill/out.csv")" = old ] || bad "$how: the file changed"
    n=$(ls -A "$tmp/kill" | grep -c '^\.out\.csv\.tmp\.[0-9]*\.[0-9]*$')
    [ "$n" = 1 ] || bad "$how: expected the killed writer's temporary file, found $n"
    run rank benchmarks/openllm.csv -o "$tmp/kill/out.csv" || bad "$how: the next writer failed"
    cmp -s "$tmp/want.csv" "$tmp/kill/out.csv" || bad "$how: the next writer's output is wrong"
    only "$tmp/kill" out.csv
done

# then wherever the kill lands, on an output of about 10 MB
awk 'BEGIN {
    print "model,ARC,HellaSwag,MMLU,TruthfulQA,Winogrande,GSM8K"
    for (i = 0; i < 200000; i++)
        printf "org/model-%d,%d.%02d,80.5,60.25,40,70,%d\n", i, i % 100, i % 97, i % 90
}' > "$tmp/big.csv"
"$bin" rank "$tmp/big.csv" -f csv > "$tmp/big.want" || exit 1
for delay in 0 0.01 0.02 0.04 0.08 0.16 0.32; do
    echo old > "$tmp/kill/out.csv"
    "$bin" rank "$tmp/big.csv" -f csv -o "$tmp/kill/out.csv" &
    pid=$!
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    if [ "$(head -c 4 "$tmp/kill/out.csv")" != old ] &&
        ! cmp -s "$tmp/kill/out.csv" "$tmp/big.want"; then
        bad "killed after ${delay}s: the output is torn"
    fi
    only "$tmp/kill" out.csv
done

# 4. a failed write
mkdir "$tmp/fail"
echo old > "$tmp/fail/out.csv"
LEADERBOARD_TEST_FAIL=write run rank benchmarks/openllm.csv -o "$tmp/fail/out.csv" \
    2> "$tmp/err"
code=$?
[ "$code" = 1 ] || bad "failed write: exit status $code, expected 1"
printf "leaderboard: cannot write '%s': Input/output error (the file is unchanged)\n" \
    "$tmp/fail/out.csv" | cmp -s - "$tmp/err" || {
    bad "failed write: unexpected message:"
    cat "$tmp/err"
}
[ "$(cat "$tmp/fail/out.csv")" = old ] || bad "failed write: the file changed"
only "$tmp/fail" out.csv
exit $fail
