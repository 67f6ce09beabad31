#!/usr/bin/env python3
"""The local backend end to end (issue 4): `schedule weekly --backend local --local-quick`
runs the real agent and journals validated results with instance type `local`; a
controller killed with -9 while an agent runs is resumed and adopts the child; SIGINT
kills the child; `cleanup` finds a child the journal never heard of; a missing agent is one
clear error. Every check reads the files (journal, state.db, /proc) independently."""
import calendar
import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from exec_common import fail, rows, run  # noqa: E402

TINY = ["--instance-families", "m7i", "--sizes", "large", "--days", "1"]
QUICK = ["--benchmarks", "stream-cache,micro-latency"]
# Four micro variants run back to back in one session: a few seconds with --quick, long
# enough to land a signal while an agent runs.
LONGER = ["--benchmarks", "micro"]


def weekly(binary, journal, bench, *extra, **kwargs):
    return run(binary, "schedule", "weekly", *TINY, *bench, "--backend", "local",
               "--local-quick", "--state", journal, *extra, **kwargs)


def start_weekly(binary, journal, bench, env=None):
    return subprocess.Popen([binary, "schedule", "weekly", *TINY, *bench, "--backend", "local",
                             "--local-quick", "--state", journal],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})


def state_db(journal):
    return os.path.join(journal + ".local", "state.db")


def wait_for_instance(journal, proc, limit=30):
    deadline = time.time() + limit
    while time.time() < deadline and proc.poll() is None:
        try:
            found = rows(state_db(journal), "SELECT pid, start_ticks FROM instance")
            if found:
                return found[0]
        except sqlite3.Error:
            pass  # not created yet
        time.sleep(0.01)
    fail(f"no agent was started within {limit} s (controller exit {proc.poll()})")


def proc_stat(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None


def alive(pid, start_ticks):
    stat = proc_stat(pid)
    return stat is not None and stat[19] == start_ticks and stat[0] not in ("Z", "X")


def live_in_group(pgid):
    count = 0
    for name in os.listdir("/proc"):
        if name.isdigit():
            stat = proc_stat(int(name))
            if stat and stat[2] == str(pgid) and stat[0] not in ("Z", "X"):
                count += 1
    return count


def expect_nothing_running(binary, journal, label):
    for pid, _ in rows(state_db(journal), "SELECT pid, start_ticks FROM instance"):
        for _ in range(100):
            if live_in_group(pid) == 0:
                break
            time.sleep(0.02)
        if live_in_group(pid):
            fail(f"{label}: processes of agent group {pid} still run")
    if rows(state_db(journal), "SELECT count(*) FROM instance WHERE ended_at IS NULL")[0][0]:
        fail(f"{label}: the local state still has a running instance")
    strays = run(binary, "cleanup", "--state", journal, "--dry-run", check=0)
    if "0 stray instance(s) found" not in strays.stdout:
        fail(f"{label}: cleanup finds strays:\n{strays.stdout}")


def expect_real_results(binary, journal, work, label, real_from, real_to):
    jobs = rows(journal, "SELECT id, state, reason FROM job")
    for job, state, reason in jobs:
        if state not in ("succeeded", "skipped"):
            fail(f"{label}: job {job} is {state} ({reason})")
    results = rows(journal, "SELECT job, status, sha256, json FROM result")
    if sorted(r[0] for r in results) != sorted(j[0] for j in jobs):
        fail(f"{label}: one result per job expected, got {[r[0] for r in results]}")
    for job, status, sha, text in results:
        if hashlib.sha256(text.encode()).hexdigest() != sha:
            fail(f"{label}: result of {job}: sha256 does not match its JSON")
        path = os.path.join(work, "result.json")
        with open(path, "w") as f:
            f.write(text)
        run(binary, "results", "validate", path, check=0)  # the schema's own validator
        doc = json.loads(text)
        meta = doc["metadata"]
        if meta.get("instance_type") != "local" or meta.get("planned_instance_type") != "m7i.large":
            fail(f"{label}: result of {job}: metadata {meta}")
        if meta.get("job_id") != job or not meta.get("quick"):
            fail(f"{label}: result of {job}: job id or quick flag wrong: {meta}")
        started = calendar.timegm(time.strptime(meta["started_at"][:19], "%Y-%m-%dT%H:%M:%S"))
        if not real_from - 2 <= started <= real_to + 2:
            fail(f"{label}: result of {job} started at {meta['started_at']}, not during the test")
        if "cpu" not in doc["sysinfo"]:
            fail(f"{label}: result of {job} lacks the sysinfo")
    inside = rows(journal, "SELECT j.id FROM job j JOIN window w ON j.window = w.id "
                           "WHERE j.started_at < w.start OR j.ended_at > w.end")
    if inside:
        fail(f"{label}: jobs outside their window in campaign time: {inside}")


def happy_path(binary, work):
    journal = os.path.join(work, "happy.db")
    t0 = time.time()
    proc = weekly(binary, journal, QUICK, "--max-cost", "50")
    t1 = time.time()
    if proc.returncode != 0:
        fail(f"weekly --backend local: exit {proc.returncode}\n{proc.stderr}")
    if "$0.00 actual" not in proc.stdout:
        fail("local runs bill nothing: the summary should show $0.00 actual\n" + proc.stdout)
    # The backend's facts are shown with the plan, and the budget is still checked.
    for fact in ("concurrency 1", "nothing is billed",
                 "--max-cost $50.00 checked against the plan's estimate"):
        if fact not in proc.stdout:
            fail(f"weekly --backend local: '{fact}' is not in the plan summary\n{proc.stdout}")
    if rows(journal, "SELECT max_concurrent FROM campaign")[0][0] != 1:
        fail("local: the journal's campaign does not run one agent at a time")
    expect_real_results(binary, journal, work, "weekly", t0, t1)
    expect_nothing_running(binary, journal, "weekly")
    bad = run(binary, "schedule", "resume", "--state", journal, env={"ABC_AGENT": "/nonexistent/agent"})
    if bad.returncode != 2 or "ABC_AGENT" not in bad.stderr or len(bad.stderr.strip().splitlines()) != 1:
        fail(f"resume with a bad ABC_AGENT: exit {bad.returncode}, stderr {bad.stderr!r}")
    return t1 - t0


def kill9_and_resume(binary, work):
    journal = os.path.join(work, "kill9.db")
    t0 = time.time()
    proc = start_weekly(binary, journal, LONGER)
    pid, ticks = wait_for_instance(journal, proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    if not alive(pid, ticks):
        fail("kill -9: the agent child died with its controller; the test proves nothing")
    resumed = run(binary, "schedule", "resume", "--state", journal)
    if resumed.returncode != 0:
        fail(f"resume after kill -9: exit {resumed.returncode}\n{resumed.stderr}")
    launches = rows(state_db(journal), "SELECT count(*) FROM instance")[0][0]
    attempts = rows(journal, "SELECT count(*) FROM attempt WHERE instance_id != ''")[0][0]
    if launches != 1 or attempts != 1:
        fail(f"resume did not adopt the running child: {launches} launches, {attempts} attempts")
    expect_real_results(binary, journal, work, "kill -9", t0, time.time())
    expect_nothing_running(binary, journal, "kill -9")


def sigint(binary, work):
    journal = os.path.join(work, "sigint.db")
    proc = start_weekly(binary, journal, LONGER)
    pid, ticks = wait_for_instance(journal, proc)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    if proc.returncode != 130:
        fail(f"SIGINT: exit {proc.returncode}, expected 130\n{err}")
    if live_in_group(pid) or alive(pid, ticks):
        fail("SIGINT: the agent's process group still runs after the controller exited")
    if rows(journal, "SELECT count(*) FROM attempt WHERE outcome = 'cancelled'")[0][0] != 1:
        fail("SIGINT: the killed attempt is not recorded as cancelled")
    expect_nothing_running(binary, journal, "SIGINT")
    run(binary, "schedule", "resume", "--state", journal, check=0)
    expect_nothing_running(binary, journal, "resume after SIGINT")


def cleanup_finds_unjournalled_child(binary, work):
    journal = os.path.join(work, "cleanup.db")
    # The controller dies right after the launch, before the journal records it.
    proc = start_weekly(binary, journal, LONGER, env={"ABC_CRASH_AT": "after-launch-call"})
    proc.wait(timeout=30)
    if proc.returncode != -signal.SIGKILL:
        fail(f"crash hook: exit {proc.returncode}")
    pid, ticks = rows(state_db(journal), "SELECT pid, start_ticks FROM instance")[0]
    if not alive(pid, ticks):
        fail("cleanup: the agent child had already ended; the test proves nothing")
    out = run(binary, "cleanup", "--state", journal, check=0).stdout
    if "1 stray instance(s) terminated" not in out:
        fail("cleanup did not terminate the child the journal does not know:\n" + out)
    expect_nothing_running(binary, journal, "cleanup")
    run(binary, "schedule", "resume", "--state", journal, check=0)
    expect_nothing_running(binary, journal, "resume after cleanup")


def missing_agent(binary, work):
    journal = os.path.join(work, "noagent.db")
    proc = run(binary, "schedule", "weekly", *TINY, *QUICK, "--backend", "local",
               "--agent", "/nonexistent/aws-benchmark-agent", "--state", journal)
    lines = proc.stderr.strip().splitlines()
    if proc.returncode != 2 or len(lines) != 1 or "--agent" not in lines[0]:
        fail(f"missing agent: exit {proc.returncode}, stderr {proc.stderr!r}")
    if os.path.exists(journal) or os.path.exists(journal + ".local"):
        fail("missing agent: something was written")


def durations_from_journal(binary, work):
    """A full-size local campaign's journal corrects the next plan (--durations): its
    variant's jobs say measured:JOURNAL, the others keep the model, and a --quick campaign's
    journal is refused because it measured nothing a planned job runs."""
    journal = os.path.join(work, "measured.db")
    run(binary, "schedule", "weekly", *TINY, "--benchmarks", "hpl-branch", "--iterations", "2",
        "--backend", "local", "--state", journal, check=0)
    out = os.path.join(work, "corrected.json")
    run(binary, "schedule", "plan", "--instance-types", "m7i.large", "--start", "2026-12-07",
        "--benchmarks", "hpl-branch,micro-ipc", "--durations", journal, "--output", out, check=0)
    with open(out) as f:
        estimates = {job["benchmark"]: job["estimate"] for job in json.load(f)["jobs"]}
    if estimates != {"hpl-branch": "measured:" + journal, "micro-ipc": "model"}:
        fail(f"--durations from a journal: estimates {estimates}")
    quick = os.path.join(work, "quick.db")
    weekly(binary, quick, QUICK, check=0)
    proc = run(binary, "schedule", "plan", "--instance-types", "m7i.large", "--durations", quick)
    if proc.returncode != 2 or "no measured durations" not in proc.stderr:
        fail(f"--durations from a quick journal: exit {proc.returncode}, {proc.stderr!r}")


def main():
    binary = sys.argv[1]
    work = tempfile.mkdtemp(prefix="abc-local-")
    try:
        missing_agent(binary, work)
        seconds = happy_path(binary, work)
        kill9_and_resume(binary, work)
        durations_from_journal(binary, work)
        sigint(binary, work)
        hooks = os.environ.get("ABC_TEST_HOOKS_BUILT") == "1"
        if hooks:  # the crash hook exists only in test builds (ABC_TEST_HOOKS)
            cleanup_finds_unjournalled_child(binary, work)
        print(f"ok: local weekly ({seconds:.1f} s), kill -9 + resume, SIGINT, "
              f"{'cleanup' if hooks else 'cleanup skipped (no test hooks)'}, missing agent, "
              "--durations from a journal")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
