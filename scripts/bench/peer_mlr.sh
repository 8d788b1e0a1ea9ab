#!/bin/sh
# peer_mlr.sh: the job done with Miller 6.
# usage: peer_mlr.sh FILE.csv > ranked.csv
exec mlr --csv put '
    total = 0.0; count = 0;
    for (b in ["ARC", "HellaSwag", "MMLU", "TruthfulQA", "Winogrande", "GSM8K"]) {
        if (!is_empty($[b])) { total += $[b]; count += 1 }
    }
    $mean = count > 0 ? total / count : -1.0;
    $pos = NR;
  ' then sort -nr mean -n pos then put '
    begin { @seen = 0; @last = ""; @rank = 0 }
    @seen += 1;
    if (@seen == 1 || $mean != @last) { @rank = @seen }
    @last = $mean;
    $rank = $mean < 0 ? "" : @rank;
    $average = $mean < 0 ? "" : fmtnum($mean, "%.2f");
  ' then cut -x -f mean,pos then reorder -f rank,model,average "$1"
