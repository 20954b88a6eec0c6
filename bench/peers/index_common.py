"""Shared by the numpy peers of bench/index.ts: the spec's arrays, min-max and ranks with ties.

Written as an analyst would with numpy alone (no pandas or scipy on these machines): whole-array
operations, BLAS matrix products for the weighted means, argsort for the ranks.
"""
import json
import resource

import numpy as np


def load_spec(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def structure(spec, columns):
    """Column index, direction and within-group weight (summing to 1) of each indicator, per group."""
    col = {c: j for j, c in enumerate(columns)}
    groups = []
    for g in spec["groups"]:
        idx = np.array([col[i["id"]] for i in g["indicators"]])
        d = np.array([i.get("direction", 1) for i in g["indicators"]], dtype=float)
        w = np.array([i.get("weight", 1) for i in g["indicators"]], dtype=float)
        groups.append((idx, d, w))
    gw = np.array([g.get("weight", 1) for g in spec["groups"]], dtype=float)
    return groups, gw


def minmax(X, d, lo, hi):
    """lo + (hi - lo)(x - min)/(max - min), or (max - x) for direction -1, column by column."""
    mn = X.min(axis=0)
    mx = X.max(axis=0)
    Y = (X - mn) / (mx - mn)
    Y = np.where(d > 0, Y, 1.0 - Y)
    return lo + (hi - lo) * Y


def ranks_desc(score):
    """1 = best; scores within 1e-9 x the largest magnitude of the one before share its rank."""
    order = np.argsort(-score, kind="stable")
    s = score[order]
    tol = 1e-9 * np.abs(score).max()
    new = np.r_[True, (s[:-1] - s[1:]) > tol]
    rank_sorted = np.maximum.accumulate(np.where(new, np.arange(1, len(s) + 1), 0))
    ranks = np.empty(len(s), dtype=np.int32)
    ranks[order] = rank_sorted
    return order, rank_sorted, ranks


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
