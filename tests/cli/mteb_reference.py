#!/usr/bin/env python3
"""mteb_reference.py: MTEB's "Rank (Borda)" and "Mean (TaskType)" in plain
Python, to check `leaderboard rank --method borda` and `--method group-mean`.

Re-implemented from embeddings-benchmark/mteb at commit
a905523d0111f999360b312bd4a601a0a97a0e1c:

- mteb/benchmarks/_create_table.py, _borda_rank_from_long: the long frame's
  scores grouped by (model, task) and averaged (one cell here); on each task
  `rank(method="average", descending=True)` over the models that have a
  score (a model without one has no row: its rank is null); each earns
  `n_models - rank`, summed per model (a missing task contributes 0);
  `n_models` is `per_task.height`, the models with any score; "Rank (Borda)"
  is `rank(method="min", descending=True)` of the sums.
- the same file, _get_means_per_types and "Mean (TaskType)": the mean of
  each task type's tasks and the mean of those, both with skipna=False
  (`pl.mean_horizontal(..., ignore_nulls=False)`): a missing task leaves its
  type, and so the whole mean, null (leaderboard's --missing exclude).
- mteb/api/aggregators.py, _recompute_lenient_means: the "lenient" means
  over the tasks a model ran (type means of the tasks present, their mean
  over the types present): leaderboard's --missing partial.

A lower-is-better benchmark (MTEB has none) is ranked lowest first.

Values are computed twice: exactly, with fractions of the decimal scores,
and in binary floating point as MTEB computes them; both must give the
output of leaderboard at the precision (-p, 2 by default). When pandas can be imported, the Borda
count is also computed a third way with pandas' own rank() (the wide form
of mteb's _get_borda_rank).

Usage:
  mteb_reference.py FILE.csv -b A,B,... [--groups A=G,...] [--lower A,...]
      [--missing exclude|partial] [-p N] [--borda OUT.csv]
      [--group-mean OUT.csv]
Without --borda and --group-mean it prints the reference as CSV. With them,
it compares leaderboard's CSV outputs (`rank -f csv -p 2`) with the
reference, prints each difference, and exits 1 if there is one.
The reference at -p N is compared with `rank -f csv -p N`.
"""
import argparse
import csv
import sys
from decimal import Decimal
from fractions import Fraction

MISSING = {"", "NA", "N/A", "-"}


def items(text):
    return [x.strip() for x in text.split(",")] if text else []


def pairs(text):
    out = {}
    for item in items(text):
        name, _, group = item.rpartition("=")
        out[name.strip()] = group.strip()
    return out


PRECISION = 2


def shown(x, decimals=None):
    """x (a Fraction, or a float taken at its exact binary value) at
    `decimals`, half to even, as leaderboard writes it; "" for None."""
    if x is None:
        return ""
    if decimals is None:
        decimals = PRECISION
    n = round(Fraction(x) * 10 ** decimals)  # exact, half to even
    sign, n = ("-" if n < 0 else ""), abs(n)
    return f"{sign}{n // 10 ** decimals}.{n % 10 ** decimals:0{decimals}d}"


def load(path, benchmarks):
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    head = rows[0]
    low = [h.lower() for h in head]
    mcol = low.index("model")
    cols = [head.index(b) for b in benchmarks]
    models, cells = [], []
    for r in rows[1:]:
        if not r:
            continue
        models.append(r[mcol])
        cells.append([None if r[c].strip() in MISSING else r[c].strip()
                      for c in cols])
    return models, cells


def avg_ranks_desc(values):
    """pandas/polars rank(method="average", descending) of the non-None
    values: position -> rank; None keeps no rank."""
    order = sorted((i for i, v in enumerate(values) if v is not None),
                   key=lambda i: values[i], reverse=True)
    ranks = {}
    i = 0
    while i < len(order):
        j = i + 1
        while j < len(order) and values[order[j]] == values[order[i]]:
            j += 1
        r = Fraction(i + 1 + j, 2)  # the mean of places i+1 .. j
        for x in order[i:j]:
            ranks[x] = r
        i = j
    return ranks


def min_ranks_desc(values):
    """rank(method="min", descending) of the non-None values."""
    return {i: 1 + sum(1 for w in values if w is not None and w > v)
            for i, v in enumerate(values) if v is not None}


def borda(models, cells, lower, num):
    """The points and the "Rank (Borda)" of each model (None: no score)."""
    n = len(models)
    n_models = sum(1 for row in cells if any(v is not None for v in row))
    points = [None] * n
    for i, row in enumerate(cells):
        if any(v is not None for v in row):
            points[i] = num(0)
    for k in range(len(cells[0]) if cells else 0):
        vals = [None if row[k] is None else
                (-num(row[k]) if lower[k] else num(row[k])) for row in cells]
        for i, r in avg_ranks_desc(vals).items():
            points[i] += num(n_models) - (float(r) if num is float else r)
    return points, min_ranks_desc(points)


def borda_pandas(models, cells, lower):
    """The wide form, mteb's _get_borda_rank, with pandas' rank()."""
    import pandas as pd
    frame = pd.DataFrame(
        [[None if v is None else (-float(v) if lower[k] else float(v))
          for k, v in enumerate(row)] for row in cells], dtype=float)
    frame = frame[frame.notna().any(axis=1)]  # per_task's all-null filter
    n = len(frame)  # pl.len() after the filter: n_models
    # sum() skips NaN (a missing task counts 0), as polars' sum_horizontal
    points = (n - frame.rank(method="average", ascending=False)).sum(axis=1)
    rank = points.rank(method="min", ascending=False)
    return {i: (points[i], int(rank[i])) for i in frame.index}


def group_means(cells, benchmarks, groups, missing, num):
    """Each model's group means and their mean (None: none)."""
    order, members = [], {}
    for k, b in enumerate(benchmarks):
        g = groups.get(b, b)
        if g not in members:
            order.append(g)
            members[g] = []
        members[g].append(k)
    out = []
    for row in cells:
        means = {}
        for g in order:
            vals = [row[k] for k in members[g]]
            have = [num(v) for v in vals if v is not None]
            if missing == "exclude" and len(have) < len(vals):
                means[g] = None  # skipna=False
            elif not have:
                means[g] = None
            else:
                means[g] = sum(have, num(0)) / len(have)
        present = [m for m in means.values() if m is not None]
        if missing == "exclude" and len(present) < len(order):
            total = None
        elif not present:
            total = None
        else:
            total = sum(present, num(0)) / len(present)
        out.append((means, total))
    return order, out


def read_output(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return {r["model"]: r for r in rows}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("-b", "--benchmarks", required=True)
    ap.add_argument("--groups", default="")
    ap.add_argument("--lower", default="")
    ap.add_argument("--missing", default="exclude",
                    choices=["exclude", "partial"])
    ap.add_argument("-p", "--precision", type=int, default=2)
    ap.add_argument("--borda")
    ap.add_argument("--group-mean")
    a = ap.parse_args()
    global PRECISION
    PRECISION = a.precision
    benchmarks = items(a.benchmarks)
    groups = pairs(a.groups)
    lower = [b in items(a.lower) for b in benchmarks]
    models, cells = load(a.file, benchmarks)

    exact, exact_rank = borda(models, cells, lower, Fraction)
    flt, flt_rank = borda(models, cells, lower, float)
    order, gm = group_means(cells, benchmarks, groups, a.missing, Fraction)
    _, gm_flt = group_means(cells, benchmarks, groups, a.missing, float)
    given = [g for g in order if any(groups.get(b) == g for b in benchmarks)]
    bad = []

    for i, m in enumerate(models):  # floats as MTEB computes them
        if shown(exact[i]) != shown(flt[i]) or exact_rank.get(i) != flt_rank.get(i):
            bad.append(f"{m}: float Borda {flt[i]} differs from exact {exact[i]}")
        if shown(gm[i][1]) != shown(gm_flt[i][1]):
            bad.append(f"{m}: float group mean {gm_flt[i][1]} differs from "
                       f"exact {gm[i][1]} at {PRECISION} decimals")
    try:
        wide = borda_pandas(models, cells, lower)
    except ImportError:
        wide = None
    for i, m in enumerate(models):
        if wide is not None and (wide.get(i, (None, None))[1] !=
                                 exact_rank.get(i) or
                                 (i in wide and shown(Fraction(wide[i][0])) !=
                                  shown(exact[i]))):
            bad.append(f"{m}: pandas' Borda {wide.get(i)} differs from "
                       f"{exact[i]}, rank {exact_rank.get(i)}")

    if a.borda is None and a.group_mean is None:
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(["model", "borda", "borda_rank", "group_mean"] +
                   [f"Mean ({g})" for g in given])
        for i, m in enumerate(models):
            w.writerow([m, shown(exact[i]), exact_rank.get(i, ""),
                        shown(gm[i][1])] +
                       [shown(gm[i][0][g]) for g in given])
    if a.borda is not None:
        ours = read_output(a.borda)
        for i, m in enumerate(models):
            o = ours.get(m)
            want = (shown(exact[i]), str(exact_rank.get(i, "")))
            got = (o["borda"], o["rank"]) if o else None
            if got != want:
                bad.append(f"{m}: borda {got}, MTEB's {want}")
    if a.group_mean is not None:
        ours = read_output(a.group_mean)
        values = [None if t is None else Fraction(Decimal(shown(t)))
                  for _, t in gm]
        ranks = min_ranks_desc(
            [None if v is None else (-v if all(lower) else v)
             for v in values])
        for i, m in enumerate(models):
            o = ours.get(m)
            want = [shown(gm[i][1]), str(ranks.get(i, ""))] + \
                [shown(gm[i][0][g]) for g in given]
            got = [o["group_mean"], o["rank"]] + \
                [o[f"Mean ({g})"] for g in given] if o else None
            if got != want:
                bad.append(f"{m}: group mean, rank, group means {got}, "
                           f"MTEB's {want}")
    for line in bad:
        print(line, file=sys.stderr)
    if (a.borda is not None or a.group_mean is not None) and not bad:
        print(f"mteb_reference: {len(models)} models as MTEB ranks them")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
