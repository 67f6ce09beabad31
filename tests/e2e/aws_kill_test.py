#!/usr/bin/env python3
"""kill -9 and resume against the fake AWS (issue 10): the seed's campaign is killed from
outside with SIGKILL at random moments (seeded; ABC_AWS_KILL_SEED=N runs others), then
resumed with `schedule resume` until it ends. Checks, from the fake's request log and its
instances: no duplicate launch (one RunInstances success per ClientToken, one instance per
token, each one an attempt of the journal), no stray instance at the end (every instance
terminated, cleanup finds none), no lost result (every job succeeded with a result its own
instance wrote), the journal's invariants, every instance with the tool's instance profile
(created idempotently, whenever the kill lands in campaign start), and no secret in any
output."""
import os
import random
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import aws_common as c  # noqa: E402

CAMPAIGNS = 2           # each killed KILLS times
KILLS = 3
DELAY = (0.3, 12.0)     # seconds after each (re)start: start-up, launches, boots, polls


def run_killed(binary, fake, journal, fams, env, rng, label):
    outputs, kills = [], 0
    for _ in range(20):
        if os.path.exists(journal):
            command = [binary, "schedule", "resume", "--state", journal]
        else:
            command = c.seed_command(binary, fake, journal, fams, "--benchmarks", "stream-cache",
                                     "--sizes", "large")
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, env=env)
        delay = rng.uniform(*DELAY) if kills < KILLS else 240
        try:
            out, err = proc.communicate(timeout=delay)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            out, err = proc.communicate()
        outputs += [(f"{label} stdout", out), (f"{label} stderr", err)]
        if proc.returncode == 0:
            return outputs, kills
        if proc.returncode != -signal.SIGKILL:
            c.fail(f"{label}: {' '.join(command[1:3])} exited {proc.returncode}: {err.strip()}")
        kills += 1
    c.fail(f"{label}: no end after 20 runs")


def main():
    binary = sys.argv[1]
    seed = int(os.environ.get("ABC_AWS_KILL_SEED", "4242"))
    fams, agent_env = c.families()
    for index in range(CAMPAIGNS):
        label = f"killed campaign {index} (seed {seed + index})"
        rng = random.Random(seed + index)
        with tempfile.TemporaryDirectory(prefix="abc-aws-kill-") as work:
            fake = c.start_fake(work)
            try:
                journal = os.path.join(work, "campaign.db")
                env = c.client_env(fake, agent_env)
                began = time.time()
                outputs, kills = run_killed(binary, fake, journal, fams, env, rng, label)
                print(f"{label}: {kills} kills, ended in {time.time() - began:.0f} s")
                if kills == 0:
                    c.fail(f"{label}: no kill landed: the test tests nothing")
                c.check_role_campaign(binary, fake, journal, env, work, outputs, None, label)
            finally:
                fake.stop()
    print(f"PASS kill -9 and resume: {CAMPAIGNS} campaigns of {fams}")


if __name__ == "__main__":
    main()
