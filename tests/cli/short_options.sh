#!/bin/sh
# short_options.sh BINARY: a short option means the same in every command.
#
# Reads each command's --help ('  -X, --LONG ...' lines) and fails when one
# letter stands for two long options (-n was --top in rank and --max in
# check once).
set -u
bin=$1
tmp=$(mktemp) || exit 1
trap 'rm -f "$tmp"' EXIT
for c in $("$bin" --list commands); do
    "$bin" "$c" --help |
        sed -n "s/^  *\(-[a-zA-Z]\), \(--[a-z][a-z-]*\).*/\1 \2 $c/p"
done | sort -u > "$tmp"
[ -s "$tmp" ] || { echo "short_options: no short options found"; exit 1; }
fail=0
for s in $(cut -d' ' -f1 "$tmp" | sort -u); do
    longs=$(awk -v s="$s" '$1 == s { print $2 }' "$tmp" | sort -u)
    if [ "$(printf '%s\n' "$longs" | wc -l)" -gt 1 ]; then
        echo "short_options: $s means" $longs "(commands:" \
            $(awk -v s="$s" '$1 == s { print $3 ":" $2 }' "$tmp") ")"
        fail=1
    fi
done
exit $fail
