#!/usr/bin/env python3
"""External kill test (issue 9): a sim campaign run as a child process is killed from
outside with SIGKILL (`kill -9`, no hook) at random moments, at least 20 times, and resumed
each time. The first kills land during start-up, before the journal exists and while it is
being created (its temporary file is there): the next `schedule run` must start afresh
without a stuck file. At the end: the number of kills is asserted, the files are consistent
(no duplicated launch or result, nothing still running, no temporary file left), and the
job outcomes and the launches equal those of an uninterrupted run with the same seed."""
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from exec_common import FAULTS, check_consistent, fail, make_plan, outcomes, rows, run  # noqa: E402

MIN_KILLS = 20
MIN_STARTUP_KILLS = 3


def launches(journal):
    """What the sim cloud launched, without ids or tokens (they hold the campaign id)."""
    return sorted(rows(journal + ".sim", "SELECT session, attempt, region, zone, market, "
                                         "instance_type, launched_at FROM instance"))


def startup_seconds(binary, plan, work):
    """How long `schedule run` takes until the journal is in place, polled closely."""
    state = os.path.join(work, "timing.db")
    proc = subprocess.Popen([binary, "schedule", "run", "--plan", plan, "--backend", "sim",
                             "--state", state, *FAULTS],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t0 = time.monotonic()
    while not os.path.exists(state) and proc.poll() is None:
        time.sleep(0.0005)
    seconds = time.monotonic() - t0
    proc.wait()
    return max(seconds, 0.005)


def kill_after(binary, args, delay):
    """Runs the command; SIGKILL after `delay` seconds unless it ended. Its exit code."""
    proc = subprocess.Popen([binary, *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    try:
        proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
    _, err = proc.communicate()
    return proc.returncode, err


def creating_files(work):
    """The temporary files of a creation in progress, with their identity."""
    found = {}
    for name in os.listdir(work):
        if name.endswith(".creating"):
            info = os.stat(os.path.join(work, name))
            found[name] = (info.st_ino, info.st_mtime_ns)
    return found


def phase_of_kill(state, work, before):
    """Where a kill landed: no journal and no new temporary file, a temporary file written by
    this run, or a journal in place."""
    if os.path.exists(state):
        return "running"
    return "while creating" if creating_files(work) != before and creating_files(work) else \
        "before the journal"


def kill_and_finish(binary, state, create, rng, delay_range, max_kills, work, kills):
    """Runs the campaign at `state`, killing up to `max_kills` runs after a random delay,
    then lets it finish. Each run is `schedule run` while no journal is in place (start-up
    again) and `schedule resume` once it is."""
    done = 0
    for _ in range(400):
        args = create if not os.path.exists(state) else ["schedule", "resume", "--state", state]
        delay = rng.uniform(*delay_range) if done < max_kills else 600
        before = creating_files(work)
        code, err = kill_after(binary, args, delay)
        if code == 0:
            return
        if code != -signal.SIGKILL:
            fail(f"{' '.join(args[:2])} exited {code} after {kills} kills: {err.strip()}")
        kills[phase_of_kill(state, work, before)] += 1
        done += 1
    fail(f"no end after 400 runs: {kills}")


def expect_same_as(binary, state, reference, label):
    check_consistent(binary, state)
    if outcomes(state) != outcomes(reference):
        fail(f"{label}: job outcomes differ from the uninterrupted run")
    a, b = launches(state), launches(reference)
    if a != b:
        fail(f"{label}: launches differ from the uninterrupted run: {len(a)} vs {len(b)}; "
             f"first differences {[x for x in a if x not in b][:3]} / "
             f"{[x for x in b if x not in a][:3]}")


def main():
    binary = sys.argv[1]
    rng = random.Random(int(os.environ.get("ABC_KILL_SEED", "9090")))
    work = tempfile.mkdtemp(prefix="abc-kill-")
    try:
        plan = make_plan(binary, work)
        reference = os.path.join(work, "reference.db")
        t0 = time.monotonic()
        run(binary, "schedule", "run", "--plan", plan, "--backend", "sim", "--state", reference,
            *FAULTS, check=0)
        whole = time.monotonic() - t0
        check_consistent(binary, reference)
        startup = startup_seconds(binary, plan, work)
        kills = {"before the journal": 0, "while creating": 0, "running": 0}

        # Start-up: campaigns killed within the time it takes to put the journal in place,
        # then run to their end; each must equal the uninterrupted run.
        for index in range(12):
            if kills["before the journal"] + kills["while creating"] >= MIN_STARTUP_KILLS and \
                    kills["while creating"] > 0:
                break
            state = os.path.join(work, f"startup-{index}.db")
            create = ["schedule", "run", "--plan", plan, "--backend", "sim", "--state", state,
                      *FAULTS]
            kill_and_finish(binary, state, create, rng, (0, 1.1 * startup), 2, work, kills)
            expect_same_as(binary, state, reference, f"start-up campaign {index}")
        startup_kills = kills["before the journal"] + kills["while creating"]
        if startup_kills < MIN_STARTUP_KILLS:
            fail(f"too few kills landed during start-up: {kills}")

        # Then campaigns killed at random moments of their whole run, until enough kills
        # landed (a resume near the end needs less than a whole run, so a campaign may end
        # before its share of kills); each must equal the uninterrupted run.
        campaigns = 0
        while sum(kills.values()) < MIN_KILLS + 5:
            if campaigns == 10:
                fail(f"too few kills after {campaigns} campaigns: {kills}")
            state = os.path.join(work, f"killed-{campaigns}.db")
            create = ["schedule", "run", "--plan", plan, "--backend", "sim", "--state", state,
                      *FAULTS]
            kill_and_finish(binary, state, create, rng, (0, whole / 3), MIN_KILLS, work, kills)
            expect_same_as(binary, state, reference, f"killed campaign {campaigns}")
            campaigns += 1
        total = sum(kills.values())
        leftovers = [n for n in os.listdir(work) if n.endswith(".creating")]
        if leftovers:
            fail(f"temporary files left: {leftovers}")
        print(f"ok: {total} outside kills {kills} (start-up {startup * 1000:.0f} ms, whole run "
              f"{whole:.2f} s); in every campaign outcomes and {len(launches(reference))} "
              f"launches identical to the uninterrupted run")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
