#!/bin/sh
# test.sh: the whole test suite, as CI runs it (.ci/run).
#
# 1. setup.sh --browser: install what is missing (chromium and node too, for
#    the browser test of the HTML page) and build build/ (the normal build);
# 2. run every test there (cmocka unit tests, CLI tests, the browser test,
#    through ctest);
# 3. build build-asan/ with AddressSanitizer + UndefinedBehaviorSanitizer
#    (leak detection on, warnings as errors) and run every test again.
# Exits non-zero on any failure.
set -eu
cd "$(dirname "$0")/.."

./scripts/setup.sh --browser
# the browser test fails instead of skipping when chromium or node is missing
LB_BROWSER_REQUIRED=1
export LB_BROWSER_REQUIRED
jobs=$(nproc 2>/dev/null || echo 2)

echo "== tests (build/)"
ctest --test-dir build --output-on-failure -j "$jobs"

echo "== tests under ASan + UBSan (build-asan/)"
if [ ! -f build-asan/CMakeCache.txt ]; then
    cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug \
        -DLEADERBOARD_SANITIZE=ON -DLEADERBOARD_WERROR=ON >/dev/null
fi
cmake --build build-asan -j "$jobs" >/dev/null
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j "$jobs"

echo "== all tests passed"
