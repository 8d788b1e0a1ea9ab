#!/bin/sh
# run.sh BINARY SOURCE_DIR WORK_DIR: the browser test of the HTML pages.
#
# Makes six pages (the seed file with its charts; hostile names; a diff of
# two snapshots; rank --compare-methods; a model with several rows; ratings
# from votes) for html_sort.mjs, and two for publish.mjs (the first 700 of
# the final Open LLM Leaderboard v2 (a page of all 4576 rows takes seconds
# per click on a slow machine) with its metadata, filters, links and --title;
# hostile
# names in links and filters), installs
# playwright-core from this directory's package-lock.json into WORK_DIR
# (once; never a browser: it drives Debian's /usr/bin/chromium), and runs
# html_sort.mjs on them. Needs chromium and node (scripts/setup.sh
# --browser installs both): without them it exits 77, which ctest reports
# as skipped, unless LB_BROWSER_REQUIRED=1 (as scripts/test.sh sets), when
# it fails. LB_BROWSER_SHOTS=DIR keeps screenshots of the pages there.
# Both scripts run; it fails when either does.
set -eu
bin=$1 src=$2 work=$3
here=$src/tests/browser

missing=""
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing="$missing chromium"
command -v node >/dev/null 2>&1 || missing="$missing node"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
if [ -n "$missing" ]; then
    echo "browser test: missing$missing (scripts/setup.sh --browser installs them)"
    [ "${LB_BROWSER_REQUIRED:-}" = 1 ] && exit 1
    exit 77
fi

mkdir -p "$work"
# playwright-core, as the lockfile pins it
if ! cmp -s "$here/package-lock.json" "$work/package-lock.json" ||
    [ ! -d "$work/node_modules/playwright-core" ]; then
    cp "$here/package.json" "$here/package-lock.json" "$work/"
    (cd "$work" && npm ci --no-audit --no-fund --loglevel=error) || {
        echo "browser test: npm ci failed (is the npm registry reachable?)"
        exit 1
    }
fi
cp "$here/harness.mjs" "$here/html_sort.mjs" "$here/publish.mjs" "$work/"

cd "$src"
"$bin" rank benchmarks/openllm.csv -o "$work/board.html"
"$bin" rank tests/cli/fixtures/html_hostile.csv -b '<b>ARC</b>,MMLU' \
    --no-charts -o "$work/hostile.html"
"$bin" diff benchmarks/openllm.csv tests/cli/fixtures/diff_new.csv \
    -o "$work/diff.html"
"$bin" rank benchmarks/openllm.csv --compare-methods -o "$work/compare.html"
"$bin" rank tests/cli/fixtures/dups.csv --no-charts -o "$work/dups.html"
"$bin" battles tests/cli/fixtures/battles/arena.json --bootstrap 50 \
    -o "$work/battles.html" 2> /dev/null
set -- "$work/board.html" "$work/hostile.html" "$work/diff.html" \
    "$work/compare.html" "$work/dups.html" "$work/battles.html"
if [ -n "${LB_BROWSER_SHOTS:-}" ]; then
    mkdir -p "$LB_BROWSER_SHOTS"
    set -- "$@" "$LB_BROWSER_SHOTS"
fi
status=0
node "$work/html_sort.mjs" "$@" || status=1

# the page worth publishing (publish.mjs): real data with its metadata, and
# hostile names (publish_hostile.csv, made up for this test)
"$bin" rank benchmarks/openllm_v2_final.csv -n 700 \
    -c params_b,type,license,is_merged,is_moe,is_flagged \
    --title 'Open LLM Leaderboard v2 (final)' \
    --source 'Open LLM Leaderboard v2' --date 2025-03-21 \
    --link 'https://huggingface.co/{model}' --no-charts -o "$work/publish.html"
"$bin" rank tests/browser/publish_hostile.csv \
    -c '<i>license</i>,is_<b>merged</b>,params_b' \
    --link 'https://huggingface.co/{model}' --no-charts \
    -o "$work/publish_hostile.html"
set -- "$work/publish.html" "$work/publish_hostile.html"
[ -n "${LB_BROWSER_SHOTS:-}" ] && set -- "$@" "$LB_BROWSER_SHOTS"
node "$work/publish.mjs" "$@" || status=1
exit $status
