#!/usr/bin/env python3
"""Custom suites end to end with the local backend (docs/custom-suites.md): each shipped
example (JSON, and sysbench.toml in TOML) runs through `schedule weekly --backend local
--local-quick --suite FILE` with the real agent (a TOML suite reaches the agent as the plan's
JSON, suite.json), and every result is `ok`, family `custom`, with each metric the suite names
present and positive. Then a suite whose program is missing gives `skipped` with the reason,
and one whose pattern matches nothing gives `failed` naming the pattern; a file the suite
names is staged beside it and read by the command; a bad suite file
stops `schedule plan` with exit status 2 and one line naming the file, benchmark and field.

Usage: suite_local_test.py COLLECTOR EXAMPLES_DIR [EXAMPLE...]"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib

COLLECTOR = os.path.abspath(sys.argv[1])
EXAMPLES = os.path.abspath(sys.argv[2])
NAMES = sys.argv[3:] or ["sysbench", "compression", "sysbench.toml"]
AGENT = os.path.join(os.path.dirname(os.path.dirname(COLLECTOR)), "agent", "aws-benchmark-agent")


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def weekly(work, suite):
    state = os.path.join(work, "campaign.db")
    run = subprocess.run(
        [COLLECTOR, "schedule", "weekly", "--backend", "local", "--local-quick", "--state", state,
         "--agent", AGENT, "--instance-types", "m7i.large", "--benchmarks", "custom",
         "--suite", suite],
        capture_output=True, text=True, timeout=900)
    results = {}
    for path in glob.glob(os.path.join(state + ".local", "*", "*.json")):
        if os.path.basename(path) == "suite.json":
            continue
        with open(path) as f:
            for bench in json.load(f)["benchmarks"]:
                results[bench["name"]] = bench
    return run, results


def suite_metrics(path):
    with open(path, "rb") as f:
        suite = tomllib.load(f) if path.endswith(".toml") else json.load(f)
    return {suite["suite"] + "." + b["name"]: [m["name"] for m in b["metrics"]]
            for b in suite["benchmarks"]}


def check_example(name):
    path = os.path.join(EXAMPLES, name if "." in name else name + ".json")
    with tempfile.TemporaryDirectory() as work:
        run, results = weekly(work, path)
        if run.returncode != 0:
            fail(f"{name}: weekly exited {run.returncode}: {run.stderr}{run.stdout[-2000:]}")
        # Whatever the user wrote, the machine gets the plan's JSON copy of the suite.
        staged = glob.glob(os.path.join(work, "campaign.db.local", "*", "suites", "*", "*"))
        suites = [p for p in staged if os.path.basename(p) == "suite.json"]
        if not suites or any(p.endswith(".toml") for p in staged):
            fail(f"{name}: staged {staged}, expected a suite.json and no TOML")
        for staged_path in suites:
            with open(staged_path) as f:
                json.load(f)
        expected = suite_metrics(path)
        if set(results) != set(expected):
            fail(f"{name}: results for {sorted(results)}, expected {sorted(expected)}")
        for bench_name, metrics in expected.items():
            bench = results[bench_name]
            if bench["status"] != "ok" or bench["family"] != "custom":
                fail(f"{bench_name}: status {bench['status']} family {bench['family']} "
                     f"({bench.get('reason')})")
            got = {m["name"]: m for m in bench["metrics"]}
            for metric in metrics:
                if metric not in got:
                    fail(f"{bench_name}: metric {metric} missing")
                m = got[metric]
                if not m["samples"] or min(m["samples"]) <= 0 or m["statistics"]["mean"] <= 0:
                    fail(f"{bench_name}: {metric} not positive: {m['samples']}")
                if m["statistics"]["count"] != len(m["samples"]):
                    fail(f"{bench_name}: {metric}: statistics do not cover the samples")
        print(f"ok: {name}: {sorted(expected)}")


def write_suite(work, benchmark):
    path = os.path.join(work, "s.json")
    with open(path, "w") as f:
        json.dump({"schema_version": 1, "suite": "t", "benchmarks": [benchmark]}, f)
    return path


BASE = {"name": "b", "category": "micro",
        "metrics": [{"name": "v", "unit": "x", "better": "higher",
                     "regex": "value: (?<v>[0-9]+)"}],
        "duration": {"setup_s": 1, "per_iteration_s": 1}, "timeout_s": 30}


def check_skip_and_failure():
    with tempfile.TemporaryDirectory() as work:
        missing = dict(BASE, command=["abc-no-such-program-xyz", "run"])
        run, results = weekly(work, write_suite(work, missing))
        bench = results.get("t.b")
        if bench is None or bench["status"] != "skipped" or \
                "abc-no-such-program-xyz" not in bench.get("reason", ""):
            fail(f"missing program: expected skipped naming it, got {bench}")
        print("ok: missing program -> skipped: " + bench["reason"])
    with tempfile.TemporaryDirectory() as work:
        unmatched = dict(BASE, command=["printf", "nothing to read here\\n"])
        run, results = weekly(work, write_suite(work, unmatched))
        bench = results.get("t.b")
        if bench is None or bench["status"] != "failed" or \
                "value: (?<v>[0-9]+)" not in bench.get("reason", ""):
            fail(f"unmatched pattern: expected failed naming the pattern, got {bench}")
        print("ok: pattern not found -> failed: " + bench["reason"])
    with tempfile.TemporaryDirectory() as work:
        # A file the suite names travels with it (staged beside the agent's copy of the suite)
        # and the command runs in that folder: `cat data/in.txt` reads the staged copy.
        os.makedirs(os.path.join(work, "data"))
        with open(os.path.join(work, "data", "in.txt"), "w") as f:
            f.write("value: 7\n")
        shipped = dict(BASE, command=["cat", "data/in.txt"], files=["data/in.txt"])
        run, results = weekly(work, write_suite(work, shipped))
        bench = results.get("t.b")
        if bench is None or bench["status"] != "ok" or bench["metrics"][0]["samples"][0] != 7:
            fail(f"shipped file: expected ok with v = 7, got {bench}")
        staged = glob.glob(os.path.join(work, "campaign.db.local", "*", "suites", "t", "data",
                                        "in.txt"))
        if len(staged) != 1:
            fail(f"shipped file: not staged under the instance folder: {staged}")
        print("ok: a file the suite names is shipped and read")
    with tempfile.TemporaryDirectory() as work:
        bad = dict(BASE, command=["printf", "x"], category="gpu")
        path = write_suite(work, bad)
        run = subprocess.run([COLLECTOR, "schedule", "plan", "--instance-types", "m7i.large",
                              "--suite", path, "--output", os.path.join(work, "p.json")],
                             capture_output=True, text=True, timeout=60)
        lines = run.stderr.strip().splitlines()
        if run.returncode != 2 or len(lines) != 1 or path not in lines[0] or \
                "benchmarks[0] (b).category" not in lines[0] or \
                os.path.exists(os.path.join(work, "p.json")):
            fail(f"bad suite: expected exit 2 and one line naming file and field, got "
                 f"{run.returncode}: {run.stderr}")
        print("ok: bad suite -> " + lines[0])


if not shutil.which("printf"):
    fail("printf (coreutils) is needed")
check_skip_and_failure()
for example in NAMES:
    check_example(example)
