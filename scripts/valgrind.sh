#!/bin/sh
# valgrind.sh: the whole test suite of build/ (unit tests, fuzz corpus
# replays, CLI cases, bad inputs, the add scripts) again, every run of a
# test binary and of build/leaderboard under valgrind memcheck: any memory
# error or any definitely or indirectly lost block fails the run
# (--error-exitcode). scripts/test.sh calls it; it needs build/ (setup.sh).
set -eu
cd "$(dirname "$0")/.."

if ! command -v valgrind >/dev/null 2>&1; then
    echo "valgrind.sh: valgrind is not installed (scripts/setup.sh installs it)" >&2
    exit 1
fi
[ -f build/CMakeCache.txt ] || ./scripts/setup.sh
jobs=$(nproc 2>/dev/null || echo 2)

echo "== tests under valgrind memcheck (build/)"
LB_RUNNER="valgrind -q --error-exitcode=99 --leak-check=full \
--show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \
--track-fds=no" \
LB_BAD_TIMEOUT=600 \
    ctest --test-dir build --output-on-failure -j "$jobs" --timeout 900
