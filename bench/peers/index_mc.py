"""numpy peer of bench/index.ts (c): Monte Carlo rank bands.

Each replicate draws a normalisation (min-max to [1, 100] or ranks), an aggregation (weighted
arithmetic or geometric mean) and weights perturbed uniformly by +-x; the normalised matrices
(and their logarithms) are computed once per alternative, as keping does; ranks go into the full
replicates x units matrix and np.percentile takes the 5th, 50th and 95th (nearest rank).

Usage: python3 bench/peers/index_mc.py VALUES.f64 N K SPEC.json REPLICATES SEED PERTURBATION
Prints one JSON line: seconds, seconds per replicate, the median ranks' checksum and peak RSS in MB.
"""
import json
import sys
import time

import numpy as np

from index_common import load_spec, minmax, peak_mb, ranks_desc, structure

path, n, k, spec_path = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
replicates, seed, x = int(sys.argv[5]), int(sys.argv[6]), float(sys.argv[7])
X = np.ascontiguousarray(np.fromfile(path, dtype=np.float64).reshape(k, n).T)
spec = load_spec(spec_path)
columns = [f"i{j + 1:02d}" for j in range(k)]
groups, gw = structure(spec, columns)
rng = np.random.default_rng(seed)

t0 = time.perf_counter()
order_cols = np.concatenate([idx for idx, _, _ in groups])
d_all = np.concatenate([d for _, d, _ in groups])
Xo = X[:, order_cols]
ranked = np.empty_like(Xo)
for j in range(Xo.shape[1]):
    col = Xo[:, j] * d_all[j]
    ranked[np.argsort(col, kind="stable"), j] = np.arange(1, n + 1)
normalised = [minmax(Xo, d_all, 1.0, 100.0), ranked]
logs = [np.log(Y) for Y in normalised]
sizes = [len(idx) for idx, _, _ in groups]
starts = np.cumsum([0] + sizes[:-1])
base_w = np.concatenate([w for _, _, w in groups])
R = np.empty((replicates, n), dtype=np.int32)
for r in range(replicates):
    m = rng.integers(2)
    geometric = rng.integers(2) == 1
    w = base_w * (1 + x * (2 * rng.random(len(base_w)) - 1))
    g = gw * (1 + x * (2 * rng.random(len(gw)) - 1))
    W = np.zeros((len(base_w), len(groups)))
    for j, (s, size) in enumerate(zip(starts, sizes)):
        W[s:s + size, j] = w[s:s + size] / w[s:s + size].sum()
    if geometric:
        G = np.exp(logs[m] @ W)
        score = np.exp(np.log(G) @ (g / g.sum()))
    else:
        G = normalised[m] @ W
        score = G @ (g / g.sum())
    R[r] = ranks_desc(score)[2]
p05, med, p95 = np.percentile(R, [5, 50, 95], axis=0, method="inverted_cdf")
seconds = time.perf_counter() - t0
print(json.dumps({
    "seconds": seconds, "per_replicate": seconds / replicates, "median_sum": float(med.sum()),
    "band_mean": float((p95 - p05).mean()), "peak_mb": peak_mb(), "matrix_mb": R.nbytes / 2**20,
}))
