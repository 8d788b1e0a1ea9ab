#!/bin/sh
# outputs_md5.sh: the md5 of what 'leaderboard rank' writes in every format
# and a few option sets, on one score file, so that a change meant only to be
# faster can be shown to leave every output byte-identical: run it before and
# after, and diff the two lists.
#
# usage: scripts/bench/outputs_md5.sh [LEADERBOARD [FILE]]
#        (default: build/leaderboard, /tmp/lbbench/s1e5.csv: 100,000 rows
#        of scripts/bench/gen_scores.c; benchmarks/outputs_md5.txt is the
#        list for that file)
set -u
# the HTML page's source line dates the file by its mtime, clamped to
# SOURCE_DATE_EPOCH: fixed, so that the page's md5 does not follow the file
SOURCE_DATE_EPOCH=1717200000
export SOURCE_DATE_EPOCH
lb=${1:-build/leaderboard}
f=${2:-/tmp/lbbench/s1e5.csv}
[ -s "$f" ] || { echo "outputs_md5.sh: no file $f" >&2; exit 2; }
tmp=$(mktemp) || exit 1
trap 'rm -f "$tmp"' EXIT
sum() { # label, then the rank options
    label=$1; shift
    "$lb" rank "$@" > "$tmp" 2>&1
    code=$?
    out=$(md5sum < "$tmp" | cut -c1-32)
    printf '%s %s exit=%s\n' "$out" "$label" "$code"
}
for fmt in text csv tsv json markdown html latex; do
    extra=""; [ "$fmt" = html ] && extra=--no-charts
    sum "$fmt" "$f" -f "$fmt" $extra
    sum "$fmt -p2 partial -c" "$f" -f "$fmt" -p 2 --missing partial -c params_b,license $extra
    sum "$fmt -n10" "$f" -f "$fmt" -n 10 $extra
done
sum "csv zero -p3" "$f" -f csv --missing zero -p 3 -c license
sum "csv exact ties" "$f" -f csv --ties exact --missing partial
sum "csv dense -c all" "$f" -f csv --ties dense -c model,params_b,license
sum "text -s MMLU" "$f" -s MMLU -c params_b
sum "csv -s ARC asc" "$f" -f csv -s ARC --ascending
sum "csv -b" "$f" -f csv -b ARC,MMLU,GSM8K --missing partial
sum "csv where" "$f" -f csv -w 'params_b <= 13' --missing partial
sum "text stdin" - -c params_b,license < "$f"
sum "csv stdin -n10" - -f csv -n 10 < "$f"
sum "csv --ci" "$f" -f csv -n 20 --ci --bootstrap 100 --missing partial \
    --stderr ARC=1 --stderr HellaSwag=1 --stderr MMLU=1 --stderr TruthfulQA=1 \
    --stderr Winogrande=1 --stderr GSM8K=1
sum "text --ci" "$f" -n 20 --ci --bootstrap 100 --missing partial \
    --stderr ARC=1 --stderr HellaSwag=1 --stderr MMLU=1 --stderr TruthfulQA=1 \
    --stderr Winogrande=1 --stderr GSM8K=1
sum "text openllm" benchmarks/openllm.csv
sum "csv openllm" benchmarks/openllm.csv -f csv
