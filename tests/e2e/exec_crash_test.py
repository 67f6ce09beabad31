#!/usr/bin/env python3
"""Crash test (issue 4): a sim campaign run as a child process is killed with SIGKILL at
random moments, at least 20 times, including between the launch intent and the launch,
and resumed each time. At the end: no duplicated launch, no lost or duplicated result,
nothing of the campaign running in the sim cloud, and the same job outcomes as an
uninterrupted run with the same seed. Two campaigns: one that fits, and a tight one whose
sessions miss windows, are re-placed or end unscheduled."""
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from exec_common import (FAULTS, SPEC, TIGHT_FAULTS, TIGHT_SPEC, check_consistent,  # noqa: E402
                         fail, make_plan, outcomes, run)

POINTS = ["after-intent", "after-launch-call", "after-launch", "after-result", "after-finish",
          "loop", "after-intent", "after-launch-call"]


def run_once(binary, args, env, rng, timed):
    if not timed:
        return run(binary, *args, env=env).returncode
    # A kill -9 from outside at a random instant (the hook stays armed, so the run dies
    # either way and the campaign cannot finish early).
    proc = subprocess.Popen([binary, *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env={**os.environ, **env})
    try:
        proc.wait(timeout=rng.uniform(0.005, 0.08))
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    return proc.returncode


def crash_until_done(binary, plan, crashed, faults, rng, work):
    """Runs the campaign with kills until it finishes; returns (kills, outside, hooked)."""
    kills, timed_kills, first = 0, 0, True
    hooked = {point: 0 for point in POINTS}
    while True:
        if first:
            args = ["schedule", "run", "--plan", plan, "--backend", "sim", "--state", crashed, *faults]
        else:
            args = ["schedule", "resume", "--state", crashed]
        env = {}
        timed = 20 <= kills < 40 and rng.random() < 0.3
        if kills < 40:
            point = rng.choice(POINTS)
            env = {"ABC_CRASH_AT": f"{point}:{rng.randint(1, 2)}"}
        code = run_once(binary, args, env, rng, timed)
        first = first and not os.path.exists(crashed)
        if code == -signal.SIGKILL:
            kills += 1
            if env and not timed:
                hooked[env["ABC_CRASH_AT"].split(":")[0]] += 1
            timed_kills += timed
        elif code == 0:
            return kills, timed_kills, hooked
        else:
            if os.environ.get("ABC_CRASH_KEEP"):
                shutil.copytree(work, os.environ["ABC_CRASH_KEEP"], dirs_exist_ok=True)
            fail(f"run exited {code}: {args} {env}")


def check_case(binary, name, spec, faults, seed, work):
    rng = random.Random(seed)
    plan = make_plan(binary, work, spec)
    reference = os.path.join(work, "reference.db")
    run(binary, "schedule", "run", "--plan", plan, "--backend", "sim", "--state", reference,
        *faults, check=0)
    crashed = os.path.join(work, "crashed.db")
    kills, timed_kills, hooked = crash_until_done(binary, plan, crashed, faults, rng, work)
    check_consistent(binary, crashed)
    if kills < 20:
        fail(f"{name}: the campaign finished after only {kills} kills; raise the crash rate")
    if hooked["after-intent"] == 0 or hooked["after-launch-call"] == 0:
        fail(f"{name}: no kill between intent and launch: {hooked}")
    check_consistent(binary, reference)
    a, b = outcomes(crashed), outcomes(reference)
    if a != b:
        only_crashed = [x for x in a if x not in b][:5]
        only_reference = [x for x in b if x not in a][:5]
        fail(f"{name}: outcomes differ from the uninterrupted run: crashed run has "
             f"{only_crashed}, uninterrupted run has {only_reference}")
    states = {}
    for _, state, _ in a:
        states[state] = states.get(state, 0) + 1
    return (f"{name}: {kills} kills ({timed_kills} from outside, hooks {hooked}), "
            f"outcomes identical: {states}")


def main():
    binary = sys.argv[1]
    seed = int(os.environ.get("ABC_CRASH_SEED", "4242"))
    cases = [("fits", SPEC, FAULTS), ("tight", TIGHT_SPEC, TIGHT_FAULTS)]
    for index, (name, spec, faults) in enumerate(cases):
        work = tempfile.mkdtemp(prefix=f"abc-crash-{name}-")
        try:
            print("ok " + check_case(binary, name, spec, faults, seed + index, work))
        finally:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
