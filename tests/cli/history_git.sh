#!/bin/sh
# history_git.sh BINARY SOURCE_DIR
#
# 'leaderboard history --git' on a repository made here with the git
# command (the program itself reads it with libgit2), with fixed dates and
# names so that commit ids, and so the output, are the same on every run:
#   - the file's versions from a subdirectory, the path relative to it
#     (the output is tests/cli/history_git.out); a commit that did not
#     change the file is not a snapshot; a commit whose file does not parse
#     is skipped with a message naming it, or fails with --strict;
#   - --last, --since, JSON's commit ids;
#   - a shallow clone (made from the repository on disk: no network);
#   - not a repository, a file never committed;
#   - the chart (in a directory, and in the HTML page), with hostile model
#     names that gnuplot must show, not run.
# Skipped (77) without git.
set -u
bin=$1 src=$2
command -v git >/dev/null 2>&1 || { echo "history_git: no git: skipped"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "history_git: $*"; fail=1; }
fx=$src/tests/cli/fixtures/history

repo=$tmp/repo
mkdir -p "$repo/benchmarks/sub" && cd "$repo" || exit 1
export GIT_CONFIG_NOSYSTEM=1 HOME="$tmp"
git init -q . && git config user.name T && git config user.email t@example.com &&
    git config commit.gpgsign false || exit 1
commit() {
    GIT_AUTHOR_DATE="$1T12:00:00Z" GIT_COMMITTER_DATE="$1T12:00:00Z" \
        git -c core.autocrlf=false commit -q --no-verify -m "$2" || exit 1
}
echo readme > README && git add README && commit 2026-01-01 "readme"
cp "$fx/2026-01.csv" benchmarks/board.csv && git add -A && commit 2026-01-31 "January board"
echo more >> README && git add -A && commit 2026-02-10 "unrelated"
cp "$fx/bad.csv" benchmarks/board.csv && git add -A && commit 2026-02-20 "broken board"
cp "$fx/2026-02.csv" benchmarks/board.csv && git add -A && commit 2026-02-28 "February board"
cp "$fx/2026-03.csv" benchmarks/board.csv && git add -A && commit 2026-03-31 "March board"

# from a subdirectory, the path relative to it
(cd benchmarks/sub && "$bin" history --git ../board.csv > "$tmp/out" 2> "$tmp/err")
code=$?
[ "$code" = 0 ] || bad "--git: exit status $code"
cmp -s "$src/tests/cli/history_git.out" "$tmp/out" ||
    bad "--git: output differs from tests/cli/history_git.out: $(diff "$src/tests/cli/history_git.out" "$tmp/out")"
grep -q "^leaderboard: history: skipped commit [0-9a-f]\{7\} (2026-02-20): [0-9a-f]\{7\}:benchmarks/board.csv:2:2: 'abc' is not a number (column 'ARC')\$" "$tmp/err" ||
    bad "--git: the skipped commit is not named: $(cat "$tmp/err")"

"$bin" history --git benchmarks/board.csv --strict > "$tmp/out" 2> "$tmp/err"
code=$?
[ "$code" = 1 ] || bad "--strict: exit status $code"
[ -s "$tmp/out" ] && bad "--strict: output written"
grep -q "^leaderboard: commit [0-9a-f]\{7\} (2026-02-20): .*'abc' is not a number" "$tmp/err" ||
    bad "--strict: $(cat "$tmp/err")"

"$bin" history --git benchmarks/board.csv --last 1 > "$tmp/out" 2>&1 ||
    bad "--last: exit status $?"
grep -q "1 commit that changed it on HEAD's first-parent line. Older ones left out by --last." "$tmp/out" ||
    bad "--last: $(head -3 "$tmp/out")"
grep -q "skipped" "$tmp/out" && bad "--last 1 read the broken commit"
"$bin" history --git benchmarks/board.csv --since 2026-02-21 -f csv > "$tmp/out" 2>&1 ||
    bad "--since: exit status $?"
head -1 "$tmp/out" | grep -q '^status,rank,model,precision,value,move,first,last,rank 2026-02-28 [0-9a-f]\{7\},value 2026-02-28 [0-9a-f]\{7\},rank 2026-03-31 [0-9a-f]\{7\},value 2026-03-31 [0-9a-f]\{7\}$' ||
    bad "--since: $(head -1 "$tmp/out")"
"$bin" history --git benchmarks/board.csv --since 2027-01-01 > "$tmp/out" 2> "$tmp/err"
[ $? = 1 ] || bad "--since after every commit: not an error"
grep -qx "leaderboard: no commit changed 'benchmarks/board.csv' in the dates asked for (--since)" "$tmp/err" ||
    bad "--since after every commit: $(cat "$tmp/err")"
head=$(git rev-parse HEAD)
"$bin" history --git benchmarks/board.csv -f json 2>/dev/null |
    grep -q "\"commit\": \"$head\"" || bad "json: no commit id $head"

# a shallow clone of the last two commits
git clone -q --depth 2 "file://$repo" "$tmp/shallow" 2>/dev/null || bad "cannot clone"
(cd "$tmp/shallow" && "$bin" history --git benchmarks/board.csv) > "$tmp/out" 2>&1 ||
    bad "shallow: exit status $?"
grep -q "2 commits that changed it on HEAD's first-parent line. The clone is shallow: its history starts at commit [0-9a-f]\{7\} (2026-02-28)." "$tmp/out" ||
    bad "shallow: $(head -3 "$tmp/out")"

# not a repository; a file never committed
mkdir "$tmp/norepo" && cp "$fx/2026-01.csv" "$tmp/norepo/board.csv"
if ! git -C "$tmp/norepo" rev-parse 2>/dev/null; then
    "$bin" history --git "$tmp/norepo/board.csv" > "$tmp/out" 2> "$tmp/err"
    [ $? = 1 ] || bad "not a repository: not an error"
    grep -qx "leaderboard: '$tmp/norepo/board.csv' is not in a git repository (none in its directory or above)" "$tmp/err" ||
        bad "not a repository: $(cat "$tmp/err")"
fi
cp "$fx/2026-01.csv" benchmarks/new.csv
"$bin" history --git benchmarks/new.csv > "$tmp/out" 2> "$tmp/err"
[ $? = 1 ] || bad "never committed: not an error"
grep -qx "leaderboard: 'benchmarks/new.csv' was never committed (no commit of HEAD's history has it)" "$tmp/err" ||
    bad "never committed: $(cat "$tmp/err")"
rm benchmarks/new.csv

# the chart, with names that would run commands if gnuplot ran them
cd "$tmp" || exit 1
{
    echo "model,ARC"
    echo "evil \`touch PWN1\` m,50"
    echo "\"O'Brien\"\"s \`touch PWN2\`\",40"
} > repo/benchmarks/board.csv
(cd repo && git add -A && commit 2026-04-30 "hostile names")
"$bin" history --git repo/benchmarks/board.csv --last 2 --chart "$tmp/plots" --script-only > /dev/null 2>&1 ||
    bad "--chart --script-only: exit status $?"
{ [ -s plots/history.gp ] && [ -s plots/history.dat ]; } || bad "--chart: no script or data"
grep -q "title 'evil \`touch PWN1\` m'" plots/history.gp || bad "--chart: the name is not a quoted literal"
tab=$(printf '\t')
grep -v '^#' plots/history.dat | grep -qv "^[0-9.NaN$tab]*\$" &&
    bad "--chart: text in the data: $(cat plots/history.dat)"
if command -v gnuplot >/dev/null 2>&1; then
    "$bin" history --git repo/benchmarks/board.csv --last 2 --chart "$tmp/plots" > /dev/null 2>&1 ||
        bad "--chart: exit status $?"
    [ -s plots/history.png ] || bad "--chart: no image"
    # the HTML page draws the same chart, as SVG inside the page
    "$bin" history --git repo/benchmarks/board.csv --last 2 -o page.html \
        > /dev/null 2>&1 || bad "page: exit status $?"
    grep -q '<figure><img alt="The rank of the first models' page.html ||
        bad "page: no chart"
    ls PWN* repo/PWN* plots/PWN* 2>/dev/null && bad "--chart: a name ran as a command"
fi
exit $fail
