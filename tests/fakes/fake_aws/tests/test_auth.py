"""SigV4 checks of the fake: botocore-signed requests with a wrong secret, an unknown key, a
tampered body, a skewed clock or an expired presigned URL are refused in each service's own
error format; the request log never holds a secret."""
import datetime
import http.client
import subprocess
import time
import unittest
import urllib.error
import urllib.request

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

from common import RunningFake, signing_time, world

NOW = lambda: datetime.datetime.now(datetime.timezone.utc)  # noqa: E731


def call_each(fake, **client_args):
    """One call per protocol; returns {service: error code or 'ok'}."""
    calls = {
        "ec2": lambda c: c.describe_key_pairs(),
        "s3": lambda c: c.list_objects_v2(Bucket="abc-auth"),
        "sts": lambda c: c.get_caller_identity(),
        "ssm": lambda c: c.get_parameter(
            Name="/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"),
    }
    results = {}
    for service, call in calls.items():
        try:
            call(fake.client(service, **client_args))
            results[service] = "ok"
        except ClientError as error:
            results[service] = error.response["Error"]["Code"]
    return results


def raw(fake, method, path, body=b"", headers=None):
    request = urllib.request.Request(fake.url + path, data=body or None, method=method,
                                     headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as reply:
            return reply.status, reply.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def signed_ec2(fake, body, secret=world.TEST_SECRET_KEY):
    request = AWSRequest(method="POST", url=fake.url + "/", data=body, headers={
        "Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
    SigV4Auth(Credentials(world.TEST_ACCESS_KEY, secret), "ec2", "us-east-1").add_auth(request)
    return dict(request.headers.items())


class AuthTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.fake = RunningFake()
        cls.fake.client("s3").create_bucket(Bucket="abc-auth")

    @classmethod
    def tearDownClass(cls):
        cls.fake.close()

    def test_good_credentials_pass(self):
        self.assertEqual(call_each(self.fake), {s: "ok" for s in ("ec2", "s3", "sts", "ssm")})

    def test_wrong_secret(self):
        self.assertEqual(call_each(self.fake, secret=world.TEST_SECRET_KEY[:-1] + "X"), {
            "ec2": "SignatureDoesNotMatch", "s3": "SignatureDoesNotMatch",
            "sts": "SignatureDoesNotMatch", "ssm": "InvalidSignatureException"})

    def test_unknown_key(self):
        self.assertEqual(call_each(self.fake, access="AKIAUNKNOWNKEY000000"), {
            "ec2": "AuthFailure", "s3": "InvalidAccessKeyId",
            "sts": "InvalidClientTokenId", "ssm": "UnrecognizedClientException"})

    def test_skew_beyond_five_minutes(self):
        with signing_time(NOW() - datetime.timedelta(minutes=6)):
            late = call_each(self.fake)
        self.assertEqual(late, {"ec2": "RequestExpired", "s3": "RequestTimeTooSkewed",
                                "sts": "SignatureDoesNotMatch", "ssm": "InvalidSignatureException"})
        with signing_time(NOW() + datetime.timedelta(minutes=4)):
            self.assertEqual(set(call_each(self.fake).values()), {"ok"})

    def test_tampered_body_and_incomplete_header(self):
        body = b"Action=DescribeKeyPairs&Version=2016-11-15"
        headers = signed_ec2(self.fake, body)
        self.assertEqual(raw(self.fake, "POST", "/", body, headers)[0], 200)
        status, reply = raw(self.fake, "POST", "/", body + b"&KeyName.1=my-key", headers)
        self.assertEqual(status, 403)
        self.assertIn(b"<Response><Errors><Error><Code>SignatureDoesNotMatch</Code>", reply)
        status, reply = raw(self.fake, "POST", "/", body)  # unsigned
        self.assertEqual(status, 403)
        self.assertIn(b"<Response><Errors><Error><Code>MissingAuthenticationToken</Code>", reply)
        headers["Authorization"] = headers["Authorization"].split(", Signature=")[0]
        status, reply = raw(self.fake, "POST", "/", body, headers)
        self.assertIn(b"<Code>IncompleteSignature</Code>", reply)

    def test_curl_signer_agrees(self):
        # A third SigV4 implementation (curl's --aws-sigv4).
        url = self.fake.url + "/"
        body = "Action=DescribeKeyPairs&Version=2016-11-15"
        for secret, expected in ((world.TEST_SECRET_KEY, "<keyName>my-key</keyName>"),
                                 ("wrong", "<Code>SignatureDoesNotMatch</Code>")):
            reply = subprocess.run(
                ["curl", "-s", "--aws-sigv4", "aws:amz:us-east-1:ec2", "--user",
                 f"{world.TEST_ACCESS_KEY}:{secret}", "-d", body, url],
                capture_output=True, text=True, timeout=10).stdout
            self.assertIn(expected, reply)

    def test_unreadable_parameter_is_an_error_reply(self):
        body = b"Action=DescribeInstances&Version=2016-11-15&MaxResults=abc"
        status, reply = raw(self.fake, "POST", "/", body, signed_ec2(self.fake, body))
        self.assertEqual(status, 400)
        self.assertIn(b"<Code>InvalidParameterValue</Code>", reply)

    def test_chunked_body(self):
        body = b"Action=DescribeKeyPairs&Version=2016-11-15"
        headers = signed_ec2(self.fake, body)
        connection = http.client.HTTPConnection(self.fake.url[len("http://"):], timeout=10)
        connection.request("POST", "/", body=iter([body[:10], body[10:]]), headers=headers,
                           encode_chunked=True)
        reply = connection.getresponse()
        self.assertEqual((reply.status, b"<keyName>my-key</keyName>" in reply.read()), (200, True))
        connection.close()

    def test_presigned_expiry_and_tampering(self):
        s3 = self.fake.client("s3")
        s3.put_object(Bucket="abc-auth", Key="k", Body=b"v")
        with signing_time(NOW() - datetime.timedelta(seconds=120)):
            expired = s3.generate_presigned_url(
                "get_object", Params={"Bucket": "abc-auth", "Key": "k"}, ExpiresIn=60)
            fresh = s3.generate_presigned_url(
                "get_object", Params={"Bucket": "abc-auth", "Key": "k"}, ExpiresIn=600)
        status, reply = raw(self.fake, "GET", expired[len(self.fake.url):])
        self.assertEqual(status, 403)
        self.assertIn(b"<Code>AccessDenied</Code><Message>Request has expired</Message>", reply)
        self.assertEqual(raw(self.fake, "GET", fresh[len(self.fake.url):]), (200, b"v"))
        other_key = fresh[len(self.fake.url):].replace("/abc-auth/k?", "/abc-auth/j?")
        status, reply = raw(self.fake, "GET", other_key)
        self.assertIn(b"<Code>SignatureDoesNotMatch</Code>", reply)

    def test_session_token_required_for_temporary_keys(self):
        role = self.fake.client("sts").assume_role(
            RoleArn=f"arn:aws:iam::{world.ACCOUNT_ID}:role/r", RoleSessionName="auth")["Credentials"]
        results = call_each(self.fake, access=role["AccessKeyId"], secret=role["SecretAccessKey"])
        self.assertEqual(results["ec2"], "AuthFailure")
        self.assertEqual(call_each(self.fake, access=role["AccessKeyId"],
                                   secret=role["SecretAccessKey"], token=role["SessionToken"])["ec2"],
                         "ok")

    def test_temporary_credentials_expire(self):
        self.fake.control("/faults", {"credential_lifetime_seconds": 1.5})
        try:
            role = self.fake.client("sts").assume_role(
                RoleArn=f"arn:aws:iam::{world.ACCOUNT_ID}:role/r",
                RoleSessionName="short")["Credentials"]
        finally:
            self.fake.control("/faults", {"credential_lifetime_seconds": 3600})
        as_role = dict(access=role["AccessKeyId"], secret=role["SecretAccessKey"],
                       token=role["SessionToken"])
        self.assertEqual(self.fake.client("sts", **as_role).get_caller_identity()["Account"],
                         world.ACCOUNT_ID)
        time.sleep(1.6)
        self.assertEqual(call_each(self.fake, **as_role), {
            "ec2": "RequestExpired", "s3": "ExpiredToken", "sts": "ExpiredToken",
            "ssm": "ExpiredTokenException"})

    def test_log_holds_no_secret(self):
        s3 = self.fake.client("s3")
        s3.put_object(Bucket="abc-auth", Key="k", Body=b"v")
        url = s3.generate_presigned_url("get_object", Params={"Bucket": "abc-auth", "Key": "k"})
        raw(self.fake, "GET", url[len(self.fake.url):])
        role = self.fake.client("sts").assume_role(
            RoleArn=f"arn:aws:iam::{world.ACCOUNT_ID}:role/r", RoleSessionName="log")["Credentials"]
        with open(self.fake.fake.log_path) as f:
            log = f.read()
        self.assertIn("GetObject", log)
        signature = url.split("Signature=")[1].split("&")[0]
        for secret in (world.TEST_SECRET_KEY, world.TEST_ACCESS_KEY, signature,
                       role["SecretAccessKey"], role["SessionToken"]):
            self.assertNotIn(secret, log)


if __name__ == "__main__":
    unittest.main()
