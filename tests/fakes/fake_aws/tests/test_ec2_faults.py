"""EC2 fault emulation, driven through botocore: capacity pools, vCPU quotas, throttling, lost
replies with ClientToken recovery, eventual consistency, spot interruption, injected errors."""
import json
import unittest
import urllib.error
import urllib.request

from botocore.exceptions import ClientError, ConnectionClosedError, EndpointConnectionError

from common import RunningFake, world


def code_of(error):
    return error.exception.response["Error"]["Code"]


class FaultTest(unittest.TestCase):
    def setUp(self):
        self.fake = RunningFake()
        self.ec2 = self.fake.client("ec2")

    def tearDown(self):
        self.fake.close()

    def launch(self, instance_type="m7i.large", az="us-east-1a", spot=False, token=""):
        args = dict(ImageId=world.ami_id("us-east-1", "x86_64"), InstanceType=instance_type,
                    MinCount=1, MaxCount=1, SubnetId=world.subnet_id(az), ClientToken=token)
        if spot:
            args["InstanceMarketOptions"] = {"MarketType": "spot"}
        return self.ec2.run_instances(**args)["Instances"][0]

    def test_capacity_pool_per_az_and_market(self):
        self.fake.control("/faults", {"capacity": [
            {"az": "us-east-1a", "market": "spot", "remaining": 1}]})
        self.launch(spot=True)
        with self.assertRaises(ClientError) as err:
            self.launch(spot=True)
        self.assertEqual(code_of(err), "InsufficientInstanceCapacity")
        refused = [e for e in self.fake.control("/log") if e.get("error")]
        self.assertEqual([(e["action"], e["error"], e["params"]["SubnetId"]) for e in refused],
                         [("RunInstances", "InsufficientInstanceCapacity",
                           world.subnet_id("us-east-1a"))])
        self.launch(spot=False)  # on-demand pool of the same AZ is unaffected
        self.launch(spot=True, az="us-east-1b")  # neither is another AZ

    def test_vcpu_quotas_per_market(self):
        self.fake.control("/faults", {"quotas": {"standard:on-demand": 4, "standard:spot": 2}})
        self.launch()  # 2 vCPUs
        self.launch()  # 4
        with self.assertRaises(ClientError) as err:
            self.launch()
        self.assertEqual(code_of(err), "VcpuLimitExceeded")
        self.launch(spot=True)
        with self.assertRaises(ClientError) as err:
            self.launch(spot=True)
        self.assertEqual(code_of(err), "MaxSpotInstanceCountExceeded")
        # terminated instances free their vCPUs
        first = self.fake.control("/instances")[0]["instance_id"]
        self.ec2.terminate_instances(InstanceIds=[first])
        self.launch()

    def test_throttling_token_bucket(self):
        self.fake.control("/faults", {"throttle": {"capacity": 3, "refill_per_second": 0.001}})
        codes = []
        for _ in range(5):
            try:
                self.ec2.describe_key_pairs()
                codes.append("ok")
            except ClientError as error:
                codes.append(error.response["Error"]["Code"])
        self.assertEqual(codes, ["ok", "ok", "ok", "RequestLimitExceeded", "RequestLimitExceeded"])

    def test_lost_reply_then_same_token(self):
        self.fake.control("/faults", {"lost_replies": {"RunInstances": 1}})
        with self.assertRaises((ConnectionClosedError, EndpointConnectionError)):
            self.launch(token="lost-1")
        launched = self.fake.control("/instances")
        self.assertEqual(len(launched), 1)  # the launch took effect though its reply was lost
        again = self.launch(token="lost-1")  # the same token names the same instance
        self.assertEqual(again["InstanceId"], launched[0]["instance_id"])
        self.assertEqual(len(self.fake.control("/instances")), 1)
        calls = [(e["action"], e.get("lost_reply")) for e in self.fake.control("/log")]
        self.assertEqual(calls, [("RunInstances", True), ("RunInstances", False)])

    def test_eventual_consistency(self):
        self.fake.control("/faults", {"consistency_delay_seconds": 20})
        inst = self.launch(token="ec-1")
        with self.assertRaises(ClientError) as err:
            self.ec2.describe_instances(InstanceIds=[inst["InstanceId"]])
        self.assertEqual(code_of(err), "InvalidInstanceID.NotFound")
        listed = self.ec2.describe_instances(Filters=[{"Name": "client-token", "Values": ["ec-1"]}])
        self.assertEqual(listed["Reservations"], [])
        self.fake.control("/clock", {"advance_seconds": 21})
        found = self.ec2.describe_instances(InstanceIds=[inst["InstanceId"]])
        self.assertEqual(found["Reservations"][0]["Instances"][0]["InstanceId"], inst["InstanceId"])

    def test_spot_interruption_two_minute_notice(self):
        inst = self.launch(spot=True)
        self.fake.control("/clock", {"advance_seconds": 10})
        self.fake.control("/interrupt", {"instance_id": inst["InstanceId"]})

        def state():
            found = self.ec2.describe_instances(InstanceIds=[inst["InstanceId"]])
            return found["Reservations"][0]["Instances"][0]

        self.fake.control("/clock", {"advance_seconds": 110})
        self.assertEqual(state()["State"]["Name"], "running")  # still inside the notice
        self.fake.control("/clock", {"advance_seconds": 11})
        self.assertEqual(state()["State"]["Name"], "shutting-down")
        self.fake.control("/clock", {"advance_seconds": 10})
        final = state()
        self.assertEqual(final["State"]["Name"], "terminated")
        self.assertEqual(final["StateReason"]["Code"], "Server.SpotInstanceTermination")

    def test_automatic_spot_interruptions(self):
        self.fake.control("/faults", {"spot_interrupt_after_seconds": 30, "pending_seconds": 5})
        spot, ondemand = self.launch(spot=True), self.launch()
        self.fake.control("/clock", {"advance_seconds": 40})
        self.fake.fake.tick()
        self.fake.control("/clock", {"advance_seconds": 130})
        states = {i["instance_id"]: (i["state"], i["reason"]) for i in self.fake.control("/instances")}
        self.assertEqual(states[spot["InstanceId"]], ("terminated", "Server.SpotInstanceTermination"))
        self.assertEqual(states[ondemand["InstanceId"]], ("running", None))

    def test_unreadable_requests_get_errors_not_drops(self):
        with self.assertRaises(ClientError) as err:
            self.ec2.describe_instances(MaxResults=5, NextToken="garbage")
        self.assertEqual(code_of(err), "InvalidParameterValue")
        request = urllib.request.Request(self.fake.url + "/_fake/interrupt",
                                         data=json.dumps({"instance_id": "i-none"}).encode())
        with self.assertRaises(urllib.error.HTTPError) as bad:
            urllib.request.urlopen(request, timeout=10)
        self.assertEqual(bad.exception.code, 400)
        self.assertIn("i-none", json.loads(bad.exception.read())["error"])

    def test_injected_error_and_unsupported_type(self):
        self.fake.control("/faults", {"errors": [
            {"action": "RunInstances", "code": "InsufficientFreeAddressesInSubnet", "count": 1}]})
        with self.assertRaises(ClientError) as err:
            self.launch()
        self.assertEqual(code_of(err), "InsufficientFreeAddressesInSubnet")
        self.launch()  # count was one
        with self.assertRaises(ClientError) as err:
            self.launch(instance_type="c7g.large")  # arm64 type, x86_64 image
        self.assertEqual(code_of(err), "InvalidParameterValue")
        s3 = self.fake.client("s3")
        s3.create_bucket(Bucket="abc-slow")
        self.fake.control("/faults", {"errors": [
            {"action": "PutObject", "code": "SlowDown", "status": 503, "count": 1}]})
        with self.assertRaises(ClientError) as err:
            s3.put_object(Bucket="abc-slow", Key="k", Body=b"v")
        self.assertEqual((code_of(err), err.exception.response["ResponseMetadata"]["HTTPStatusCode"]),
                         ("SlowDown", 503))
        s3.put_object(Bucket="abc-slow", Key="k", Body=b"v")


if __name__ == "__main__":
    unittest.main()
