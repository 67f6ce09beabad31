"""The fake's wire format, checked with botocore as the client: every emulated call parses into
the shapes botocore's service models define, and wrong credentials are refused."""
import hashlib
import http.client
import json
import os
import tempfile
import unittest
import urllib.request

from botocore.auth import S3SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from botocore.exceptions import ClientError

import botocore.session

from common import RunningFake, world
from fake_aws.process import FakeAwsProcess


def code_of(error):
    return error.exception.response["Error"]["Code"]


class WireTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.fake = RunningFake()
        cls.ec2 = cls.fake.client("ec2")
        cls.x86 = world.ami_id("us-east-1", "x86_64")
        cls.subnet = world.subnet_id("us-east-1b")

    @classmethod
    def tearDownClass(cls):
        cls.fake.close()

    def run_one(self, **extra):
        args = dict(ImageId=self.x86, InstanceType="m7i.large", MinCount=1, MaxCount=1,
                    SubnetId=self.subnet, SecurityGroupIds=world.SECURITY_GROUPS)
        args.update(extra)
        return self.ec2.run_instances(**args)

    def test_run_describe_terminate(self):
        reply = self.run_one(ClientToken="wire-1", TagSpecifications=[{
            "ResourceType": "instance", "Tags": [{"Key": "abc:campaign", "Value": "c1"}]}],
            InstanceMarketOptions={"MarketType": "spot", "SpotOptions": {
                "SpotInstanceType": "one-time", "InstanceInterruptionBehavior": "terminate"}})
        inst = reply["Instances"][0]
        self.assertEqual(inst["State"], {"Code": 0, "Name": "pending"})
        self.assertEqual(inst["StateReason"]["Code"], "pending")
        self.assertEqual(inst["Placement"]["AvailabilityZone"], "us-east-1b")
        self.assertEqual(inst["InstanceLifecycle"], "spot")
        self.assertEqual(inst["Tags"], [{"Key": "abc:campaign", "Value": "c1"}])
        same = self.run_one(ClientToken="wire-1", TagSpecifications=[{
            "ResourceType": "instance", "Tags": [{"Key": "abc:campaign", "Value": "c1"}]}],
            InstanceMarketOptions={"MarketType": "spot", "SpotOptions": {
                "SpotInstanceType": "one-time", "InstanceInterruptionBehavior": "terminate"}})
        self.assertEqual(same["ReservationId"], reply["ReservationId"])
        with self.assertRaises(ClientError) as err:
            self.run_one(ClientToken="wire-1", InstanceType="m7i.xlarge")
        self.assertEqual(code_of(err), "IdempotentParameterMismatch")
        found = self.ec2.describe_instances(Filters=[
            {"Name": "tag:abc:campaign", "Values": ["c1"]},
            {"Name": "instance-state-name", "Values": ["pending", "running"]}])
        ids = [i["InstanceId"] for r in found["Reservations"] for i in r["Instances"]]
        self.assertEqual(ids, [inst["InstanceId"]])
        self.fake.control("/clock", {"advance_seconds": 30})
        running = self.ec2.describe_instances(InstanceIds=[inst["InstanceId"]])
        self.assertEqual(running["Reservations"][0]["Instances"][0]["State"]["Name"], "running")
        ended = self.ec2.terminate_instances(InstanceIds=[inst["InstanceId"]])
        change = ended["TerminatingInstances"][0]
        self.assertEqual((change["PreviousState"]["Name"], change["CurrentState"]["Name"]),
                         ("running", "shutting-down"))
        self.fake.control("/clock", {"advance_seconds": 30})
        gone = self.ec2.describe_instances(InstanceIds=[inst["InstanceId"]])
        final = gone["Reservations"][0]["Instances"][0]
        self.assertEqual(final["State"], {"Code": 48, "Name": "terminated"})
        self.assertEqual(final["StateReason"]["Code"], "Client.UserInitiatedShutdown")

    def test_pagination(self):
        for n in range(7):
            self.run_one(ClientToken=f"page-{n}", TagSpecifications=[{
                "ResourceType": "instance", "Tags": [{"Key": "page", "Value": "yes"}]}])
        seen, token, pages = [], None, 0
        while True:
            args = {"Filters": [{"Name": "tag-key", "Values": ["page"]}], "MaxResults": 5}
            if token:
                args["NextToken"] = token
            page = self.ec2.describe_instances(**args)
            pages += 1
            seen += [i["InstanceId"] for r in page["Reservations"] for i in r["Instances"]]
            token = page.get("NextToken")
            if not token:
                break
        self.assertEqual((pages, len(seen), len(set(seen))), (2, 7, 7))

    def test_not_found_errors(self):
        cases = [
            (lambda: self.ec2.describe_instances(InstanceIds=["i-0000000000000000f"]),
             "InvalidInstanceID.NotFound"),
            (lambda: self.ec2.describe_subnets(SubnetIds=["subnet-nope"]), "InvalidSubnetID.NotFound"),
            (lambda: self.ec2.describe_security_groups(GroupIds=["sg-nope"]), "InvalidGroup.NotFound"),
            (lambda: self.ec2.describe_key_pairs(KeyNames=["nope"]), "InvalidKeyPair.NotFound"),
            (lambda: self.ec2.describe_images(ImageIds=["ami-nope"]), "InvalidAMIID.NotFound"),
        ]
        for call, code in cases:
            with self.subTest(code=code), self.assertRaises(ClientError) as err:
                call()
            self.assertEqual(code_of(err), code)

    def test_world_matches_describe_calls(self):
        described = self.fake.control("/world")["regions"]["us-east-1"]
        subnets = self.ec2.describe_subnets()["Subnets"]
        self.assertEqual(sorted((s["SubnetId"], s["AvailabilityZone"]) for s in subnets),
                         sorted((s["id"], s["availability_zone"]) for s in described["subnets"]))
        images = self.ec2.describe_images(ImageIds=list(described["amis"].values()))["Images"]
        self.assertEqual({i["Architecture"]: i["ImageId"] for i in images}, described["amis"])
        self.assertNotIn(world.TEST_SECRET_KEY, json.dumps(self.fake.control("/world")))

    def test_describe_calls(self):
        subnets = self.ec2.describe_subnets(SubnetIds=[self.subnet])["Subnets"]
        self.assertEqual(subnets[0]["AvailabilityZone"], "us-east-1b")
        groups = self.ec2.describe_security_groups(GroupIds=world.SECURITY_GROUPS)
        self.assertEqual(groups["SecurityGroups"][0]["GroupId"], world.SECURITY_GROUPS[0])
        self.assertEqual(self.ec2.describe_key_pairs(KeyNames=["my-key"])["KeyPairs"][0]["KeyName"],
                         "my-key")
        image = self.ec2.describe_images(ImageIds=[self.x86])["Images"][0]
        self.assertEqual((image["Architecture"], image["State"]), ("x86_64", "available"))
        types = self.ec2.describe_instance_types(InstanceTypes=["c7g.xlarge", "m7i.large"])
        by_name = {t["InstanceType"]: t for t in types["InstanceTypes"]}
        self.assertEqual(by_name["c7g.xlarge"]["ProcessorInfo"]["SupportedArchitectures"], ["arm64"])
        self.assertEqual(by_name["m7i.large"]["VCpuInfo"]["DefaultVCpus"], 2)
        self.assertEqual(by_name["m7i.large"]["VCpuInfo"]["DefaultThreadsPerCore"], 2)
        self.assertEqual(by_name["c7g.xlarge"]["VCpuInfo"]["DefaultCores"], 4)
        self.assertEqual(by_name["m7i.large"]["MemoryInfo"]["SizeInMiB"], 8192)
        region = self.ec2.describe_instance_type_offerings(
            LocationType="region", Filters=[{"Name": "instance-type", "Values": ["m7i.large"]}])
        self.assertEqual([(o["Location"], o["LocationType"]) for o in region["InstanceTypeOfferings"]],
                         [("us-east-1", "region")])
        zones = self.ec2.describe_instance_type_offerings(
            LocationType="availability-zone",
            Filters=[{"Name": "instance-type", "Values": ["m7i.large"]}])
        self.assertEqual(sorted(o["Location"] for o in zones["InstanceTypeOfferings"]),
                         world.REGIONS["us-east-1"])
        history = self.ec2.describe_spot_price_history(
            InstanceTypes=["m7i.large"], ProductDescriptions=["Linux/UNIX"],
            AvailabilityZone="us-east-1a")["SpotPriceHistory"]
        self.assertTrue(history)
        self.assertLess(float(history[0]["SpotPrice"]), 0.1008)  # below on-demand
        self.assertEqual(history[0]["AvailabilityZone"], "us-east-1a")

    def test_json_services_and_sts(self):
        ssm = self.fake.client("ssm")
        for arch, name in (("x86_64", "x86_64"), ("arm64", "arm64")):
            value = ssm.get_parameter(
                Name=f"/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-{name}")
            self.assertEqual(value["Parameter"]["Value"], world.ami_id("us-east-1", arch))
        with self.assertRaises(ClientError) as err:
            ssm.get_parameter(Name="/nope")
        self.assertEqual(code_of(err), "ParameterNotFound")
        quotas = self.fake.client("service-quotas")
        self.fake.control("/faults", {"quotas": {"standard:spot": 32}})
        spot = quotas.get_service_quota(ServiceCode="ec2", QuotaCode="L-34B43A08")["Quota"]
        self.assertEqual(spot["Value"], 32.0)
        self.assertEqual(spot["QuotaName"],
                         "All Standard (A, C, D, H, I, M, R, T, Z) Spot Instance Requests")
        ondemand = quotas.get_service_quota(ServiceCode="ec2", QuotaCode="L-1216C47A")["Quota"]
        self.assertEqual(ondemand["Value"], float(world.DEFAULT_QUOTA_VCPUS))
        self.fake.control("/faults", {"quotas": {}})
        pricing = self.fake.client("pricing")
        products = pricing.get_products(ServiceCode="AmazonEC2", Filters=[
            {"Type": "TERM_MATCH", "Field": "instanceType", "Value": "m7i.large"},
            {"Type": "TERM_MATCH", "Field": "regionCode", "Value": "us-east-1"}])
        item = json.loads(products["PriceList"][0])  # a JSON string inside JSON
        dims = next(iter(next(iter(item["terms"]["OnDemand"].values()))["priceDimensions"].values()))
        self.assertAlmostEqual(float(dims["pricePerUnit"]["USD"]), 0.1008)
        windows = pricing.get_products(ServiceCode="AmazonEC2", Filters=[
            {"Type": "TERM_MATCH", "Field": "instanceType", "Value": "m7i.large"},
            {"Type": "TERM_MATCH", "Field": "operatingSystem", "Value": "Windows"}])
        self.assertEqual(windows["PriceList"], [])  # the fake has Linux shared tenancy only
        sts = self.fake.client("sts")
        self.assertEqual(sts.get_caller_identity()["Account"], world.ACCOUNT_ID)
        role = sts.assume_role(RoleArn=f"arn:aws:iam::{world.ACCOUNT_ID}:role/x",
                               RoleSessionName="wire")["Credentials"]
        as_role = self.fake.client("sts", access=role["AccessKeyId"],
                                   secret=role["SecretAccessKey"], token=role["SessionToken"])
        self.assertEqual(as_role.get_caller_identity()["Account"], world.ACCOUNT_ID)

    def test_s3(self):
        s3 = self.fake.client("s3", region="us-west-2")
        s3.create_bucket(Bucket="abc-wire",
                         CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
        with self.assertRaises(ClientError) as err:
            s3.create_bucket(Bucket="abc-wire2",
                             CreateBucketConfiguration={"LocationConstraint": "eu-central-1"})
        self.assertEqual(code_of(err), "IllegalLocationConstraintException")
        s3.put_bucket_lifecycle_configuration(Bucket="abc-wire", LifecycleConfiguration={
            "Rules": [{"ID": "expire", "Status": "Enabled", "Filter": {"Prefix": "campaigns/"},
                       "Expiration": {"Days": 30}}]})
        for n in range(5):
            s3.put_object(Bucket="abc-wire", Key=f"campaigns/c1/r{n}.json", Body=b"{}" * n)
        s3.put_object(Bucket="abc-wire", Key="other/x", Body=b"x")
        head = s3.head_object(Bucket="abc-wire", Key="campaigns/c1/r3.json")
        self.assertEqual(head["ContentLength"], 6)
        self.assertEqual(s3.get_object(Bucket="abc-wire", Key="campaigns/c1/r2.json")["Body"].read(),
                         b"{}{}")
        keys, token = [], None
        while True:
            args = {"Bucket": "abc-wire", "Prefix": "campaigns/", "MaxKeys": 2}
            if token:
                args["ContinuationToken"] = token
            page = s3.list_objects_v2(**args)
            keys += [c["Key"] for c in page.get("Contents", [])]
            token = page.get("NextContinuationToken")
            if not page["IsTruncated"]:
                break
        self.assertEqual(keys, [f"campaigns/c1/r{n}.json" for n in range(5)])
        s3.delete_object(Bucket="abc-wire", Key="other/x")
        with self.assertRaises(ClientError) as err:
            s3.head_object(Bucket="abc-wire", Key="other/x")
        self.assertEqual(err.exception.response["Error"]["Code"], "404")
        with self.assertRaises(ClientError) as err:
            s3.get_object(Bucket="abc-wire", Key="other/x")
        self.assertEqual(code_of(err), "NoSuchKey")
        # presigned PUT then GET, with plain HTTP (no botocore on the way)
        put_url = s3.generate_presigned_url("put_object", Params={"Bucket": "abc-wire", "Key": "p"},
                                            ExpiresIn=60)
        urllib.request.urlopen(urllib.request.Request(put_url, data=b"hello", method="PUT")).read()
        get_url = s3.generate_presigned_url("get_object", Params={"Bucket": "abc-wire", "Key": "p"},
                                            ExpiresIn=60)
        self.assertEqual(urllib.request.urlopen(get_url).read(), b"hello")


class VirtualHostTest(unittest.TestCase):
    def test_bucket_in_host_name(self):
        fake = RunningFake()
        try:
            fake.client("s3").create_bucket(Bucket="abc-vhost")
            port = fake.url.rsplit(":", 1)[1]
            request = AWSRequest(method="PUT", url=f"http://abc-vhost.localhost:{port}/a/b.txt",
                                 data=b"hi", headers={"x-amz-content-sha256": hashlib.sha256(
                                     b"hi").hexdigest()})
            S3SigV4Auth(Credentials(world.TEST_ACCESS_KEY, world.TEST_SECRET_KEY), "s3",
                        "us-east-1").add_auth(request)
            connection = http.client.HTTPConnection("127.0.0.1", int(port), timeout=10)
            connection.request("PUT", "/a/b.txt", body=b"hi", headers={
                **dict(request.headers.items()), "Host": f"abc-vhost.localhost:{port}"})
            self.assertEqual(connection.getresponse().status, 200)
            connection.close()
            self.assertEqual(fake.control("/objects"), {"abc-vhost": ["a/b.txt"]})
        finally:
            fake.close()


class CommandLineTest(unittest.TestCase):
    def test_separate_process(self):
        with tempfile.TemporaryDirectory() as state:
            fake = FakeAwsProcess(state, boot=False)
            try:
                self.assertRegex(fake.url, r"^http://127\.0\.0\.1:\d+$")
                with open(os.path.join(state, "url")) as f:
                    self.assertEqual(f.read().strip(), fake.url)
                env = fake.client_environment()
                sts = botocore.session.get_session().create_client(
                    "sts", region_name=env["AWS_REGION"], endpoint_url=env["AWS_ENDPOINT_URL"],
                    aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
                    aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"])
                self.assertEqual(sts.get_caller_identity()["Account"], world.ACCOUNT_ID)
                self.assertEqual(fake.control("/log")[0]["action"], "GetCallerIdentity")
            finally:
                self.assertEqual(fake.stop(), 0)


if __name__ == "__main__":
    unittest.main()
