#!/usr/bin/python3
"""Test scores of precond beside gradient boosting and raw-space k-NN on mixed-type tables.

What a user gets from `precond fit` + `precond predict` with given options on the eight
mixed-type / classification files of the shared data folder (text categories, empty cells),
beside scikit-learn's gradient boosting with native categories and a k-NN in the raw (one-hot,
standardised) input space, all on the same splits in one run. The protocol is fixed so that runs
on different branches compare:

  data    classification: adult (income, 2 classes), bank_marketing (y, 2),
          covertype_first15120 (cover_type, 7 classes coded as numbers), letter_recognition
          (letter, 26), german_credit (credit_risk, 2); regression: diamonds (price), abalone
          (rings), ames_housing (sale_price) (.csv). The target is the last column; categorical
          columns hold text, missing values are empty cells. Exact duplicate rows (the same raw
          text in every field) are removed, the first occurrence kept, order kept.
  split   for seed s: p = numpy.random.default_rng(s).permutation(n); rows p[:n*4//5] train, the
          rest test. Written once per set and seed as WORK/<set>/seed<s>/{train,test}.csv (header
          and the original text of every cell kept).
  methods a precond variant NAME='fit options' runs
            precond fit --data train.csv --model M.pcm --seed s -q [--task classification] OPTIONS
            (--task classification for covertype only, whose classes are numeric codes), then
            precond predict --model M.pcm --data test.csv --out P.csv --set 0.9   (classification)
            precond predict --model M.pcm --data test.csv --out P.csv --interval 0.9 (regression)
          (predict again without --set/--interval when the model kept no calibration rows;
          coverage is then missing; and, should a test label be unknown to the model, on a copy
          of test.csv without the target column). Default variants: default='' only.
          Column types for the baselines, from train.csv: numeric if every non-empty cell parses
          as a float, categorical otherwise.
          hgb: HistGradientBoostingClassifier / Regressor(max_iter=2000, early_stopping=True,
          validation_fraction=0.1, random_state=s) with native categories: categorical columns
          ordinal-coded from the training rows (unknown test levels -> NaN), categorical_features
          set; empty cells -> NaN.
          knn: one-hot categoricals (OneHotEncoder(handle_unknown='ignore'); an empty cell is a
          level of its own) + median-imputed, standardised numerics;
          KNeighborsClassifier / Regressor(weights='distance') with k in {1,3,5,10,20,30,50}
          chosen by 5-fold GridSearchCV (neg_log_loss / neg_root_mean_squared_error, n_jobs=2)
          on the training rows, or on 10,000 of them (default_rng(s).choice, no replacement)
          when there are more than 20,000; then fitted on all training rows.
  scores  classification: accuracy, log loss (probability of the true class clipped to 1e-15),
          Brier score (binary: the usual one, (p - y)^2 of one class; multi-class: sum over the
          classes of the squared errors; both averaged over the rows), expected calibration error
          (15 equal-width bins of the top probability, weighted by their rows), macro F1, and for
          precond the 0.9 prediction set's coverage and mean size; regression: test RMSE, and
          precond's 0.9 interval coverage and mean width. Fit wall seconds for every method (for
          precond the whole `precond fit` process, JVM start included; the launcher is run once
          before, so building the jar is not counted; for knn the k search included).

Output: markdown (stdout, and --out FILE.md): a classification table (one row per set; accuracy
and log loss per method, set coverage and size per precond variant) and a regression table (RMSE
per method, interval coverage per precond variant), medians over seeds; Brier, ECE and macro F1
per method; then per precond variant the mean accuracy difference to hgb over the classification
sets (points), the number of sets where its log loss is <= hgb's, whether it beats raw knn on
every set (accuracy and log loss; RMSE on regression sets) and the coverages flagged (a set with
>= 1,000 test rows and coverage outside 0.88-0.92); then median fit seconds per method and set.
--json FILE keeps every per-seed number; --tabulate FILE re-prints from it. Progress goes to
stderr. Run with Debian's /usr/bin/python3 (python3-numpy, python3-sklearn); bench/run-tables.sh
does that.
"""
import argparse
import csv
import datetime
import io
import json
import math
import os
import platform
import re
import shlex
import statistics
import sys
import time

import numpy as np

from harness import (add_run_arguments, choose_sets, failure, git_commit, median_or_none,
                     number, parse_run_arguments, precond_version, read_rows, rmse, run_all,
                     run_process, split_rows, write_if_changed)

CLASSIFICATION, REGRESSION = "classification", "regression"
# name -> (task, extra `precond fit` options the set needs)
SETS = {
    "adult": (CLASSIFICATION, ""),
    "bank_marketing": (CLASSIFICATION, ""),
    "covertype_first15120": (CLASSIFICATION, "--task classification"),
    "letter_recognition": (CLASSIFICATION, ""),
    "german_credit": (CLASSIFICATION, ""),
    "diamonds": (REGRESSION, ""),
    "abalone": (REGRESSION, ""),
    "ames_housing": (REGRESSION, ""),
}
DEFAULT_VARIANTS = {"default": ""}
BASELINES = ("hgb", "knn")
LEVEL = 0.9
COVERAGE_BAND = (0.88, 0.92)
COVERAGE_MIN_ROWS = 1000
KNN_KS = (1, 3, 5, 10, 20, 30, 50)
KNN_CV_MAX_ROWS = 20_000
KNN_CV_ROWS = 10_000
ECE_BINS = 15
PROBABILITY_FLOOR = 1e-15


# ----------------------------------------------------------------------------------------- data

def prepare_set(name, data_dir):
    """Applies the protocol's de-duplication (raw text of every field); returns a dict."""
    header, rows = read_rows(data_dir / f"{name}.csv")
    seen, kept = set(), []
    for row in rows:
        key = tuple(row)
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return {"name": name, "task": SETS[name][0], "header": header, "rows": kept,
            "duplicates": len(rows) - len(kept)}


def csv_text(header, rows):
    """CSV of the original fields (quoted only where a field needs it; none of the files do)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def is_number(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


def column_types(rows, width):
    """True for numeric columns: every non-empty training cell parses as a float."""
    return [all(is_number(r[j]) for r in rows if r[j] != "") for j in range(width)]


def to_float(text):
    try:
        return float(text) if text != "" else math.nan
    except ValueError:
        return math.nan


def write_split(data, seed, work):
    """Writes WORK/<set>/seed<s>/{train,test}.csv; returns the split's paths and raw rows."""
    folder = work / data["name"] / f"seed{seed}"
    folder.mkdir(parents=True, exist_ok=True)
    train_idx, test_idx = split_rows(len(data["rows"]), seed)
    split = {"dir": folder, "seed": seed, "set": data["name"], "task": data["task"],
             "header": data["header"], "target": data["header"][-1]}
    for part, idx in (("train", train_idx), ("test", test_idx)):
        rows = [data["rows"][i] for i in idx]
        path = folder / f"{part}.csv"
        write_if_changed(path, csv_text(data["header"], rows))
        split[part], split[f"rows_{part}"] = path, rows
    features = len(data["header"]) - 1
    split["numeric"] = column_types(split["rows_train"], features)
    for part in ("train", "test"):
        targets = [r[-1] for r in split[f"rows_{part}"]]
        split[f"y_{part}"] = (np.array(targets, dtype=object) if data["task"] == CLASSIFICATION
                              else np.array([float(v) for v in targets]))
    return split


def features_only(split):
    """test.csv without the target column (for a model that does not know a test label)."""
    path = split["dir"] / "test.features.csv"
    write_if_changed(path, csv_text(split["header"][:-1], [r[:-1] for r in split["rows_test"]]))
    return path


# --------------------------------------------------------------------------------------- scores

def classification_scores(y, classes, probabilities, predicted):
    """Scores of predicted labels and class probabilities (rows x classes, columns = classes).

    A true label that is not among the classes has probability 0 (then clipped)."""
    from sklearn.metrics import f1_score
    y = np.asarray(y, dtype=object)
    classes = list(classes)
    p = np.asarray(probabilities, dtype=np.float64)
    index = {c: i for i, c in enumerate(classes)}
    onehot = np.zeros_like(p)
    true_p = np.zeros(len(y))
    for row, label in enumerate(y):
        if label in index:
            onehot[row, index[label]] = 1.0
            true_p[row] = p[row, index[label]]
    squared = ((p - onehot) ** 2).sum(axis=1)
    brier = float(np.mean(squared) / 2) if len(classes) == 2 else float(np.mean(squared))
    confidence = p.max(axis=1)
    correct = np.array([classes[i] for i in p.argmax(axis=1)], dtype=object) == y
    bins = np.clip(np.ceil(confidence * ECE_BINS).astype(int) - 1, 0, ECE_BINS - 1)
    ece = 0.0
    for b in range(ECE_BINS):
        mask = bins == b
        if mask.any():
            ece += mask.mean() * abs(correct[mask].mean() - confidence[mask].mean())
    predicted = np.asarray(predicted, dtype=object)
    return {"accuracy": float(np.mean(predicted == y)),
            "log_loss": float(-np.mean(np.log(np.clip(true_p, PROBABILITY_FLOOR, 1.0)))),
            "brier": brier, "ece": float(ece),
            "macro_f1": float(f1_score(list(y), list(predicted), average="macro"))}


# -------------------------------------------------------------------------------------- methods

def read_table(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def precond_classification(rows, split):
    """Scores of precond's label, class probability and set columns."""
    target = split["target"]
    prefix = f"{target}_p_"
    classes = [c[len(prefix):] for c in rows[0] if c.startswith(prefix)]
    probabilities = [[float(r[prefix + c]) for c in classes] for r in rows]
    y = split["y_test"]
    result = classification_scores(y, classes, probabilities, [r[target] for r in rows])
    result["classes"] = len(classes)
    result["set_coverage"] = result["set_size"] = None
    if f"{target}_set" in rows[0]:
        sets = [[c for c in r[f"{target}_set"].split("|") if c != ""] for r in rows]
        result["set_coverage"] = float(np.mean([label in s for label, s in zip(y, sets)]))
        result["set_size"] = float(np.mean([len(s) for s in sets]))
    return result


def precond_regression(rows, split):
    target, y = split["target"], split["y_test"]
    result = {"rmse": rmse(y, [float(r[target]) for r in rows]),
              "coverage": None, "width": None}
    if f"{target}_lower" in rows[0]:
        lower = np.array([float(r[f"{target}_lower"]) for r in rows])
        upper = np.array([float(r[f"{target}_upper"]) for r in rows])
        result["coverage"] = float(np.mean((y >= lower) & (y <= upper)))
        result["width"] = float(np.mean(upper - lower))
    return result


def run_precond(launcher, name, options, split):
    """precond fit + predict for one variant on one split; returns a result dict."""
    folder, seed = split["dir"], split["seed"]
    model, out = folder / f"{name}.pcm", folder / f"{name}.predictions.csv"
    fit = [str(launcher), "fit", "--data", str(split["train"]), "--model", str(model),
           "--seed", str(seed), "-q"] + shlex.split(SETS[split["set"]][1]) + shlex.split(options)
    fit_seconds, done = run_process(fit, folder)
    if done.returncode != 0:
        return {"error": failure("fit", done), "fit_seconds": fit_seconds}
    classify = split["task"] == CLASSIFICATION
    ask = ["--set" if classify else "--interval", str(LEVEL)]
    notes = []

    def predict(data, extra):
        return run_process([str(launcher), "predict", "--model", str(model), "--data", str(data),
                            "--out", str(out)] + extra, folder)

    data = split["test"]
    predict_seconds, done = predict(data, ask)
    if done.returncode != 0 and "not one of the model's classes" in done.stderr:
        notes.append("a test label is unknown to the model: predicted without the target column")
        data = features_only(split)
        predict_seconds, done = predict(data, ask)
    if done.returncode != 0 and "no calibration" in done.stderr:
        notes.append("no calibration rows: no set/interval")
        predict_seconds, done = predict(data, [])
    if done.returncode != 0:
        return {"error": failure("predict", done), "fit_seconds": fit_seconds}
    rows = read_table(out)
    result = precond_classification(rows, split) if classify else precond_regression(rows, split)
    result.update(fit_seconds=fit_seconds, predict_seconds=predict_seconds)
    if notes:
        result["notes"] = notes
    return result


def baseline_matrices(split):
    """hgb's inputs: floats with NaN for empty cells, categories as training-level codes."""
    numeric = split["numeric"]
    levels = {j: {v: i for i, v in enumerate(sorted({r[j] for r in split["rows_train"]} - {""}))}
              for j, is_numeric in enumerate(numeric) if not is_numeric}

    def matrix(rows):
        x = np.empty((len(rows), len(numeric)))
        for j, is_numeric in enumerate(numeric):
            if is_numeric:
                x[:, j] = [to_float(r[j]) for r in rows]
            else:
                x[:, j] = [levels[j].get(r[j], math.nan) for r in rows]
        return x

    return matrix(split["rows_train"]), matrix(split["rows_test"]), ~np.array(numeric, dtype=bool)


def run_hgb(split):
    from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
    x_train, x_test, categorical = baseline_matrices(split)
    kind = (HistGradientBoostingClassifier if split["task"] == CLASSIFICATION
            else HistGradientBoostingRegressor)
    model = kind(max_iter=2000, early_stopping=True, validation_fraction=0.1,
                 random_state=split["seed"],
                 categorical_features=categorical if categorical.any() else None)
    start = time.perf_counter()
    model.fit(x_train, split["y_train"])
    fit_seconds = time.perf_counter() - start
    if split["task"] == CLASSIFICATION:
        result = classification_scores(split["y_test"], model.classes_,
                                       model.predict_proba(x_test), model.predict(x_test))
    else:
        result = {"rmse": rmse(split["y_test"], model.predict(x_test))}
    return {**result, "fit_seconds": fit_seconds, "iterations": int(model.n_iter_)}


def knn_frames(split):
    """k-NN's inputs: numeric floats (NaN for empty) and categorical text, as object arrays."""
    numeric = split["numeric"]

    def frame(rows):
        return np.array([[to_float(v) if numeric[j] else v for j, v in enumerate(r[:-1])]
                         for r in rows], dtype=object)

    return frame(split["rows_train"]), frame(split["rows_test"])


def knn_pipeline(split, k, jobs):
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
    from sklearn.pipeline import Pipeline, make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler
    numeric = [j for j, n in enumerate(split["numeric"]) if n]
    categorical = [j for j, n in enumerate(split["numeric"]) if not n]
    parts = []
    if numeric:
        parts.append(("numeric", make_pipeline(SimpleImputer(strategy="median"),
                                               StandardScaler()), numeric))
    if categorical:
        parts.append(("categorical", OneHotEncoder(handle_unknown="ignore"), categorical))
    kind = KNeighborsClassifier if split["task"] == CLASSIFICATION else KNeighborsRegressor
    return Pipeline([("inputs", ColumnTransformer(parts)),
                     ("knn", kind(n_neighbors=k, weights="distance", n_jobs=jobs))])


def run_knn(split):
    from sklearn.model_selection import GridSearchCV
    x_train, x_test = knn_frames(split)
    y_train = split["y_train"]
    classify = split["task"] == CLASSIFICATION
    start = time.perf_counter()
    pick = np.arange(len(x_train))
    if len(pick) > KNN_CV_MAX_ROWS:
        pick = np.random.default_rng(split["seed"]).choice(len(pick), KNN_CV_ROWS, replace=False)
    search = GridSearchCV(knn_pipeline(split, 1, 1), {"knn__n_neighbors": list(KNN_KS)}, cv=5,
                          scoring="neg_log_loss" if classify else "neg_root_mean_squared_error",
                          n_jobs=2, refit=False)
    search.fit(x_train[pick], y_train[pick])
    k = int(search.best_params_["knn__n_neighbors"])
    model = knn_pipeline(split, k, 2).fit(x_train, y_train)
    fit_seconds = time.perf_counter() - start
    if classify:
        result = classification_scores(split["y_test"], model.classes_,
                                       model.predict_proba(x_test), model.predict(x_test))
    else:
        result = {"rmse": rmse(split["y_test"], model.predict(x_test))}
    return {**result, "fit_seconds": fit_seconds, "k": k, "cv_rows": int(len(pick))}


# ------------------------------------------------------------------------------------- the run

def tasks_for(split, variants, launcher):
    """(method, callable) pairs for one split, in table order."""
    tasks = [(name, lambda n=name, o=options: run_precond(launcher, n, o, split))
             for name, options in variants.items()]
    tasks.append(("hgb", lambda: run_hgb(split)))
    tasks.append(("knn", lambda: run_knn(split)))
    return tasks


def progress(record, done, total):
    if "error" in record:
        text = "FAILED " + record["error"]
    elif "accuracy" in record:
        text = f"accuracy {record['accuracy']:.4f}, log loss {record['log_loss']:.4g}"
        if record.get("set_coverage") is not None:
            text += f", set coverage {record['set_coverage']:.3f} size {record['set_size']:.2f}"
    else:
        text = f"rmse {record['rmse']:.5g}"
        if record.get("coverage") is not None:
            text += f", coverage {record['coverage']:.3f}"
    if "fit_seconds" in record and "error" not in record:
        text += f", fit {record['fit_seconds']:.1f} s"
    if record.get("k"):
        text += f", k {record['k']}"
    for note in record.get("notes", []):
        text += f" ({note})"
    print(f"[{done}/{total}] {record['set']} seed {record['seed']} {record['method']}: {text}",
          file=sys.stderr, flush=True)


def execute(jobs, splits, variants, launcher):
    """Runs every method on every split (jobs at a time); returns the per-seed records."""
    work = [(split, method, call) for split in splits
            for method, call in tasks_for(split, variants, launcher)]
    return run_all(work, jobs, progress)


def parse_variants(items):
    if not items:
        return dict(DEFAULT_VARIANTS)
    variants = {}
    for item in items:
        name, sep, options = item.partition("=")
        if not sep or not re.fullmatch(r"[A-Za-z0-9_.-]+", name) or name in BASELINES:
            sys.exit(f"--variant {item!r}: expected NAME='fit options' with NAME made of letters, "
                     "digits, '_', '.', '-' and not hgb or knn")
        if name in variants:
            sys.exit(f"--variant {name} given twice")
        variants[name] = options
    return variants


def library_versions():
    import sklearn
    return {"python": platform.python_version(), "numpy": np.__version__,
            "sklearn": sklearn.__version__}


# ---------------------------------------------------------------------------------- the tables

def values(records, name, method, key):
    """The per-seed values of one method on one set (failed runs left out)."""
    return [r[key] for r in records if r["set"] == name and r["method"] == method
            and "error" not in r and r.get(key) is not None]


def fixed(x, places):
    return "—" if x is None else f"{x:.{places}f}"


def sets_of(run, task):
    return [s for s in run["sets"] if run["data"][s]["task"] == task]


def coverage_cell(run, name, c, extra=""):
    low, high = COVERAGE_BAND
    flag = (c is not None and run["data"][name]["test_rows"] >= COVERAGE_MIN_ROWS
            and not low <= c <= high)
    return ("⚠ " if flag else "") + fixed(c, 3) + extra


def seeds_note(run, name, method, key):
    count = len(values(run["records"], name, method, key))
    return "" if count == len(run["seeds"]) else f" ({count}/{len(run['seeds'])} seeds)"


def classification_table(run, med):
    methods, variants = run["methods"], list(run["variants"])
    head = ["set", "classes", "test rows"]
    for m in methods:
        head += [f"{m} acc", f"{m} log loss"]
    for v in variants:
        head += [f"{v} set cov.", f"{v} set size"]
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
    for name in sets_of(run, CLASSIFICATION):
        best_acc = max((med(name, m, "accuracy") for m in methods
                        if med(name, m, "accuracy") is not None), default=None)
        best_loss = min((med(name, m, "log_loss") for m in methods
                         if med(name, m, "log_loss") is not None), default=None)
        cells = [name, str(run["data"][name].get("classes", "—")),
                 str(run["data"][name]["test_rows"])]
        for m in methods:
            acc, loss = med(name, m, "accuracy"), med(name, m, "log_loss")
            a, b = fixed(acc, 4), fixed(loss, 4)
            if acc is not None and acc == best_acc:
                a = f"**{a}**"
            if loss is not None and loss == best_loss:
                b = f"**{b}**"
            cells += [a + seeds_note(run, name, m, "accuracy"), b]
        for v in variants:
            cells += [coverage_cell(run, name, med(name, v, "set_coverage")),
                      fixed(med(name, v, "set_size"), 2)]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def calibration_table(run, med):
    methods = run["methods"]
    lines = ["| set | " + " | ".join(methods) + " |", "|---|" + "---:|" * len(methods)]
    for name in sets_of(run, CLASSIFICATION):
        cells = [" / ".join(fixed(med(name, m, key), 4) for key in ("brier", "ece", "macro_f1"))
                 for m in methods]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines


def regression_table(run, med):
    methods, variants = run["methods"], list(run["variants"])
    head = ["set", "test rows"] + [f"{m} RMSE" for m in methods] + [f"{v} cov. (width)"
                                                                   for v in variants]
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
    for name in sets_of(run, REGRESSION):
        present = [med(name, m, "rmse") for m in methods if med(name, m, "rmse") is not None]
        best = min(present) if present else None
        cells = [name, str(run["data"][name]["test_rows"])]
        for m in methods:
            x = med(name, m, "rmse")
            text = number(x, 5)
            if x is not None and x == best:
                text = f"**{text}**"
            cells.append(text + seeds_note(run, name, m, "rmse"))
        for v in variants:
            width = med(name, v, "width")
            cells.append(coverage_cell(run, name, med(name, v, "coverage"),
                                       "" if width is None else f" ({number(width, 4)})"))
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def variant_summary(variant, run, med):
    """One line per precond variant: against hgb, against knn, coverage flags."""
    class_sets, regression_sets = sets_of(run, CLASSIFICATION), sets_of(run, REGRESSION)
    parts = []
    if class_sets:
        pairs = [(med(s, variant, "accuracy"), med(s, "hgb", "accuracy")) for s in class_sets]
        diffs = [100 * (a - b) for a, b in pairs if a is not None and b is not None]
        mean = f"{statistics.mean(diffs):+.2f} points" if diffs else "—"
        parts.append(f"accuracy − hgb's, mean over {len(diffs)} classification sets: **{mean}**")
        losses = [(med(s, variant, "log_loss"), med(s, "hgb", "log_loss")) for s in class_sets]
        wins = sum(a <= b for a, b in losses if a is not None and b is not None)
        parts.append(f"log loss ≤ hgb's on **{wins}/{len(class_sets)}** sets")
    misses = []
    for s in class_sets:
        acc, knn_acc = med(s, variant, "accuracy"), med(s, "knn", "accuracy")
        loss, knn_loss = med(s, variant, "log_loss"), med(s, "knn", "log_loss")
        if None in (acc, knn_acc, loss, knn_loss):
            misses.append(f"{s} (missing)")
        elif not (acc > knn_acc and loss < knn_loss):
            misses.append(s + (" (accuracy)" if acc <= knn_acc else "")
                          + (" (log loss)" if loss >= knn_loss else ""))
    for s in regression_sets:
        x, knn = med(s, variant, "rmse"), med(s, "knn", "rmse")
        if x is None or knn is None:
            misses.append(f"{s} (missing)")
        elif not x < knn:
            misses.append(f"{s} (RMSE)")
    parts.append("beats raw knn on every set: "
                 + ("**yes**" if not misses else "**no**, not on " + ", ".join(misses)))
    low, high = COVERAGE_BAND
    flagged = []
    for s in run["sets"]:
        key = "set_coverage" if run["data"][s]["task"] == CLASSIFICATION else "coverage"
        c = med(s, variant, key)
        if c is not None and run["data"][s]["test_rows"] >= COVERAGE_MIN_ROWS \
                and not low <= c <= high:
            flagged.append(f"{s} {c:.3f}")
    parts.append("coverage outside "
                 f"{low}–{high}: " + (", ".join(flagged) if flagged else "none"))
    return f"- `{variant}`: " + "; ".join(parts)


def seconds_table(run, med):
    methods = run["methods"]
    lines = ["| set | " + " | ".join(methods) + " |", "|---|" + "---:|" * len(methods)]
    for name in run["sets"]:
        cells = [number(med(name, m, "fit_seconds"), 3) for m in methods]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    overall = [number(median_or_none([x for s in run["sets"]
                                      for x in values(run["records"], s, m, "fit_seconds")]), 3)
               for m in methods]
    lines.append("| *all runs* | " + " | ".join(overall) + " |")
    return lines


def markdown(run):
    def med(name, method, key):
        return median_or_none(values(run["records"], name, method, key))

    seeds = ", ".join(str(s) for s in run["seeds"])
    variants = "; ".join(f"`{n}` = `{o or '(defaults)'}`" for n, o in run["variants"].items())
    out = [f"## Mixed-type tables: test scores, median over seeds {seeds}",
           "",
           f"{run['precond'].splitlines()[0]}, commit {run['commit']}, {run['date']}, "
           f"{run['processors']} processors, scikit-learn {run['versions']['sklearn']}. "
           f"Variants: {variants}. Duplicate rows removed, 80/20 split per seed; hgb: "
           "gradient boosting with native categories; knn: k-NN on one-hot + standardised "
           "inputs, k by 5-fold CV. Best per row in bold.",
           ""]
    if sets_of(run, CLASSIFICATION):
        out += ["### Classification: accuracy, log loss; precond's "
                f"{LEVEL:.0%} prediction sets (⚠: at least {COVERAGE_MIN_ROWS:,} test rows and "
                f"coverage outside {COVERAGE_BAND[0]}–{COVERAGE_BAND[1]})", ""]
        out += classification_table(run, med)
        out += ["", "Brier score / expected calibration error (15 bins) / macro F1:", ""]
        out += calibration_table(run, med)
        out += [""]
    if sets_of(run, REGRESSION):
        out += [f"### Regression: test RMSE; precond's {LEVEL:.0%} interval coverage "
                "(mean width)", ""]
        out += regression_table(run, med)
        out += [""]
    out += ["### Summary per precond variant (medians over seeds)", ""]
    out += [variant_summary(v, run, med) for v in run["variants"]]
    out += ["", "Fit wall seconds, median over seeds (precond: the whole `precond fit` process; "
            "knn: k search included):", ""]
    out += seconds_table(run, med)
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------- main

def arguments():
    ap = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="Protocol:\n" + __doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--variant", action="append", metavar="NAME='OPTIONS'",
                    help="a precond variant: its name and its `precond fit` options (repeat; "
                         "default: default='')")
    ap.add_argument("--sets", help="comma-separated prefixes of data set names (default: all 8)")
    add_run_arguments(ap, "/tmp/precond-tables")
    return parse_run_arguments(ap)


def benchmark(a):
    variants = parse_variants(a.variant)
    sets = choose_sets([p for p in (a.sets or "").split(",") if p], SETS)
    launcher = a.precond.resolve()
    run = {"date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
           "precond": precond_version(launcher), "commit": git_commit(),
           "processors": os.cpu_count(), "versions": library_versions(),
           "sets": sets, "seeds": a.seeds, "variants": variants,
           "methods": list(variants) + list(BASELINES), "jobs": a.jobs,
           "data": {}, "records": []}
    splits = []
    for name in sets:
        data = prepare_set(name, a.data)
        for seed in a.seeds:
            splits.append(write_split(data, seed, a.work))
        info = {"task": data["task"], "rows": len(data["rows"]),
                "duplicates_removed": data["duplicates"],
                "train_rows": len(splits[-1]["y_train"]), "test_rows": len(splits[-1]["y_test"]),
                "categorical_columns": splits[-1]["numeric"].count(False)}
        if data["task"] == CLASSIFICATION:
            info["classes"] = len({r[-1] for r in data["rows"]})
        run["data"][name] = info
        print(f"{name}: {len(data['rows'])} rows ({data['duplicates']} duplicates removed), "
              f"{data['task']}", file=sys.stderr)
    start = time.perf_counter()
    run["records"] = execute(a.jobs, splits, variants, launcher)
    run["wall_seconds"] = time.perf_counter() - start
    if a.json:
        a.json.write_text(json.dumps(run, indent=1) + "\n")
    return run


def main():
    a = arguments()
    run = json.loads(a.tabulate.read_text()) if a.tabulate else benchmark(a)
    table = markdown(run)
    print(table, end="")
    if a.out:
        a.out.write_text(table)
    failed = [r for r in run["records"] if "error" in r]
    if failed:
        print(f"{len(failed)} run(s) failed; see the progress lines and the JSON", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
