#!/bin/sh
# suite_schemas.sh LEADERBOARD SOURCE_DIR: the built-in suites are the
# Table Schemas of src/suites. For each suite --list suites names:
# 'schema --suite ID' prints src/suites/ID.schema.json byte for byte, and a
# board ranked with that file as its --schema gives the same CSV as the
# board ranked with the suite built in (every file of src/suites is a
# suite, and every suite a file).
set -eu
lb=$1
cd "$2"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
for id in $("$lb" --list suites); do
    "$lb" schema --suite "$id" > "$tmp/$id.json"
    cmp "$tmp/$id.json" "src/suites/$id.schema.json"
    n=$((n + 1))
done
files=$(ls src/suites/*.schema.json | wc -l)
if [ "$n" -ne "$files" ] || [ "$n" -lt 2 ]; then
    echo "suite_schemas: $n suites listed, $files files in src/suites" >&2
    exit 1
fi
for pair in openllm-v1:benchmarks/openllm.csv \
            openllm-v1:benchmarks/openllm_v1_final.csv \
            openllm-v2:benchmarks/openllm_v2_final.csv; do
    id=${pair%%:*}
    board=${pair#*:}
    for method in mean normalized; do
        "$lb" rank -f csv --suite "$id" --method "$method" "$board" > "$tmp/a.csv"
        "$lb" rank -f csv --schema "src/suites/$id.schema.json" \
            --method "$method" "$board" > "$tmp/b.csv"
        cmp "$tmp/a.csv" "$tmp/b.csv"
    done
done
echo "suite_schemas: $n suites, each its src/suites file"
