"""numpy peer of bench/index.ts (a): CSV -> min-max -> weighted group means -> index -> ranks -> CSV.

Usage: python3 bench/peers/index_job.py DATA.csv SPEC.json OUT.csv
Prints one JSON line: seconds (read to written, interpreter start excluded) and peak RSS in MB.
"""
import json
import sys
import time

import numpy as np

from index_common import load_spec, minmax, peak_mb, ranks_desc, structure

data_path, spec_path, out_path = sys.argv[1:4]
t0 = time.perf_counter()
spec = load_spec(spec_path)
with open(data_path, encoding="utf-8") as f:
    columns = f.readline().rstrip("\n").split(",")[1:]
    ids = [line.split(",", 1)[0] for line in f]
X = np.loadtxt(data_path, delimiter=",", skiprows=1, usecols=range(1, len(columns) + 1))
t_read = time.perf_counter()
groups, gw = structure(spec, columns)
lo, hi = spec["normalisation"].get("range", [0, 1])
G = np.column_stack([minmax(X[:, idx], d, lo, hi) @ (w / w.sum()) for idx, d, w in groups])
score = G @ (gw / gw.sum())
order, rank_sorted, _ = ranks_desc(score)
t_compute = time.perf_counter()
sc = score.tolist()
gl = G.tolist()
with open(out_path, "w", encoding="utf-8") as f:
    f.write("id,score,rank," + ",".join("score_" + g["id"] for g in spec["groups"]) + "\n")
    f.write("".join(
        f"{ids[u]},{sc[u]},{r}," + ",".join(map(str, gl[u])) + "\n"
        for u, r in zip(order.tolist(), rank_sorted.tolist())
    ))
t_end = time.perf_counter()
print(json.dumps({
    "seconds": t_end - t0, "read": t_read - t0, "compute": t_compute - t_read, "write": t_end - t_compute,
    "peak_mb": peak_mb(), "numpy": np.__version__,
}))
