#!/bin/sh
# check_readme.sh BINARY SOURCE_DIR
# The example output in README.md (the indented block after "The first
# prints:") must be what 'leaderboard rank benchmarks/openllm.csv' prints.
set -u
bin=$1 src=$2
cd "$src" || exit 1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
awk '/^The first prints:/ { on = 1; next }
     on && /^[^ ]/ && started { exit }
     on && /^    / { started = 1; print substr($0, 5); next }
     on && /^$/ && started { print "" }' README.md > "$tmp/want"
# the block ends at the next paragraph: drop the blank line before it
sed -i -e :a -e '/^\n*$/{$d;N;ba' -e '}' "$tmp/want"
# shellcheck disable=SC2086 # LB_RUNNER (valgrind.sh): a command and options
${LB_RUNNER:-} "$bin" rank benchmarks/openllm.csv > "$tmp/got" || exit 1
if ! diff -u "$tmp/want" "$tmp/got"; then
    echo "README.md's example output is not what the program prints"
    exit 1
fi
