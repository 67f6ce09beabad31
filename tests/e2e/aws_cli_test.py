"""The aws backend's commands against the fake AWS server (tests/fakes/fake_aws), run as a
user would (issue 10):

- `schedule weekly --backend aws` asks the account's vCPU quotas (Service Quotas) before
  planning, while `schedule plan` keeps the new-account defaults and says so (how the facts
  enter the spec and the plan header is unit-tested in tests/unit/cli);
- preflight: each misconfiguration is one line naming the fix, exit 2, no journal written and
  no instance launched; an unknown --instance-profile, and IAM refusing the tool its own role
  (AccessDenied on iam:CreateRole) at campaign start, included;
- `cleanup --region` without a journal: by the campaign tag, --campaign, --older-than,
  --dry-run, and any instance whose abc:expires-at has passed; instances without the tool's
  tag are never touched; bad input is one line and exit 2;
- `catalog refresh` builds a catalog file from DescribeInstanceTypes and Pricing that loads
  with --catalog.

Usage: aws_cli_test.py BINARY
"""
import json
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "fakes"))

from exec_common import fail, run  # noqa: E402
from fake_aws import world  # noqa: E402
from fake_aws.process import FakeAwsProcess  # noqa: E402

import botocore.session  # noqa: E402
from botocore.config import Config  # noqa: E402

REGION = "us-east-1"
# The seed's command (README), pointed at the fake, with one family to keep the plan small.
SEED = ["schedule", "weekly", "--instance-families", "m7i", "--region", REGION,
        "--max-daily-jobs", "30", "--max-concurrent", "5", "--key-pair", "my-key",
        "--sizes", "large", "--days", "1", "--start", "2026-12-07"]


def ec2_client(fake):
    session = botocore.session.get_session()
    return session.create_client(
        "ec2", region_name=REGION, endpoint_url=fake.url,
        aws_access_key_id=world.TEST_ACCESS_KEY, aws_secret_access_key=world.TEST_SECRET_KEY,
        config=Config(retries={"max_attempts": 1}))


def launch(ec2, fake, tags):
    """One instance through botocore (an independent client), tagged as given."""
    the_world = fake.control("/world")["regions"][REGION]
    reply = ec2.run_instances(
        ImageId=the_world["amis"]["x86_64"], InstanceType="m7i.large", MinCount=1, MaxCount=1,
        SubnetId=the_world["subnets"][0]["id"],
        TagSpecifications=[{"ResourceType": "instance",
                            "Tags": [{"Key": k, "Value": v} for k, v in tags.items()]}])
    return reply["Instances"][0]["InstanceId"]


def states(fake):
    return {i["instance_id"]: i["state"] for i in fake.control("/instances")}


def check_one_line(proc, what, needles, journal=None, fake=None):
    lines = proc.stderr.strip().splitlines()
    if proc.returncode != 2 or len(lines) != 1:
        fail(f"{what}: exit {proc.returncode}, stderr {proc.stderr!r} (expected one line, exit 2)")
    for needle in needles:
        if needle not in lines[0]:
            fail(f"{what}: '{needle}' is not in {lines[0]!r}")
    if world.TEST_SECRET_KEY in proc.stderr + proc.stdout:
        fail(f"{what}: the secret key was printed")
    if journal and os.path.exists(journal):
        fail(f"{what}: the journal {journal} was written")
    if fake and any(s != "terminated" for s in states(fake).values()):
        fail(f"{what}: an instance was launched: {states(fake)}")


def test_account_quotas(binary, fake, env, work):
    # An unknown subnet stops the campaign after planning, before anything is launched; the
    # quotas were asked all the same.
    journal = os.path.join(work, "quota.db")
    proc = run(binary, "schedule", "plan", "--instance-families", "m7i", "--region", REGION,
               "--sizes", "large", "--days", "1", "--start", "2026-12-07", env=env)
    if "standard:on-demand 5 (default)" not in proc.stdout:
        fail(f"schedule plan must keep the new-account defaults:\n{proc.stdout}")
    # No --backend: aws is the default.
    proc = run(binary, *SEED, "--subnet", "subnet-nope", "--endpoint-url", fake.url,
               "--state", journal, env=env)
    check_one_line(proc, "unknown subnet", ["--subnet subnet-nope", "describe-subnets"],
                   journal, fake)
    log = [json.loads(line) for line in open(os.path.join(fake.state_dir, "requests.jsonl"))]
    asked = [r for r in log if r.get("action") == "GetServiceQuota"]
    if not asked:
        fail("schedule weekly --backend aws did not ask Service Quotas before planning")


def test_preflight(binary, fake, env, work):
    subnet = fake.control("/world")["regions"][REGION]["subnets"][0]["id"]
    def seed_without(flag):
        at = SEED.index(flag)
        return [*SEED[:at], *SEED[at + 2:], "--endpoint-url", fake.url]

    base = [*SEED, "--endpoint-url", fake.url]
    command_of = {"wrong region": seed_without("--region") + ["--region", "us-west-2"],
                  "unknown key pair": seed_without("--key-pair")}
    cases = [
        ("bad credentials", {"AWS_SECRET_ACCESS_KEY": "wrong" + world.TEST_SECRET_KEY[5:]},
         ["--subnet", subnet], ["credentials", "aws configure"]),
        ("wrong region", {}, ["--subnet", subnet],
         ["--subnet " + subnet, "us-west-2", "describe-subnets"]),
        ("unknown subnet", {}, ["--subnet", "subnet-0000"], ["--subnet subnet-0000"]),
        ("unknown security group", {}, ["--subnet", subnet, "--security-group", "sg-nope"],
         ["--security-group", "describe-security-groups"]),
        ("unknown key pair", {}, ["--subnet", subnet, "--key-pair", "lost-key"],
         ["--key-pair lost-key", "leave --key-pair out"]),
        ("missing AMI parameter", {}, ["--subnet", subnet, "--ami-parameter", "x86_64=/no/such"],
         ["AMI parameter /no/such", "--ami-parameter x86_64="]),
        ("bucket not accessible", {}, ["--subnet", subnet, "--bucket", "someone-elses-bucket"],
         ["--bucket someone-elses-bucket"]),
        ("unknown instance profile", {}, ["--subnet", subnet, "--instance-profile", "nope"],
         ["--instance-profile nope: no such instance profile", "docs/aws-setup.md"]),
        ("IAM role creation denied", {}, ["--subnet", subnet],
         ["aws preflight: ", "iam:CreateRole denied", "not authorized", "grant iam:CreateRole",
          "docs/aws-setup.md", "--instance-profile"]),
    ]
    for i, (what, extra_env, flags, needles) in enumerate(cases):
        journal = os.path.join(work, f"preflight-{i}.db")
        command = command_of.get(what, base)
        denied = ["CreateRole"] if what == "IAM role creation denied" else []
        fake.control("/faults", {"iam_denied": denied})
        proc = run(binary, *command, *flags, "--state", journal, env={**env, **extra_env})
        check_one_line(proc, what, needles, journal, fake)
        if denied:
            log = [json.loads(line) for line in
                   open(os.path.join(fake.state_dir, "requests.jsonl"))]
            if not any(e.get("action") == "CreateRole" and e.get("error") == "AccessDenied"
                       for e in log):
                fail(f"{what}: CreateRole was not refused: the case tests nothing")
            if any(e.get("action") == "RunInstances" for e in log):
                fail(f"{what}: RunInstances was called")
    fake.control("/faults", {"iam_denied": []})


def test_cleanup(binary, fake, env):
    ec2 = ec2_client(fake)
    keep = launch(ec2, fake, {"Name": "someone else's"})
    c1 = launch(ec2, fake, {"abc:campaign": "c1", "abc:expires-at": "2099-01-01T00:00:00Z"})
    c2 = launch(ec2, fake, {"abc:campaign": "c2", "abc:expires-at": "2099-01-01T00:00:00Z"})
    expired = launch(ec2, fake, {"abc:campaign": "c3", "abc:expires-at": "2000-01-01T00:00:00Z"})
    base = ["cleanup", "--region", REGION, "--endpoint-url", fake.url]

    for flags, needles in [(["--older-than", "2w"], ["--older-than: '2w'"]),
                           (["--region", "us-east-9"], ["--region: unknown region 'us-east-9'"]),
                           (["--state", "x.db"], ["not with --state"])]:
        proc = run(binary, *base, *flags, env=env)
        check_one_line(proc, "cleanup " + " ".join(flags), needles)
    proc = run(binary, "cleanup", env=env)
    check_one_line(proc, "cleanup without --state or --region", ["--region", "--state"])

    proc = run(binary, *base, "--dry-run", env=env, check=0)
    for instance in (c1, c2, expired):
        if f"would terminate {instance}" not in proc.stdout:
            fail(f"cleanup --dry-run does not list {instance}:\n{proc.stdout}")
    if keep in proc.stdout or any(s == "terminated" for s in states(fake).values()):
        fail(f"cleanup --dry-run listed an untagged instance or terminated one:\n{proc.stdout}")

    proc = run(binary, *base, "--campaign", "c1", env=env, check=0)
    now = states(fake)
    gone = {i for i, s in now.items() if s in ("shutting-down", "terminated")}
    if gone != {c1, expired}:
        fail(f"cleanup --campaign c1 must end c1's instance and the expired one, ended {gone}:\n"
             f"{proc.stdout}")
    if f"terminated {expired}" not in proc.stdout or "has passed" not in proc.stdout:
        fail(f"cleanup does not say why the expired instance went:\n{proc.stdout}")
    proc = run(binary, *base, "--older-than", "1d", env=env, check=0)
    alive = ("pending", "running")
    if c2 in proc.stdout or states(fake)[c2] not in alive:
        fail(f"cleanup --older-than 1d ended an instance launched just now:\n{proc.stdout}")
    run(binary, *base, env=env, check=0)
    if states(fake)[c2] in alive or states(fake)[keep] not in alive:
        fail(f"cleanup must end every tagged instance and no other: {states(fake)}")


def test_catalog_refresh(binary, fake, env, work):
    out = os.path.join(work, "refreshed.json")
    proc = run(binary, "catalog", "refresh", "--region", REGION, "--endpoint-url", fake.url,
               "--output", out, env=env)
    if proc.returncode != 0:
        fail(f"catalog refresh: exit {proc.returncode}\n{proc.stderr}")
    with open(out) as f:
        doc = json.load(f)
    types = {t["name"]: t for t in doc["types"]}
    catalog = world.Catalog()
    for name in ("m7i.large", "c7g.xlarge", "r7a.2xlarge"):
        if name not in types:
            fail(f"catalog refresh: {name} is missing")
        fact = catalog.types[name]
        if types[name]["vcpus"] != fact["vcpus"]:
            fail(f"catalog refresh: {name} vcpus {types[name]['vcpus']} != {fact['vcpus']}")
        price = types[name]["on_demand_usd_per_hour"][REGION]
        price = price["usd_per_hour"] if isinstance(price, dict) else price
        if abs(price - fact["prices"][REGION]) > 1e-9:
            fail(f"catalog refresh: {name} price {price} != {fact['prices'][REGION]}")
    if not doc.get("snapshot_date") or not doc.get("sources"):
        fail("catalog refresh: the file lacks its date or sources")
    proc = run(binary, "catalog", "show", "m7i.large", "--catalog", out, env=env)
    if proc.returncode != 0:
        fail(f"the refreshed catalog does not load with --catalog:\n{proc.stderr}")
    proc = run(binary, "catalog", "refresh", "--region", "us-east-9", "--endpoint-url", fake.url,
               "--output", os.path.join(work, "bad.json"), env=env)
    check_one_line(proc, "catalog refresh --region us-east-9", ["--region"],
                   os.path.join(work, "bad.json"))


def main():
    binary = sys.argv[1]
    work = tempfile.mkdtemp(prefix="abc-aws-cli-")
    with FakeAwsProcess(os.path.join(work, "fake"), boot=False) as fake:
        env = {**fake.client_environment(), "AWS_EC2_METADATA_DISABLED": "true",
               "AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
               # The preflight finds an agent per planned architecture; the bucket case gets
               # that far (nothing is uploaded: the bucket check comes first).
               "ABC_AGENT_X86_64": "/bin/true"}
        env.pop("AWS_ENDPOINT_URL")  # the commands get --endpoint-url
        selected = sys.argv[2:] or ["quotas", "preflight", "cleanup", "refresh"]
        if "quotas" in selected:
            test_account_quotas(binary, fake, env, work)
        if "preflight" in selected:
            test_preflight(binary, fake, env, work)
        if "cleanup" in selected:
            test_cleanup(binary, fake, env)
        if "refresh" in selected:
            test_catalog_refresh(binary, fake, env, work)
    print("ok")


if __name__ == "__main__":
    main()
