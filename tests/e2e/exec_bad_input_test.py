#!/usr/bin/env python3
"""Bad input for the execution commands (issue 4): a missing, corrupt or newer-version
journal, a plan that does not match the journal, an unknown backend, a bad sim rate. Each
gets one clear line on stderr, exit status 2, and no file is created or changed."""
import hashlib
import os
import shutil
import sqlite3
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from exec_common import fail, make_plan, run  # noqa: E402


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def expect_usage_error(binary, label, args, must_contain, untouched=(), absent=()):
    before = {p: digest(p) for p in untouched}
    proc = run(binary, *args)
    if proc.returncode != 2:
        fail(f"{label}: exit {proc.returncode}, expected 2\n{proc.stderr}")
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    if len(lines) != 1:
        fail(f"{label}: expected one line on stderr, got {len(lines)}:\n{proc.stderr}")
    if must_contain not in lines[0]:
        fail(f"{label}: '{must_contain}' not in: {lines[0]}")
    for path, value in before.items():
        if digest(path) != value:
            fail(f"{label}: {path} was changed")
    for path in absent:
        if os.path.exists(path):
            fail(f"{label}: {path} was created")


def main():
    binary = sys.argv[1]
    work = tempfile.mkdtemp(prefix="abc-badinput-")
    try:
        j = lambda name: os.path.join(work, name)  # noqa: E731
        plan = make_plan(binary, work)
        for command in (["schedule", "resume"], ["status"], ["cleanup"]):
            expect_usage_error(binary, f"{command[0]} missing", [*command, "--state", j("nope.db")],
                               "nope.db' does not exist", absent=[j("nope.db")])
        with open(j("corrupt.db"), "wb") as f:
            f.write(b"this is not a journal\n" * 200)
        for command in (["schedule", "resume"], ["status"]):
            expect_usage_error(binary, f"{command[0]} corrupt", [*command, "--state", j("corrupt.db")],
                               "corrupt.db' is not a usable campaign journal",
                               untouched=[j("corrupt.db")])
        good = j("good.db")
        run(binary, "schedule", "run", "--plan", plan, "--backend", "sim", "--state", good, check=0)
        newer = j("newer.db")
        shutil.copy(good, newer)
        shutil.copy(good + ".sim", newer + ".sim")
        db = sqlite3.connect(newer)
        db.execute("PRAGMA user_version=99")
        db.close()
        expect_usage_error(binary, "newer journal", ["schedule", "resume", "--state", newer],
                           "newer version", untouched=[newer])
        other = j("other.json")
        with open(plan) as f, open(other, "w") as out:
            out.write(f.read().replace('"seed": ', '"seed": 9', 1))
        expect_usage_error(binary, "plan mismatch",
                           ["schedule", "run", "--plan", other, "--backend", "sim", "--state", good],
                           "is not the plan the journal", untouched=[good, good + ".sim"])
        expect_usage_error(binary, "unknown backend",
                           ["schedule", "run", "--plan", plan, "--backend", "sin", "--state", j("b.db")],
                           "--backend: 'sin' is not accepted", absent=[j("b.db"), j("b.db.sim")])
        expect_usage_error(binary, "bad rate",
                           ["schedule", "run", "--plan", plan, "--backend", "sim", "--state", j("r.db"),
                            "--sim-interruption-rate", "1.5"],
                           "--sim-interruption-rate: '1.5'", absent=[j("r.db"), j("r.db.sim")])
        expect_usage_error(binary, "weekly unknown backend",
                           ["schedule", "weekly", "--backend", "cloud", "--state", j("w.db")],
                           "--backend", absent=[j("w.db")])
        os.remove(good + ".sim")
        expect_usage_error(binary, "missing sim state", ["schedule", "resume", "--state", good],
                           "sim state file", untouched=[good])
        print("ok: every bad input gave one line, exit 2, and changed nothing")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
