#!/usr/bin/python3
"""scikit-learn baselines on a train/test split, the reference precond's accuracy is compared with.

Usage: sklearn_baseline.py --train train.csv --test test.csv [--target NAME ...] [--seed S]

CSV files have a header row (delimiter ',', ';' or tab, detected from it) and numbers only. The
target is the last column unless --target names one or more; every other column is a feature, and
the test file must have the same columns (matched by name). Models:

  hgb     HistGradientBoostingRegressor(random_state=seed) with default settings, one per target
          (it is single-output). The seed only matters when it early-stops (over 10,000 rows).
  knn1    1-nearest neighbour on standardised features (scaler fitted on the training rows).
  knn_cv  k nearest neighbours, uniform weights, standardised features, k chosen by 5-fold
          cross-validation (shuffled with the seed) over 1, 2, 3, 5, 8, 12, 16, 24, 32 for the
          lowest mean squared error (averaged over targets in their own units); k values larger
          than a training fold are skipped. Its fit time includes the search.

Prints one line of JSON: for each model the test-set RMSE, MAE, maximum absolute error and R²
(lists, one value per target in the order of "targets"; R² of a constant target is 1 if predicted
exactly, else 0, as sklearn.metrics.r2_score does) and the fit and predict wall-clock seconds.
Run with Debian's /usr/bin/python3 and its python3-sklearn.
"""
import argparse
import csv
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score
from sklearn.model_selection import GridSearchCV, KFold
from sklearn.neighbors import KNeighborsRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

K_GRID = [1, 2, 3, 5, 8, 12, 16, 24, 32]
FOLDS = 5


def read_csv(path):
    """Returns (header, float64 rows); exits with a one-line error naming the place of bad input."""
    with open(path, newline="") as f:
        first = f.readline()
        delimiter = max(",;\t", key=first.count)
        f.seek(0)
        reader = csv.reader(f, delimiter=delimiter)
        header = next(reader, None)
        if not header:
            sys.exit(f"{path}: empty file, expected a header row")
        rows = []
        for line, record in enumerate(reader, start=2):
            if not record:
                continue
            if len(record) != len(header):
                sys.exit(f"{path}:{line}: {len(record)} fields, expected {len(header)}")
            try:
                rows.append([float(v) for v in record])
            except ValueError:
                column = next(i for i, v in enumerate(record) if not is_number(v))
                sys.exit(f"{path}:{line}: column '{header[column]}' is '{record[column]}', "
                         "expected a number")
    if not rows:
        sys.exit(f"{path}: no data rows")
    return [h.strip() for h in header], np.asarray(rows, dtype=np.float64)


def is_number(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


def split(path, header, data, feature_names, target_names):
    missing = [n for n in feature_names + target_names if n not in header]
    if missing:
        sys.exit(f"{path}: no column named {', '.join(missing)}")
    index = {name: i for i, name in enumerate(header)}
    return (data[:, [index[n] for n in feature_names]],
            data[:, [index[n] for n in target_names]])


def timed(fit, predict, x_test):
    start = time.perf_counter()
    fit()
    fitted = time.perf_counter()
    predicted = predict(x_test)
    done = time.perf_counter()
    return predicted.reshape(len(x_test), -1), fitted - start, done - fitted


def scores(y, predicted, fit_seconds, predict_seconds):
    return {
        "rmse": np.sqrt(mean_squared_error(y, predicted, multioutput="raw_values")).tolist(),
        "mae": mean_absolute_error(y, predicted, multioutput="raw_values").tolist(),
        "max_error": np.max(np.abs(y - predicted), axis=0).tolist(),
        "r2": r2_score(y, predicted, multioutput="raw_values").tolist(),
        "fit_seconds": fit_seconds,
        "predict_seconds": predict_seconds,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--train", required=True, help="training CSV")
    ap.add_argument("--test", required=True, help="test CSV, same columns")
    ap.add_argument("--target", action="append", help="target column (repeat for several); "
                    "default: the last column")
    ap.add_argument("--seed", type=int, default=0, help="random state (default 0)")
    a = ap.parse_args()

    train_header, train = read_csv(a.train)
    test_header, test = read_csv(a.test)
    target_names = a.target or [train_header[-1]]
    feature_names = [n for n in train_header if n not in target_names]
    if not feature_names:
        ap.error("no feature columns left besides the targets")
    x_train, y_train = split(a.train, train_header, train, feature_names, target_names)
    x_test, y_test = split(a.test, test_header, test, feature_names, target_names)

    models = {}

    boosters = [HistGradientBoostingRegressor(random_state=a.seed) for _ in target_names]
    predicted, fit_s, predict_s = timed(
        lambda: [b.fit(x_train, y_train[:, t]) for t, b in enumerate(boosters)],
        lambda x: np.column_stack([b.predict(x) for b in boosters]),
        x_test)
    models["hgb"] = scores(y_test, predicted, fit_s, predict_s)

    nearest = make_pipeline(StandardScaler(), KNeighborsRegressor(n_neighbors=1))
    predicted, fit_s, predict_s = timed(
        lambda: nearest.fit(x_train, y_train), nearest.predict, x_test)
    models["knn1"] = scores(y_test, predicted, fit_s, predict_s)

    # The smallest training fold holds n − ceil(n / FOLDS) rows; k cannot exceed it.
    smallest_fold = len(x_train) - -(-len(x_train) // FOLDS)
    grid = [k for k in K_GRID if k <= smallest_fold]
    if len(x_train) < FOLDS or not grid:
        sys.exit(f"{a.train}: {len(x_train)} rows are too few for {FOLDS}-fold cross-validation")
    search = GridSearchCV(
        make_pipeline(StandardScaler(), KNeighborsRegressor()),
        {"kneighborsregressor__n_neighbors": grid},
        cv=KFold(FOLDS, shuffle=True, random_state=a.seed),
        scoring="neg_mean_squared_error")
    predicted, fit_s, predict_s = timed(
        lambda: search.fit(x_train, y_train), search.predict, x_test)
    models["knn_cv"] = scores(y_test, predicted, fit_s, predict_s)
    models["knn_cv"]["k"] = search.best_params_["kneighborsregressor__n_neighbors"]

    print(json.dumps({
        "train": a.train,
        "test": a.test,
        "train_rows": len(x_train),
        "test_rows": len(x_test),
        "features": feature_names,
        "targets": target_names,
        "seed": a.seed,
        "sklearn": sklearn.__version__,
        "models": models,
    }))


if __name__ == "__main__":
    main()
