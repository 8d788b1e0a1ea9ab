#!/bin/sh
# fuzz.sh SECONDS [TARGET...]: runs each libFuzzer target of tests/fuzz for
# SECONDS (all by default: fuzz_csv_load fuzz_csv_fast fuzz_names fuzz_add
# fuzz_decimal fuzz_chart fuzz_where fuzz_battles), as many at once as there
# are cores (FUZZ_JOBS=N to change), and exits non-zero if any of them found
# a crash, a leak, a
# timeout (an input taking more than FUZZ_TIMEOUT=10 s) or an input needing
# more than FUZZ_RSS_MB=2048 MB.
#
# Builds build-fuzz/ with clang (-fsanitize=fuzzer,address,undefined) the
# first time. Each target starts from its seeds in tests/fuzz/corpus/NAME/
# and keeps what it finds in OUT/corpus/NAME/ (so a later run goes on from
# there); a failing input is written to OUT/artifacts/NAME/ and its log is
# OUT/logs/NAME.log, OUT being $FUZZ_OUT (default build-fuzz). At the end it prints, per
# target, libFuzzer's final figures: executions, executions per second,
# coverage (cov: edges, ft: features) and corpus size.
set -eu
cd "$(dirname "$0")/.."

TARGETS_ALL="fuzz_csv_load fuzz_csv_fast fuzz_names fuzz_add fuzz_decimal fuzz_chart fuzz_where fuzz_battles"
B=build-fuzz
O=${FUZZ_OUT:-$B}

max_len() {
    case $1 in
    fuzz_csv_load | fuzz_csv_fast | fuzz_add | fuzz_battles) echo 16384 ;;
    fuzz_names) echo 1024 ;;
    fuzz_chart) echo 2048 ;;
    fuzz_where) echo 8192 ;;
    *) echo 256 ;;
    esac
}

# internal: one target, run by xargs below
if [ "${1:-}" = --one ]; then
    t=$2 secs=$3
    mkdir -p "$O/corpus/$t" "$O/artifacts/$t" "$O/logs"
    if ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0 \
        UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "$B/tests/fuzz/$t" -max_total_time="$secs" \
        -timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb="${FUZZ_RSS_MB:-2048}" \
        -max_len="$(max_len "$t")" -print_final_stats=1 \
        -artifact_prefix="$O/artifacts/$t/" \
        "$O/corpus/$t" "tests/fuzz/corpus/$t" >"$O/logs/$t.log" 2>&1; then
        echo "$t: ok"
    else
        echo "$t: FAILED (exit $?), see $O/logs/$t.log:" >&2
        grep -E 'ERROR|SUMMARY|check failed|runtime error|Test unit written' \
            "$O/logs/$t.log" | head -20 >&2
        exit 1
    fi
    exit 0
fi

if [ $# -lt 1 ]; then
    echo "usage: scripts/fuzz.sh SECONDS [TARGET...]" >&2
    exit 2
fi
secs=$1
shift
targets=${*:-$TARGETS_ALL}
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}

if [ ! -f "$B/CMakeCache.txt" ]; then
    cmake -S . -B "$B" -DCMAKE_C_COMPILER=clang -DLEADERBOARD_FUZZ=ON \
        -DBUILD_TESTING=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$B" -j "$jobs" >/dev/null

echo "== fuzzing $secs s per target, $jobs at a time: $targets"
rc=0
# shellcheck disable=SC2086 # one word per target
printf '%s\n' $targets |
    xargs -P "$jobs" -I{} sh "$0" --one {} "$secs" || rc=1

printf '%-14s %12s %8s %7s %7s %8s\n' target execs exec/s cov ft corpus
for t in $targets; do
    log=$O/logs/$t.log
    [ -f "$log" ] || continue
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    cov=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -n 1 |
        sed 's/.*cov: \([0-9]*\).*/\1/')
    ft=$(grep -E '^#[0-9]+.*ft: ' "$log" | tail -n 1 |
        sed 's/.*ft: \([0-9]*\).*/\1/')
    n=$(find "$O/corpus/$t" -type f | wc -l)
    printf '%-14s %12s %8s %7s %7s %8s\n' "$t" "${execs:--}" "${rate:--}" \
        "${cov:--}" "${ft:--}" "$n"
done
if [ "$rc" != 0 ]; then
    echo "== fuzzing found a failure (inputs in $O/artifacts/)" >&2
    exit 1
fi
echo "== fuzzing: no crash, leak or timeout"
