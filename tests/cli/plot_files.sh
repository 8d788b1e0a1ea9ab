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

# a file where the directory should be
: > notadir
"$bin" plot "$csv" --script-only -o notadir > /dev/null 2> err
code=$?
[ "$code" = 1 ] || bad "-o FILE: exit status $code, expected 1"
grep -q "^leaderboard: cannot write into 'notadir': not a directory$" err ||
    bad "-o FILE: message: $(cat err)"

exit $fail
