#!/bin/sh
# history_chart.sh LEADERBOARD SOURCE_DIR: history's chart takes plot's
# --size (a slide's canvas): the script sets that canvas, and without
# --size it keeps its own; --size without a chart is a usage error.
set -eu
lb=$1
cd "$2"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
f=tests/cli/fixtures/history
"$lb" history --chart "$tmp/a" --script-only --size 1280x720 \
    $f/2026-01.csv $f/2026-02.csv $f/2026-03.csv > /dev/null
grep -q "size 1280,720" "$tmp/a/history.gp" ||
    { echo "history_chart: --size 1280x720 not in history.gp"; exit 1; }
"$lb" history --chart "$tmp/b" --script-only \
    $f/2026-01.csv $f/2026-02.csv $f/2026-03.csv > /dev/null
if grep -q "size 1280,720" "$tmp/b/history.gp"; then
    echo "history_chart: the default canvas is 1280x720 too: the test cannot fail"
    exit 1
fi
if "$lb" history --size 1280x720 $f/2026-01.csv $f/2026-02.csv \
    > /dev/null 2> "$tmp/err"; then
    echo "history_chart: --size without a chart was accepted"; exit 1
fi
grep -q "go with --chart DIR" "$tmp/err"
echo "history_chart: ok"
