#!/usr/bin/env python3
"""The seed's command end to end against the fake AWS (issue 10): `schedule weekly
--instance-families m7i,c7g,r7a ... --backend aws --endpoint-url URL` with temporary
credentials (a session token). Instances boot for real: the user-data downloads the agent by
presigned GET, checks its sha256, runs the real agent's --quick jobs, PUTs the results and
shuts down. Checks: every job succeeded with a result its own instance wrote and PUT, every
instance launched ends terminated (botocore's DescribeInstances), the journal's invariants
hold, and no secret is in any output."""
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import aws_common as c  # noqa: E402

LABEL = "seed campaign"


def main():
    binary = sys.argv[1]
    fams, agent_env = c.families()
    with tempfile.TemporaryDirectory(prefix="abc-aws-e2e-") as work:
        fake = c.start_fake(work)
        try:
            credentials = c.assume_role_credentials(fake)
            journal = os.path.join(work, "campaign.db")
            env = c.client_env(fake, agent_env, credentials)
            began = time.time()
            run = subprocess.run(
                c.seed_command(binary, fake, journal, fams, "--benchmarks", "stream-cache",
                               "--sizes", "large"),
                capture_output=True, text=True, env=env, timeout=240)
            print(f"{LABEL}: controller exit {run.returncode} in {time.time() - began:.0f} s")
            if run.returncode != 0:
                c.fail(f"{LABEL}: exit {run.returncode}\n{run.stdout[-2000:]}\n{run.stderr}")
            jobs = c.rows(journal, "SELECT count(*) FROM job")[0][0]
            if jobs != len(fams.split(",")):
                c.fail(f"{LABEL}: {jobs} jobs planned, expected one per family")
            c.check_journal(binary, journal, LABEL, env)
            c.check_results_from_instances(fake, journal, LABEL)
            instances = c.check_launches(fake, journal, LABEL)
            c.check_everything_terminated(fake, LABEL)
            boots = fake.control("/boots")
            if len(boots) != len(instances) or any(b["refused"] for b in boots):
                c.fail(f"{LABEL}: {len(boots)} boots for {len(instances)} instances")
            for b in boots:
                if not any(s["command"] == "shutdown" and s["args"][:2] == ["-h", "now"]
                           for s in b["shim_calls"]):
                    c.fail(f"{LABEL}: instance {b['instance_id']} did not shut itself down")
            c.full_scan(work, journal, [("stdout", run.stdout), ("stderr", run.stderr)],
                        credentials, LABEL)
        finally:
            fake.stop()
    print(f"PASS {LABEL}: {fams}")


if __name__ == "__main__":
    main()
