#!/usr/bin/python3
"""peer_arena_bt.py [--fastchat] VOTES.csv [ROUNDS] > ratings.csv: what a user runs today
for Chatbot Arena's ratings, re-implemented from the description of
FastChat's fastchat/serve/monitor/rating_systems.py (compute_bt,
compute_bootstrap_bt): pandas reads the votes; the unique (model_a,
model_b, outcome) rows are counted; a tie is 1/2; scipy's L-BFGS-B
minimises the logistic loss of ln(10) (r_a - r_b) over the counts, from 0;
the ratings are 400 r + 1000. One change: the loss is the mean over the
votes (as arena-rank's) and the fit runs to gtol 1e-9, ftol 1e-15, at most
1000 iterations. FastChat's own settings (the summed loss, gtol 1e-6, at
most 100 iterations) stop on scipy's default ftol after 8 iterations on
10^6 votes, up to 0.08 rating points from the maximum: too far to compare
ratings at 0.01 (--fastchat runs them, for its time). With
ROUNDS, that many fits on multinomial resamples of the counts (numpy, seed
0) give the 2.5th and 97.5th percentiles. Prints model,rating[,lo,hi],
best first. Needs Debian's python3-pandas and python3-scipy
(/usr/bin/python3)."""
import math
import sys

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import expit

OUTCOME = {"model_a": 2, "model_b": 0, "tie": 1, "tie (bothbad)": 1}


def counts(frame):
    names, codes = np.unique(
        np.concatenate([frame["model_a"].to_numpy(), frame["model_b"].to_numpy()]),
        return_inverse=True)
    n = len(frame)
    outcome = frame["winner"].map(OUTCOME)
    if outcome.isna().any():
        bad = frame["winner"][outcome.isna()].iloc[0]
        sys.exit(f"peer: unknown winner {bad!r}")
    table = np.stack([codes[:n], codes[n:], outcome.to_numpy(dtype=np.int64)], axis=1)
    unique, weight = np.unique(table, axis=0, return_counts=True)
    return names, unique[:, 0], unique[:, 1], unique[:, 2] / 2.0, weight.astype(float)


def fit(a, b, y, w, m, fastchat=False):
    alpha = math.log(10)
    total = 1.0 if fastchat else w.sum()

    def loss(r):
        p = expit(alpha * (r[a] - r[b]))
        value = -np.sum(w * (y * np.log(np.maximum(p, 1e-300)) +
                             (1 - y) * np.log(np.maximum(1 - p, 1e-300)))) / total
        g = alpha * w * (p - y) / total
        grad = np.bincount(a, weights=g, minlength=m) - np.bincount(b, weights=g, minlength=m)
        return value, grad

    options = ({"maxiter": 100, "gtol": 1e-6} if fastchat else
               {"maxiter": 1000, "gtol": 1e-9, "ftol": 1e-15})
    res = minimize(loss, np.zeros(m), jac=True, method="L-BFGS-B",
                   options=options)
    return res.x * 400 + 1000


def main():
    args = sys.argv[1:]
    fastchat = args[:1] == ["--fastchat"]
    if fastchat:
        args = args[1:]
    frame = pd.read_csv(args[0], dtype=str, keep_default_na=False)
    rounds = int(args[1]) if len(args) > 1 else 0
    names, a, b, y, w = counts(frame)
    m = len(names)
    rating = fit(a, b, y, w, m, fastchat)
    out = pd.DataFrame({"model": names, "rating": rating})
    if rounds:
        rng = np.random.default_rng(0)
        draws = rng.multinomial(int(w.sum()), w / w.sum(), size=rounds)
        boot = np.array([fit(a, b, y, d.astype(float), m, fastchat) for d in draws])
        out["lo"] = np.quantile(boot, 0.025, axis=0)
        out["hi"] = np.quantile(boot, 0.975, axis=0)
    out = out.sort_values("rating", ascending=False, kind="stable")
    out.to_csv(sys.stdout, index=False, float_format="%.4f")


if __name__ == "__main__":
    main()
