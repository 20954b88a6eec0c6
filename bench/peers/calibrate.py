"""numpy peer of bench/calibrate.ts: the same z-score and least-squares bias calibration.

Two least-squares variants: lstsq on the full weighted design matrix (what one writes first in
numpy) and a dense solve of the same reduced normal equations keping solves iteratively.

Usage: python3 bench/peers/calibrate.py REVIEWS.json RUNS
REVIEWS.json holds [{"entry", "expert", "score", "confidence"}]. Prints one JSON line with the
median seconds of each method and its results, so the caller can check that both agree.
"""
import json
import sys
import time

import numpy as np

path, runs = sys.argv[1], int(sys.argv[2])
with open(path, encoding="utf-8") as f:
    reviews = json.load(f)

entries = {e: i for i, e in enumerate(dict.fromkeys(r["entry"] for r in reviews))}
experts = {x: i for i, x in enumerate(dict.fromkeys(r["expert"] for r in reviews))}
er = np.array([entries[r["entry"]] for r in reviews])
ex = np.array([experts[r["expert"]] for r in reviews])
s = np.array([r["score"] for r in reviews], dtype=float)
w = np.array([r.get("confidence", 1) for r in reviews], dtype=float)
R, X, K = len(entries), len(experts), len(reviews)


def zscore():
    # Per-expert population mean and sd, mapped to the pooled mean and sd, clamped to 0-100.
    n = np.bincount(ex, minlength=X)
    m = np.bincount(ex, weights=s, minlength=X) / n
    sd = np.sqrt(np.bincount(ex, weights=(s - m[ex]) ** 2, minlength=X) / n)
    z = np.where(sd[ex] > 0, (s - m[ex]) / np.where(sd[ex] > 0, sd[ex], 1), 0.0)
    return np.clip(s.mean() + z * s.std(), 0, 100)


def bias():
    # Weighted least squares s = v_entry + b_expert with the gauge sum(b) = 0 as an extra row.
    A = np.zeros((K + 1, R + X))
    sw = np.sqrt(w)
    A[np.arange(K), er] = sw
    A[np.arange(K), R + ex] = sw
    A[K, R:] = 1.0
    y = np.concatenate([sw * s, [0.0]])
    sol, *_ = np.linalg.lstsq(A, y, rcond=None)
    return sol[R:]


def bias_normal():
    # The same reduced normal equations keping solves, L b = h, dense; L + 11' fixes sum(b) = 0
    # on a connected panel (L 1 = 0 and h is orthogonal to 1).
    M = np.zeros((R, X))
    np.add.at(M, (er, ex), w)
    W = M.sum(axis=1)
    ybar = np.bincount(er, weights=w * s, minlength=R) / W
    h = np.bincount(ex, weights=w * (s - ybar[er]), minlength=X)
    L = np.diag(M.sum(axis=0)) - M.T @ (M / W[:, None])
    return np.linalg.solve(L + np.ones((X, X)), h)


out = {"numpy": np.__version__, "entries": R, "experts": X, "reviews": K}
for name, fn in (("zscore", zscore), ("bias", bias), ("bias_normal", bias_normal)):
    fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    out[name] = {"seconds": float(np.median(times)), "result": [float(v) for v in result]}
out["experts_order"] = list(experts)
print(json.dumps(out))
