#!/bin/sh
# run.sh BINARY SOURCE_DIR WORK_DIR: the LaTeX tables, compiled.
#
# Writes the tables of 'rank', 'diff' and 'battles' with -f latex (the
# board, hostile names, a board where lower is better, headers from a
# schema's titles, --compare-methods, a diff, ratings from votes, and
# --caption/--label/--width), puts each in a small document and compiles it
# with pdflatex (Debian's texlive-latex-base and texlive-latex-recommended:
# booktabs, graphicx, geometry). Fails on a TeX error, on any warning and
# on any overfull or underfull box in the log. Without pdflatex it exits 77,
# which ctest reports as skipped, unless LB_TEX_REQUIRED=1 (as
# scripts/test.sh sets after 'scripts/setup.sh --tex'), when it fails.
set -eu
bin=$1 src=$2 work=$3

if ! command -v pdflatex >/dev/null 2>&1 ||
    ! kpsewhich booktabs.sty >/dev/null 2>&1; then
    echo "tex test: pdflatex or booktabs.sty missing (scripts/setup.sh --tex" \
        "installs them)"
    [ "${LB_TEX_REQUIRED:-}" = 1 ] && exit 1
    exit 77
fi
rm -rf "$work"
mkdir -p "$work"
cd "$src"
fail=0

# table NAME ARGS...: writes $work/NAME.tex with leaderboard ARGS -f latex
table() {
    name=$1
    shift
    if ! "$bin" "$@" -f latex -o "$work/$name.tex" 2> "$work/$name.err"; then
        echo "FAIL $name: leaderboard $*:"
        cat "$work/$name.err"
        fail=1
    fi
}

# tables that keep their natural width: on a page wide enough for them
table board rank benchmarks/openllm.csv
table hostile rank tests/cli/fixtures/plot_hostile.csv \
    -w "model != '模型/大-7B'"
table latex_specials rank tests/tex/specials.csv --method mean-rank -c params_b
table lower rank tests/cli/fixtures/boards/open_asr_en_shortform.csv -n 12
table compare rank benchmarks/openllm.csv --compare-methods
table diff diff benchmarks/openllm.csv tests/cli/fixtures/diff_new.csv
table battles battles tests/cli/fixtures/battles/arena.json
# floats scaled to the text's width
table v2 rank benchmarks/openllm_v2_final.csv -n 10 -c params_b,license \
    --caption 'Open LLM Leaderboard v2: the top 10 (100% of _ & $ #)' \
    --label tab:v2 --width '\linewidth'
table v2_half rank benchmarks/openllm_v2_final.csv -n 5 \
    --label tab:half --width '0.5\textwidth'
[ "$fail" = 0 ] || exit 1

# document NAME PREAMBLE TABLES...: compiles NAME.tex, each table \input
document() {
    name=$1 preamble=$2
    shift 2
    {
        printf '%s\n' '\documentclass{article}' '\usepackage{booktabs}' \
            '\usepackage{graphicx}' "$preamble" '\begin{document}'
        for t in "$@"; do
            case $(cat "$work/$t.tex") in
            *'\begin{table}'*) printf '\\input{%s}\n' "$t" ;;
            *) printf '\\begin{table}\\centering\n\\input{%s}\n\\end{table}\n' \
                "$t" ;;
            esac
        done
        printf '%s\n' '\end{document}'
    } > "$work/$name.tex"
    # twice, as a paper is compiled: the labels settle
    if ! (cd "$work" && for run in 1 2; do
        pdflatex -interaction=nonstopmode -halt-on-error -no-shell-escape \
            "$name.tex" > /dev/null 2>&1 || exit 1
    done); then
        echo "FAIL $name: pdflatex failed:"
        grep -A3 '^!' "$work/$name.log" | head -20
        fail=1
        return
    fi
    # every warning, and every box TeX could not set well
    if grep -n -E 'Warning|Overfull|Underfull|^!' "$work/$name.log" \
        > "$work/$name.problems"; then
        echo "FAIL $name: the log has warnings:"
        head -20 "$work/$name.problems"
        fail=1
        return
    fi
    echo "ok   $name: $*"
}

document wide '\usepackage[paperwidth=70cm,paperheight=60cm,margin=1cm]{geometry}' \
    board hostile latex_specials lower compare diff battles
document paper '' v2 v2_half
[ "$fail" = 0 ] && echo "all tables compile"
exit "$fail"
