#!/bin/sh
# html_charts.sh BINARY SOURCE_DIR
#
# The charts of 'rank --format html':
#   - without gnuplot in PATH: the page is written, without charts and
#     saying so, and the exit status is 3; --no-charts: none, status 0;
#   - with gnuplot (when installed): four SVG charts as data: images, the
#     same page byte for byte run after run, nothing left in TMPDIR, and
#     with --top the table is cut but the charts are not; with --ci and
#     standard errors, the 'ranks' chart too, with its caption (this
#     crashed once: the page had captions for four charts of five);
#   - 'battles --format html': the ratings, win-rate and counts charts,
#     whatever --top cuts from the table; without gnuplot, status 3.
set -u
bin=$1 src=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
csv=$src/benchmarks/openllm.csv
fail=0
bad() { echo "html_charts: $*"; fail=1; }
mkdir "$tmp/empty" "$tmp/t"

PATH=$tmp/empty "$bin" rank "$csv" -o "$tmp/no.html" 2> "$tmp/no.err"
code=$?
[ "$code" = 3 ] || bad "without gnuplot: exit status $code, expected 3"
grep -q '</html>' "$tmp/no.html" || bad "without gnuplot: no page"
grep -q 'No charts: gnuplot was not found' "$tmp/no.html" ||
    bad "without gnuplot: the page does not say why it has no charts"
grep -q 'data:image' "$tmp/no.html" && bad "without gnuplot: an image"
grep -q "^leaderboard: cannot run gnuplot" "$tmp/no.err" ||
    bad "without gnuplot: no message on stderr"

PATH=$tmp/empty "$bin" rank "$csv" --no-charts -o "$tmp/none.html"
code=$?
[ "$code" = 0 ] || bad "--no-charts: exit status $code, expected 0"
grep -q 'id="charts"' "$tmp/none.html" && bad "--no-charts: a charts section"

if command -v gnuplot >/dev/null 2>&1; then
    TMPDIR=$tmp/t "$bin" rank "$csv" -o "$tmp/a.html" || bad "gnuplot: failed"
    TMPDIR=$tmp/t "$bin" rank "$csv" -f html > "$tmp/b.html" ||
        bad "gnuplot: failed on stdout"
    n=$(grep -o 'src="data:image/svg+xml;base64,' "$tmp/a.html" | wc -l)
    [ "$n" = 4 ] || bad "gnuplot: $n charts, expected 4"
    cmp -s "$tmp/a.html" "$tmp/b.html" || bad "gnuplot: two runs differ"
    [ -z "$(ls -A "$tmp/t")" ] || bad "gnuplot: files left in TMPDIR"
    "$bin" rank "$csv" -n 3 -o "$tmp/top.html" || bad "--top: failed"
    rows=$(grep -c '^<tr data-i=' "$tmp/top.html")
    [ "$rows" = 3 ] || bad "--top 3: $rows rows"
    n=$(grep -o 'src="data:image/svg+xml;base64,' "$tmp/top.html" | wc -l)
    [ "$n" = 4 ] || bad "--top 3: $n charts, expected 4"
    "$bin" rank "$src/tests/cli/fixtures/stderr.csv" --ci -o "$tmp/ci.html" ||
        bad "--ci: failed"
    grep -q "<figcaption>Each model&#39;s 95% rank interval, rank 1 on top" \
        "$tmp/ci.html" || bad "--ci: no 'ranks' chart"
    votes=$src/tests/cli/fixtures/battles/arena.json
    TMPDIR=$tmp/t "$bin" battles "$votes" -n 2 --bootstrap 20 \
        -o "$tmp/votes.html" 2> /dev/null || bad "battles: failed"
    n=$(grep -o 'src="data:image/svg+xml;base64,' "$tmp/votes.html" | wc -l)
    [ "$n" = 3 ] || bad "battles: $n charts, expected 3"
    rows=$(grep -c '^<tr data-i=' "$tmp/votes.html")
    [ "$rows" = 2 ] || bad "battles --top 2: $rows rows"
    grep -q "<figcaption>The observed win rate of each model" "$tmp/votes.html" ||
        bad "battles: no 'win-rate' chart"
    [ -z "$(ls -A "$tmp/t")" ] || bad "battles: files left in TMPDIR"
fi
PATH=$tmp/empty "$bin" battles "$src/tests/cli/fixtures/battles/arena.json" \
    -o "$tmp/votes-no.html" 2> /dev/null
code=$?
[ "$code" = 3 ] || bad "battles without gnuplot: exit status $code, expected 3"
grep -q 'No charts: gnuplot was not found' "$tmp/votes-no.html" ||
    bad "battles without gnuplot: the page does not say why it has no charts"
exit $fail
