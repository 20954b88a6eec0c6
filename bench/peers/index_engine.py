"""numpy peer of bench/index.ts (b): the index of N x K doubles already in memory, no I/O.

Usage: python3 bench/peers/index_engine.py VALUES.f64 N K SPEC.json RUNS
VALUES.f64 holds the matrix column-major (as keping keeps it); it is loaded into the C-ordered
N x K array an analyst would have from loadtxt. Prints one JSON line: the median seconds of the
pipeline, of one pass over the data (X.sum(), the memory-bandwidth floor), the best 10 unit
indices and the largest score (for the agreement check), and peak RSS in MB.
"""
import json
import sys
import time

import numpy as np

from index_common import load_spec, minmax, peak_mb, ranks_desc, structure

path, n, k, spec_path, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
X = np.ascontiguousarray(np.fromfile(path, dtype=np.float64).reshape(k, n).T)
spec = load_spec(spec_path)
columns = [f"i{j + 1:02d}" for j in range(k)]
groups, gw = structure(spec, columns)
lo, hi = spec["normalisation"].get("range", [0, 1])


def index():
    G = np.column_stack([minmax(X[:, idx], d, lo, hi) @ (w / w.sum()) for idx, d, w in groups])
    score = G @ (gw / gw.sum())
    order, _, ranks = ranks_desc(score)
    return score, order, ranks


def median_time(f):
    f()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return float(np.median(times))


seconds = median_time(index)
one_pass = median_time(lambda: X.sum())
score, order, _ = index()
print(json.dumps({
    "seconds": seconds, "one_pass": one_pass, "top": order[:10].tolist(), "max": float(score.max()),
    "peak_mb": peak_mb(), "data_mb": X.nbytes / 2**20,
}))
