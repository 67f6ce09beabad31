"""Running the fake as a separate process, for end-to-end tests of the tool:

    with FakeAwsProcess(state_dir) as fake:
        env = {**os.environ, **fake.client_environment()}
        ... run aws-benchmark-collector --endpoint-url fake.url ...
        fake.control("/faults", {"capacity": [...]})
        assert all(i["state"] == "terminated" for i in fake.control("/instances"))
"""
import json
import os
import subprocess
import sys
import time
import urllib.request

from . import world

PACKAGE_PARENT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class FakeAwsProcess:
    def __init__(self, state_dir, boot=True, start_timeout_seconds=20):
        self.state_dir = state_dir
        os.makedirs(state_dir, exist_ok=True)
        port_file = os.path.join(state_dir, "url")
        if os.path.exists(port_file):
            os.remove(port_file)
        command = [sys.executable, "-m", "fake_aws", "--state-dir", state_dir,
                   "--port-file", port_file] + ([] if boot else ["--no-boot"])
        self.stderr = open(os.path.join(state_dir, "fake.stderr"), "wb")
        self.process = subprocess.Popen(command, cwd=PACKAGE_PARENT, stdout=subprocess.DEVNULL,
                                        stderr=self.stderr)
        deadline = time.time() + start_timeout_seconds
        while not os.path.exists(port_file):
            if self.process.poll() is not None or time.time() > deadline:
                self.stop()
                raise RuntimeError(f"fake_aws did not start (see {state_dir}/fake.stderr)")
            time.sleep(0.05)
        with open(port_file) as f:
            self.url = f.read().strip()

    def control(self, path, payload=None):
        data = json.dumps(payload).encode() if payload is not None else None
        request = urllib.request.Request(self.url + "/_fake" + path, data=data,
                                         method="POST" if data is not None else "GET")
        with urllib.request.urlopen(request, timeout=30) as reply:
            return json.loads(reply.read())

    def client_environment(self, region="us-east-1"):
        """What a client process needs to reach the fake with the test credentials."""
        return {"AWS_ACCESS_KEY_ID": world.TEST_ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY": world.TEST_SECRET_KEY,
                "AWS_REGION": region, "AWS_ENDPOINT_URL": self.url}

    def stop(self):
        """SIGTERM: the fake kills its booted instances' processes and exits."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.stderr.close()
        return self.process.returncode

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
