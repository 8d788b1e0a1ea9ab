#!/bin/sh
# schema_workflow.sh BINARY SOURCE_DIR: the board-schema workflow a user
# follows on a board that is not the Open LLM Leaderboard (the Open ASR
# Leaderboard, where lower is better):
#   1. 'schema --write' saves NAME.schema.json beside the file, whole;
#   2. every command then reads it ("Columns as ... says");
#   3. an edit to it changes what is averaged, in rank and in check;
#   4. the schema printed again is the schema saved (a fixed point);
#   5. a shell redirect onto the beside file is caught, not read empty
#      silently; --write with standard input is a usage error.
set -u
bin=$1
src=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
no() { echo "schema_workflow: $*"; fail=1; }

cp "$src/tests/cli/fixtures/boards/open_asr_en_shortform.csv" "$tmp/asr.csv"
"$bin" schema --write "$tmp/asr.csv" || no "--write failed"
[ -s "$tmp/asr.schema.json" ] || no "--write wrote nothing"
ls "$tmp" | grep -v '^asr\.' && no "a temporary file was left behind"
"$bin" schema "$tmp/asr.csv" | cmp -s - "$tmp/asr.schema.json" ||
    no "the schema printed again differs from the one saved"
out=$("$bin" rank -n 1 "$tmp/asr.csv") || no "rank failed with the schema"
printf '%s\n' "$out" | grep -q "^Columns as $tmp/asr.schema.json says\.$" ||
    no "rank does not say that it follows the schema: $out"
printf '%s\n' "$out" | grep -q "^Lower is better: ranked lowest first\." ||
    no "rank does not rank lowest first: $out"
"$bin" check -q "$tmp/asr.csv" | grep -q ': warning:' &&
    no "check warns about columns the schema describes"

# an edit: AMI WER is metadata now, so 7 benchmarks are averaged
sed 's/{"name": "AMI WER", "type": "number", "role": "benchmark"/{"name": "AMI WER", "type": "number", "role": "metadata"/' \
    "$tmp/asr.schema.json" > "$tmp/e" && mv "$tmp/e" "$tmp/asr.schema.json"
"$bin" rank -n 1 "$tmp/asr.csv" | grep -q "Average of 7 benchmarks" ||
    no "an edited role is not followed"
# an edited constraint: check reports the cells outside it, naming the schema
sed 's/{"name": "LS Clean WER", "type": "number", "role": "benchmark"/{"name": "LS Clean WER", "type": "number", "constraints": {"minimum": 0, "maximum": 2}, "role": "benchmark"/' \
    "$tmp/asr.schema.json" > "$tmp/e" && mv "$tmp/e" "$tmp/asr.schema.json"
"$bin" check "$tmp/asr.csv" > "$tmp/out"
grep -q "is out of range for 'LS Clean WER' (0 to 2, as $tmp/asr.schema.json says)" \
    "$tmp/out" || no "check's range message: $(head -3 "$tmp/out")"

# the redirect trap: the shell empties the beside file before reading it
"$bin" schema "$tmp/asr.csv" > "$tmp/asr.schema.json" 2> "$tmp/err"
[ $? -eq 1 ] || no "an empty beside schema is read without a word"
grep -q "asr.schema.json" "$tmp/err" || no "the message does not name the file: $(cat "$tmp/err")"
"$bin" schema --write - < "$tmp/asr.csv" 2> "$tmp/err"
[ $? -eq 2 ] || no "--write with standard input is not a usage error"
exit $fail
