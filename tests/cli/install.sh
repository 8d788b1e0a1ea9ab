#!/bin/sh
# install.sh BUILD_DIR SOURCE_DIR VERSION
#
# 'cmake --install BUILD_DIR --prefix TMP' puts in place:
#   - bin/leaderboard, whose --version is VERSION;
#   - share/man/man1/leaderboard.1, which groff renders without a warning,
#     with the version, and which names every command of 'leaderboard
#     --help' and every long option of each command's --help;
#   - share/bash-completion/completions/leaderboard, which completes the
#     commands, every long option of each command, and the formats.
# Then 'cpack -G DEB' makes a .deb holding the same files, with the shared
# libraries among its dependencies (when dpkg-deb is there).
set -u
build=$1 src=$2 version=$3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "install: $*"; fail=1; }

cmake --install "$build" --prefix "$tmp/p" > "$tmp/log" 2>&1 ||
    { cat "$tmp/log"; echo "install: cmake --install failed"; exit 1; }
bin=$tmp/p/bin/leaderboard
man=$tmp/p/share/man/man1/leaderboard.1
comp=$tmp/p/share/bash-completion/completions/leaderboard
[ -x "$bin" ] || bad "no bin/leaderboard"
[ "$("$bin" --version)" = "leaderboard $version" ] ||
    bad "--version says '$("$bin" --version)', expected 'leaderboard $version'"
[ -s "$man" ] || bad "no man1/leaderboard.1"
[ -s "$comp" ] || bad "no bash completion"
grep -q "leaderboard $version" "$man" || bad "the manual page lacks the version"
if command -v groff >/dev/null 2>&1; then
    warnings=$(groff -man -Tutf8 -ww -z "$man" 2>&1)
    [ -z "$warnings" ] || bad "groff warns: $warnings"
fi
if command -v man >/dev/null 2>&1; then
    MANPATH=$tmp/p/share/man man -P cat leaderboard 2>/dev/null |
        grep -q 'EXIT STATUS' || bad "'man leaderboard' does not show the page"
fi

# the long options a command's --help lists (not those its prose mentions)
options_of() {
    "$bin" "$1" --help |
        sed -n 's/^  *\(-[a-zA-Z], \)\{0,1\}\(--[a-z][a-z-]*\).*/\2/p' | sort -u
}
commands=$("$bin" --help | sed -n '/^Commands/,/^$/p' | awk 'NF > 1 { print $1 }')
[ -n "$commands" ] || bad "no commands in --help"
for c in $commands; do
    grep -q "^\.SS \"$c " "$man" || bad "the manual page has no section for '$c'"
    for o in $(options_of "$c"); do
        # the man page writes '-' as '\-'
        grep -qF -- "$(printf '%s' "$o" | sed 's/-/\\-/g')" "$man" ||
            bad "the manual page does not name '$c $o'"
    done
done

# the lists of names in the manual page (between '.\" list WHAT' and
# '.\" end') are the program's: the same names in the same order
for what in formats charts; do
    want=$("$bin" --list "$what")
    got=$(sed -n "/^\.\\\\\" list $what /,/^\.\\\\\" end/p" "$man" |
        sed -n 's/^\.B \([a-z-]*\)$/\1/p')
    [ -n "$want" ] || bad "--list $what prints nothing"
    [ "$got" = "$want" ] ||
        bad "the manual page lists $what" $got "; the program:" $want
done

# the completion, as bash would call it (the first word is the program,
# which the completion asks for its lists)
complete_words() { # WORD... (the last one is being completed)
    bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1));
             _leaderboard; printf "%s\n" "${COMPREPLY[@]}"' _ "$comp" "$@"
}
complete_words "$bin" "" | grep -qx import || bad "completion: no 'import'"
complete_words "$bin" ch | grep -qx check || bad "completion: 'ch' gives no 'check'"
# every choice the program lists, where the options take them
for pair in formats:rank:-f formats:diff:--format charts:plot:--chart \
    methods:rank:--method ties:rank:--ties missing:plot:--missing \
    dedup:rank:--dedup suites:rank:--suite terminals:plot:--terminal \
    battle-methods:battles:--method matrices:battles:--matrix; do
    what=${pair%%:*} rest=${pair#*:}
    want=$("$bin" --list "$what" | sort)
    got=$(complete_words "$bin" "${rest%%:*}" "${rest#*:}" "" | sort)
    [ -n "$want" ] && [ "$got" = "$want" ] ||
        bad "completion: '${rest%%:*} ${rest#*:}' offers" $got "; the program:" $want
done
for c in $commands; do
    [ "$c" = help ] && continue
    opts=$(complete_words "$bin" "$c" --)
    for o in $(options_of "$c"); do
        printf '%s\n' "$opts" | grep -qx -- "$o" ||
            bad "completion: '$c --' does not offer '$o'"
    done
done

if command -v dpkg-deb >/dev/null 2>&1 && command -v cpack >/dev/null 2>&1; then
    (cd "$tmp" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/deb") \
        > "$tmp/cpack.log" 2>&1 || { cat "$tmp/cpack.log"; bad "cpack failed"; }
    deb=$(ls "$tmp"/deb/*.deb 2>/dev/null | head -n 1)
    if [ -n "$deb" ]; then
        files=$(dpkg-deb -c "$deb")
        for f in ./usr/bin/leaderboard ./usr/share/man/man1/leaderboard.1 \
                 ./usr/share/bash-completion/completions/leaderboard; do
            printf '%s\n' "$files" | grep -q " $f\$" || bad ".deb lacks $f"
        done
        deps=$(dpkg-deb -f "$deb" Depends)
        for lib in libcsv libjansson libc6; do
            printf '%s' "$deps" | grep -q "$lib" || bad ".deb: no $lib in Depends: $deps"
        done
    else
        bad "cpack made no .deb"
    fi
fi
exit $fail
