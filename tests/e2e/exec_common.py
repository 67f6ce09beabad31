"""Helpers shared by the execution e2e tests: run the CLI, read the journal and the sim
cloud's state file with Python's own sqlite3 (an independent reader), compare outcomes."""
import os
import sqlite3
import subprocess
import sys

FAULTS = ["--sim-capacity-error-rate", "0.25", "--sim-interruption-rate", "0.3",
          "--sim-throttle-rate", "0.1", "--sim-agent-failure-rate", "0.05", "--sim-seed", "11"]
SPEC = ["--instance-families", "m7i,c7g,r7a", "--benchmarks", "stream,hpl,micro",
        "--sizes", "large,xlarge,2xlarge,4xlarge", "--days", "7", "--start", "2026-12-07",
        "--vcpu-quota", "standard:spot=64", "--vcpu-quota", "standard:on-demand=64"]


def run(binary, *args, env=None, check=None):
    full_env = dict(os.environ)
    full_env.pop("ABC_CRASH_AT", None)
    full_env.pop("ABC_CRASH_SIGNAL", None)
    full_env.update(env or {})
    proc = subprocess.run([binary, *args], capture_output=True, text=True, env=full_env)
    if check is not None and proc.returncode != check:
        fail(f"{' '.join(args)}: exit {proc.returncode}, expected {check}\n{proc.stderr}")
    return proc


def fail(message):
    print("FAIL " + message)
    sys.exit(1)


def rows(path, sql):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


# A campaign that cannot fit: small quotas, three days and heavy faults, so that sessions
# miss windows, get re-placed or end unscheduled.
TIGHT_FAULTS = ["--sim-capacity-error-rate", "0.5", "--sim-interruption-rate", "0.5",
                "--sim-throttle-rate", "0.3", "--sim-agent-failure-rate", "0.1", "--sim-seed", "3"]
TIGHT_SPEC = ["--instance-families", "m7i,c7g,r7a", "--benchmarks", "stream,hpl,micro",
              "--sizes", "large,xlarge,2xlarge,4xlarge", "--days", "3", "--start", "2026-12-07",
              "--vcpu-quota", "standard:spot=16", "--vcpu-quota", "standard:on-demand=16"]


def make_plan(binary, work, spec=None):
    """A plan file for `spec` (SPEC by default). `schedule weekly` stores the exact plan
    text in its journal, which works whether or not `schedule plan --output` is wired."""
    seed_db = os.path.join(work, "seed.db")
    run(binary, "schedule", "weekly", *(spec or SPEC), "--backend", "sim", "--state", seed_db,
        check=0)
    plan = os.path.join(work, "plan.json")
    with open(plan, "w") as out:
        out.write(rows(seed_db, "SELECT plan_json FROM campaign")[0][0])
    return plan


def outcomes(journal):
    return sorted(rows(journal, "SELECT id, state, reason FROM job"))


def check_consistent(binary, journal):
    """What must hold after any finished or stopped run, read from the files."""
    sim = journal + ".sim"
    tokens = rows(journal, "SELECT client_token, instance_id, state FROM attempt")
    instances = rows(sim, "SELECT client_token, id FROM instance")
    by_token = {token: iid for token, iid in instances}
    if len(by_token) != len(instances):
        fail("a client token launched two instances")
    journal_launched = {t: i for t, i, s in tokens if i}
    for token, iid in by_token.items():
        if journal_launched.get(token) != iid:
            fail(f"sim instance {iid} (token {token}) is not the journal's instance for it")
    for token, iid, state in tokens:
        if state in ("running", "intent"):
            fail(f"attempt {token} still {state}")
    per_job = rows(journal, "SELECT job, count(*) FROM result WHERE status != 'interrupted' GROUP BY job")
    for job, count in per_job:
        if count > 1:
            fail(f"job {job} has {count} final results")
    for job, state in rows(journal, "SELECT id, state FROM job"):
        if state in ("succeeded",):
            n = rows(journal, f"SELECT count(*) FROM result WHERE job='{job}' AND status='ok'")[0][0]
            if n != 1:
                fail(f"job {job} succeeded with {n} ok results")
    strays = run(binary, "cleanup", "--state", journal, "--dry-run", check=0)
    if "0 stray instance(s) found" not in strays.stdout:
        fail("instances of the campaign still running:\n" + strays.stdout)
