#!/bin/sh
# setup.sh: install what is missing, then build build/leaderboard.
#
# On Debian (12 or later) it installs, only when absent, the packages the
# project needs: build-essential cmake pkg-config libcsv-dev libjansson-dev
# libcmocka-dev libgit2-dev gnuplot-nox, and for the test suite valgrind,
# clang and libclang-rt-dev (libFuzzer) (as root, or through sudo). Then it configures
# build/ once and builds it incrementally. Running it again is quick.
#
# setup.sh --browser also installs what the browser test of the HTML page
# needs (scripts/test.sh asks for it): Debian's chromium, and nodejs and
# npm when no node is on the PATH. setup.sh --tex installs what the test
# that compiles the LaTeX tables needs: pdflatex with booktabs, graphicx
# and geometry (texlive-latex-base, texlive-latex-recommended; about 130 MB
# installed, so not for users). Both may be given.
set -eu
cd "$(dirname "$0")/.."

PACKAGES="build-essential cmake pkg-config libcsv-dev libjansson-dev libcmocka-dev
libgit2-dev gnuplot-nox valgrind clang libclang-rt-dev"
for arg in "$@"; do
    case $arg in
    --browser)
        PACKAGES="$PACKAGES chromium"
        command -v node >/dev/null 2>&1 || PACKAGES="$PACKAGES nodejs npm"
        ;;
    --tex) PACKAGES="$PACKAGES texlive-latex-base texlive-latex-recommended" ;;
    *)
        echo "setup.sh: unknown option '$arg' (--browser, --tex)" >&2
        exit 2
        ;;
    esac
done

missing=""
if command -v dpkg-query >/dev/null 2>&1; then
    for p in $PACKAGES; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
            grep -q "install ok installed"; then
            missing="$missing $p"
        fi
    done
else
    echo "setup.sh: not a Debian system; make sure these are installed:" \
        "$PACKAGES" >&2
fi
if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ]; then
        sudo=""
    elif command -v sudo >/dev/null 2>&1; then
        sudo="sudo"
    else
        echo "setup.sh: installing$missing needs root (or sudo)" >&2
        exit 1
    fi
    echo "setup.sh: installing$missing" >&2
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    # shellcheck disable=SC2086 # one word per package
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends $missing >/dev/null
fi

jobs=$(nproc 2>/dev/null || echo 2)
if [ ! -f build/CMakeCache.txt ]; then
    cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build build -j "$jobs" >/dev/null
