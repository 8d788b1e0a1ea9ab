#!/bin/sh
# output_devices.sh BINARY SOURCE_DIR
# -o onto something that is not a regular file (a device, a FIFO) writes
# into it in place: it is never replaced by a regular file.
set -u
bin=$1 src=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cd "$src" || exit 1
fail=0
"$bin" rank benchmarks/openllm.csv -o /dev/null || fail=1
[ -c /dev/null ] || { echo "/dev/null is no longer a device"; fail=1; }
mkfifo "$tmp/pipe" || exit 1
cat "$tmp/pipe" > "$tmp/got" &
reader=$!
"$bin" rank benchmarks/openllm.csv -f csv -o "$tmp/pipe" || fail=1
wait "$reader"
[ -p "$tmp/pipe" ] || { echo "the FIFO was replaced"; fail=1; }
"$bin" rank benchmarks/openllm.csv -f csv > "$tmp/want" || fail=1
cmp -s "$tmp/want" "$tmp/got" || { echo "the FIFO did not get the output"; fail=1; }
exit $fail
