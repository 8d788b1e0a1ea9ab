#!/bin/sh
# plot_files.sh BINARY SOURCE_DIR
#
# The scripts and data of 'leaderboard plot --script-only':
#   - for benchmarks/openllm.csv they are byte for byte the committed
#     examples in plots/ (deterministic, and plots/ is up to date);
#   - they do not depend on the output directory nor on where the program
#     runs, nor on reading the file from standard input;
#   - by default only the charts that the data support;
#   - missing directories are created; a file in the way is an error;
#   - no temporary file is left behind.
set -u
bin=$1 src=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
csv=$src/benchmarks/openllm.csv
fail=0
bad() { echo "plot_files: $*"; fail=1; }
charts="average benchmarks profile size"

cd "$tmp" || exit 1
"$bin" plot "$csv" --script-only -o a > a.stdout
code=$?
[ "$code" = 0 ] || bad "exit status $code"
printf 'a/%s.gp\n' $charts > want
cmp -s want a.stdout || bad "stdout: $(cat a.stdout)"
for c in $charts; do
    for ext in gp dat; do
        cmp -s "$src/plots/$c.$ext" "a/$c.$ext" ||
            bad "a/$c.$ext differs from plots/$c.$ext (run: ./build/leaderboard plot benchmarks/openllm.csv)"
    done
done

# another directory, nested and missing, from another working directory,
# the file from standard input
mkdir elsewhere
(cd elsewhere && "$bin" plot - --script-only -o "$tmp/b/c/d" < "$csv" \
    > /dev/null) || bad "nested directory: exit status $?"
for c in $charts; do
    for ext in gp dat; do
        cmp -s "a/$c.$ext" "b/c/d/$c.$ext" || bad "b/c/d/$c.$ext differs"
    done
done
find . -name '*.tmp.*' | grep -q . && bad "a temporary file was left behind"

# by default, only the charts the data support: no params column (no
# size), and with --missing partial no model with every score (no profile)
printf 'model,x,y,z\na,1,,3\nb,,2,3\n' > partial.csv
"$bin" plot partial.csv --missing partial --script-only -o p > p.stdout ||
    bad "default charts: exit status $?"
printf 'p/%s.gp\n' average benchmarks > want
cmp -s want p.stdout || bad "default charts: $(cat p.stdout)"
"$bin" plot partial.csv --missing partial --script-only -o p --chart profile \
    > /dev/null 2> err
[ $? = 1 ] || bad "--chart profile without a complete model: not an error"

# --title, --size, --range, --size-column: in every script; names
# shortened yet distinct; bars only from zero, dots otherwise
asr=$src/tests/cli/fixtures/boards/open_asr_en_shortform.csv
"$bin" plot "$asr" --script-only -o s --title "ASR's \`slide\`" --size 1280x720 \
    --size-column 'Model size (B)' > /dev/null 2> err ||
    bad "style options: exit status $? ($(cat err))"
for c in average benchmarks profile size; do
    grep -q "^set terminal pngcairo noenhanced size 1280,720 " "s/$c.gp" ||
        bad "--size: s/$c.gp"
    grep -q "^set title 'ASR''s \`slide\`'" "s/$c.gp" ||
        bad "--title: s/$c.gp: $(grep '^set title' "s/$c.gp")"
done
# WER: lower is better, in its own units, zoomed (dots), best on top of size
grep -q "^set xlabel 'average WER, lower is better (the axis starts at 5.2, not 0: dots, not bars)'$" s/average.gp ||
    bad "average WER axis: $(grep xlabel s/average.gp)"
grep -q 'with points pt 7' s/average.gp || bad "zoomed average: no dots"
grep -q 'boxxyerror' s/average.gp && bad "zoomed average: bars"
grep -q "^set ylabel 'WER, lower is better'$" s/benchmarks.gp ||
    bad "benchmarks axis: $(grep ylabel s/benchmarks.gp)"
grep -q "^set xlabel 'Model size (B) (log scale)'$" s/size.gp ||
    bad "--size-column: $(grep xlabel s/size.gp)"
grep -q '^set yrange \[[0-9.]*:[0-9.]*\]$' s/size.gp &&
    [ "$(sed -n 's/^set yrange \[\([0-9.]*\):.*/\1/p' s/size.gp)" != 0 ] ||
    bad "size: the best (lowest) WER is not at the top: $(grep yrange s/size.gp)"
grep -q 'outwards is better' s/profile.gp || bad "profile: WER not outwards"
# --range from zero: bars again
"$bin" plot "$asr" --script-only -o z --chart average --range 0: > /dev/null ||
    bad "--range 0:: exit status $?"
grep -q boxxyerror z/average.gp || bad "--range 0:: no bars"
grep -q '^set xrange \[0:' z/average.gp || bad "--range 0:: $(grep xrange z/average.gp)"
# the issue's two names, cut at the same place before: distinct labels
printf '%s\n' 'model,a,b,c' \
    'Contamination/contaminated_proof_7b_v1.0,81,82,83' \
    'Contamination/contaminated_proof_7b_v1.0_safetensor,81,82,83' \
    'an/other,1,2,3' > names.csv
"$bin" plot names.csv --script-only -o n --chart average,benchmarks > /dev/null ||
    bad "names: exit status $?"
grep -qF "'1. Contamination/contaminated_proof_7b_v1.0' 0" n/average.gp ||
    bad "names: $(grep ytics n/average.gp)"
grep -qF "'1. Contamination/contaminat…v1.0_safetensor' 1" n/average.gp ||
    bad "names: $(grep ytics n/average.gp)"

# a file where the directory should be
: > notadir
"$bin" plot "$csv" --script-only -o notadir > /dev/null 2> err
code=$?
[ "$code" = 1 ] || bad "-o FILE: exit status $code, expected 1"
grep -q "^leaderboard: cannot write into 'notadir': not a directory$" err ||
    bad "-o FILE: message: $(cat err)"

exit $fail
