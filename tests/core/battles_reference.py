#!/usr/bin/python3
"""battles_reference.py: the reference values of tests/core/test_battles.c,
computed a second, independent way (run it from the repository's root with
Debian's python3-numpy: /usr/bin/python3 tests/core/battles_reference.py).

- Bradley-Terry: Zermelo's (Hunter's MM) iteration, pi_i = W_i / sum_j
  n_ij / (pi_i + pi_j) with a tie half a win for each side, run 200,000
  times to its fixed point (leaderboard uses Newton's method);
- the sandwich: V = pinv(H) G pinv(H) with numpy's SVD pseudo-inverse, H
  and G summed vote by vote (leaderboard solves with a Cholesky factor of
  H + (s/m^2) 1 1^T, on the counts).
Prints, for each file, each model's strength (geometric mean 1), rating
(400 log10 strength + 1000) and sandwich standard error (rating points)."""
import csv
import math
import os

import numpy as np

HERE = os.path.join('tests', 'cli', 'fixtures', 'battles')
WINS = {'model_a': 1.0, 'left': 1.0, 'model_b': 0.0, 'right': 0.0, 'tie': 0.5}


def load(path, ca, cb, cw, weight=None):
    rows = list(csv.DictReader(open(path)))
    models, idx = [], {}
    for r in rows:
        for m in (r[ca], r[cb]):
            if m not in idx:
                idx[m] = len(models)
                models.append(m)
    votes = [(idx[r[ca]], idx[r[cb]], WINS[r[cw]], int(r[weight]) if weight else 1)
             for r in rows]
    return models, votes


def zermelo(models, votes, iters=200000):
    m = len(models)
    W, N = np.zeros(m), np.zeros((m, m))
    for a, b, y, w in votes:
        W[a] += w * y
        W[b] += w * (1 - y)
        N[a, b] += w
        N[b, a] += w
    p = np.ones(m)
    for _ in range(iters):
        p = W / (N / (p[:, None] + p[None, :])).sum(1)
        p /= np.exp(np.mean(np.log(p)))
    return p


def sandwich(models, votes, theta):
    m = len(models)
    H, G = np.zeros((m, m)), np.zeros((m, m))
    for a, b, y, w in votes:
        pa = 1 / (1 + np.exp(theta[b] - theta[a]))
        e = np.zeros(m)
        e[a], e[b] = 1, -1
        H += w * pa * (1 - pa) * np.outer(e, e)
        G += w * (y - pa) ** 2 * np.outer(e, e)
    Hp = np.linalg.pinv(H)
    return np.sqrt(np.diag(Hp @ G @ Hp)) * 400 / math.log(10)


for name, args in [('wikipedia', ('wikipedia.csv', 'model_a', 'model_b', 'winner', 'n')),
                   ('simple', ('simple.csv', 'left', 'right', 'winner'))]:
    models, votes = load(os.path.join(HERE, args[0]), *args[1:])
    p = zermelo(models, votes)
    theta = np.log(p) - np.log(p).mean()
    R = 1000 + 400 / math.log(10) * theta
    se = sandwich(models, votes, theta)
    print(name)
    for i, mo in enumerate(models):
        print(f'  {mo}: strength(gm1)={p[i]:.15f} rating={R[i]:.12f} '
              f'sandwich_se={se[i]:.12f}')
