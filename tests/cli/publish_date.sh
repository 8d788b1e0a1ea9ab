#!/bin/sh
# publish_date.sh BINARY SOURCE_DIR: the HTML page's source line by default.
# The source is the input files' names without their directories; the date
# the day (UTC) the newest of them was last modified, not later than
# SOURCE_DATE_EPOCH when that is set; standard input has neither; --source
# and --date replace them, '' leaves them out.
set -u
bin=$1 src=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
mkdir "$tmp/dir"
cp "$src/benchmarks/openllm.csv" "$tmp/dir/old.csv"
cp "$src/tests/cli/fixtures/diff_new.csv" "$tmp/dir/new.csv"
TZ=UTC0 touch -d '2020-01-02 23:30:00' "$tmp/dir/old.csv"
TZ=UTC0 touch -d '2021-03-04 00:10:00' "$tmp/dir/new.csv"
unset SOURCE_DATE_EPOCH

# line WANT ARGS...: the page's source line is WANT ('' for none)
line() {
    want=$1
    shift
    got=$("$@" 2> "$tmp/err" | grep '<p class="source">' |
        sed 's|<p class="source">\(.*\)</p>|\1|')
    if [ "$got" != "$want" ]; then
        echo "FAIL: $*: source line '$got', expected '$want'"
        cat "$tmp/err"
        fail=1
    else
        echo "ok   ${want:-(no source line)}"
    fi
}

line 'Source: old.csv, as of 2020-01-02' \
    "$bin" rank "$tmp/dir/old.csv" --no-charts -f html
line 'Source: old.csv and new.csv, as of 2021-03-04' \
    "$bin" diff "$tmp/dir/old.csv" "$tmp/dir/new.csv" -f html
# clamped by SOURCE_DATE_EPOCH (2020-06-01), not moved later by it
line 'Source: old.csv and new.csv, as of 2020-06-01' \
    env SOURCE_DATE_EPOCH=1590969600 \
    "$bin" diff "$tmp/dir/old.csv" "$tmp/dir/new.csv" -f html
line 'Source: old.csv, as of 2020-01-02' \
    env SOURCE_DATE_EPOCH=1590969600 \
    "$bin" rank "$tmp/dir/old.csv" --no-charts -f html
line 'Source: the board, as of March' \
    "$bin" rank "$tmp/dir/old.csv" --no-charts -f html \
    --source 'the board' --date March
line 'As of 2020-01-02' \
    "$bin" rank "$tmp/dir/old.csv" --no-charts -f html --source ''
line 'Source: old.csv' \
    "$bin" rank "$tmp/dir/old.csv" --no-charts -f html --date ''
line '' "$bin" rank "$tmp/dir/old.csv" --no-charts -f html --date '' \
    --source ''
line '' sh -c "\"\$0\" rank - --no-charts -f html < \"\$1\"" "$bin" \
    "$tmp/dir/old.csv"
# -o: the same in the file
"$bin" rank "$tmp/dir/old.csv" --no-charts -o "$tmp/page.html"
if ! grep -q '<p class="source">Source: old.csv, as of 2020-01-02</p>' \
    "$tmp/page.html"; then
    echo "FAIL: -o page.html has no source line"
    fail=1
fi
exit $fail
