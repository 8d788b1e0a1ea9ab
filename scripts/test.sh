#!/bin/sh
# test.sh: the whole test suite, as CI runs it (.ci/run).
#
# 1. setup.sh --browser --tex: install what is missing (chromium and node
#    too, for the browser test of the HTML page; pdflatex for the LaTeX
#    tables) and build build/ (the normal build);
# 2. run every test there (cmocka unit tests, CLI tests, the browser test,
#    through ctest);
# 3. build build-asan/ with AddressSanitizer + UndefinedBehaviorSanitizer
#    (leak detection on, warnings as errors) and run every test again;
# 4. valgrind.sh: every test of build/ again under valgrind memcheck;
# 5. fuzz.sh: each libFuzzer target of tests/fuzz for FUZZ_SECONDS (60 by
#    default, two at a time), built with clang in build-fuzz/.
# Exits non-zero on any failure.
set -eu
cd "$(dirname "$0")/.."

./scripts/setup.sh --browser --tex
# the browser test fails instead of skipping when chromium or node is missing
LB_BROWSER_REQUIRED=1
export LB_BROWSER_REQUIRED
# and the LaTeX test when pdflatex or booktabs is
LB_TEX_REQUIRED=1
export LB_TEX_REQUIRED
jobs=$(nproc 2>/dev/null || echo 2)

echo "== tests (build/)"
ctest --test-dir build --output-on-failure -j "$jobs"

echo "== tests under ASan + UBSan (build-asan/)"
if [ ! -f build-asan/CMakeCache.txt ]; then
    cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug \
        -DLEADERBOARD_SANITIZE=ON -DLEADERBOARD_WERROR=ON >/dev/null
fi
cmake --build build-asan -j "$jobs" >/dev/null
# the big bad inputs take a few seconds under ASan at -O0
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 LB_BAD_TIMEOUT=60 \
    ctest --test-dir build-asan --output-on-failure -j "$jobs"

./scripts/valgrind.sh

./scripts/fuzz.sh "${FUZZ_SECONDS:-60}"

echo "== all tests passed"
