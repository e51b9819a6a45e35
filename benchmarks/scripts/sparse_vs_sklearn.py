"""Sparse rows, one thread, from the same start: the tool's `fit` on an svmlight file against
scikit-learn's KMeans(algorithm="lloyd") on the same CSR matrix.

    python3 sparse_vs_sklearn.py DATA K MAX_ITER TOOL_JAR

DATA.npz (scipy.sparse.save_npz) and DATA.svm (dump_svmlight_file) hold the same rows. The start
is scikit-learn's k-means++ (seed 0), written as a CSV of centres for the tool's --init. Both run
to convergence (tol 0: no label changes) or MAX_ITER. Prints one JSON line per side.
"""
import json
import subprocess
import sys
import time

import numpy as np
import scipy.sparse as sp
from sklearn.cluster import KMeans, kmeans_plusplus
from threadpoolctl import threadpool_limits

data, k, max_iter, jar = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
X = sp.load_npz(data + ".npz").tocsr()
t = time.perf_counter()
_ = sp.load_npz(data + ".npz")
npz_seconds = time.perf_counter() - t
with threadpool_limits(1):
    centers, _ = kmeans_plusplus(X, k, random_state=0)
np.savetxt(data + "-start.csv", centers, delimiter=",", fmt="%.17g")
dense_bytes = X.shape[0] * X.shape[1] * 8

with threadpool_limits(1):
    t = time.perf_counter()
    km = KMeans(n_clusters=k, init=centers, n_init=1, algorithm="lloyd", max_iter=max_iter, tol=0).fit(X)
    seconds = time.perf_counter() - t
print(json.dumps({"side": "scikit-learn KMeans lloyd (CSR in memory)", "rows": X.shape[0], "features": X.shape[1],
                  "nnz": int(X.nnz), "denseBytes": dense_bytes, "csrBytes": int(X.data.nbytes + X.indices.nbytes + X.indptr.nbytes),
                  "seconds": seconds, "loadSeconds": npz_seconds, "iterations": int(km.n_iter_), "inertia": float(km.inertia_)}))

command = ["java", "-Xmx4g", "-jar", jar, "fit", "--input", data + ".svm", "--features", str(X.shape[1]), "--index-base", "0", "--k", str(k),
           "--init", data + "-start.csv", "--threads", "1", "--tol", "0", "--max-iter", str(max_iter), "--json", "--quiet"]
t = time.perf_counter()
out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
wall = time.perf_counter() - t
ours = json.loads(out)
print(json.dumps({"side": "minibatch-kmeans tool fit (svmlight file, parse included)", "seconds": ours["seconds"],
                  "processSeconds": wall, "iterations": ours["iterations"], "inertia": ours["inertia"],
                  "peakHeapBytes": ours["peakHeapBytes"],
                  "inertiaRelativeDifference": abs(ours["inertia"] - km.inertia_) / km.inertia_,
                  "timeRatio": ours["seconds"] / seconds}))
