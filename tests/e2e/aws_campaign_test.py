#!/usr/bin/env python3
"""The seed's command end to end against the fake AWS (issue 10): `schedule weekly
--instance-families m7i,c7g,r7a ... --backend aws --endpoint-url URL` with temporary
credentials (a session token). At campaign start the tool creates its IAM role and instance
profile (aws-benchmark-collector-agent) in the fake's IAM; the instances carry the profile
(the fake keeps a fresh profile invisible to EC2 for a few seconds, as AWS does: the first
launches are retried). Instances boot for real: the user-data, which holds bucket and keys
only, downloads the agent with `aws s3 cp` under the role's credentials from IMDS, checks its
sha256, runs the real agent's --quick jobs, uploads the results and shuts down. Checks: every
job succeeded with a result its own instance wrote and uploaded by its role, every instance
launched ends terminated (botocore's DescribeInstances), the journal's invariants hold, the
role's policy is the contract's, and no secret is in any output, the whole user-data
included. The campaign also carries a custom suite (issue 12): the `memory` benchmark of
examples/suites/sysbench.json (the memory category, like stream-cache, so each type keeps one
session and the campaign runs now): the controller ships its suite.json to the bucket, each
instance fetches it by role (its sha256 checked) and runs it with the real sysbench."""
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import aws_common as c  # noqa: E402

LABEL = "seed campaign"
PROFILE = "aws-benchmark-collector-agent"
EXAMPLE_SUITE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples",
                             "suites", "sysbench.json")
SUITE_BENCHMARKS = ["sysbench.memory"]


def write_suite(work):
    """The example suite with its memory benchmark only."""
    with open(EXAMPLE_SUITE) as f:
        suite = json.load(f)
    suite["benchmarks"] = [b for b in suite["benchmarks"] if b["name"] == "memory"]
    path = os.path.join(work, "sysbench-memory.json")
    with open(path, "w") as f:
        json.dump(suite, f)
    return path


def check_suite_shipped(fake, journal):
    """Every instance ran the suite's benchmarks from the suite.json it fetched from the
    campaign's prefix by its role; each gave an ok result of family custom."""
    campaign = c.rows(journal, "SELECT id FROM campaign")[0][0]
    gets = [e for e in c.request_log(fake) if e["service"] == "s3" and e["action"] == "GetObject"
            and e.get("role") and "error" not in e
            and e["params"]["key"].startswith(f"campaigns/{campaign}/suite-objects/")]
    instances = c.rows(journal, "SELECT DISTINCT instance_id FROM attempt WHERE instance_id != ''")
    if len(gets) < len(instances):
        c.fail(f"{LABEL}: {len(gets)} suite downloads by role for {len(instances)} instances")
    results = c.rows(journal, "SELECT j.benchmark, r.status, r.json FROM result r "
                              "JOIN job j ON j.id = r.job")
    custom = [(b, st, json.loads(t)) for b, st, t in results if b in SUITE_BENCHMARKS]
    if len(custom) != len(SUITE_BENCHMARKS) * len(instances):
        c.fail(f"{LABEL}: {len(custom)} suite results for {len(instances)} instances")
    for benchmark, status, doc in custom:
        if status != "ok" or doc["benchmarks"][0].get("family") != "custom":
            c.fail(f"{LABEL}: {benchmark}: {status}, {doc['benchmarks'][0].get('family')}")
    print(f"{LABEL}: suite fetched by role {len(gets)} times, {len(custom)} custom results ok")


def check_role_policy(fake, journal):
    """The role EC2 may assume holds one policy for the campaign's bucket: GetObject on
    agents/* and campaigns/*, PutObject on campaigns/*, nothing else."""
    bucket = json.loads(c.rows(journal, "SELECT backend_config FROM campaign")[0][0])["bucket"]
    iam = fake.control("/iam")
    role = iam["roles"].get(PROFILE)
    if not role or iam["instance_profiles"].get(PROFILE, {}).get("roles") != [PROFILE]:
        c.fail(f"{LABEL}: IAM after the campaign: {iam}")
    trusted = [s["Principal"] for s in role["trust_policy"]["Statement"]]
    if trusted != [{"Service": "ec2.amazonaws.com"}]:
        c.fail(f"{LABEL}: the role trusts {trusted}")
    policies = role["policies"]
    objects = f"arn:aws:s3:::{bucket}/"
    want = {"s3:GetObject": {objects + "agents/*", objects + "campaigns/*"},
            "s3:PutObject": {objects + "campaigns/*"}}
    got = {}
    for statement in policies.get(f"abc-bucket-{bucket}", {}).get("Statement", []):
        actions = statement["Action"] if isinstance(statement["Action"], list) \
            else [statement["Action"]]
        for action in actions:
            got.setdefault(action, set()).update(statement["Resource"])
    if list(policies) != [f"abc-bucket-{bucket}"] or got != want:
        c.fail(f"{LABEL}: the role's policies are {policies}")


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
                               "--sizes", "large", "--suite", write_suite(work)),
                capture_output=True, text=True, env=env, timeout=240)
            print(f"{LABEL}: controller exit {run.returncode} in {time.time() - began:.0f} s")
            if run.returncode != 0:
                c.fail(f"{LABEL}: exit {run.returncode}\n{run.stdout[-2000:]}\n{run.stderr}")
            jobs = c.rows(journal, "SELECT count(*) FROM job")[0][0]
            if jobs != len(fams.split(",")) * (1 + len(SUITE_BENCHMARKS)):
                c.fail(f"{LABEL}: {jobs} jobs planned, expected stream-cache and the suite's "
                       f"{len(SUITE_BENCHMARKS)} per family")
            instances = c.check_role_campaign(
                binary, fake, journal, env, work,
                [("stdout", run.stdout), ("stderr", run.stderr)], credentials, LABEL)
            check_role_policy(fake, journal)
            check_suite_shipped(fake, journal)
            boots = fake.control("/boots")
            if len(boots) != len(instances) or any(b["refused"] for b in boots):
                c.fail(f"{LABEL}: {len(boots)} boots for {len(instances)} instances")
            for b in boots:
                if not any(s["command"] == "shutdown" and s["args"][:2] == ["-h", "now"]
                           for s in b["shim_calls"]):
                    c.fail(f"{LABEL}: instance {b['instance_id']} did not shut itself down")
        finally:
            fake.stop()
    print(f"PASS {LABEL}: {fams}")


if __name__ == "__main__":
    main()
