#!/usr/bin/env python3
"""compare.py: check ranked outputs of the benchmark job against the input.

usage: compare.py INPUT.csv OURS.csv [PEER.csv ...]

For every output (header rank,model,average,params_b,license,<6 scores>):
  - every input row is there once (rows are matched by all their cells);
  - the printed average is the exact mean of the scores present, rounded to
    2 decimals (ours: half to even on the exact decimal value; a peer may
    differ on exactly half-way means, since it rounds a double);
  - the rows are in order of exact mean, highest first;
  - the ranks are competition ranks (1 2 2 4) of what is compared.
Ours must pass every check (exit status 1 otherwise). A peer passes the same
row and order checks, and its order, ranked with our printed averages, must
give our ranks on every row; its differences from ours are counted and
explained: half-way means its double rounds the other way, and ranks that
differ by the tie rule only (it separates rows by the unrounded double that
we tie at the displayed precision)."""
import csv
import sys
from collections import Counter
from fractions import Fraction

SCORES = ["ARC", "HellaSwag", "MMLU", "TruthfulQA", "Winogrande", "GSM8K"]
KEY = ["model", "params_b", "license"] + SCORES


def exact_mean(cells):
    present = [Fraction(c) for c in cells if c != ""]
    return sum(present) / len(present) if present else None


def half_even(x):
    q = x * 100
    floor = q.numerator // q.denominator
    rest = q - floor
    if rest > Fraction(1, 2) or (rest == Fraction(1, 2) and floor % 2 == 1):
        floor += 1
    return Fraction(floor, 100)


def load(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return rows


def check(name, inp, out, ours=None):
    problems, notes = [], Counter()
    want = Counter(tuple(r[k] for k in KEY) for r in inp)
    got = Counter(tuple(r[k] for k in KEY) for r in out)
    if want != got:
        problems.append("rows differ from the input: %d missing, %d extra" % (
            sum((want - got).values()), sum((got - want).values())))
        return problems, notes, None
    prev, prev_avg, ranks = None, None, {}
    for i, r in enumerate(out):
        m = exact_mean([r[s] for s in SCORES])
        if m is None:
            if r["average"] != "":
                problems.append("row %d: an average for a row without scores" % (i + 1))
            continue
        shown = Fraction(r["average"])
        if shown != half_even(m):
            if abs(shown - m) <= Fraction(1, 200):
                notes["half-way mean rounded the other way"] += 1
            else:
                problems.append("row %d: average %s, exact mean %.6f" % (
                    i + 1, r["average"], float(m)))
        if prev is not None and m > prev:
            notes["rows out of exact order (double arithmetic)"] += 1
            if name == "leaderboard":
                problems.append("row %d: out of order" % (i + 1))
        # competition ranks of the printed averages (ours) must match
        if name == "leaderboard":
            expect = i + 1 if shown != prev_avg else ranks[i - 1]
            if r["rank"] != str(expect):
                problems.append("row %d: rank %s, expected %d" % (i + 1, r["rank"], expect))
            ranks[i] = expect
        prev, prev_avg = m, shown
    if ours is not None:
        ours_ranks, ours_avg = ours
        # a peer ranks on unrounded doubles and ties only equal doubles; we
        # tie at the displayed precision. Its order, ranked by our printed
        # averages, must give our ranks on every row: then the orders agree
        # and the tie rule is the only difference.
        same = by_rule = 0
        rank, last = 0, None
        for i, r in enumerate(out):
            k = tuple(r[c] for c in KEY)
            if r["average"] == "":
                continue
            avg = ours_avg[k]
            if avg != last:
                rank = i + 1
            last = avg
            if ours_ranks[k] != str(rank):
                problems.append("row %d: ranked by our averages in this "
                                "order, rank %d, ours %s" % (i + 1, rank, ours_ranks[k]))
            elif r["rank"] == ours_ranks[k]:
                same += 1
            else:
                by_rule += 1
        notes["ranks equal to ours"] += same
        if by_rule:
            notes["ranks that differ by the tie rule only (we tie at 2 "
                  "decimals, it ties equal doubles)"] += by_rule
    return problems, notes, ({tuple(r[c] for c in KEY): r["rank"] for r in out},
                             {tuple(r[c] for c in KEY): r["average"] for r in out})


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    inp = load(argv[1])
    status = 0
    ours = None
    for i, path in enumerate(argv[2:]):
        name = "leaderboard" if i == 0 else path
        problems, notes, mine = check(name, inp, load(path), ours)
        if i == 0:
            ours = mine
        verdict = "ok" if not problems else "FAILED"
        print("%-40s %s (%d rows)" % (name, verdict, len(inp)))
        for p in problems[:10]:
            print("    " + p)
        for k, v in sorted(notes.items()):
            print("    %d: %s" % (v, k))
        if problems and i == 0:
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
