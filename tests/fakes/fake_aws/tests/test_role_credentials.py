"""An instance's role credentials: IMDS hands them out (read by botocore's own
InstanceMetadataFetcher), S3 holds them to the role's inline policies, and the boot sandbox's
`aws s3 cp` shim uses them both ways; the test keys keep full access."""
import datetime
import json
import os
import random
import time
import unittest
import urllib.error
import urllib.request

from botocore.utils import InstanceMetadataFetcher
from botocore.exceptions import ClientError

from common import RunningFake, wait_for, world
from fake_aws.boot import absolute_path_calls
from fake_aws.iam import policies_allow
from fake_aws.imds import Imds
from fake_aws.shim import AwsUsageError, parse_aws_s3_cp
from test_iam import bucket_policy

BUCKET = "abc-role"



def imds_status(imds, path):
    """HTTP status of an IMDSv2 GET (botocore's fetcher turns every failure into {})."""
    put = urllib.request.Request(imds.url + "/latest/api/token", method="PUT",
                                 headers={"X-aws-ec2-metadata-token-ttl-seconds": "60"})
    with urllib.request.urlopen(put, timeout=10) as reply:
        token = reply.read().decode()
    get = urllib.request.Request(imds.url + path, headers={"X-aws-ec2-metadata-token": token})
    try:
        with urllib.request.urlopen(get, timeout=10) as reply:
            return reply.status
    except urllib.error.HTTPError as error:
        return error.code


def code_of(call):
    try:
        call()
    except ClientError as error:
        return error.response["Error"]["Code"]
    return "ok"


class RoleCredentialsTest(unittest.TestCase):
    def setUp(self):
        self.fake = RunningFake()
        self.fake.control("/faults", {"instance_profile_visibility_seconds": 0})
        self.ec2 = self.fake.client("ec2")
        self.s3 = self.fake.client("s3")
        self.s3.create_bucket(Bucket=BUCKET)
        self.s3.create_bucket(Bucket="abc-other")
        self.fake.control("/iam", {"instance_profile": "agent", "role": "agent-role",
                                   "policies": {"abc-bucket-" + BUCKET: bucket_policy(BUCKET)}})
        self.imds = []

    def tearDown(self):
        for imds in self.imds:
            imds.close()
        self.fake.close()

    def fetch(self, **profile):
        """botocore's fetcher against the IMDS of an instance launched with `profile`."""
        extra = {"IamInstanceProfile": profile} if profile else {}
        instance_id = self.ec2.run_instances(
            ImageId=world.ami_id("us-east-1", "x86_64"), InstanceType="m7i.large", MinCount=1,
            MaxCount=1, **extra)["Instances"][0]["InstanceId"]
        imds = Imds(self.fake.fake, instance_id)
        self.imds.append(imds)
        fetcher = InstanceMetadataFetcher(timeout=5, num_attempts=2, config={
            "ec2_metadata_service_endpoint": imds.url + "/"})
        return fetcher.retrieve_iam_role_credentials()

    def role_client(self):
        creds = self.fetch(Name="agent")
        return self.fake.client("s3", access=creds["access_key"], secret=creds["secret_key"],
                                token=creds["token"]), creds

    def test_imds_credentials(self):
        creds = self.fetch(Name="agent")
        self.assertEqual(creds["role_name"], "agent-role")
        self.assertRegex(creds["access_key"], r"^ASIA[0-9A-Z]{16}$")
        self.assertTrue(creds["secret_key"] and creds["token"])
        expiry = datetime.datetime.fromisoformat(creds["expiry_time"].replace("Z", "+00:00"))
        ahead = expiry - datetime.datetime.now(datetime.timezone.utc)
        self.assertTrue(datetime.timedelta(minutes=59) < ahead <= datetime.timedelta(hours=1),
                        ahead)
        self.assertEqual(self.fetch(), {})  # no profile: no credentials
        for path in ("", "agent-role"):
            self.assertEqual(imds_status(self.imds[-1], "/latest/meta-data/iam/security-"
                                         "credentials/" + path), 404)
        self.assertEqual(imds_status(self.imds[0], "/latest/meta-data/iam/security-"
                                     "credentials/other-role"), 404)

    def test_profile_without_role_has_no_credentials(self):
        self.fake.control("/iam", {"instance_profile": "empty", "role": None})
        self.assertEqual(self.fetch(Name="empty"), {})
        self.assertEqual(imds_status(self.imds[-1], "/latest/meta-data/iam/security-"
                                     "credentials/"), 404)
        self.assertEqual(imds_status(self.imds[-1], "/latest/meta-data/iam/info"), 200)

    def test_policy_allows_and_denies(self):
        self.s3.put_object(Bucket=BUCKET, Key="agents/agent-x86_64", Body=b"agent")
        self.s3.put_object(Bucket=BUCKET, Key="other/secret.txt", Body=b"no")
        s3, creds = self.role_client()
        self.assertEqual(s3.get_object(Bucket=BUCKET, Key="agents/agent-x86_64")["Body"].read(),
                         b"agent")
        s3.put_object(Bucket=BUCKET, Key="campaigns/c1/result.json", Body=b"{}")
        self.assertEqual(s3.get_object(Bucket=BUCKET, Key="campaigns/c1/result.json")["Body"]
                         .read(), b"{}")
        denied = {
            "put under agents/": lambda: s3.put_object(Bucket=BUCKET, Key="agents/x", Body=b""),
            "get outside the prefixes": lambda: s3.get_object(Bucket=BUCKET,
                                                              Key="other/secret.txt"),
            "another bucket": lambda: s3.put_object(Bucket="abc-other", Key="campaigns/x",
                                                    Body=b""),
            "list": lambda: s3.list_objects_v2(Bucket=BUCKET),
            "delete": lambda: s3.delete_object(Bucket=BUCKET, Key="campaigns/c1/result.json"),
            # no s3:ListBucket: a missing key is 403, not 404, as on AWS
            "missing key": lambda: s3.get_object(Bucket=BUCKET, Key="agents/none"),
        }
        for label, call in denied.items():
            with self.subTest(label):
                self.assertEqual(code_of(call), "AccessDenied")
        self.assertIn("campaigns/c1/result.json", self.fake.control("/objects")[BUCKET])
        # The test keys keep full access.
        self.assertEqual(code_of(lambda: self.s3.get_object(Bucket=BUCKET, Key="agents/none")),
                         "NoSuchKey")
        self.s3.put_object(Bucket="abc-other", Key="anything", Body=b"")
        with open(os.path.join(self.fake.dir.name, "requests.jsonl")) as f:
            log = f.read()
        for secret in (creds["access_key"], creds["secret_key"], creds["token"]):
            self.assertNotIn(secret, log)
        entries = [json.loads(line) for line in log.splitlines()]
        by_role = [e for e in entries if e.get("role") == "agent-role"]
        self.assertEqual(len(by_role), 3 + len(denied))
        self.assertEqual(sum(e.get("error") == "AccessDenied" for e in by_role), len(denied))

    def test_policy_changes_apply_at_once(self):
        s3, _ = self.role_client()
        self.assertEqual(code_of(lambda: s3.list_objects_v2(Bucket=BUCKET)), "AccessDenied")
        iam = self.fake.client("iam")
        iam.put_role_policy(RoleName="agent-role", PolicyName="list", PolicyDocument=json.dumps({
            "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*",
                                                    "Resource": f"arn:aws:s3:::{BUCKET}"}]}))
        self.assertEqual(code_of(lambda: s3.list_objects_v2(Bucket=BUCKET)), "ok")
        self.assertEqual(code_of(lambda: s3.get_object(Bucket=BUCKET, Key="agents/none")),
                         "NoSuchKey")  # with s3:ListBucket the 404 shows
        iam.put_role_policy(RoleName="agent-role", PolicyName="deny", PolicyDocument=json.dumps({
            "Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:GetObject",
                                                    "Resource": "*"}]}))
        self.assertEqual(code_of(lambda: s3.get_object(Bucket=BUCKET, Key="agents/none")),
                         "AccessDenied")


class PolicyEvaluationTest(unittest.TestCase):
    def test_bucket_policy_against_random_keys(self):
        """The contract's rule, stated independently: GET under agents/ and campaigns/, PUT
        under campaigns/, of this bucket only; keys that merely look close are refused."""
        documents = [json.dumps(bucket_policy("b"))]
        pieces = ["agents", "campaigns", "Agents", "campaign", "agents-x", "..", "", "c1",
                  "r.json", "é", "*", " "]
        rng = random.Random(20261206)
        for _ in range(2000):
            bucket = rng.choice(["b", "bb", "B", "b2"])
            key = "/".join(rng.choice(pieces) for _ in range(rng.randint(1, 4)))
            action = rng.choice(["s3:GetObject", "s3:PutObject", "s3:getobject",
                                 "s3:DeleteObject", "s3:ListBucket"])
            prefixes = {"s3:getobject": ("agents/", "campaigns/"),
                        "s3:putobject": ("campaigns/",)}.get(action.lower(), ())
            expected = bucket == "b" and key.startswith(prefixes) if prefixes else False
            resource = f"arn:aws:s3:::{bucket}/{key}"
            self.assertEqual(policies_allow(documents, action, resource), expected,
                             (action, resource))

    def test_wildcards_and_deny(self):
        allow_all = json.dumps({"Statement": {"Effect": "Allow", "Action": "s3:*",
                                              "Resource": "*"}})
        deny_put = json.dumps({"Statement": [{"Effect": "Deny", "Action": ["s3:PutObject"],
                                              "Resource": "arn:aws:s3:::b/*"}]})
        self.assertTrue(policies_allow([allow_all], "s3:PutObject", "arn:aws:s3:::b/k"))
        self.assertFalse(policies_allow([allow_all], "ec2:RunInstances", "arn:aws:s3:::b/k"))
        self.assertFalse(policies_allow([allow_all, deny_put], "s3:PutObject",
                                        "arn:aws:s3:::b/k"))
        self.assertTrue(policies_allow([allow_all, deny_put], "s3:PutObject",
                                       "arn:aws:s3:::c/k"))
        self.assertFalse(policies_allow([], "s3:GetObject", "arn:aws:s3:::b/k"))


class AwsShimTest(unittest.TestCase):
    def setUp(self):
        self.fake = RunningFake(boot=True)
        self.fake.control("/faults", {"pending_seconds": 0,
                                      "instance_profile_visibility_seconds": 0})
        self.s3 = self.fake.client("s3")
        self.s3.create_bucket(Bucket=BUCKET)
        self.fake.control("/iam", {"instance_profile": "agent", "role": "agent-role",
                                   "policies": {"abc-bucket-" + BUCKET: bucket_policy(BUCKET)}})

    def tearDown(self):
        self.fake.close()

    def boot(self, script, profile="agent"):
        extra = {"IamInstanceProfile": {"Name": profile}} if profile else {}
        instance_id = self.fake.client("ec2").run_instances(
            ImageId=world.ami_id("us-east-1", "x86_64"), InstanceType="m7i.large", MinCount=1,
            MaxCount=1, UserData=script, **extra)["Instances"][0]["InstanceId"]

        def finished():
            report = next((b for b in self.fake.control("/boots")
                           if b["instance_id"] == instance_id), None)
            return report if report and report["exit_code"] is not None else None
        return wait_for(finished, seconds=60)

    def test_copy_both_ways_and_refusals(self):
        self.s3.put_object(Bucket=BUCKET, Key="agents/agent-x86_64", Body=b"the agent")
        url = self.fake.url
        script = f"""#!/bin/bash
set -u
R="--region us-east-1 --endpoint-url {url} --only-show-errors"
aws s3 cp s3://{BUCKET}/agents/agent-x86_64 agent $R; echo "get=$?" >> status
echo '{{"ok": true}}' > result.json
aws s3 cp result.json s3://{BUCKET}/campaigns/c1/r.json $R; echo "put=$?" >> status
aws s3 cp result.json s3://{BUCKET}/agents/evil $R 2> denied.err; echo "denied=$?" >> status
aws s3 cp s3://{BUCKET}/campaigns/none here $R; echo "missing=$?" >> status
aws s3 ls s3://{BUCKET} $R 2> ls.err; echo "ls=$?" >> status
aws ec2 describe-instances; echo "ec2=$?" >> status
aws s3 cp result.json s3://{BUCKET}/campaigns/x --region us-east-1 --acl public-read; echo "acl=$?" >> status
"""
        before = len(self.fake.control("/log"))
        report = self.boot(script)
        self.assertEqual(report["exit_code"], 0, report["console"])
        s3_by_instance = [e for e in self.fake.control("/log")[before:] if e["service"] == "s3"]
        sandbox = report["sandbox"]
        with open(os.path.join(sandbox, "status")) as f:
            status = dict(line.strip().split("=") for line in f)
        self.assertEqual(status, {"get": "0", "put": "0", "denied": "1", "missing": "1",
                                  "ls": "2", "ec2": "2", "acl": "2"})
        with open(os.path.join(sandbox, "agent"), "rb") as f:
            self.assertEqual(f.read(), b"the agent")
        self.assertEqual(self.s3.get_object(Bucket=BUCKET, Key="campaigns/c1/r.json")["Body"]
                         .read(), b'{"ok": true}\n')
        self.assertNotIn("agents/evil", self.fake.control("/objects")[BUCKET])
        self.assertFalse(os.path.exists(os.path.join(sandbox, "here")))
        with open(os.path.join(sandbox, "denied.err")) as f:
            self.assertIn("AccessDenied", f.read())
        with open(os.path.join(sandbox, "ls.err")) as f:
            self.assertIn("only 'aws s3 cp' is emulated", f.read())
        aws_calls = [c["args"][:2] for c in report["shim_calls"] if c["command"] == "aws"]
        self.assertEqual(len(aws_calls), 7)
        # Every S3 call of the instance went out signed with the role's credentials.
        self.assertEqual(len(s3_by_instance), 4)
        self.assertEqual({e.get("role") for e in s3_by_instance}, {"agent-role"})

    def test_without_a_profile_the_copy_fails(self):
        self.s3.put_object(Bucket=BUCKET, Key="agents/a", Body=b"a")
        report = self.boot(f"""#!/bin/bash
aws s3 cp s3://{BUCKET}/agents/a a --region us-east-1 --endpoint-url {self.fake.url}
echo "get=$?" > status
""", profile=None)
        with open(os.path.join(report["sandbox"], "status")) as f:
            self.assertEqual(f.read().strip(), "get=1")
        self.assertFalse(os.path.exists(os.path.join(report["sandbox"], "a")))

    def test_argument_parsing(self):
        self.assertEqual(parse_aws_s3_cp(["s3", "cp", "s3://b/k", "f", "--region", "r",
                                          "--endpoint-url=http://x", "--only-show-errors"]),
                         ("s3://b/k", "f", {"--region": "r", "--endpoint-url": "http://x",
                                            "--only-show-errors": True}))
        self.assertEqual(parse_aws_s3_cp(["s3", "cp", "--region", "r", "f", "s3://b/k"])[:2],
                         ("f", "s3://b/k"))
        for bad in (["s3", "ls", "s3://b"], ["s3", "cp", "s3://b/k", "f"],  # no --region
                    ["s3", "cp", "a", "b", "--region", "r"],
                    ["s3", "cp", "s3://b/k", "s3://b/l", "--region", "r"],
                    ["s3", "cp", "s3://b/k", "f", "--region", "r", "--recursive"],
                    ["s3", "cp", "s3://b/k", "--region", "r"], ["sts", "get-caller-identity"]):
            with self.subTest(bad):
                with self.assertRaises(AwsUsageError):
                    parse_aws_s3_cp(bad)

    def test_absolute_aws_is_refused(self):
        for path in ("/usr/bin/aws", "/usr/local/bin/aws", "/bin/aws"):
            self.assertEqual(absolute_path_calls(f"{path} s3 cp a s3://b/k\n"), ["aws"])
        self.assertEqual(absolute_path_calls("aws s3 cp a s3://b/k --endpoint-url "
                                             "http://h/usr/bin/awsx\n"), [])


if __name__ == "__main__":
    unittest.main()
