#!/usr/bin/env python3
"""A fresh instance profile that EC2 does not see yet (issue 10, the IAM contract): IAM is
eventually consistent, and RunInstances with a profile created seconds ago answers
InvalidParameterValue "Value (NAME) for parameter iamInstanceProfile.name is invalid. Invalid
IAM Instance Profile name". The fake keeps the profile the tool creates at campaign start
invisible to EC2 for VISIBLE_AFTER seconds (real time). The tool must take exactly that answer
for eventual consistency and launch again with the same ClientToken, not stop the campaign.
Checks: the refusal happened (else the test tests nothing), then the launches succeeded, one
instance per token; every job succeeded with a result its own instance uploaded by its role;
everything terminated; no secret in any output."""
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import aws_common as c  # noqa: E402

LABEL = "fresh instance profile"
VISIBLE_AFTER = 10


def main():
    binary = sys.argv[1]
    with tempfile.TemporaryDirectory(prefix="abc-aws-fresh-") as work:
        fake = c.start_fake(work, {"instance_profile_visibility_seconds": VISIBLE_AFTER})
        try:
            journal = os.path.join(work, "campaign.db")
            env = c.client_env(fake)
            began = time.time()
            run = subprocess.run(
                c.seed_command(binary, fake, journal, "m7i", "--benchmarks", "stream-cache",
                               "--sizes", "large"),
                capture_output=True, text=True, env=env, timeout=240)
            print(f"{LABEL}: controller exit {run.returncode} in {time.time() - began:.0f} s")
            if run.returncode != 0:
                c.fail(f"{LABEL}: exit {run.returncode}\n{run.stdout[-2000:]}\n{run.stderr}")
            launches = [e for e in c.request_log(fake) if e["action"] == "RunInstances"]
            refused = [e for e in launches if e.get("error") == "InvalidParameterValue"]
            if not refused:
                c.fail(f"{LABEL}: no launch met the invisible profile: the test tests nothing")
            if not any("error" not in e for e in launches):
                c.fail(f"{LABEL}: no launch succeeded")
            if any(e.get("error") not in (None, "InvalidParameterValue") for e in launches):
                c.fail(f"{LABEL}: other launch errors: {[e.get('error') for e in launches]}")
            c.check_role_campaign(binary, fake, journal, env, work,
                                  [("stdout", run.stdout), ("stderr", run.stderr)], None, LABEL)
            print(f"{LABEL}: {len(refused)} launch(es) refused while the profile was fresh, "
                  "then launched")
        finally:
            fake.stop()
    print(f"PASS {LABEL}")


if __name__ == "__main__":
    main()
