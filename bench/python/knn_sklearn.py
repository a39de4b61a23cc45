#!/usr/bin/env python3
"""scikit-learn's brute-force k-NN regression on the data KnnBenchmark wrote, timed.

Reads raw little-endian float32 points (n x d), targets (n) and queries (q x d); times
KNeighborsRegressor(algorithm='brute') fit+kneighbors and fit+predict, one warm-up and then
`reps` runs each; prints one line per measurement, "name seconds seconds ...", wall-clock, and
one "name-cpu ..." with the process CPU seconds of the same runs; writes the neighbour rows of
the last kneighbors call (int32, q x k) for the caller to compare.
"""
import sys
import time

import numpy as np
from sklearn.neighbors import KNeighborsRegressor


def main():
    points_file, targets_file, queries_file, out_file = sys.argv[1:5]
    n, q, d, k, reps, jobs = (int(a) for a in sys.argv[5:11])
    points = np.fromfile(points_file, dtype="<f4").reshape(n, d)
    targets = np.fromfile(targets_file, dtype="<f4")
    queries = np.fromfile(queries_file, dtype="<f4").reshape(q, d)

    def model():
        return KNeighborsRegressor(n_neighbors=k, algorithm="brute", n_jobs=jobs)

    def kneighbors():
        return model().fit(points, targets).kneighbors(queries)

    def predict():
        return model().fit(points, targets).predict(queries)

    for name, run in (("kneighbors", kneighbors), ("predict", predict)):
        run()
        times = []
        cpu = []
        for _ in range(reps):
            start = time.perf_counter()
            start_cpu = time.process_time()
            result = run()
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        print(name, " ".join("%.6f" % t for t in times), flush=True)
        print(name + "-cpu", " ".join("%.6f" % t for t in cpu), flush=True)
        if name == "kneighbors":
            result[1].astype("<i4").tofile(out_file)


if __name__ == "__main__":
    main()
