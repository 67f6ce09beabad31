"""Booting for real: the user-data runs under bash in a sandbox, reaches IMDSv2 and S3 of the
fake through curl, its host-touching commands hit recording shims, `shutdown -h now` ends the
instance; a script that names a shimmed command by absolute path is refused."""
import datetime
import hashlib
import json
import os
import tempfile
import time
import unittest

from common import RunningFake, wait_for, world
from fake_aws.boot import absolute_path_calls
from fake_aws.boot import emulation_for
from fake_aws.shim import emulate_aarch64, shutdown_delay_seconds, sudo_command

AGENT = b"#!/bin/bash\necho \"{\\\"instance\\\": \\\"$1\\\", \\\"status\\\": \\\"ok\\\"}\"\n"



class BootTest(unittest.TestCase):
    def setUp(self):
        self.fake = RunningFake(boot=True)
        self.fake.control("/faults", {"pending_seconds": 0})
        self.ec2 = self.fake.client("ec2")
        self.s3 = self.fake.client("s3")
        self.s3.create_bucket(Bucket="abc-boot")

    def tearDown(self):
        self.fake.close()

    def presign(self, method, key):
        return self.s3.generate_presigned_url(method, Params={"Bucket": "abc-boot", "Key": key},
                                              ExpiresIn=300)

    def launch(self, script, spot=False):
        args = dict(ImageId=world.ami_id("us-east-1", "x86_64"), InstanceType="m7i.large",
                    MinCount=1, MaxCount=1, UserData=script)
        if spot:
            args["InstanceMarketOptions"] = {"MarketType": "spot"}
        return self.ec2.run_instances(**args)["Instances"][0]["InstanceId"]

    def boot_report(self, instance_id):
        return next((b for b in self.fake.control("/boots") if b["instance_id"] == instance_id), None)

    def state(self, instance_id):
        return next(i for i in self.fake.control("/instances") if i["instance_id"] == instance_id)

    def test_user_data_runs_end_to_end(self):
        self.s3.put_object(Bucket="abc-boot", Key="agent", Body=AGENT)
        script = f"""#!/bin/bash
set -euo pipefail
TOKEN=$(curl -sf -X PUT -H "X-aws-ec2-metadata-token-ttl-seconds: 300" http://169.254.169.254/latest/api/token)
md() {{ curl -sf -H "X-aws-ec2-metadata-token: $TOKEN" "http://169.254.169.254/latest/$1"; }}
ID=$(md meta-data/instance-id)
md dynamic/instance-identity/document > identity.json
sudo shutdown -h +30
sudo dnf install -y openblas numactl
sudo systemctl stop chronyd
curl -sf -o agent '{self.presign("get_object", "agent")}'
echo "{hashlib.sha256(AGENT).hexdigest()}  agent" | sha256sum -c -
chmod +x agent
./agent "$ID" > result.json
curl -sf -X PUT --upload-file result.json '{self.presign("put_object", "results/r1.json")}'
shutdown -h now
"""
        instance_id = self.launch(script)
        wait_for(lambda: self.state(instance_id)["state"] in ("shutting-down", "terminated"))
        result = self.s3.get_object(Bucket="abc-boot", Key="results/r1.json")["Body"].read()
        self.assertEqual(result.strip(), f'{{"instance": "{instance_id}", "status": "ok"}}'.encode())
        self.assertEqual(self.state(instance_id)["reason"], "Client.InstanceInitiatedShutdown")
        report = self.boot_report(instance_id)
        self.assertEqual(report["absolute_path_calls"], [])
        commands = [(c["command"], c["args"][:2]) for c in report["shim_calls"]]
        for expected in [("sudo", ["shutdown", "-h"]), ("shutdown", ["-h", "+30"]),
                         ("dnf", ["install", "-y"]), ("systemctl", ["stop", "chronyd"]),
                         ("shutdown", ["-h", "now"])]:
            self.assertIn(expected, commands)
        logged = str(report["shim_calls"])
        self.assertNotIn("X-Amz-Signature", logged)  # presigned queries stay out of the log
        launches = [e for e in self.fake.control("/log") if e["action"] == "RunInstances"]
        self.assertEqual(len(launches), 1)
        self.assertNotIn("UserData", launches[0]["params"])  # it holds presigned URLs

    def test_spot_notice_reaches_the_instance(self):
        script = f"""#!/bin/bash
TOKEN=$(curl -sf -X PUT -H "X-aws-ec2-metadata-token-ttl-seconds: 300" http://169.254.169.254/latest/api/token)
for i in $(seq 300); do
  if curl -sf -H "X-aws-ec2-metadata-token: $TOKEN" -o notice.json http://169.254.169.254/latest/meta-data/spot/instance-action; then
    curl -sf -X PUT --upload-file notice.json '{self.presign("put_object", "notice.json")}'
    exit 0
  fi
  sleep 0.1
done
"""
        instance_id = self.launch(script, spot=True)
        wait_for(lambda: self.boot_report(instance_id))
        time.sleep(0.5)  # the script polls and finds no notice yet
        self.assertNotIn("notice.json", self.fake.control("/objects")["abc-boot"])
        self.fake.control("/interrupt", {"instance_id": instance_id})
        wait_for(lambda: "notice.json" in self.fake.control("/objects")["abc-boot"])
        notice = self.s3.get_object(Bucket="abc-boot", Key="notice.json")["Body"].read()
        self.assertIn(b'"action": "terminate"', notice)
        self.fake.control("/clock", {"advance_seconds": 121})
        wait_for(lambda: self.boot_report(instance_id)["exit_code"] is not None)
        self.assertEqual(self.state(instance_id)["reason"], "Server.SpotInstanceTermination")

    def test_instance_profile_credentials(self):
        script = """#!/bin/bash
set -euo pipefail
TOKEN=$(curl -sf -X PUT -H "X-aws-ec2-metadata-token-ttl-seconds: 60" http://169.254.169.254/latest/api/token)
BASE=http://169.254.169.254/latest/meta-data/iam/security-credentials/
ROLE=$(curl -sf -H "X-aws-ec2-metadata-token: $TOKEN" $BASE)
echo "$ROLE" > role.txt
curl -sf -H "X-aws-ec2-metadata-token: $TOKEN" "$BASE$ROLE" > creds.json
curl -s -o /dev/null -w '%{http_code}' "$BASE$ROLE" > without-token.txt || true
"""
        self.fake.control("/iam", {"instance_profile": "abc-agent", "role": "abc-agent-role"})
        instance_id = self.ec2.run_instances(
            ImageId=world.ami_id("us-east-1", "x86_64"), InstanceType="m7i.large", MinCount=1,
            MaxCount=1, UserData=script, IamInstanceProfile={"Name": "abc-agent"})["Instances"][0]["InstanceId"]
        report = wait_for(lambda: (self.boot_report(instance_id) or {}).get("exit_code") is not None
                          and self.boot_report(instance_id))
        self.assertEqual(report["exit_code"], 0, report["console"])
        with open(os.path.join(report["sandbox"], "without-token.txt")) as f:
            self.assertEqual(f.read(), "401")
        with open(os.path.join(report["sandbox"], "role.txt")) as f:
            self.assertEqual(f.read().strip(), "abc-agent-role")  # the profile's role
        with open(os.path.join(report["sandbox"], "creds.json")) as f:
            creds = json.load(f)
        sts = self.fake.client("sts", access=creds["AccessKeyId"], secret=creds["SecretAccessKey"],
                               token=creds["Token"])
        identity = sts.get_caller_identity()
        self.assertEqual(identity["Account"], world.ACCOUNT_ID)
        self.assertEqual(identity["Arn"], f"arn:aws:sts::{world.ACCOUNT_ID}:assumed-role/"
                                          f"abc-agent-role/{instance_id}")

    def test_absolute_paths_are_refused(self):
        # (a harmless command: should the refusal break, the test fails without harm)
        instance_id = self.launch("#!/bin/bash\necho started\n/usr/bin/systemctl --version\n")
        report = wait_for(lambda: self.boot_report(instance_id))
        time.sleep(0.3)
        report = self.boot_report(instance_id)
        self.assertTrue(report["refused"])
        self.assertEqual(report["absolute_path_calls"], ["systemctl"])
        self.assertNotIn("started", report["console"])

    def test_scheduled_shutdown_and_cancel(self):
        script = "#!/bin/bash\nshutdown -h +30\nshutdown -c\nsudo shutdown -h +10\n"
        instance_id = self.launch(script)
        wait_for(lambda: (self.boot_report(instance_id) or {}).get("exit_code") is not None)
        self.fake.control("/clock", {"advance_seconds": 9 * 60})
        self.assertEqual(self.state(instance_id)["state"], "running")  # +30 was cancelled
        self.fake.control("/clock", {"advance_seconds": 2 * 60})
        ended = self.state(instance_id)
        self.assertEqual((ended["state"], ended["reason"]),
                         ("terminated", "Client.InstanceInitiatedShutdown"))

    def test_shim_argument_parsing(self):
        now = datetime.datetime(2026, 12, 6, 10, 30, tzinfo=datetime.timezone.utc)
        self.assertEqual(shutdown_delay_seconds(["-h", "now"], now), 0)
        self.assertEqual(shutdown_delay_seconds(["-h", "+45"], now), 2700)
        self.assertEqual(shutdown_delay_seconds(["-h", "11:00"], now), 1800)
        self.assertEqual(shutdown_delay_seconds(["-h", "10:00"], now), 23.5 * 3600)  # tomorrow
        self.assertEqual(shutdown_delay_seconds(["-h"], now), 60)
        self.assertIsNone(shutdown_delay_seconds(["-c"], now))
        self.assertEqual(sudo_command(["-u", "ec2-user", "-E", "dnf", "-y", "install", "x"]),
                         ["dnf", "-y", "install", "x"])
        self.assertEqual(sudo_command(["--", "-weird"]), ["-weird"])
        self.assertEqual(sudo_command(["-n"]), [])

    def test_absolute_path_scan(self):
        self.assertEqual(absolute_path_calls("sudo /usr/bin/apt-get install x; /bin/systemctl start y"),
                         ["apt-get", "systemctl"])
        self.assertEqual(absolute_path_calls("/usr/sbin/shutdown -h now"), ["shutdown"])
        self.assertEqual(absolute_path_calls("shutdown -h now; apt-get -y install z"), [])
        self.assertEqual(absolute_path_calls("cat ./bin/shutdown.txt /opt/x/bin/dnf"), [])


class Aarch64EmulationTest(unittest.TestCase):
    """The chmod shim of an emulated arm64 sandbox: an aarch64 program it makes executable is
    run through the emulator, with the same bytes; anything else is left as it is."""

    def test_chmod_wraps_aarch64_programs_only(self):
        with tempfile.TemporaryDirectory() as folder:
            program = os.path.join(folder, "agent")
            other = os.path.join(folder, "x86")
            # ELF headers: e_machine (offset 18) 183 = AArch64, 62 = x86-64.
            arm = b"\x7fELF" + bytes(14) + (183).to_bytes(2, "little") + b"rest"
            x86 = b"\x7fELF" + bytes(14) + (62).to_bytes(2, "little") + b"rest"
            for path, data in ((program, arm), (other, x86)):
                with open(path, "wb") as f:
                    f.write(data)
            os.environ["ABC_FAKE_REAL_PATH"] = os.environ.get("PATH", "/usr/bin:/bin")
            os.environ["ABC_FAKE_EMULATION"] = json.dumps(["/emu/qemu-aarch64", "-cpu", "max"])
            try:
                self.assertEqual(emulate_aarch64(["+x", program, other]), 0)
            finally:
                del os.environ["ABC_FAKE_EMULATION"]
            with open(program) as f:
                wrapper = f.read()
            moved = os.path.join(folder, ".agent.aarch64")
            self.assertIn(f"exec '/emu/qemu-aarch64' '-cpu' 'max' \"{moved}\" \"$@\"", wrapper)
            self.assertTrue(os.access(program, os.X_OK))
            with open(moved, "rb") as f:
                self.assertEqual(f.read(), arm)  # the checked bytes are the ones that run
            with open(other, "rb") as f:
                self.assertEqual(f.read(), x86)
            self.assertTrue(os.access(other, os.X_OK))

    def test_only_arm64_on_another_host_is_emulated(self):
        self.assertIsNone(emulation_for("x86_64"))
        if os.uname().machine == "x86_64" and emulation_for("arm64") is not None:
            self.assertIn("-L", emulation_for("arm64"))


if __name__ == "__main__":
    unittest.main()
