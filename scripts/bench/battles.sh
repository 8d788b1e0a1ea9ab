#!/bin/bash
# battles.sh: 'leaderboard battles' beside the peer a user runs today for
# Chatbot Arena's ratings (scripts/bench/peer_arena_bt.py: pandas and
# scipy, FastChat's compute_bt and bootstrap), on the same synthetic votes,
# in one run. Run it as 'scripts/bench.sh --battles [SIZE...]'.
#
# The job: read model_a,model_b,winner (gen_battles: 150 models, 10% ties),
# fit the Bradley-Terry ratings (a tie 1/2, 400 log10 + 1000), write them;
# with 100 bootstrap rounds, also their 2.5th and 97.5th percentiles.
#   leaderboard battles FILE -f csv [--bootstrap 100]
#   peer_arena_bt.py FILE [100]             (converged: the ratings compared)
#   peer_arena_bt.py --fastchat FILE [100]  (FastChat's own settings)
# The ratings of leaderboard and of the converged peer must agree within
# 0.01 (checked at every size). Peak memory should not grow with the votes
# (beyond the peer's); time should grow linearly.
#
# env:   RUNS=3 (median wall time, largest RSS; a first run over 20 s counts
#        as one, without a warm-up), MAX_S=600 (a warm-up run longer than
#        this is stopped and the tool skipped at that size),
#        TOOLS="lb lb_boot peer peer_boot fastchat fastchat_boot",
#        DATA=/tmp/leaderboard-bench
set -u
cd "$(dirname "$0")/../.." || exit 1
root=$PWD
RUNS=${RUNS:-3}
MAX_S=${MAX_S:-600}
DATA=${DATA:-/tmp/leaderboard-bench}
TOOLS=${TOOLS:-lb lb_boot peer peer_boot fastchat fastchat_boot}
SIZES=${*:-1e6 1e7}
bin=$DATA/bin
mkdir -p "$DATA/out" "$bin" || exit 1

./scripts/setup.sh >/dev/null || exit 1
lb=$root/build/leaderboard
missing=""
for p in python3-pandas python3-scipy time; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
if [ -n "$missing" ]; then
    sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    echo "battles.sh: installing$missing" >&2
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi
cc -O2 -o "$bin/gen_battles" scripts/bench/gen_battles.c -lm || exit 1
peer="/usr/bin/python3 $root/scripts/bench/peer_arena_bt.py"

command_of() { # tool file
    case $1 in
    lb) echo "$lb battles $2 -f csv -p 4" ;;
    lb_boot) echo "$lb battles $2 -f csv -p 4 --bootstrap 100" ;;
    peer) echo "$peer $2" ;;
    peer_boot) echo "$peer $2 100" ;;
    fastchat) echo "$peer --fastchat $2" ;;
    fastchat_boot) echo "$peer --fastchat $2 100" ;;
    esac
}

# one run: "milliseconds rss_kib", or nothing when it failed
run_once() {
    local t0 t1 limit=""
    [ -n "${2:-}" ] && limit="timeout -s KILL $2"
    t0=$(date +%s%N)
    # shellcheck disable=SC2086
    /usr/bin/time -f "%M" -o "$DATA/time.txt" $limit $1 > "$DATA/out/last.csv" \
        2> "$DATA/err.txt" || return 1
    t1=$(date +%s%N)
    echo "$(( (t1 - t0) / 1000000 )) $(tail -n 1 "$DATA/time.txt")"
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }

printf '%s\n' "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(lscpu | sed -n 's/^Model name: *//p' | head -1); load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%s\n' "runs: $RUNS (median wall time; peak RSS of the largest run)"
: > "$DATA/battles_ours.txt"
for size in $SIZES; do
    rows=$(awk -v s="$size" 'BEGIN { printf "%d", s }')
    file=$DATA/battles_$size.csv
    if [ ! -s "$file" ]; then
        "$bin/gen_battles" "$rows" > "$file.tmp" && mv "$file.tmp" "$file" || exit 1
    fi
    echo
    printf '== %s votes (%s MB)\n' "$size" "$(du -m "$file" | cut -f1)"
    printf '%-16s %10s %10s %10s\n' tool "wall s" "RSS MiB" "x ours"
    declare -A wall rss
    for tool in $TOOLS; do
        cmd=$(command_of "$tool" "$file")
        first=$(run_once "$cmd" $((MAX_S + 1))) ||
            { printf '%-16s %10s\n' "$tool" "(failed or >${MAX_S}s)"; continue; }
        cp "$DATA/out/last.csv" "$DATA/out/$tool.csv"
        : > "$DATA/runs.txt"
        runs=$RUNS
        # a run of more than 20 s does not need a warm-up: it is one of them
        if [ "${first%% *}" -gt 20000 ]; then
            echo "$first" >> "$DATA/runs.txt"
            runs=$((RUNS - 1))
        fi
        for _ in $(seq "$runs"); do
            run_once "$cmd" >> "$DATA/runs.txt"
        done
        wall[$tool]=$(cut -d' ' -f1 "$DATA/runs.txt" | median)
        rss[$tool]=$(cut -d' ' -f2 "$DATA/runs.txt" | sort -n | tail -n 1)
    done
    for tool in $TOOLS; do
        [ -n "${wall[$tool]:-}" ] || continue
        case $tool in
        *boot) ours=${wall[lb_boot]:-0} ;;
        *) ours=${wall[lb]:-0} ;;
        esac
        awk -v t="$tool" -v w="${wall[$tool]}" -v r="${rss[$tool]}" -v o="$ours" 'BEGIN {
            x = (o > 0) ? sprintf("%.1f", w / o) : "-"
            printf "%-16s %10.3f %10.1f %10s\n", t, w / 1000, r / 1024, x }'
    done
    # the ratings: ours against the converged peer's
    for pair in lb:peer lb_boot:peer_boot; do
        a=${pair%%:*} b=${pair#*:}
        [ -s "$DATA/out/$a.csv" ] && [ -s "$DATA/out/$b.csv" ] || continue
        /usr/bin/python3 - "$DATA/out/$a.csv" "$DATA/out/$b.csv" "$a" "$b" <<'PY'
import csv, sys
ours = {r["model"]: float(r["rating"]) for r in csv.DictReader(open(sys.argv[1]))}
peer = {r["model"]: float(r["rating"]) for r in csv.DictReader(open(sys.argv[2]))}
gap = max(abs(ours[m] - peer[m]) for m in peer)
ok = set(ours) == set(peer) and gap <= 0.01
print(f"ratings of {sys.argv[3]} and {sys.argv[4]}: {len(peer)} models, largest gap "
      f"{gap:.5f} ({'within' if ok else 'NOT within'} 0.01)")
PY
    done
    echo "$size ${wall[lb]:-} ${rss[lb]:-} ${wall[lb_boot]:-} ${rss[lb_boot]:-}" >> "$DATA/battles_ours.txt"
    unset wall rss
done
awk 'NF >= 5 && $2 != "" {
    if (n++) printf "growth %s -> %s votes: fit time %.2fx, memory %.2fx; with 100 rounds time %.2fx, memory %.2fx\n",
        size, $1, $2 / t, $3 / m, $4 / tt, $5 / tm
    size = $1; t = $2; m = $3; tt = $4; tm = $5
}' "$DATA/battles_ours.txt"
