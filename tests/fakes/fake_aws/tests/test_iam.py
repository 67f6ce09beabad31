"""IAM in the fake, checked with botocore as the client: the calls the tool makes to ensure
its instance profile (contract of the instance-credentials work), each error code with its
HTTP status, the wire details botocore cannot show (namespace, URL-encoded policies), and
RunInstances with unknown, fresh and visible instance profiles."""
import json
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

from common import RunningFake, world

NAME = "aws-benchmark-collector-agent"
TRUST = json.dumps({"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
    "Action": "sts:AssumeRole"}]})


def bucket_policy(bucket):
    return {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject",
         "Resource": [f"arn:aws:s3:::{bucket}/agents/*", f"arn:aws:s3:::{bucket}/campaigns/*"]},
        {"Effect": "Allow", "Action": "s3:PutObject",
         "Resource": f"arn:aws:s3:::{bucket}/campaigns/*"}]}


def failure(call):
    """(code, HTTP status, message) of a call that must fail."""
    try:
        call()
    except ClientError as error:
        return (error.response["Error"]["Code"],
                error.response["ResponseMetadata"]["HTTPStatusCode"],
                error.response["Error"]["Message"])
    raise AssertionError("the call succeeded")


class IamWireTest(unittest.TestCase):
    def setUp(self):
        self.fake = RunningFake()
        self.iam = self.fake.client("iam")

    def tearDown(self):
        self.fake.close()

    def ensure_profile(self):
        """The tool's sequence (contract): GetRole, CreateRole, PutRolePolicy,
        GetInstanceProfile, CreateInstanceProfile, AddRoleToInstanceProfile."""
        self.assertEqual(failure(lambda: self.iam.get_role(RoleName=NAME))[:2],
                         ("NoSuchEntity", 404))
        role = self.iam.create_role(RoleName=NAME, Path="/", AssumeRolePolicyDocument=TRUST,
                                    Description="abc agent",
                                    Tags=[{"Key": "abc:tool", "Value": "yes"}])["Role"]
        self.iam.put_role_policy(RoleName=NAME, PolicyName="abc-bucket-b1",
                                 PolicyDocument=json.dumps(bucket_policy("b1")))
        self.assertEqual(failure(lambda: self.iam.get_instance_profile(
            InstanceProfileName=NAME))[:2], ("NoSuchEntity", 404))
        profile = self.iam.create_instance_profile(InstanceProfileName=NAME,
                                                   Path="/")["InstanceProfile"]
        self.iam.add_role_to_instance_profile(InstanceProfileName=NAME, RoleName=NAME)
        return role, profile

    def test_ensure_sequence_and_shapes(self):
        role, profile = self.ensure_profile()
        self.assertEqual(role["Arn"], f"arn:aws:iam::{world.ACCOUNT_ID}:role/{NAME}")
        self.assertRegex(role["RoleId"], r"^AROA[A-Z0-9]{17}$")
        self.assertEqual(role["AssumeRolePolicyDocument"], json.loads(TRUST))
        self.assertEqual(profile["Roles"], [])
        self.assertRegex(profile["InstanceProfileId"], r"^AIPA[A-Z0-9]{17}$")
        got = self.iam.get_role(RoleName=NAME)["Role"]
        self.assertEqual((got["RoleId"], got["Description"], got["Tags"]),
                         (role["RoleId"], "abc agent", [{"Key": "abc:tool", "Value": "yes"}]))
        seen = self.iam.get_instance_profile(InstanceProfileName=NAME)["InstanceProfile"]
        self.assertEqual(seen["Arn"], f"arn:aws:iam::{world.ACCOUNT_ID}:instance-profile/{NAME}")
        self.assertEqual([r["RoleName"] for r in seen["Roles"]], [NAME])
        self.assertEqual(seen["Roles"][0]["Arn"], role["Arn"])
        policy = self.iam.get_role_policy(RoleName=NAME, PolicyName="abc-bucket-b1")
        self.assertEqual(policy["PolicyDocument"], bucket_policy("b1"))
        # PutRolePolicy overwrites; a second bucket adds a second policy.
        self.iam.put_role_policy(RoleName=NAME, PolicyName="abc-bucket-b1",
                                 PolicyDocument=json.dumps(bucket_policy("b1-new")))
        self.iam.put_role_policy(RoleName=NAME, PolicyName="abc-bucket-b2",
                                 PolicyDocument=json.dumps(bucket_policy("b2")))
        state = self.fake.control("/iam")["roles"][NAME]["policies"]
        self.assertEqual(state, {"abc-bucket-b1": bucket_policy("b1-new"),
                                 "abc-bucket-b2": bucket_policy("b2")})
        actions = [e["action"] for e in self.fake.control("/log") if e["service"] == "iam"]
        self.assertEqual(actions, ["GetRole", "CreateRole", "PutRolePolicy", "GetInstanceProfile",
                                   "CreateInstanceProfile", "AddRoleToInstanceProfile", "GetRole",
                                   "GetInstanceProfile", "GetRolePolicy", "PutRolePolicy",
                                   "PutRolePolicy"])

    def test_errors_and_statuses(self):
        self.ensure_profile()
        cases = {
            "missing role policy": (lambda: self.iam.get_role_policy(
                RoleName=NAME, PolicyName="nope"), "NoSuchEntity", 404),
            "policy on a missing role": (lambda: self.iam.put_role_policy(
                RoleName="nope", PolicyName="p", PolicyDocument=json.dumps(bucket_policy("b"))),
                "NoSuchEntity", 404),
            "add a missing role": (lambda: self.iam.add_role_to_instance_profile(
                InstanceProfileName=NAME, RoleName="nope"), "NoSuchEntity", 404),
            "add to a missing profile": (lambda: self.iam.add_role_to_instance_profile(
                InstanceProfileName="nope", RoleName=NAME), "NoSuchEntity", 404),
            "role exists": (lambda: self.iam.create_role(
                RoleName=NAME, AssumeRolePolicyDocument=TRUST), "EntityAlreadyExists", 409),
            "role exists, other case": (lambda: self.iam.create_role(
                RoleName=NAME.upper(), AssumeRolePolicyDocument=TRUST), "EntityAlreadyExists",
                409),
            "profile exists": (lambda: self.iam.create_instance_profile(
                InstanceProfileName=NAME), "EntityAlreadyExists", 409),
            "one role per profile": (lambda: self.iam.add_role_to_instance_profile(
                InstanceProfileName=NAME, RoleName=NAME), "LimitExceeded", 409),
            "not JSON": (lambda: self.iam.put_role_policy(
                RoleName=NAME, PolicyName="p", PolicyDocument="{"), "MalformedPolicyDocument",
                400),
            "principal in a role policy": (lambda: self.iam.put_role_policy(
                RoleName=NAME, PolicyName="p", PolicyDocument=TRUST), "MalformedPolicyDocument",
                400),
            "trust without principal": (lambda: self.iam.create_role(
                RoleName="r2", AssumeRolePolicyDocument=json.dumps(bucket_policy("b"))),
                "MalformedPolicyDocument", 400),
        }
        for label, (call, code, status) in cases.items():
            with self.subTest(label):
                self.assertEqual(failure(call)[:2], (code, status))
        self.iam.create_role(RoleName="other", AssumeRolePolicyDocument=TRUST)
        self.assertEqual(failure(lambda: self.iam.add_role_to_instance_profile(
            InstanceProfileName=NAME, RoleName="other"))[:2], ("LimitExceeded", 409))

    def test_inline_policy_size_quota(self):
        self.ensure_profile()
        statement = {"Effect": "Allow", "Action": "s3:GetObject",
                     "Resource": "arn:aws:s3:::" + "x" * 1000 + "/*"}
        big = {"Version": "2012-10-17", "Statement": [statement] * 5}  # ~5.3 kB each
        self.iam.put_role_policy(RoleName=NAME, PolicyName="p1", PolicyDocument=json.dumps(big))
        self.iam.put_role_policy(RoleName=NAME, PolicyName="p1", PolicyDocument=json.dumps(big))
        self.assertEqual(failure(lambda: self.iam.put_role_policy(
            RoleName=NAME, PolicyName="p2", PolicyDocument=json.dumps(big)))[:2],
            ("LimitExceeded", 409))

    def test_access_denied_fault(self):
        self.fake.control("/faults", {"iam_denied": ["CreateRole"]})
        # other actions still answer
        self.assertEqual(failure(lambda: self.iam.get_role(RoleName=NAME))[0], "NoSuchEntity")
        code, status, message = failure(lambda: self.iam.create_role(
            RoleName=NAME, AssumeRolePolicyDocument=TRUST))
        self.assertEqual((code, status), ("AccessDenied", 403))
        self.assertIn(f"{world.USER_ARN} is not authorized to perform: iam:CreateRole", message)
        self.assertNotIn(NAME, self.fake.control("/iam")["roles"])
        self.fake.control("/faults", {"iam_denied": ["*"]})
        self.assertEqual(failure(lambda: self.iam.get_role(RoleName=NAME))[:2],
                         ("AccessDenied", 403))
        self.fake.control("/faults", {"iam_denied": []})
        self.iam.create_role(RoleName=NAME, AssumeRolePolicyDocument=TRUST)

    def test_signature_refusals_in_iam_format(self):
        wrong = self.fake.client("iam", secret="wrong" + world.TEST_SECRET_KEY[5:])
        unknown = self.fake.client("iam", access="AKIAUNKNOWNKEY000000")
        self.assertEqual(failure(lambda: wrong.get_role(RoleName=NAME))[:2],
                         ("SignatureDoesNotMatch", 403))
        self.assertEqual(failure(lambda: unknown.get_role(RoleName=NAME))[:2],
                         ("InvalidClientTokenId", 403))

    def test_invalid_names(self):
        for bad in ("has space", "x" * 65, "slash/name"):
            with self.subTest(bad):
                self.assertEqual(failure(lambda: self.iam.create_role(
                    RoleName=bad, AssumeRolePolicyDocument=TRUST))[:2], ("ValidationError", 400))

    def raw(self, form):
        """A signed IAM call outside botocore's parser: (status, body text)."""
        body = "&".join(f"{k}={urllib.parse.quote(v, safe='')}" for k, v in form.items())
        request = AWSRequest(method="POST", url=self.fake.url + "/", data=body.encode(),
                             headers={"Content-Type": "application/x-www-form-urlencoded"})
        SigV4Auth(Credentials(world.TEST_ACCESS_KEY, world.TEST_SECRET_KEY), "iam",
                  "us-east-1").add_auth(request)
        prepared = urllib.request.Request(self.fake.url + "/", data=body.encode(),
                                          headers=dict(request.headers), method="POST")
        try:
            with urllib.request.urlopen(prepared, timeout=10) as reply:
                return reply.status, reply.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def test_wire_details(self):
        self.ensure_profile()
        status, text = self.raw({"Action": "GetRole", "Version": "2010-05-08", "RoleName": NAME})
        self.assertEqual(status, 200)
        self.assertIn('<GetRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">', text)
        # IAM returns policy documents URL-encoded (RFC 3986), botocore decodes them.
        self.assertIn("<AssumeRolePolicyDocument>%7B%22Version%22%3A", text)
        status, text = self.raw({"Action": "GetInstanceProfile", "Version": "2010-05-08",
                                 "InstanceProfileName": NAME})
        self.assertIn(f"<Roles><member><Path>/</Path><RoleName>{NAME}</RoleName>", text)
        status, text = self.raw({"Action": "GetRole", "Version": "2010-05-08",
                                 "RoleName": "nope"})
        self.assertEqual(status, 404)
        self.assertIn('<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error>'
                      '<Type>Sender</Type><Code>NoSuchEntity</Code>', text)

    def test_log_holds_the_calls_and_no_secret(self):
        self.ensure_profile()
        with open(self.fake.dir.name + "/requests.jsonl") as f:
            log = f.read()
        entries = [json.loads(line) for line in log.splitlines()]
        put = next(e for e in entries if e["action"] == "PutRolePolicy")
        self.assertEqual((put["params"]["RoleName"], put["params"]["PolicyName"]),
                         (NAME, "abc-bucket-b1"))
        failed = next(e for e in entries if e["action"] == "GetRole")
        self.assertEqual((failed["error"], failed["status"]), ("NoSuchEntity", 404))
        for secret in (world.TEST_SECRET_KEY, world.TEST_ACCESS_KEY, "Signature"):
            self.assertNotIn(secret, log)


class RunInstancesProfileTest(unittest.TestCase):
    def setUp(self):
        self.fake = RunningFake()
        self.ec2 = self.fake.client("ec2")
        self.iam = self.fake.client("iam")
        self.fake.control("/faults", {"instance_profile_visibility_seconds": 0})

    def tearDown(self):
        self.fake.close()

    def run_with(self, **profile):
        return self.ec2.run_instances(ImageId=world.ami_id("us-east-1", "x86_64"),
                                      InstanceType="m7i.large", MinCount=1, MaxCount=1,
                                      IamInstanceProfile=profile)["Instances"][0]

    def create(self, name):
        self.iam.create_role(RoleName=name + "-role", AssumeRolePolicyDocument=TRUST)
        profile = self.iam.create_instance_profile(InstanceProfileName=name)["InstanceProfile"]
        self.iam.add_role_to_instance_profile(InstanceProfileName=name, RoleName=name + "-role")
        return profile

    def test_unknown_profile(self):
        self.assertEqual(failure(lambda: self.run_with(Name="nope")), (
            "InvalidParameterValue", 400, "Value (nope) for parameter iamInstanceProfile.name "
            "is invalid. Invalid IAM Instance Profile name"))
        arn = f"arn:aws:iam::{world.ACCOUNT_ID}:instance-profile/nope"
        code, _, message = failure(lambda: self.run_with(Arn=arn))
        self.assertEqual(code, "InvalidParameterValue")
        self.assertIn("iamInstanceProfile", message)
        self.assertEqual(self.fake.control("/instances"), [])

    def test_fresh_profile_is_not_yet_visible(self):
        self.fake.control("/faults", {"instance_profile_visibility_seconds": 1.5})
        profile = self.create("fresh")
        created = time.monotonic()
        self.assertEqual(failure(lambda: self.run_with(Name="fresh"))[:2],
                         ("InvalidParameterValue", 400))
        code, _, message = failure(lambda: self.run_with(Arn=profile["Arn"]))
        self.assertEqual(code, "InvalidParameterValue")
        self.assertIn("iamInstanceProfile.arn", message)
        self.assertLess(time.monotonic() - created, 1.5, "the machine was too slow to tell")
        time.sleep(1.6)
        self.assertEqual(self.run_with(Name="fresh")["IamInstanceProfile"]["Arn"], profile["Arn"])

    def test_visible_profile_by_name_and_arn(self):
        profile = self.create("seen")
        by_name = self.run_with(Name="seen")
        by_arn = self.run_with(Arn=profile["Arn"])
        for launched in (by_name, by_arn):
            self.assertEqual(launched["IamInstanceProfile"],
                             {"Arn": profile["Arn"], "Id": profile["InstanceProfileId"]})
        described = self.ec2.describe_instances(InstanceIds=[by_arn["InstanceId"]])
        self.assertEqual(described["Reservations"][0]["Instances"][0]["IamInstanceProfile"]["Id"],
                         profile["InstanceProfileId"])
        plain = self.ec2.run_instances(ImageId=world.ami_id("us-east-1", "x86_64"),
                                       InstanceType="m7i.large", MinCount=1, MaxCount=1)
        self.assertNotIn("IamInstanceProfile", plain["Instances"][0])
        names = {i["instance_id"]: i["instance_profile"] for i in self.fake.control("/instances")}
        self.assertEqual(names[by_name["InstanceId"]], "seen")

    def test_precreated_profile_is_visible_at_once(self):
        self.fake.control("/faults", {"instance_profile_visibility_seconds": 60})
        made = self.fake.control("/iam", {"instance_profile": "user-made", "role": "user-role",
                                          "policies": {"p": bucket_policy("b")}})
        self.assertEqual(made["roles"], ["user-role"])
        self.assertEqual(self.run_with(Name="user-made")["IamInstanceProfile"]["Arn"],
                         made["arn"])
        got = self.iam.get_role_policy(RoleName="user-role", PolicyName="p")
        self.assertEqual(got["PolicyDocument"], bucket_policy("b"))
        again = urllib.request.Request(self.fake.url + "/_fake/iam", method="POST",
                                       data=json.dumps({"instance_profile": "user-made"}).encode())
        with self.assertRaises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(again, timeout=10)
        self.assertEqual(refused.exception.code, 400)


if __name__ == "__main__":
    unittest.main()
