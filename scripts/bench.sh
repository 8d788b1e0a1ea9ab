#!/bin/bash
# bench.sh: 'leaderboard rank' side by side with the tools a user would pick
# instead (DuckDB, pandas, sqlite3, Miller) and with programs that only read
# the file (the floors), in one run, on the same synthetic files.
#
# usage: scripts/bench.sh [SIZE...]          SIZE: rows, e.g. 1e5 (default:
#                                            1e5 1e6 1e7)
#        scripts/bench.sh --battles [SIZE...]  the pairwise votes instead
#                                            (default 1e6 1e7): see below
# env:   RUNS=5        timed runs per tool (after one warm-up run); the
#                      table gives the median wall time and the largest RSS
#        MAX_S=120     a tool whose warm-up run takes longer is stopped and
#                      skipped at that size; one whose memory at the last
#                      size, scaled to this one, exceeds 80% of the memory
#                      available is not started
#        TOOLS="..."   a subset of: leaderboard leaderboard_text
#                      leaderboard_top10 cat
#                      floor_memchr floor_libcsv_n floor_libcsv duckdb
#                      pandas sqlite mlr
#        CHECK=1e6     outputs are compared (scripts/bench/compare.py) up to
#                      this size
#        DATA=/tmp/leaderboard-bench   data (1e7 rows: 737 MB) and outputs
#
# The job (every tool does the same): read model,params_b,license and six
# scores (empty = missing), average the scores present, rank by that
# average (competition ranks), write rank,model,average,params_b,license and
# the scores as CSV, highest first, the average at 2 decimals (as the peers
# print it: CSV is exact without -p). For leaderboard:
#   leaderboard rank FILE -f csv -p 2 --missing partial -c params_b,license
# Files are in the page cache (a warm-up run reads them first); output goes
# to /dev/null. Peers are installed on first use: Debian packages (miller,
# sqlite3, python3-pandas, time) and DuckDB's npm package in
# ~/.cache/leaderboard-bench (never in the repository).
set -u
cd "$(dirname "$0")/.." || exit 1
root=$PWD
if [ "${1:-}" = --battles ]; then
    shift
    exec ./scripts/bench/battles.sh "$@"
fi
RUNS=${RUNS:-5}
MAX_S=${MAX_S:-120}
DATA=${DATA:-/tmp/leaderboard-bench}
CHECK=${CHECK:-1e6}
TOOLS=${TOOLS:-leaderboard leaderboard_text leaderboard_top10 cat floor_memchr floor_libcsv_n floor_libcsv duckdb pandas sqlite mlr}
SIZES=${*:-1e5 1e6 1e7}
cache=${XDG_CACHE_HOME:-$HOME/.cache}/leaderboard-bench
duckdb_dir=$cache/duckdb-node
bin=$DATA/bin
mkdir -p "$DATA/out" "$bin" || exit 1

# ---- set-up -----------------------------------------------------------------
./scripts/setup.sh || exit 1
lb=$root/build/leaderboard
missing=""
for p in miller sqlite3 python3-pandas time; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
command -v node >/dev/null || missing="$missing nodejs npm"
if [ -n "$missing" ]; then
    sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    echo "bench.sh: installing$missing" >&2
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi
if [ ! -d "$duckdb_dir/node_modules/@duckdb/node-api" ]; then
    mkdir -p "$duckdb_dir" && (cd "$duckdb_dir" && npm init -y >/dev/null &&
        npm install --silent @duckdb/node-api >/dev/null) ||
        echo "bench.sh: DuckDB's npm package could not be installed: duckdb skipped" >&2
fi
cc -O2 -o "$bin/gen_scores" scripts/bench/gen_scores.c -lm &&
    cc -O2 -o "$bin/floor_libcsv" scripts/bench/floor_libcsv.c -lcsv &&
    cc -O2 -o "$bin/floor_memchr" scripts/bench/floor_memchr.c || exit 1

command_of() { # tool file -> the command line (word-split by the caller)
    case $1 in
    leaderboard) echo "$lb rank $2 -f csv -p 2 --missing partial -c params_b,license" ;;
    leaderboard_text) echo "$lb rank $2 -p 2 --missing partial -c params_b,license" ;;
    leaderboard_top10) echo "$lb rank $2 -f csv -p 2 --missing partial -c params_b,license --top 10" ;;
    cat) echo "cat $2" ;;
    floor_memchr) echo "$bin/floor_memchr $2" ;;
    floor_libcsv_n) echo "$bin/floor_libcsv -n $2" ;;
    floor_libcsv) echo "$bin/floor_libcsv $2" ;;
    duckdb) echo "env DUCKDB_NODE_DIR=$duckdb_dir node $root/scripts/bench/peer_duckdb.mjs $2" ;;
    pandas) echo "/usr/bin/python3 $root/scripts/bench/peer_pandas.py $2" ;;
    sqlite) echo "sh $root/scripts/bench/peer_sqlite.sh $2" ;;
    mlr) echo "sh $root/scripts/bench/peer_mlr.sh $2" ;;
    esac
}

available() {
    case $1 in
    duckdb) [ -d "$duckdb_dir/node_modules/@duckdb/node-api" ] && command -v node >/dev/null ;;
    pandas) /usr/bin/python3 -c 'import pandas' 2>/dev/null ;;
    sqlite) command -v sqlite3 >/dev/null ;;
    mlr) command -v mlr >/dev/null ;;
    *) true ;;
    esac
}

# one timed run: prints "milliseconds rss_kib" (wall from the clock, RSS
# from GNU time), or nothing when the command failed; with a second
# argument N, the command is killed after N seconds (the warm-up run)
run_once() {
    local t0 t1 rss limit=""
    [ -n "${2:-}" ] && limit="timeout -s KILL $2"
    t0=$(date +%s%N)
    # shellcheck disable=SC2086 # the command is a word list
    /usr/bin/time -f "%M" -o "$DATA/time.txt" $limit $1 > /dev/null 2> "$DATA/err.txt" || return 1
    t1=$(date +%s%N)
    rss=$(tail -n 1 "$DATA/time.txt")
    echo "$(( (t1 - t0) / 1000000 )) $rss"
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }

as_rows() { awk -v s="$1" 'BEGIN { printf "%d", s }'; }

printf '%s\n' "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
printf '%s\n' "runs: $RUNS (median wall time; peak RSS of the largest run)"
: > "$DATA/ours.txt"
declare -A prev_rss prev_rows
avail_kib=$(awk '/MemAvailable/ {print $2}' /proc/meminfo)
for size in $SIZES; do
    rows=$(as_rows "$size")
    file=$DATA/scores_$size.csv
    if [ ! -s "$file" ]; then
        "$bin/gen_scores" "$rows" > "$file.tmp" && mv "$file.tmp" "$file" || exit 1
    fi
    mb=$(du -m "$file" | cut -f1)
    echo
    printf '== %s rows (%s MB)\n' "$size" "$mb"
    printf '%-18s %10s %10s %10s %10s\n' tool "wall s" "RSS MiB" "x duckdb" "x floor"
    declare -A wall rss
    for tool in $TOOLS; do
        available "$tool" || { printf '%-18s %10s\n' "$tool" "(absent)"; continue; }
        cmd=$(command_of "$tool" "$file")
        # a tool whose memory grew with the rows at the last size and would
        # need more than 80% of the memory available here is not started
        # (Miller: 5.4 GiB at 1e6 rows, so about 54 GiB at 1e7)
        if [ -n "${prev_rss[$tool]:-}" ]; then
            need=$(awk -v r="${prev_rss[$tool]}" -v a="${prev_rows[$tool]}" -v b="$rows" \
                'BEGIN { printf "%d", r * b / a }')
            if [ "$need" -gt $((avail_kib * 8 / 10)) ] && [ "${prev_rss[$tool]}" -gt 1048576 ]; then
                printf '%-18s %10s\n' "$tool" "(needs ~$((need / 1048576)) GiB)"
                continue
            fi
        fi
        first=$(run_once "$cmd" $((MAX_S + 1))) ||
            { printf '%-18s %10s\n' "$tool" "(failed or >${MAX_S}s)"; continue; }
        if [ "${first%% *}" -gt $((MAX_S * 1000)) ]; then
            printf '%-18s %10s\n' "$tool" "(>${MAX_S}s)"
            continue
        fi
        : > "$DATA/runs.txt"
        for _ in $(seq "$RUNS"); do
            run_once "$cmd" >> "$DATA/runs.txt"
        done
        wall[$tool]=$(cut -d' ' -f1 "$DATA/runs.txt" | median)
        rss[$tool]=$(cut -d' ' -f2 "$DATA/runs.txt" | sort -n | tail -n 1)
        prev_rss[$tool]=${rss[$tool]}
        prev_rows[$tool]=$rows
    done
    for tool in $TOOLS; do
        [ -n "${wall[$tool]:-}" ] || continue
        awk -v t="$tool" -v w="${wall[$tool]}" -v r="${rss[$tool]}" \
            -v d="${wall[duckdb]:-0}" -v f="${wall[floor_libcsv_n]:-0}" 'BEGIN {
            x = (d > 0) ? sprintf("%.2f", w / d) : "-"
            y = (f > 0) ? sprintf("%.2f", w / f) : "-"
            printf "%-18s %10.3f %10.1f %10s %10s\n", t, w / 1000, r / 1024, x, y }'
    done
    if [ -n "${wall[leaderboard]:-}" ]; then
        awk -v w="${wall[leaderboard]}" -v f="${wall[floor_libcsv_n]:-0}" \
            -v r="${rss[leaderboard]}" -v mb="$(stat -c %s "$file")" 'BEGIN {
            x = (f > 0) ? sprintf("wall %.2fx the libcsv floor (target <= 1.3), ", w / f) : ""
            printf "targets: %speak RSS %.2fx the input (target <= 1.5)\n", x, r * 1024 / mb }'
        [ -n "${wall[leaderboard_text]:-}" ] &&
            awk -v w="${wall[leaderboard_text]}" -v c="${wall[leaderboard]}" 'BEGIN {
            printf "targets: the text format %.2fx the CSV time (target <= 1.2)\n", w / c }'
    fi
    echo "$size ${wall[leaderboard]:-} ${rss[leaderboard]:-} ${wall[leaderboard_top10]:-} ${rss[leaderboard_top10]:-}" >> "$DATA/ours.txt"
    if [ "$rows" -le "$(as_rows "$CHECK")" ]; then
        outs=""
        for tool in leaderboard duckdb pandas sqlite mlr; do
            case " $TOOLS " in *" $tool "*) ;; *) continue ;; esac
            available "$tool" || continue
            cmd=$(command_of "$tool" "$file")
            # shellcheck disable=SC2086
            $cmd > "$DATA/out/$tool.csv" 2> /dev/null && outs="$outs $DATA/out/$tool.csv"
        done
        echo "-- outputs checked against the input (scripts/bench/compare.py):"
        # shellcheck disable=SC2086
        python3 scripts/bench/compare.py "$file" $outs
    fi
    unset wall rss
done

# growth from one size to the next (targets: at most 11x for 10x the rows;
# --top 10 in memory that does not grow, in less time than the full rank)
awk 'NF >= 5 && $2 != "" {
    if (n++) printf "growth %s -> %s rows: full rank time %.2fx, memory %.2fx; --top 10 time %.2fx, memory %.2fx\n",
        size, $1, $2 / t, $3 / m, $4 / tt, $5 / tm
    size = $1; t = $2; m = $3; tt = $4; tm = $5
    last = sprintf("--top 10 at %s rows: %.3f s (full rank %.3f s), %.1f MiB (full rank %.1f MiB)", $1, $4 / 1000, $2 / 1000, $5 / 1024, $3 / 1024)
} END { if (n) print last }' "$DATA/ours.txt"
