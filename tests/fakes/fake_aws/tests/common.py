"""Starting the fake in-process and making botocore clients for it."""
import json
import os
import sys
import tempfile
import threading
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))  # tests/fakes, home of fake_aws

import botocore.session  # noqa: E402
from botocore.config import Config  # noqa: E402

from fake_aws import world  # noqa: E402
from fake_aws.server import make_server  # noqa: E402


_SESSION = botocore.session.get_session()  # one session: service models load once


class RunningFake:
    def __init__(self, boot=False):
        self.dir = tempfile.TemporaryDirectory(prefix="fake-aws-")
        self.server, self.fake = make_server(self.dir.name, boot=boot)
        self.url = self.fake.url
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()
        self.fake.close()
        self.dir.cleanup()

    def control(self, path, payload=None):
        data = json.dumps(payload).encode() if payload is not None else None
        request = urllib.request.Request(self.url + "/_fake" + path, data=data,
                                         method="POST" if data else "GET")
        with urllib.request.urlopen(request, timeout=10) as reply:
            return json.loads(reply.read())

    def client(self, service, region="us-east-1", secret=world.TEST_SECRET_KEY,
               access=world.TEST_ACCESS_KEY, token=None, **config):
        return _SESSION.create_client(
            service, region_name=region, endpoint_url=self.url, aws_access_key_id=access,
            aws_secret_access_key=secret, aws_session_token=token,
            config=Config(retries={"total_max_attempts": 1, "mode": "standard"},
                          s3={"addressing_style": "path"},
                          signature_version="s3v4" if service == "s3" else None, **config))


class signing_time:
    """Makes botocore sign as if the clock read `moment` (a timezone-aware datetime)."""

    def __init__(self, moment):
        import botocore.auth
        self.auth = botocore.auth
        self.moment = moment

    def __enter__(self):
        naive = self.moment.replace(tzinfo=None)
        if hasattr(self.auth, "get_current_datetime"):  # newer botocore
            self.saved = ("get_current_datetime", self.auth.get_current_datetime)
            self.auth.get_current_datetime = lambda *a, **k: naive
        else:  # older botocore reads datetime.datetime.utcnow()
            import datetime as real

            class Shifted(real.datetime):
                @classmethod
                def utcnow(cls):
                    return naive

            shim = type("datetime_module", (), {"datetime": Shifted})
            self.saved = ("datetime", self.auth.datetime)
            self.auth.datetime = shim
        return self

    def __exit__(self, *exc):
        setattr(self.auth, *self.saved)


def wait_for(predicate, seconds=15):
    """The first true value of predicate(), polled every 0.1 s; AssertionError after `seconds`."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out waiting")
