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

# Every block introduced by "prints (tests/cli/cases/NAME.out):" is that
# case's expected output (which the case checks against the program).
awk '/^prints \(tests\/cli\/cases\/[^)]*\.out\):$/ {
         if (file != "") close(file)
         file = substr($2, 2, length($2) - 3); n++
         print file > "'"$tmp"'/files"; on = 1; started = 0; next }
     on && /^[^ ]/ && started { on = 0; next }
     on && /^    / { started = 1; print substr($0, 5) > ("'"$tmp"'/block" n); next }
     on && /^$/ && started { print "" > ("'"$tmp"'/block" n) }' README.md
i=0
[ -f "$tmp/files" ] || { echo "README.md: no 'prints (tests/cli/cases/...)' block"; exit 1; }
while IFS= read -r f; do
    i=$((i + 1))
    sed -i -e :a -e '/^\n*$/{$d;N;ba' -e '}' "$tmp/block$i"
    if ! diff -u "$f" "$tmp/block$i"; then
        echo "README.md's block after 'prints ($f):' is not that file"
        exit 1
    fi
done < "$tmp/files"
