#!/bin/sh
# mteb_reference.sh BINARY SOURCE_DIR
#
# rank --method borda and --method group-mean against mteb_reference.py,
# a plain-Python re-implementation of MTEB's _borda_rank_from_long and
# Mean (TaskType) (and, when pandas is installed, pandas' own rank()):
# on the MTEB-like board (ties, missing cells, a model without scores),
# under --missing exclude (MTEB's summary table) and partial (MTEB's
# lenient means), at 2 and 6 decimals; and on the Open ASR Leaderboard's
# table, whose word error rates are lower-is-better. Skipped (77) without
# python3.
set -u
bin=$1 src=$2
py=""
for p in /usr/bin/python3 python3; do
    if command -v "$p" >/dev/null 2>&1; then
        py=$p
        break
    fi
done
[ -n "$py" ] || { echo "mteb_reference: no python3: skipped"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
ref=$src/tests/cli/mteb_reference.py
fail=0

# check FILE BENCHMARKS GROUPS LOWER MISSING PRECISION
check() {
    # shellcheck disable=SC2086 # LB_RUNNER is a command with its options
    ${LB_RUNNER:-} "$bin" rank "$1" -b "$2" ${4:+--lower-is-better "$4"} \
        --method borda -f csv -p "$6" > "$tmp/borda.csv" || fail=1
    # shellcheck disable=SC2086
    ${LB_RUNNER:-} "$bin" rank "$1" -b "$2" ${4:+--lower-is-better "$4"} \
        --method group-mean ${3:+--groups "$3"} --missing "$5" -f csv \
        -p "$6" > "$tmp/group.csv" || fail=1
    "$py" "$ref" "$1" -b "$2" --groups "$3" --lower "$4" --missing "$5" \
        -p "$6" --borda "$tmp/borda.csv" --group-mean "$tmp/group.csv" ||
        fail=1
}

mteb=$src/tests/cli/fixtures/boards/mteb_like.csv
tasks=$(head -n 1 "$mteb" | cut -d, -f2-)
types="Banking77Classification=Classification,ImdbClassification=Classification"
types="$types,ToxicConversationsClassification=Classification"
types="$types,MedrxivClusteringS2S.v2=Clustering"
types="$types,TwentyNewsgroupsClustering.v2=Clustering"
types="$types,SprintDuplicateQuestions=PairClassification"
types="$types,TwitterSemEval2015=PairClassification"
types="$types,AskUbuntuDupQuestions=Reranking,ArguAna=Retrieval"
types="$types,SCIDOCS=Retrieval,STSBenchmark=STS,SICK-R=STS"
types="$types,SummEvalSummarization.v2=Summarization"
for missing in exclude partial; do
    for p in 2 6; do
        check "$mteb" "$tasks" "$types" "" "$missing" "$p"
    done
done
check "$mteb" "$tasks" "" "" partial 2

asr=$src/tests/cli/fixtures/boards/open_asr_en_shortform.csv
wer="AMI WER,Earnings22 WER,Gigaspeech WER,LS Clean WER,LS Other WER"
wer="$wer,SPGISpeech WER,Tedlium WER,Voxpopuli WER"
check "$asr" "$wer" "LS Clean WER=LibriSpeech,LS Other WER=LibriSpeech" \
    "$wer" exclude 4

exit $fail
