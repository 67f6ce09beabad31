#!/usr/bin/python3
"""Checks report's statistics against scipy (Debian python3-scipy) over random samples.

Generates --cases random pairs of samples (normal, skewed, rounded so that ties occur,
a few large), asks scipy for Welch's t test and the Mann-Whitney U test, writes them as
JSON lines and runs the C++ checker on the file; the checker compares within tolerances
and prints "N passed, N failed". Exit status: the checker's (or 2 when scipy is missing).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

try:
    import numpy as np
    from scipy import stats
except ImportError as error:  # setup.sh installs python3-scipy
    print(f"stats_vs_scipy: needs Debian's python3-scipy ({error}); run scripts/setup.sh",
          file=sys.stderr)
    sys.exit(2)

EXACT_MAX_SIZE = 20  # report::kExactMannWhitneyMaxSize


def draw(rng, kind, n):
    if kind == "normal":
        return rng.normal(rng.uniform(-5, 50), rng.uniform(0.01, 5), n)
    if kind == "skewed":
        return rng.lognormal(rng.uniform(0, 3), rng.uniform(0.1, 1.5), n)
    if kind == "rounded":  # few distinct values: ties
        return np.round(rng.normal(10, rng.uniform(0.5, 3), n), int(rng.integers(0, 2)))
    raise ValueError(kind)


def welch_df(a, b):
    # Welch-Satterthwaite, written out here: scipy 1.10 does not report df.
    va, vb = np.var(a, ddof=1) / len(a), np.var(b, ddof=1) / len(b)
    return (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))


def case(rng):
    kind = ["normal", "skewed", "rounded"][int(rng.integers(0, 3))]
    large = rng.uniform() < 0.1
    n_a = int(rng.integers(30, 80)) if large else int(rng.integers(2, 26))
    n_b = int(rng.integers(30, 80)) if large else int(rng.integers(2, 26))
    a = draw(rng, kind, n_a)
    b = draw(rng, kind, n_b)
    if rng.uniform() < 0.5:  # a shifted copy half of the time, so small p-values occur
        b = b + rng.uniform(0, 3) * (np.std(a) + 0.1)
    out = {"a": a.tolist(), "b": b.tolist()}
    if np.var(a) > 0 and np.var(b) > 0:
        t = stats.ttest_ind(a, b, equal_var=False)
        out["welch"] = {"t": float(t.statistic), "df": float(welch_df(a, b)),
                        "p": float(t.pvalue)}
    pooled = np.concatenate([a, b])
    ties = len(np.unique(pooled)) < len(pooled)
    exact = not ties and n_a <= EXACT_MAX_SIZE and n_b <= EXACT_MAX_SIZE
    if np.var(pooled) > 0:
        chosen = stats.mannwhitneyu(a, b, method="exact" if exact else "asymptotic")
        normal = stats.mannwhitneyu(a, b, method="asymptotic", use_continuity=True)
        out["mann_whitney"] = {"u": float(chosen.statistic), "p": float(chosen.pvalue),
                               "exact": exact, "p_normal": float(normal.pvalue)}
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--checker", required=True)
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "cases.jsonl")
        with open(path, "w") as cases:
            for _ in range(args.cases):
                cases.write(json.dumps(case(rng)) + "\n")
        return subprocess.run([args.checker, path]).returncode


if __name__ == "__main__":
    sys.exit(main())
