#!/usr/bin/python3
"""Side-by-side test accuracy of precond, scikit-learn's gradient boosting and a PyTorch MLP.

What a user gets from `precond fit` + `precond predict` with given options, on the eleven
all-numeric regression files of the shared data folder, beside strong baselines, all on the same
splits in one run. The protocol is fixed so that runs on different branches compare:

  data    airfoil_self_noise, bike_sharing_hour, california_housing, combined_cycle_power_plant,
          concrete_compressive_strength, energy_efficiency_heating, protein_casp,
          sgemm_gpu_kernel, wine_quality_red, wine_quality_white, yacht_hydrodynamics (.csv);
          the target is the last column. Exact duplicate rows (the same value in every column)
          are removed, the first occurrence kept, order kept. SGEMM is then sub-sampled to 50,000
          rows, numpy.random.default_rng(0).choice(n, 50000, replace=False) with the indices
          sorted, and its target replaced by its natural log (column name unchanged).
  split   for seed s: p = numpy.random.default_rng(s).permutation(n); rows p[:n*4//5] train, the
          rest test. Written once per set and seed as WORK/<set>/seed<s>/{train,test}.csv (header
          and the original text of every value kept).
  methods a precond variant NAME='fit options' runs
            precond fit --data train.csv --model M.pcm --seed s -q OPTIONS
            precond predict --model M.pcm --data test.csv --out P.csv --interval 0.9
          (predict again without --interval when the model kept no calibration rows; coverage
          is then missing). Default variants: default='' and mlp='--method mlp'.
          hgb: HistGradientBoostingRegressor(max_iter=2000, early_stopping=True,
          validation_fraction=0.1, random_state=s).
          torch (--torch): a 32-wide, 8-hidden-layer PReLU MLP (PyTorch's default initialisation),
          inputs and target standardised on its fitting rows, 2,000 full-batch Adam steps at
          each rate of {0.01, 0.001}, 10% of the training rows (chosen by default_rng(s)) held out
          for validation after every step; the parameters with the best validation loss of the
          better rate are kept. torch.set_num_threads(2), torch.manual_seed(s) before each rate.
  scores  test RMSE in the target's units (log ms for SGEMM); coverage and mean width of the 90%
          intervals; fit wall seconds (for precond, the whole `precond fit` process, JVM start
          included; the launcher is run once before, so building the jar is not counted).

Output: a markdown table (stdout, and --out FILE.md) with one row per set and the median over
seeds of the test RMSE per method; then, per precond variant, the geometric mean over sets of its
median RMSE / hgb's, the number of sets where it is <= hgb's, the same ratio to the `mlp` variant
(geometric mean and maximum), the worst/best seed RMSE ratio on energy and yacht; then the median
fit seconds and the 90% coverage per set (flagged when a set has >= 1,000 test rows and coverage
outside 0.88-0.92). --json FILE keeps every per-seed number; --tabulate FILE re-prints from it.
Progress goes to stderr. Run with Debian's /usr/bin/python3 (python3-numpy, python3-sklearn, and
python3-torch for --torch); bench/run-accuracy.sh does that.
"""
import argparse
import csv
import datetime
import json
import math
import os
import platform
import re
import shlex
import sys
import time

import numpy as np

from harness import (add_run_arguments, choose_sets, failure, git_commit, median_or_none,
                     number, parse_run_arguments, precond_version, read_rows, rmse, run_all,
                     run_process, split_rows, write_if_changed)

SETS = [
    "airfoil_self_noise", "bike_sharing_hour", "california_housing", "combined_cycle_power_plant",
    "concrete_compressive_strength", "energy_efficiency_heating", "protein_casp",
    "sgemm_gpu_kernel", "wine_quality_red", "wine_quality_white", "yacht_hydrodynamics",
]
DEFAULT_VARIANTS = {"default": "", "mlp": "--method mlp"}
LEVEL = 0.9
COVERAGE_BAND = (0.88, 0.92)
COVERAGE_MIN_ROWS = 1000
SEED_SPREAD_SETS = ("energy", "yacht")
SGEMM_ROWS = 50_000


# ----------------------------------------------------------------------------------------- data

def prepare_set(name, data_dir):
    """Applies the protocol's de-duplication (and SGEMM's sub-sample and log); returns a dict."""
    header, rows = read_rows(data_dir / f"{name}.csv")
    seen, kept = set(), []
    for row in rows:
        key = tuple(float(v) for v in row)
        if key not in seen:
            seen.add(key)
            kept.append(row)
    duplicates = len(rows) - len(kept)
    if name.startswith("sgemm"):
        pick = np.sort(np.random.default_rng(0).choice(len(kept), SGEMM_ROWS, replace=False))
        logs = np.log(np.array([float(kept[i][-1]) for i in pick]))
        kept = [kept[i][:-1] + [repr(float(v))] for i, v in zip(pick, logs)]
    return {"name": name, "header": header, "rows": kept, "duplicates": duplicates}


def csv_text(header, rows):
    return "\n".join(",".join(r) for r in [header] + rows) + "\n"


def write_split(data, seed, work):
    """Writes WORK/<set>/seed<s>/{train,test}.csv; returns the split's paths and arrays."""
    folder = work / data["name"] / f"seed{seed}"
    folder.mkdir(parents=True, exist_ok=True)
    train_idx, test_idx = split_rows(len(data["rows"]), seed)
    split = {"dir": folder, "seed": seed, "set": data["name"]}
    for part, idx in (("train", train_idx), ("test", test_idx)):
        rows = [data["rows"][i] for i in idx]
        path = folder / f"{part}.csv"
        write_if_changed(path, csv_text(data["header"], rows))
        values = np.array([[float(v) for v in r] for r in rows], dtype=np.float64)
        split[part] = path
        split[f"x_{part}"], split[f"y_{part}"] = values[:, :-1], values[:, -1]
    split["target"] = data["header"][-1]
    return split


# -------------------------------------------------------------------------------------- methods

def read_predictions(path, target):
    """Returns the predictions and, when written, the interval bounds (else None)."""
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))

    def column(name):
        return np.array([float(r[name]) for r in rows]) if name in rows[0] else None

    return column(target), column(f"{target}_lower"), column(f"{target}_upper")


def run_precond(launcher, name, options, split):
    """precond fit + predict for one variant on one split; returns a result dict."""
    folder, seed = split["dir"], split["seed"]
    model, out = folder / f"{name}.pcm", folder / f"{name}.predictions.csv"
    fit = [str(launcher), "fit", "--data", str(split["train"]), "--model", str(model),
           "--seed", str(seed), "-q"] + shlex.split(options)
    fit_seconds, done = run_process(fit, folder)
    if done.returncode != 0:
        return {"error": failure("fit", done), "fit_seconds": fit_seconds}
    predict = [str(launcher), "predict", "--model", str(model), "--data", str(split["test"]),
               "--out", str(out)]
    predict_seconds, done = run_process(predict + ["--interval", str(LEVEL)], folder)
    if done.returncode != 0 and "no calibration" in done.stderr:
        predict_seconds, done = run_process(predict, folder)
    if done.returncode != 0:
        return {"error": failure("predict", done), "fit_seconds": fit_seconds}
    predicted, lower, upper = read_predictions(out, split["target"])
    y = split["y_test"]
    result = {"rmse": rmse(y, predicted), "fit_seconds": fit_seconds,
              "predict_seconds": predict_seconds, "coverage": None, "width": None}
    if lower is not None:
        result["coverage"] = float(np.mean((y >= lower) & (y <= upper)))
        result["width"] = float(np.mean(upper - lower))
    return result


def run_hgb(split):
    from sklearn.ensemble import HistGradientBoostingRegressor
    model = HistGradientBoostingRegressor(max_iter=2000, early_stopping=True,
                                          validation_fraction=0.1, random_state=split["seed"])
    start = time.perf_counter()
    model.fit(split["x_train"], split["y_train"])
    fit_seconds = time.perf_counter() - start
    return {"rmse": rmse(split["y_test"], model.predict(split["x_test"])),
            "fit_seconds": fit_seconds, "iterations": int(model.n_iter_)}


def torch_network(inputs, torch):
    layers, fan_in = [], inputs
    for _ in range(8):
        layers += [torch.nn.Linear(fan_in, 32), torch.nn.PReLU(32)]
        fan_in = 32
    return torch.nn.Sequential(*layers, torch.nn.Linear(fan_in, 1))


def train_torch(x, y, x_val, y_val, rate, seed, torch):
    """2,000 full-batch Adam steps; returns (best validation MSE, its parameters)."""
    torch.manual_seed(seed)
    net = torch_network(x.shape[1], torch)
    optimiser = torch.optim.Adam(net.parameters(), lr=rate)
    loss = torch.nn.MSELoss()
    best, state = math.inf, None
    for _ in range(2000):
        optimiser.zero_grad(set_to_none=True)
        loss(net(x), y).backward()
        optimiser.step()
        with torch.no_grad():
            validation = loss(net(x_val), y_val).item()
        if validation < best:
            best = validation
            state = {k: v.detach().clone() for k, v in net.state_dict().items()}
    net.load_state_dict(state)
    return best, net


def run_torch(split):
    import torch
    torch.set_num_threads(2)
    seed = split["seed"]
    start = time.perf_counter()
    x, y = split["x_train"], split["y_train"]
    order = np.random.default_rng(seed).permutation(len(x))
    held = max(1, len(x) // 10)
    val, fit = order[:held], order[held:]
    x_mean, x_std = x[fit].mean(0), x[fit].std(0)
    x_std[x_std == 0] = 1.0
    y_mean, y_std = y[fit].mean(), y[fit].std() or 1.0

    def tensor(a):
        return torch.tensor(np.asarray(a, dtype=np.float32))

    def inputs(a):
        return tensor((a - x_mean) / x_std)

    def target(a):
        return tensor(((a - y_mean) / y_std).reshape(-1, 1))

    trials = {rate: train_torch(inputs(x[fit]), target(y[fit]), inputs(x[val]), target(y[val]),
                                rate, seed, torch) for rate in (0.01, 0.001)}
    rate = min(trials, key=lambda r: trials[r][0])
    fit_seconds = time.perf_counter() - start
    with torch.no_grad():
        predicted = trials[rate][1](inputs(split["x_test"])).numpy().ravel() * y_std + y_mean
    return {"rmse": rmse(split["y_test"], predicted), "fit_seconds": fit_seconds, "lr": rate,
            "validation_mse": trials[rate][0]}


# ------------------------------------------------------------------------------------- the run

def tasks_for(split, variants, launcher, with_torch):
    """(method, callable) pairs for one split, in table order."""
    tasks = [(name, lambda n=name, o=options: run_precond(launcher, n, o, split))
             for name, options in variants.items()]
    tasks.append(("hgb", lambda: run_hgb(split)))
    if with_torch:
        tasks.append(("torch", lambda: run_torch(split)))
    return tasks


def progress(record, done, total):
    if "error" in record:
        text = "FAILED " + record["error"]
    else:
        text = f"rmse {record['rmse']:.5g}, fit {record['fit_seconds']:.1f} s"
        if record.get("coverage") is not None:
            text += f", coverage {record['coverage']:.3f}"
    print(f"[{done}/{total}] {record['set']} seed {record['seed']} {record['method']}: {text}",
          file=sys.stderr, flush=True)


def execute(jobs, splits, variants, launcher, with_torch):
    """Runs every method on every split (jobs at a time); returns the per-seed records."""
    work = [(split, method, call) for split in splits
            for method, call in tasks_for(split, variants, launcher, with_torch)]
    return run_all(work, jobs, progress)


def parse_variants(items):
    if not items:
        return dict(DEFAULT_VARIANTS)
    variants = {}
    for item in items:
        name, sep, options = item.partition("=")
        if not sep or not re.fullmatch(r"[A-Za-z0-9_.-]+", name) or name in ("hgb", "torch"):
            sys.exit(f"--variant {item!r}: expected NAME='fit options' with NAME made of letters, "
                     "digits, '_', '.', '-' and not hgb or torch")
        if name in variants:
            sys.exit(f"--variant {name} given twice")
        variants[name] = options
    return variants


def library_versions(with_torch):
    import sklearn
    versions = {"python": platform.python_version(), "numpy": np.__version__,
                "sklearn": sklearn.__version__}
    if with_torch:
        import torch
        versions["torch"] = torch.__version__
    return versions


# ---------------------------------------------------------------------------------- the tables

def values(records, name, method, key="rmse"):
    """The per-seed values of one method on one set (failed runs left out)."""
    return [r[key] for r in records if r["set"] == name and r["method"] == method
            and "error" not in r and r.get(key) is not None]


def geometric_mean(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def rmse_table(run, medians):
    methods, seeds = run["methods"], run["seeds"]
    lines = ["| set | rows | " + " | ".join(methods) + " |",
             "|---|---:|" + "---:|" * len(methods)]
    for name in run["sets"]:
        row = medians[name]
        present = [v for v in row.values() if v is not None]
        best = min(present) if present else None
        cells = []
        for m in methods:
            text = number(row[m])
            count = len(values(run["records"], name, m))
            if row[m] is not None and row[m] == best:
                text = f"**{text}**"
            if count < len(seeds):
                text += f" ({count}/{len(seeds)} seeds)"
            cells.append(text)
        lines.append(f"| {name} | {run['data'][name]['rows']} | " + " | ".join(cells) + " |")
    return lines


def ratio_summary(variant, run, medians):
    """One line: geometric mean and wins against hgb, ratio to mlp, seed spread."""
    sets = [s for s in run["sets"]
            if medians[s][variant] is not None and medians[s]["hgb"] is not None]
    to_hgb = [medians[s][variant] / medians[s]["hgb"] for s in sets]
    wins = sum(medians[s][variant] <= medians[s]["hgb"] for s in sets)
    parts = [f"RMSE / hgb's: geometric mean **{number(geometric_mean(to_hgb))}**",
             f"≤ hgb on {wins}/{len(run['sets'])} sets"]
    if "mlp" in run["variants"] and variant != "mlp":
        pairs = {s: medians[s][variant] / medians[s]["mlp"] for s in run["sets"]
                 if medians[s][variant] is not None and medians[s]["mlp"] is not None}
        if pairs:
            worst = max(pairs, key=pairs.get)
            parts.append(f"RMSE / mlp's: geometric mean "
                         f"{number(geometric_mean(list(pairs.values())))}, "
                         f"max {number(pairs[worst])} ({worst})")
    spreads = []
    for prefix in SEED_SPREAD_SETS:
        for name in (s for s in run["sets"] if s.startswith(prefix)):
            xs = values(run["records"], name, variant)
            if len(xs) > 1:
                spreads.append(f"{prefix} {number(max(xs) / min(xs), 3)}")
    if spreads:
        parts.append("worst/best seed RMSE " + ", ".join(spreads))
    return f"- `{variant}`: " + "; ".join(parts)


def seconds_table(run):
    methods = run["methods"]
    lines = ["| set | " + " | ".join(methods) + " |", "|---|" + "---:|" * len(methods)]
    for name in run["sets"]:
        cells = [number(median_or_none(values(run["records"], name, m, "fit_seconds")), 3)
                 for m in methods]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines


def coverage_table(run):
    with_intervals = [v for v in run["variants"]
                      if any(r.get("coverage") is not None for r in run["records"]
                             if r["method"] == v)]
    if not with_intervals:
        return ["No variant gave intervals."]
    low, high = COVERAGE_BAND
    lines = ["| set | test rows | " + " | ".join(with_intervals) + " |",
             "|---|---:|" + "---:|" * len(with_intervals)]
    for name in run["sets"]:
        test_rows = run["data"][name]["test_rows"]
        cells = []
        for v in with_intervals:
            c = median_or_none(values(run["records"], name, v, "coverage"))
            width = median_or_none(values(run["records"], name, v, "width"))
            flag = c is not None and test_rows >= COVERAGE_MIN_ROWS and not low <= c <= high
            cells.append(("⚠ " if flag else "") + number(c, 3)
                         + ("" if width is None else f" (width {number(width, 3)})"))
        lines.append(f"| {name} | {test_rows} | " + " | ".join(cells) + " |")
    return lines


def markdown(run):
    medians = {s: {m: median_or_none(values(run["records"], s, m)) for m in run["methods"]}
               for s in run["sets"]}
    seeds = ", ".join(str(s) for s in run["seeds"])
    variants = "; ".join(f"`{n}` = `{o or '(defaults)'}`" for n, o in run["variants"].items())
    out = [f"## Test RMSE, median over seeds {seeds}",
           "",
           f"{run['precond'].splitlines()[0]}, commit {run['commit']}, {run['date']}, "
           f"{run['processors']} processors. Variants: {variants}. "
           "Duplicates removed, 80/20 split per seed; SGEMM: 50,000 rows, log target. "
           "Lowest per row in bold.",
           ""]
    out += rmse_table(run, medians)
    out += ["", "Per precond variant (ratios of the medians over seeds):", ""]
    out += [ratio_summary(v, run, medians) for v in run["variants"]]
    out += ["", "Fit wall seconds, median over seeds (precond: the whole `precond fit` process):",
            ""]
    out += seconds_table(run)
    out += ["", f"{LEVEL:.0%} interval coverage and mean width, medians over seeds "
            f"(⚠: at least {COVERAGE_MIN_ROWS:,} test rows and outside "
            f"{COVERAGE_BAND[0]}–{COVERAGE_BAND[1]}):", ""]
    out += coverage_table(run)
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------- main

def arguments():
    ap = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="Protocol:\n" + __doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--variant", action="append", metavar="NAME='OPTIONS'",
                    help="a precond variant: its name and its `precond fit` options (repeat; "
                         "default: default='' and mlp='--method mlp')")
    ap.add_argument("--sets", help="comma-separated prefixes of data set names (default: all 11)")
    ap.add_argument("--torch", action="store_true", help="add the PyTorch MLP (slow)")
    add_run_arguments(ap, "/tmp/precond-accuracy")
    return parse_run_arguments(ap)


def benchmark(a):
    variants = parse_variants(a.variant)
    sets = choose_sets([p for p in (a.sets or "").split(",") if p], SETS)
    launcher = a.precond.resolve()
    run = {"date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
           "precond": precond_version(launcher), "commit": git_commit(),
           "processors": os.cpu_count(), "versions": library_versions(a.torch),
           "sets": sets, "seeds": a.seeds, "variants": variants,
           "methods": list(variants) + ["hgb"] + (["torch"] if a.torch else []),
           "jobs": a.jobs, "data": {}, "records": []}
    splits = []
    for name in sets:
        data = prepare_set(name, a.data)
        for seed in a.seeds:
            splits.append(write_split(data, seed, a.work))
        run["data"][name] = {"rows": len(data["rows"]), "duplicates_removed": data["duplicates"],
                             "train_rows": len(splits[-1]["y_train"]),
                             "test_rows": len(splits[-1]["y_test"])}
        print(f"{name}: {len(data['rows'])} rows ({data['duplicates']} duplicates removed)",
              file=sys.stderr)
    start = time.perf_counter()
    run["records"] = execute(a.jobs, splits, variants, launcher, a.torch)
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
