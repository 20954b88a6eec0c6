"""Peer baseline for bench/assign.ts: the assignment LP solved by scipy's HiGHS.

Reads the instance written by bench/assign.ts (meta.json + raw little-endian arrays),
builds the LP  max Σ score·x  s.t.  Σ_entry x = k,  min ≤ Σ_expert x ≤ max,  0 ≤ x ≤ 1
with sparse matrices and solves it with scipy.optimize.linprog(method='highs'), within
meta.json's timeLimit seconds if given.
Prints one JSON line: status, objective, build and solve seconds, peak RSS.
"""
import json
import os
import resource
import sys
import time

import numpy as np
import scipy
import scipy.sparse as sp
from scipy.optimize import linprog


def rss_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main(folder: str) -> None:
    with open(os.path.join(folder, "meta.json"), encoding="utf-8") as f:
        meta = json.load(f)
    n, m, k = meta["entries"], meta["experts"], meta["perEntry"]
    pair_start = np.fromfile(os.path.join(folder, "pairStart.i32"), dtype="<i4")
    pair_expert = np.fromfile(os.path.join(folder, "pairExpert.i32"), dtype="<i4")
    pair_score = np.fromfile(os.path.join(folder, "pairScore.f64"), dtype="<f8")
    min_load = np.fromfile(os.path.join(folder, "minLoad.i32"), dtype="<i4")
    max_load = np.fromfile(os.path.join(folder, "maxLoad.i32"), dtype="<i4")
    baseline = rss_kb()

    t0 = time.perf_counter()
    pairs = len(pair_expert)
    cols = np.arange(pairs, dtype=np.int64)
    entry_of = np.repeat(np.arange(n, dtype=np.int64), np.diff(pair_start))
    ones = np.ones(pairs)
    a_eq = sp.csr_matrix((ones, (entry_of, cols)), shape=(n, pairs))
    experts = sp.csr_matrix((ones, (pair_expert.astype(np.int64), cols)), shape=(m, pairs))
    need_min = min_load > 0
    if need_min.any():
        a_ub = sp.vstack([experts, -experts[need_min]]).tocsr()
        b_ub = np.concatenate([max_load, -min_load[need_min]]).astype(float)
    else:
        a_ub, b_ub = experts, max_load.astype(float)
    b_eq = np.full(n, float(k))
    t1 = time.perf_counter()
    options = {"time_limit": float(meta["timeLimit"])} if meta.get("timeLimit") else {}
    res = linprog(-pair_score, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=(0, 1), method="highs", options=options)
    t2 = time.perf_counter()
    print(json.dumps({
        "peer": "scipy " + scipy.__version__ + " linprog(method='highs')",
        "status": int(res.status),
        "message": str(res.message),
        "objective": float(-res.fun) if res.status == 0 else None,
        "buildSeconds": t1 - t0,
        "solveSeconds": t2 - t1,
        "peakRssKb": rss_kb(),
        "baselineRssKb": baseline,
    }))


if __name__ == "__main__":
    main(sys.argv[1])
