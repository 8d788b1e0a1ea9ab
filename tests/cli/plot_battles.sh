#!/bin/sh
# plot_battles.sh BINARY SOURCE_DIR [GNUPLOT]
#
# 'leaderboard plot' on a file of votes (JSON battles, or CSV with model_a
# and model_b):
#   - --script-only writes the scripts and data of ratings, win-rate and
#     counts, byte for byte those in tests/cli/fixtures/battles/plots/, from
#     JSON as from the same votes as JSON lines;
#   - --chart picks among those three; a board's chart, or a board's option
#     (--dedup), is a usage error; a board's file asked for 'ratings' is an
#     error that says why;
#   - with gnuplot, the names of plot_hostile.csv (quotes, backquotes,
#     newlines, EOD, macros) are drawn in PNGs and run nothing.
set -u
bin=$1 src=$2 gnuplot=${3:-}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fix=$src/tests/cli/fixtures/battles
fail=0
bad() { echo "plot_battles: $*"; fail=1; }
charts="ratings win-rate counts"

cd "$tmp" || exit 1
"$bin" plot "$fix/arena.json" --script-only -o a > a.stdout 2> a.stderr
[ $? = 0 ] || bad "exit status $? ($(cat a.stderr))"
printf 'a/%s.gp\n' $charts > want
cmp -s want a.stdout || bad "stdout: $(cat a.stdout)"
for c in $charts; do
    for ext in gp dat; do
        cmp -s "$fix/plots/$c.$ext" "a/$c.$ext" ||
            bad "a/$c.$ext differs from tests/cli/fixtures/battles/plots/$c.$ext"
    done
done
"$bin" plot "$fix/arena.jsonl" --script-only -o b > /dev/null 2>&1 ||
    bad "JSON lines: exit status $?"
for c in $charts; do
    cmp -s "a/$c.dat" "b/$c.dat" || bad "JSON lines: b/$c.dat differs"
done

# a CSV of votes with a byte order mark is still votes (plot's sniff hands
# the header to the loader with its mark, as the reader does)
printf '\357\273\277model_a,model_b,winner\nA,B,model_a\nB,C,tie\nC,A,model_b\n' > bom.csv
"$bin" plot bom.csv --script-only -o m > m.stdout 2> m.stderr ||
    bad "votes with a byte order mark: exit status $? ($(cat m.stderr))"
printf 'm/%s.gp\n' $charts | cmp -s - m.stdout ||
    bad "votes with a byte order mark: stdout $(cat m.stdout)"

# the charts asked for, and the models
"$bin" plot "$fix/arena.json" --script-only -o c --chart ratings -n 2 \
    > c.stdout 2> /dev/null || bad "--chart ratings: exit status $?"
[ "$(cat c.stdout)" = c/ratings.gp ] || bad "--chart ratings: $(cat c.stdout)"
[ "$(grep -c '^[0-9]' c/ratings.dat)" = 2 ] || bad "-n 2: $(cat c/ratings.dat)"

# what does not apply
"$bin" plot "$fix/arena.json" --script-only -o d --chart average > /dev/null 2> err
[ $? = 2 ] || bad "--chart average on votes: not a usage error"
grep -q "is not a chart of votes: ratings, win-rate or counts" err ||
    bad "--chart average on votes: $(cat err)"
"$bin" plot "$fix/arena.json" --script-only -o d --dedup best > /dev/null 2> err
[ $? = 2 ] || bad "--dedup on votes: not a usage error"
grep -q "'--dedup' applies to score files" err || bad "--dedup: $(cat err)"
"$bin" plot "$src/benchmarks/openllm.csv" --script-only -o e --chart ratings \
    > /dev/null 2> err
[ $? = 1 ] || bad "--chart ratings on scores: exit status $?"
grep -q "chart 'ratings' is drawn from votes" err || bad "ratings on scores: $(cat err)"

# --title, --size and --range: the same options as on scores (one parser)
"$bin" plot "$fix/arena.json" --script-only -o s --title "Arena's 'best'" \
    --size 800x600 --range 800:1300 > /dev/null 2>&1 ||
    bad "--title --size --range on votes: exit status $?"
for c in $charts; do
    grep -q "^set terminal pngcairo noenhanced size 800,600 " "s/$c.gp" ||
        bad "--size on votes: s/$c.gp"
    grep -q "^set title 'Arena''s ''best''" "s/$c.gp" ||
        bad "--title on votes: s/$c.gp: $(grep '^set title' "s/$c.gp")"
done
grep -q '^set xrange \[800:' s/ratings.gp || bad "--range: $(grep range s/ratings.gp)"
grep -q '^set xtics 800,100,1300$' s/ratings.gp || bad "--range tics: $(grep xtics s/ratings.gp)"

# hostile names through the real gnuplot
if [ -n "$gnuplot" ]; then
    "$bin" plot "$fix/plot_hostile.csv" -o h -n 20 --title "x'\`touch pwned_title\`" \
        > h.stdout 2> h.stderr
    [ $? = 0 ] || bad "hostile: exit status $? ($(cat h.stderr))"
    [ -s h.stderr ] && bad "hostile: gnuplot complained: $(cat h.stderr)"
    for c in $charts; do
        sig=$(head -c 8 "h/$c.png" 2>/dev/null | od -An -c | tr -d ' ')
        [ "$sig" = '211PNG\r\n032\n' ] || bad "h/$c.png: not a PNG ($sig)"
    done
    find . -name 'pwned*' | grep -q . && bad "a hostile name ran"
fi
exit $fail
