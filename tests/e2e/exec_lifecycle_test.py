#!/usr/bin/env python3
"""Campaign lifecycle end to end (issue 9): `cleanup` survives a throttling cloud (it
retries with the executor's backoff instead of failing on one RequestLimitExceeded);
leftovers of an interrupted start-up are reported with the exact remedy and cleaned by
the next creation; a journal holding no campaign names the files to delete; `status` says
when a campaign is simulated (text and JSON); the backend's settings live in the journal's
backend_config, not in the sim's state file."""
import json
import os
import shutil
import sqlite3
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from exec_common import fail, rows, run  # noqa: E402

SMALL = ["--instance-families", "m7i", "--benchmarks", "stream", "--sizes", "large,xlarge",
         "--region", "us-east-1,eu-west-1,ap-northeast-1",
         "--days", "2", "--start", "2026-12-07"]


def cleanup_under_throttling(binary, work):
    # Deterministic per seed. The sim throttles by (call, region, virtual second), and a
    # finished campaign stops at a second where its last Describe passed; in three regions
    # the other regions' Describe at that second is throttled on most of these seeds, which
    # without retries fails the whole command (exit 1).
    for seed in range(1, 9):
        state = os.path.join(work, f"throttled-{seed}.db")
        run(binary, "schedule", "weekly", *SMALL, "--backend", "sim", "--state", state,
            "--sim-throttle-rate", "0.6", "--sim-seed", str(seed), check=0)
        for dry in (["--dry-run"], []):
            out = run(binary, "cleanup", "--state", state, *dry)
            if out.returncode != 0:
                fail(f"cleanup {dry} on a throttling sim (seed {seed}): exit {out.returncode}: "
                     f"{out.stderr.strip()}")


def interrupted_startup(binary, work):
    state = os.path.join(work, "interrupted.db")
    # What a kill during creation leaves: only the temporary files.
    with open(state + ".creating", "w") as f:
        f.write("half a journal")
    os.mkdir(state + ".sim.creating")
    out = run(binary, "schedule", "resume", "--state", state)
    line = out.stderr.strip()
    if out.returncode != 2 or "interrupted" not in line or "run the command that creates it" \
            not in line or len(line.splitlines()) != 1:
        fail(f"resume of an interrupted start-up: exit {out.returncode}, stderr {line!r}")
    # The next creation ignores and removes them.
    run(binary, "schedule", "weekly", *SMALL, "--backend", "sim", "--state", state, check=0)
    left = [n for n in os.listdir(work) if n.endswith(".creating")]
    if left:
        fail(f"temporary files of an interrupted start-up left: {left}")


def journal_without_campaign(binary, work):
    state = os.path.join(work, "empty.db")
    sqlite3.connect(state).close()  # a file that is no journal: no schema, no campaign
    with open(state + ".sim", "w") as f:
        f.write("")
    out = run(binary, "schedule", "resume", "--state", state)
    line = out.stderr.strip()
    expected = f"delete '{state}' and '{state}.sim', then run the command that creates"
    if out.returncode != 2 or expected not in line:
        fail(f"journal without a campaign: exit {out.returncode}, stderr {line!r}")


def status_says_simulated(binary, work):
    state = os.path.join(work, "status.db")
    run(binary, "schedule", "weekly", *SMALL, "--backend", "sim", "--state", state, check=0)
    text = run(binary, "status", "--state", state, check=0).stdout
    if "simulated" not in text.splitlines()[0]:
        fail(f"status does not say the campaign is simulated: {text!r}")
    doc = json.loads(run(binary, "status", "--state", state, "--json", check=0).stdout)
    if doc.get("simulated") is not True:
        fail(f"status --json: simulated is {doc.get('simulated')!r}")
    # The settings are in the journal; the sim's own file holds cloud state only.
    config = json.loads(rows(state, "SELECT backend_config FROM campaign")[0][0])
    if "throttle_rate" not in config or "seed" not in config:
        fail(f"backend_config lacks the sim's settings: {config}")
    meta = [k for (k,) in rows(state + ".sim", "SELECT key FROM meta")]
    if meta != ["now"]:
        fail(f"the sim's state file keeps more than its clock: {meta}")


def main():
    binary = sys.argv[1]
    work = tempfile.mkdtemp(prefix="abc-lifecycle-")
    try:
        cleanup_under_throttling(binary, work)
        interrupted_startup(binary, work)
        journal_without_campaign(binary, work)
        status_says_simulated(binary, work)
        print("ok: cleanup under throttling, interrupted start-up, journal without a campaign, "
              "status says simulated, settings in backend_config")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
