#!/usr/bin/env python3
"""The seed's campaign against the fake AWS with its faults on (issue 10): spot capacity
exhausted in the only zone, an injected vCPU quota refusal and a subnet out of addresses,
EC2 throttling (a token bucket), a RunInstances reply lost after the launch took effect,
DescribeInstances missing fresh instances for a while, and a spot interruption with the
two-minute notice while the agent runs. Evening window: every size on spot. Static keys.
This is the one campaign run with --presigned-urls (for accounts that cannot use IAM roles):
the user-data carries presigned URLs, and an attempt sent again (the lost reply, throttling)
must carry the same ones, or EC2 refuses its ClientToken. Checks: every invariant of the
journal, no duplicate launch (one instance per ClientToken), every instance terminated, the
interrupted session retried per policy and every job ending with a result its own instance
wrote and PUT by presigned URL, no instance profile asked for or attached, and no secret in
any output (the URLs' queries cut out of the user-data only, where the secret key must not be
even so)."""
import os
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import aws_common as c  # noqa: E402

LABEL = "faults campaign"
FAULTS = {
    "capacity": [{"az": "us-east-1a", "market": "spot", "instance_type": "r7a.large",
                  "remaining": 0}],
    "errors": [{"action": "RunInstances", "code": "VcpuLimitExceeded", "count": 1},
               {"action": "RunInstances", "code": "InsufficientFreeAddressesInSubnet",
                "count": 1}],
    "throttle": {"capacity": 6, "refill_per_second": 2},
    "lost_replies": {"RunInstances": 1},
    "consistency_delay_seconds": 8,
}


class Interrupter(threading.Thread):
    """Interrupts the first spot instance seen running (its agent at work) and moves the
    fake's clock past the two-minute notice, so EC2 reclaims it mid-session."""

    def __init__(self, fake):
        super().__init__(daemon=True)
        self.fake, self.victim, self.done = fake, None, threading.Event()

    def run(self):
        while not self.done.is_set() and self.victim is None:
            try:
                for inst in self.fake.control("/instances"):
                    if inst["market"] == "spot" and inst["state"] == "running":
                        self.fake.control("/interrupt", {"instance_id": inst["instance_id"]})
                        self.fake.control("/clock", {"advance_seconds": 121})
                        self.victim = inst["instance_id"]
                        break
            except OSError:
                pass
            time.sleep(0.1)


def main():
    binary = sys.argv[1]
    fams, agent_env = c.families()
    with tempfile.TemporaryDirectory(prefix="abc-aws-faults-") as work:
        fake = c.start_fake(work, FAULTS)
        interrupter = Interrupter(fake)
        try:
            journal = os.path.join(work, "campaign.db")
            env = c.client_env(fake, agent_env)
            interrupter.start()
            began = time.time()
            run = subprocess.run(
                c.seed_command(binary, fake, journal, fams, "--benchmarks", "stream-cache",
                               "--sizes", "large", "--presigned-urls", local_hour=21),
                capture_output=True, text=True, env=env, timeout=270)
            interrupter.done.set()
            print(f"{LABEL}: controller exit {run.returncode} in {time.time() - began:.0f} s")
            if run.returncode != 0:
                c.fail(f"{LABEL}: exit {run.returncode}\n{run.stdout[-2000:]}\n{run.stderr}")
            log = c.request_log(fake)
            seen = {e.get("error") for e in log} | {"lost" for e in log if e.get("lost_reply")}
            for code in ("InsufficientInstanceCapacity", "VcpuLimitExceeded",
                         "InsufficientFreeAddressesInSubnet", "lost"):
                if code not in seen:
                    c.fail(f"{LABEL}: fault {code} never happened: the test tests nothing")
            c.check_journal(binary, journal, LABEL, env)
            c.check_results_from_instances(fake, journal, LABEL, c.PRESIGNED)
            instances = c.check_launches(fake, journal, LABEL)
            if any(i.get("instance_profile") for i in instances) or \
                    any(e["service"] == "iam" for e in log):
                c.fail(f"{LABEL}: --presigned-urls asked IAM or attached a profile")
            c.check_everything_terminated(fake, LABEL)
            if interrupter.victim is None:
                c.fail(f"{LABEL}: no spot instance was seen running to interrupt")
            outcome = c.rows(journal, "SELECT session, outcome FROM attempt WHERE instance_id = "
                                      f"'{interrupter.victim}'")
            if not outcome or outcome[0][1] != "interrupted":
                c.fail(f"{LABEL}: the interrupted instance's attempt is {outcome}")
            later = c.rows(journal, "SELECT count(*) FROM attempt WHERE session = "
                                    f"'{outcome[0][0]}' AND outcome = 'completed'")[0][0]
            if later != 1:
                c.fail(f"{LABEL}: the interrupted session was not retried to completion")
            print(f"{LABEL}: faults seen: {sorted(x for x in seen if x)}; "
                  f"interrupted {interrupter.victim}, retried")
            c.full_scan(work, journal, [("stdout", run.stdout), ("stderr", run.stderr)], None,
                        LABEL, c.PRESIGNED)
        finally:
            interrupter.done.set()
            fake.stop()
    print(f"PASS {LABEL}: {fams}")


if __name__ == "__main__":
    main()
