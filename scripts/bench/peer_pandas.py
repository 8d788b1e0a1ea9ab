#!/usr/bin/python3
"""peer_pandas.py: the job done with pandas.
usage: peer_pandas.py FILE.csv > ranked.csv"""
import sys

import pandas as pd

SCORES = ["ARC", "HellaSwag", "MMLU", "TruthfulQA", "Winogrande", "GSM8K"]
types = {"model": str, "params_b": str, "license": str}
types.update({c: "float64" for c in SCORES})
frame = pd.read_csv(sys.argv[1], dtype=types, keep_default_na=False,
                    na_values={c: [""] for c in SCORES})
mean = frame[SCORES].mean(axis=1, skipna=True)
frame.insert(0, "average", mean)
frame.insert(0, "rank", mean.rank(method="min", ascending=False).astype("Int64"))
frame = frame.sort_values("average", ascending=False, kind="stable",
                          na_position="last")
frame[["rank", "model", "average", "params_b", "license"] + SCORES].to_csv(
    sys.stdout, index=False, float_format="%.2f")
