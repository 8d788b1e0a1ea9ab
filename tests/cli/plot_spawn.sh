#!/bin/sh
# plot_spawn.sh BINARY SOURCE_DIR
#
# How 'leaderboard plot' starts gnuplot, with stand-ins for gnuplot put
# first in PATH (the real one is not needed):
#   - gnuplot absent from PATH: exit status 3, the scripts and data written,
#     a message saying how to render them;
#   - --script-only never starts gnuplot;
#   - gnuplot failing, or exiting 0 without an image or with a file that is
#     not a PNG: exit status 3;
#   - the script path gnuplot gets starts with "./" even for a directory
#     named "-x" (gnuplot would take "-x..." for an option).
set -u
bin=$1 src=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
csv=$src/benchmarks/openllm.csv
fail=0
bad() { echo "plot_spawn: $*"; fail=1; }
cd "$tmp" || exit 1
mkdir empty bin

# 1. no gnuplot in PATH
PATH=$tmp/empty "$bin" plot "$csv" -o out1 > out1.stdout 2> out1.stderr
code=$?
[ "$code" = 3 ] || bad "without gnuplot: exit status $code, expected 3"
for c in average benchmarks profile size; do
    [ -s "out1/$c.gp" ] || bad "without gnuplot: out1/$c.gp missing"
    [ -s "out1/$c.dat" ] || bad "without gnuplot: out1/$c.dat missing"
    [ -e "out1/$c.png" ] && bad "without gnuplot: out1/$c.png exists"
done
[ -s out1.stdout ] && bad "without gnuplot: something on stdout"
grep -q "^leaderboard: cannot run gnuplot: No such file or directory$" \
    out1.stderr || bad "without gnuplot: no 'cannot run gnuplot' message"
grep -q "^  gnuplot 'out1/average.gp'$" out1.stderr ||
    bad "without gnuplot: the message does not say how to render"
ls out1 | grep -q '\.tmp\.' && bad "without gnuplot: a temporary file left"

# stand-ins: each records its arguments, then does what its name says
stand_in() { # NAME BODY
    mkdir -p "$1"
    printf '#!/bin/sh\necho "$@" >> %s/%s.log\n%s\n' "$tmp" "$1" "$2" \
        > "$1/gnuplot"
    chmod +x "$1/gnuplot"
}
stand_in failing 'exit 1'
stand_in silent 'exit 0'
stand_in text 'echo "not a png" > "${1%.gp}.png"; exit 0'
stand_in good 'printf "\211PNG\r\n\032\n...." > "${1%.gp}.png"; exit 0'

# 2. --script-only never starts gnuplot
PATH=$tmp/good:$PATH "$bin" plot "$csv" -o out2 --script-only > out2.stdout
code=$?
[ "$code" = 0 ] || bad "--script-only: exit status $code"
[ -e good.log ] && bad "--script-only started gnuplot"
printf 'out2/%s.gp\n' average benchmarks profile size > want2
cmp -s want2 out2.stdout || bad "--script-only: stdout is not the scripts"

# 3. failures
for s in failing silent text; do
    PATH=$tmp/$s:$PATH "$bin" plot "$csv" -o "out_$s" --chart average \
        > /dev/null 2> "$s.stderr"
    code=$?
    [ "$code" = 3 ] || bad "gnuplot $s: exit status $code, expected 3"
    [ -s "out_$s/average.gp" ] || bad "gnuplot $s: no script"
done
grep -q "gnuplot failed on './out_failing/average.gp' (exit status 1)" \
    failing.stderr || bad "gnuplot failing: message"
grep -q "made no image 'out_silent/average.png'" silent.stderr ||
    bad "gnuplot silent: message"
grep -q "'out_text/average.png' is not a PNG image" text.stderr ||
    bad "gnuplot text: message"

# 4. success, and the paths gnuplot gets
PATH=$tmp/good:$PATH "$bin" plot "$csv" -o -x > out4.stdout 2> out4.stderr
code=$?
[ "$code" = 0 ] || bad "good gnuplot: exit status $code"
printf -- '-x/%s.png\n' average benchmarks profile size > want4
cmp -s want4 out4.stdout || bad "good gnuplot: stdout is not the images"
printf './-x/%s.gp\n' average benchmarks profile size > want4log
cmp -s want4log good.log || bad "gnuplot got other arguments: $(cat good.log)"
# an old image never passes for a new one: it is removed first
rm good.log
PATH=$tmp/silent:$PATH "$bin" plot "$csv" -o -x --chart size \
    > /dev/null 2>&1
[ $? = 3 ] || bad "an old image passed for a new one"
[ -e ./-x/size.png ] && bad "the old image was not removed"

exit $fail
