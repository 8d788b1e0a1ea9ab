#!/bin/sh
# plot_render.sh BINARY SOURCE_DIR GNUPLOT
#
# Renders every chart with the real gnuplot from a fixture whose model and
# benchmark names try to run commands (a quote that ends the literal, a
# backquote, a newline, a line starting with EOD, a macro, a double quote,
# a trailing backslash, a CR and a TAB, invalid UTF-8), in a temporary
# working directory. Each chart must exit 0 and be a PNG of a plausible
# size, and no marker file may appear (the names touch pwned_* here and
# /tmp/pwned). Then each script must reproduce its image on its own, from
# another directory, as 'gnuplot DIR/NAME.gp'; and --terminal svg makes SVG.
set -u
bin=$1 src=$2 gnuplot=$3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fixture=$src/tests/cli/fixtures/plot_hostile.csv
fail=0
bad() { echo "plot_render: $*"; fail=1; }
charts="average benchmarks profile size"
had_tmp_pwned=no
[ -e /tmp/pwned ] && had_tmp_pwned=yes

cd "$tmp" || exit 1
"$bin" plot "$fixture" -o out -n 13 > stdout 2> stderr
code=$?
[ "$code" = 0 ] || bad "exit status $code: $(cat stderr)"
[ -s stderr ] && bad "gnuplot complained: $(cat stderr)"
for c in $charts; do
    f=out/$c.png
    sig=$(head -c 8 "$f" 2>/dev/null | od -An -c | tr -d ' ')
    [ "$sig" = '211PNG\r\n032\n' ] || bad "$f: not a PNG ($sig)"
    size=$(wc -c < "$f" 2>/dev/null || echo 0)
    [ "$size" -gt 20000 ] || bad "$f: $size bytes only"
done
if find "$tmp" -name 'pwned*' | grep -q .; then
    bad "a hostile name ran: $(find "$tmp" -name 'pwned*')"
fi
[ "$had_tmp_pwned" = no ] && [ -e /tmp/pwned ] && bad "/tmp/pwned was created"

# standalone scripts, run from elsewhere, then from their own directory
mkdir elsewhere
for c in $charts; do
    rm -f "out/$c.png"
    (cd elsewhere && "$gnuplot" "$tmp/out/$c.gp") 2>> gp.stderr ||
        bad "gnuplot $tmp/out/$c.gp failed"
    [ -s "out/$c.png" ] || bad "gnuplot out/$c.gp made no out/$c.png"
    rm -f "out/$c.png"
    (cd out && "$gnuplot" "$c.gp") 2>> gp.stderr || bad "gnuplot $c.gp failed"
    [ -s "out/$c.png" ] || bad "gnuplot $c.gp (in out/) made no image"
done
[ -s gp.stderr ] && bad "gnuplot complained: $(cat gp.stderr)"
find "$tmp" -name 'pwned*' | grep -q . && bad "a hostile name ran"

# SVG
"$bin" plot "$fixture" -o svg --terminal svg > /dev/null 2> stderr ||
    bad "--terminal svg: exit status $?: $(cat stderr)"
for c in $charts; do
    head -c 5 "svg/$c.svg" 2>/dev/null | grep -q '^<?xml\|^<svg' ||
        bad "svg/$c.svg is not SVG"
done
find "$tmp" -name 'pwned*' | grep -q . && bad "a hostile name ran (svg)"
[ "$had_tmp_pwned" = no ] && [ -e /tmp/pwned ] && bad "/tmp/pwned was created"

# '%' in names: gnuplot reads a tic label as a format ("Bad format
# character", or "org/%s" drawn as "org/0.000000"); every name is shown as
# written in every chart, and in the HTML page's charts
pct=$src/tests/cli/fixtures/plot_percent.csv
"$bin" plot "$pct" -o pct --terminal svg > /dev/null 2> stderr ||
    bad "'%' names: exit status $?: $(cat stderr)"
[ -s stderr ] && bad "gnuplot complained ('%' names): $(cat stderr)"
for c in $charts; do
    [ -s "pct/$c.svg" ] || bad "'%' names: no pct/$c.svg"
done
for name in 'org/model-50%-pruned' 'org/%s' 'org/%d%%%x' 'a%n%n%n%s%s'; do
    for c in average benchmarks profile; do
        grep -qF -- "$name" "pct/$c.svg" ||
            bad "'%' names: pct/$c.svg does not show '$name'"
    done
done
grep -q '0\.000000' pct/average.svg && bad "'%' names: a name was formatted"
"$bin" rank "$pct" -o pct.html 2> stderr || bad "'%' names: the page failed"
[ -s stderr ] && bad "gnuplot complained (page with '%' names): $(cat stderr)"
n=$(grep -o 'src="data:image/svg+xml;base64,' pct.html | wc -l)
[ "$n" = 4 ] || bad "'%' names: the page has $n charts, expected 4"

# intervals: error bars on 'average' and the 'ranks' chart
"$bin" plot "$src/tests/cli/fixtures/stderr.csv" -o ci > ci.stdout 2> stderr ||
    bad "intervals: exit status $?: $(cat stderr)"
# two benchmarks: no profile, and a note that says so
grep -q "^leaderboard: note: no chart 'profile': a spider chart needs 3 benchmarks or more (2 chosen)$" stderr ||
    bad "intervals: no note about the profile: $(cat stderr)"
grep -v "note: no chart 'profile'" stderr > stderr.rest
[ -s stderr.rest ] && bad "gnuplot complained (intervals): $(cat stderr.rest)"
for c in average ranks; do
    sig=$(head -c 8 "ci/$c.png" 2>/dev/null | od -An -c | tr -d ' ')
    [ "$sig" = '211PNG\r\n032\n' ] || bad "ci/$c.png: not a PNG ($sig)"
done
grep -q xerrorbars ci/average.gp || bad "ci/average.gp: no error bars"

# the appearance options: a hostile --title (it is user text like a name),
# a small canvas, a range; every chart renders, nothing runs
title="T' ; system('touch pwned_title') # \`touch pwned_bq\` @x $(printf 'a\nb\\')"
"$bin" plot "$fixture" -o look -n 13 --title "$title" --size 640x360 \
    --range 0: > /dev/null 2> stderr ||
    bad "--title --size --range: exit status $?: $(cat stderr)"
[ -s stderr ] && bad "gnuplot complained (--title --size): $(cat stderr)"
for c in $charts; do
    [ -s "look/$c.png" ] || bad "--title --size: no look/$c.png"
    grep -q "^set terminal pngcairo noenhanced size 640,360 " "look/$c.gp" ||
        bad "--size: look/$c.gp is not 640x360"
done
find "$tmp" -name 'pwned*' | grep -q . && bad "a hostile --title ran"
[ "$had_tmp_pwned" = no ] && [ -e /tmp/pwned ] && bad "/tmp/pwned was created"

exit $fail
