"""What the benchmark scripts (accuracy.py, tables.py) share: their common options, reading and
splitting the data files, running precond and the baselines as processes, running the work list,
and small formatting."""

import concurrent.futures
import csv
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]


def add_run_arguments(ap, work):
    """The options every benchmark script takes after its own: seeds, jobs, folders and outputs;
    `work` is the default cache folder."""
    ap.add_argument("--seeds", default="0,1,2", help="comma-separated split seeds (default 0,1,2)")
    ap.add_argument("--jobs", type=int, default=1,
                    help="fits run at once (default 1; more distorts the fit times)")
    ap.add_argument("--work", type=Path, default=Path(work),
                    help=f"cache of splits, models and predictions (default {work})")
    ap.add_argument("--data", type=Path, default=(ROOT.parent / "shared" / "data").resolve(),
                    help="folder of the data files (default: ../shared/data beside the repository)")
    ap.add_argument("--precond", type=Path, default=ROOT / "precond",
                    help="the precond launcher (default: the repository's ./precond)")
    ap.add_argument("--out", type=Path, help="also write the markdown to this file")
    ap.add_argument("--json", type=Path, help="write every per-seed number to this JSON file")
    ap.add_argument("--tabulate", type=Path, metavar="RUN.json",
                    help="run nothing: print the tables of an earlier --json file")


def parse_run_arguments(ap):
    """Parses the command line, checking the options of add_run_arguments."""
    a = ap.parse_args()
    if a.jobs < 1:
        ap.error("--jobs must be at least 1")
    try:
        a.seeds = [int(s) for s in a.seeds.split(",")]
    except ValueError:
        ap.error(f"--seeds {a.seeds!r}: expected integers separated by commas")
    return a


def read_rows(path):
    """Returns (header, rows as lists of the original text fields)."""
    with open(path, newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = [r for r in reader if r]
    return header, rows


def split_rows(n, seed):
    order = np.random.default_rng(seed).permutation(n)
    cut = n * 4 // 5
    return order[:cut], order[cut:]


def write_if_changed(path, text):
    """Writes atomically unless the file already holds exactly this text (the split cache)."""
    if path.exists() and path.read_text() == text:
        return
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text)
    tmp.replace(path)


def rmse(y, predicted):
    return float(np.sqrt(np.mean((np.asarray(y) - np.asarray(predicted)) ** 2)))


def run_process(command, cwd):
    """Runs a command; returns (seconds, CompletedProcess)."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    return time.perf_counter() - start, done


def failure(step, done):
    tail = "\n".join(done.stderr.strip().splitlines()[-5:])
    return f"{step} exited with {done.returncode}: {tail}"


def run_all(work, jobs, progress):
    """Runs (split, method, call) items, jobs at a time; returns the per-seed records in order."""
    records = []

    def one(item):
        split, method, call = item
        try:
            result = call()
        except Exception as e:  # one failed fit must not lose the others' numbers
            result = {"error": f"{type(e).__name__}: {e}"}
        return {"set": split["set"], "seed": split["seed"], "method": method, **result}

    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for record in pool.map(one, work):
            records.append(record)
            progress(record, len(records), len(work))
    return records


def choose_sets(prefixes, sets):
    if not prefixes:
        return list(sets)
    chosen = [s for s in sets if any(s.startswith(p) for p in prefixes)]
    unknown = [p for p in prefixes if not any(s.startswith(p) for s in sets)]
    if unknown:
        sys.exit(f"--sets: no data set starts with {', '.join(unknown)} (sets: {', '.join(sets)})")
    return chosen


def precond_version(launcher):
    """Runs the launcher once (it builds the jar if needed) and returns its version lines."""
    print("precond: checking the launcher (builds the jar on first use)...", file=sys.stderr)
    done = subprocess.run([str(launcher), "--version"], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{launcher} --version failed:\n{done.stderr}")
    return done.stdout.strip()


def git_commit():
    done = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
                          capture_output=True, text=True)
    return done.stdout.strip() or None


def median_or_none(xs):
    return statistics.median(xs) if xs else None


def number(x, digits=4):
    return "—" if x is None else f"{x:.{digits}g}"
