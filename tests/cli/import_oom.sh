#!/bin/sh
# import_oom.sh BINARY SOURCE_DIR
# import of a 20 MB results file under shrinking memory limits (ulimit -v):
# each run adds the row, or stops with 'leaderboard: out of memory (N
# bytes)' and status 1 and the board untouched; never a crash, and never
# 'not valid JSON' with an empty or made-up reason (issue 14: jansson
# reported its own failed allocations as 'invalid token', or crashed).
# Skipped (77) under a runner (valgrind) or a sanitizer build, which need
# more address space than any limit here leaves.
set -u
bin=$1 src=$2
[ -n "${LB_RUNNER:-}" ] && exit 77
if command -v ldd >/dev/null && ldd "$bin" 2>/dev/null | grep -q 'lib[at]san'; then
    exit 77
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cd "$src" || exit 1

{
    printf '{"results": {"arc_challenge": {"acc_norm,none": 0.5}}, '
    printf '"model_name": "org/m", "pad": "'
    head -c 20971520 /dev/zero | tr '\0' x
    printf '"}\n'
} > "$tmp/big.json"
printf 'model,ARC\norg/a,50\n' > "$tmp/board.csv"

fail=0 oom=0 ok=0
for kb in 50000 60000 70000 80000 90000 100000 120000 160000; do
    cp "$tmp/board.csv" "$tmp/work.csv"
    (ulimit -v "$kb" && exec "$bin" import "$tmp/big.json" --into \
        "$tmp/work.csv" -q) > "$tmp/out" 2> "$tmp/err"
    code=$?
    case $code in
    0)
        ok=$((ok + 1)) ;;
    1)
        if grep -q '^leaderboard: out of memory ([0-9]* bytes)$' "$tmp/err" &&
            [ "$(wc -l < "$tmp/err")" -eq 1 ]; then
            oom=$((oom + 1))
            cmp -s "$tmp/work.csv" "$tmp/board.csv" ||
                { echo "ulimit -v $kb: the board changed"; fail=1; }
        else
            echo "ulimit -v $kb: status 1 without the out-of-memory message:"
            cat "$tmp/err"
            fail=1
        fi ;;
    *)
        echo "ulimit -v $kb: status $code:"
        cat "$tmp/err"
        fail=1 ;;
    esac
done
echo "import_oom: $oom runs out of memory, $ok runs added the row"
[ "$oom" -gt 0 ] || { echo "no limit was low enough to test"; fail=1; }
exit $fail
