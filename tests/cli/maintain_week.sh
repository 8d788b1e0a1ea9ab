#!/bin/sh
# maintain_week.sh LEADERBOARD SOURCE_DIR: README's "Maintaining a board"
# runs word for word (the indented block after "checks what it leaves:"),
# in an empty directory with LB the checkout and leaderboard on the PATH,
# and leaves what the README says: two refusals that wrote nothing, the
# flagged row with its reason, three commits, the history, a page with the
# title and links, a LaTeX float with the best scores in bold, two charts
# at 1280x720. Exits 77 (skipped) without git.
set -u
lb=$1 src=$2
command -v git >/dev/null 2>&1 || { echo "maintain_week: no git: skipped"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
awk '/checks what it leaves:$/ { on = 1; next }
     on && /^[^ ]/ && started { exit }
     on && /^    / { started = 1; print substr($0, 5); next }
     on && /^$/ && started { print "" }' "$src/README.md" > "$tmp/week.sh"
[ -s "$tmp/week.sh" ] || { echo "maintain_week: no block in README.md"; exit 1; }
mkdir "$tmp/board" "$tmp/bin"
ln -s "$lb" "$tmp/bin/leaderboard"
fail() { echo "maintain_week: $*"; sed 's/^/  | /' "$tmp/log"; exit 1; }
(
    cd "$tmp/board" &&
    LB=$src PATH="$tmp/bin:$PATH" HOME=$tmp \
    GIT_AUTHOR_NAME=Maintainer GIT_AUTHOR_EMAIL=m@example.org \
    GIT_COMMITTER_NAME=Maintainer GIT_COMMITTER_EMAIL=m@example.org \
    GIT_CONFIG_NOSYSTEM=1 SOURCE_DATE_EPOCH=1717200000 \
        sh -eu "$tmp/week.sh"
) > "$tmp/log" 2>&1 || fail "the README's block failed"
cd "$tmp/board" || exit 1
[ "$(grep -c "nothing imported" "$tmp/log")" -eq 2 ] ||
    fail "expected two refused imports"
grep -q "ARC: 'arc_challenge' was run 0-shot, not 25-shot" "$tmp/log" ||
    fail "the 0-shot refusal does not say why"
grep -q "lm-eval's own 'mmlu' value is 59.61" "$tmp/log" ||
    fail "no note on lm-eval's own MMLU value"
grep -q "used 10 of its 100 samples (--limit)" "$tmp/log" ||
    fail "the --limit refusal does not say why"
grep -q '^Qwen/Qwen2.5-1.5B,.*,1.5,apache-2.0,,bfloat16,"not comparable: ARC' board.csv ||
    fail "the flagged row lacks its metadata or its reason"
grep -q '^example/open-8b,' board.csv || fail "the row added by hand is missing"
if grep -q 'Llama-3.1' board.csv; then fail "the --limit run was written"; fi
[ "$(git rev-list --count HEAD)" -eq 3 ] || fail "expected 3 commits"
grep -q "added 'example/open-8b': rank 5 of 14" "$tmp/log" ||
    fail "add did not report rank 5 of 14"
grep -q "History of board.csv in git: 3 commits" "$tmp/log" ||
    fail "history did not read the 3 commits"
grep -q '<h1>Our open LLM board</h1>' site/index.html ||
    fail "the page lacks its title"
grep -q 'href="https://huggingface.co/01-ai/Yi-34B"' site/index.html ||
    fail "the page lacks the model links"
grep -q 'caption{Open LLM Leaderboard v1 benchmarks}' paper/board.tex &&
    grep -q 'label{tab:board}' paper/board.tex &&
    grep -q 'textbf{69.42}' paper/board.tex ||
    fail "the LaTeX float lacks its caption, label or bold best"
for c in average history; do
    [ -s "slides/$c.png" ] || fail "slides/$c.png was not drawn"
    grep -q "size 1280,720" "slides/$c.gp" || fail "slides/$c.gp is not 1280x720"
done
echo "maintain_week: the README's week ran and left what it says"
