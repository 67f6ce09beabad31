"""The fake's HTTP front: verify SigV4, dispatch by the signing service, log, control API."""
import datetime
import json
import os
import secrets
import socket
import threading
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from . import world
from .boot import Boot
from .clock import VirtualClock, iso
from .ec2 import Ec2
from .ec2_state import REASON_OS
from .errors import AwsError, render
from .iam import Iam
from .json_services import TARGETS, JsonServices
from .s3 import S3, action_name as s3_action_name, permission as s3_permission, split_bucket_key
from .sigv4 import Received, access_key_of, scope_service, verify

SECRET_PARAMS = {"UserData", "X-Amz-Signature", "X-Amz-Credential", "X-Amz-Security-Token"}


class Fake:
    """All state of the fake account; one lock guards it."""

    def __init__(self, state_dir, boot=True, max_skew_seconds=300):
        self.lock = threading.RLock()
        self.clock = VirtualClock()
        self.catalog = world.Catalog()
        self.state_dir = state_dir
        self.boot_enabled = boot
        self.max_skew_seconds = max_skew_seconds
        self.keys = {world.TEST_ACCESS_KEY: (world.TEST_SECRET_KEY, None, None)}
        self.credential_lifetime_seconds = 3600.0  # of AssumeRole and IMDS role credentials
        self.iam = Iam(self.clock)
        self.key_roles = {}  # access key id of a role's temporary credentials -> role name
        self.key_sessions = {}  # ... -> its session name (the instance id, as EC2 names it)
        self.ec2 = Ec2(self.catalog, self.clock, self.iam)
        self.s3 = S3(self.clock)
        self.json = JsonServices(self.catalog, self.ec2, self.clock)
        self.json.issue_role_credentials = self.issue_temporary_credentials
        self.json.caller = self.caller
        self.boots = {}
        self.boot_failures = set()
        self.log = []
        os.makedirs(state_dir, exist_ok=True)
        self.log_path = os.path.join(state_dir, "requests.jsonl")
        self.url = None
        self._stop = threading.Event()

    def issue_temporary_credentials(self, role=None, session=None):
        """Temporary credentials; with `role`, requests signed with them are held to the
        role's inline policies (S3)."""
        access = "ASIA" + secrets.token_hex(8).upper()
        secret = secrets.token_urlsafe(30)
        token = "FwoFAKE" + secrets.token_urlsafe(48)
        expires = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(
            seconds=self.credential_lifetime_seconds)  # real time: clients refresh by theirs
        self.keys[access] = (secret, token, expires)
        if role is not None:
            self.key_roles[access] = role
            self.key_sessions[access] = session or "session"
        return {"AccessKeyId": access, "SecretAccessKey": secret, "SessionToken": token,
                "Expiration": iso(expires)}

    def caller(self, access_key):
        """(ARN, user id) of whoever signs with this key, as STS GetCallerIdentity names it."""
        role = self.key_roles.get(access_key)
        if role is None:
            return world.USER_ARN, world.USER_ID
        session = self.key_sessions[access_key]
        known = self.iam.roles.get(role)
        role_id = known.role_id if known else "AROA" + "0" * 17
        return (f"arn:aws:sts::{world.ACCOUNT_ID}:assumed-role/{role}/{session}",
                f"{role_id}:{session}")

    def record(self, entry):
        entry = {"time": iso(self.clock.now()), **entry}
        self.log.append(entry)
        with open(self.log_path, "a") as f:
            f.write(json.dumps(entry) + "\n")

    # ---- the ticker: spot interruptions and real boots follow the virtual clock -----------
    def tick(self):
        with self.lock:
            now = self.clock.now()
            after = self.ec2.faults.spot_interrupt_after_seconds
            for inst in self.ec2.instances.values():
                state = inst.state(now, self.ec2.timing)
                if after is not None and inst.market == "spot" and state == "running" and \
                        now >= inst.launched_at + datetime.timedelta(
                            seconds=self.ec2.timing.pending_seconds + after):
                    inst.interrupt(now)
                boot = self.boots.get(inst.instance_id)
                if state == "running" and boot is None and inst.user_data and \
                        self.boot_enabled and inst.instance_id not in self.boot_failures:
                    try:
                        self.boots[inst.instance_id] = Boot(
                            self, inst, os.path.join(self.state_dir, "boots"))
                    except OSError as error:  # reported once, not retried every tick
                        self.boot_failures.add(inst.instance_id)
                        self.record({"service": "fake", "action": "Boot",
                                     "instance_id": inst.instance_id, "error": repr(error)})
                elif state in ("shutting-down", "terminated") and boot is not None:
                    boot.stop()

    def run_ticker(self):
        while not self._stop.wait(0.1):
            try:
                self.tick()
            except Exception:  # noqa: BLE001 - one bad boot must not stop the clock's effects
                traceback.print_exc()
                self.record({"service": "fake", "action": "tick", "error": "TickFailed"})

    def close(self):
        self._stop.set()
        with self.lock:
            for boot in self.boots.values():
                boot.stop()


def _params_for_log(params):
    return {k: v for k, v in params.items() if k not in SECRET_PARAMS}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    fake = None  # set by make_server

    def log_message(self, *args):
        pass

    def setup(self):
        super().setup()
        # Headers and body go out in separate writes: without this, Nagle's algorithm and the
        # client's delayed ACK add ~40 ms to every call.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def _reply(self, status, headers, body):
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _read_body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline().strip():  # trailers, then the blank line
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _handle(self):
        parts = urlsplit(self.path)
        body = self._read_body()
        if parts.path.startswith("/_fake/"):
            return self._control(parts.path[len("/_fake"):], body)
        headers = {k.lower(): v for k, v in self.headers.items()}
        received = Received(self.command, parts.path, parts.query, headers, body)
        service = scope_service(received) or self._service_guess(received)
        fake = self.fake
        try:
            verified = verify(received, fake.keys, datetime.datetime.now(datetime.timezone.utc),
                              fake.max_skew_seconds)
            try:
                status, out_headers, out_body, lose = self._dispatch(verified, received)
            except (KeyError, ValueError, TypeError, UnicodeDecodeError) as bad:
                # A request the fake cannot read: answer like AWS would, not with a dropped
                # connection (which a client would take for a lost reply).
                raise AwsError("InvalidParameterValue" if service == "ec2" else "InvalidRequest",
                               f"The fake could not read the request: {bad!r}") from bad
        except AwsError as error:
            fake.record({"service": service, "action": self._action_guess(received),
                         "params": self._error_params(received, service),
                         **self._role_for_log(received), "error": error.code,
                         "status": error.status})
            status, out_headers, out_body = render(error, service)
            if self.command == "HEAD":
                out_body = b""
                out_headers["Content-Length"] = "0"
            return self._reply(status, out_headers, out_body)
        if lose:  # the call took effect; the reply is lost on the way
            self.close_connection = True
            self.connection.shutdown(2)
            return
        self._reply(status, out_headers, out_body)

    @staticmethod
    def _service_guess(received):
        """For an unsigned request: the service its shape suggests (for the error format)."""
        target = received.headers.get("x-amz-target", "").partition(".")[0]
        if target in TARGETS:
            return TARGETS[target]
        version = dict(parse_qsl(received.body.decode("utf-8", "replace"))).get("Version")
        return {"2016-11-15": "ec2", "2011-06-15": "sts", "2010-05-08": "iam"}.get(version, "s3")

    def _role_for_log(self, received):
        """{"role": name} for a request signed with a role's credentials (never the key)."""
        access = access_key_of(received)
        role = self.fake.key_roles.get(access)
        return {"role": role} if role else {}

    @staticmethod
    def _error_params(received, service):
        """The key parameters of a refused call, as a successful one would log them."""
        if service == "s3":
            bucket, key = split_bucket_key(received.path, received.headers.get("host", ""))
            return {"bucket": bucket, "key": key}
        if received.headers.get("x-amz-target"):
            return {}
        form = dict(parse_qsl(received.body.decode("utf-8", "replace"), keep_blank_values=True))
        return _params_for_log({k: v for k, v in form.items()
                                if k not in ("Action", "Version", "SecretAccessKey")})

    def _action_guess(self, received):
        if (scope_service(received) or "s3") == "s3":
            return s3_action_name(received.method, received.path, received.query,
                                  received.headers.get("host", ""))
        target = received.headers.get("x-amz-target", "")
        if target:
            return target.partition(".")[2]
        form = dict(parse_qsl(received.body.decode("utf-8", "replace")))
        return form.get("Action", received.method)

    def _dispatch(self, verified, received):
        fake = self.fake
        service, region = verified.service, verified.region
        with fake.lock:
            injected = fake.ec2.faults.take_error(self._action_guess(received))
            if injected:  # any service's call, e.g. S3's 503 SlowDown
                raise AwsError(injected["code"], injected.get("message", "Injected by the fake."),
                               injected.get("status", 400))
            if service == "ec2":
                params = dict(parse_qsl(received.body.decode(), keep_blank_values=True))
                action = params.get("Action", "")
                if params.get("Version") != "2016-11-15":
                    raise AwsError("InvalidParameterValue", "The fake speaks EC2 API 2016-11-15.")
                body, lose = fake.ec2.handle(action, params, region)
                fake.record({"service": "ec2", "action": action, "region": region,
                             "params": _params_for_log(
                                 {k: v for k, v in params.items() if k not in ("Action", "Version")}),
                             "lost_reply": lose})
                return 200, {"Content-Type": "text/xml;charset=UTF-8"}, body, lose
            if service == "s3":
                role = fake.key_roles.get(verified.access_key)
                status, headers, body, action, log = self._s3_as(role, received, region)
                fake.record({"service": "s3", "action": action, "region": region,
                             "presigned": verified.presigned, "params": log,
                             **({"role": role} if role else {})})
                return status, headers, body, False
            if service == "iam":
                params = dict(parse_qsl(received.body.decode(), keep_blank_values=True))
                action = params.get("Action", "")
                body = fake.iam.handle(action, params, world.partition(region),
                                       fake.caller(verified.access_key)[0])
                fake.record({"service": "iam", "action": action, "params": _params_for_log(
                    {k: v for k, v in params.items() if k not in ("Action", "Version")})})
                return 200, {"Content-Type": "text/xml"}, body, False
            if service == "sts":
                params = dict(parse_qsl(received.body.decode(), keep_blank_values=True))
                action = params.get("Action", "")
                body = fake.json.sts(action, params, verified.access_key)
                fake.record({"service": "sts", "action": action, "params": {
                    k: v for k, v in params.items() if k in ("RoleArn", "RoleSessionName")}})
                return 200, {"Content-Type": "text/xml"}, body, False
            if service in ("ssm", "servicequotas", "pricing"):
                result, action = fake.json.handle(service, received.headers.get("x-amz-target", ""),
                                                  received.body, region)
                request = json.loads(received.body or b"{}")
                fake.record({"service": service, "action": action, "region": region,
                             "params": {k: v for k, v in request.items()
                                        if k in ("Name", "QuotaCode", "ServiceCode", "Filters")}})
                return 200, {"Content-Type": "application/x-amz-json-1.1"}, \
                    json.dumps(result).encode(), False
        raise AwsError("InvalidAction", f"The fake does not emulate the service '{service}'.")

    def _s3_as(self, role, received, region):
        """S3's answer; a role's credentials are held to its inline policies (403 AccessDenied
        otherwise). Without s3:ListBucket a missing key is 403 too, as on AWS: the caller may
        not learn whether the key exists."""
        fake = self.fake
        bucket, key = split_bucket_key(received.path, received.headers.get("host", ""))
        if role:
            action = s3_action_name(received.method, received.path, received.query,
                                    received.headers.get("host", ""))
            wanted, resource = s3_permission(action, bucket, key, world.partition(region))
            if not fake.iam.allows(role, wanted, resource):
                raise AwsError("AccessDenied", "Access Denied", 403)
        try:
            return fake.s3.handle(received.method, received.path, received.query,
                                  received.headers, received.body, region)
        except AwsError as error:
            if role and error.code == "NoSuchKey" and not fake.iam.allows(
                    role, "s3:ListBucket", s3_permission("ListObjectsV2", bucket, "",
                                                         world.partition(region))[1]):
                raise AwsError("AccessDenied", "Access Denied", 403) from error
            raise

    # ---- control API -----------------------------------------------------------------------
    def _control(self, path, body):
        try:
            answer = self._control_answer(path, json.loads(body or b"{}"))
        except (KeyError, ValueError, TypeError) as bad:
            answer = {"error": f"bad control request {path}: {bad!r}"}
        except AwsError as refused:  # e.g. pre-creating a profile that exists
            answer = {"error": f"{path}: {refused.code}: {refused.message}"}
        data = json.dumps(answer).encode()
        self._reply(200 if not (isinstance(answer, dict) and "error" in answer) else 400,
                    {"Content-Type": "application/json"}, data)

    def _control_answer(self, path, request):
        fake = self.fake
        with fake.lock:
            now = fake.clock.now()
            if path == "/health":
                answer = {"ok": True}
            elif path == "/clock":
                fake.clock.advance(request.get("advance_seconds", 0))
                answer = {"now": iso(fake.clock.now())}
            elif path == "/faults":
                answer = self._set_faults(request)
            elif path == "/interrupt":
                fake.ec2.instances[request["instance_id"]].interrupt(now)
                answer = {"ok": True}
            elif path == "/shutdown":  # from the boot sandbox's shutdown shim
                inst = fake.ec2.instances[request["instance_id"]]
                delay = request.get("delay_seconds")
                if delay is not None:
                    inst.end(now + datetime.timedelta(seconds=delay), REASON_OS,
                             "Client.InstanceInitiatedShutdown")
                elif inst.reason == REASON_OS and inst.end_at > now:  # shutdown -c
                    inst.end_at, inst.reason, inst.transition_reason = None, None, ""
                answer = {"ok": True}
            elif path == "/instances":
                answer = [{"instance_id": i.instance_id, "state": i.state(now, fake.ec2.timing),
                           "type": i.instance_type, "az": i.az, "market": i.market,
                           "tags": i.tags, "client_token": i.client_token,
                           "launched_at": iso(i.launched_at),
                           "reason": i.reason[0] if i.reason else None,
                           "instance_profile": i.instance_profile}
                          for i in fake.ec2.instances.values()]
            elif path == "/world":  # what a test needs to build a command line (no secret)
                answer = world.describe()
            elif path == "/log":
                answer = fake.log
            elif path == "/boots":
                answer = [b.report() for b in fake.boots.values()]
            elif path == "/iam":  # GET: roles and profiles; POST: pre-create a profile
                answer = fake.iam.precreate(request) if request else fake.iam.describe()
            elif path == "/objects":
                answer = {name: sorted(b.objects) for name, b in fake.s3.buckets.items()}
            else:
                answer = {"error": f"unknown control path {path}"}
        return answer

    def _set_faults(self, request):
        fake = self.fake
        faults, timing = fake.ec2.faults, fake.ec2.timing
        for name in ("capacity", "quotas", "lost_replies", "errors", "spot_interrupt_after_seconds"):
            if name in request:
                setattr(faults, name, request[name])
        for name in ("pending_seconds", "shutting_down_seconds", "consistency_delay_seconds"):
            if name in request:
                setattr(timing, name, float(request[name]))
        if "iam_denied" in request:  # IAM action names refused with AccessDenied ("*": all)
            fake.iam.denied = set(request["iam_denied"])
        if "instance_profile_visibility_seconds" in request:
            fake.iam.profile_visibility_seconds = float(request["instance_profile_visibility_seconds"])
        if "credential_lifetime_seconds" in request:
            fake.credential_lifetime_seconds = float(request["credential_lifetime_seconds"])
        if "throttle" in request:
            throttle = request["throttle"] or {}
            fake.ec2.bucket.configure(throttle.get("capacity"), throttle.get("refill_per_second", 0),
                                      datetime.datetime.now(datetime.timezone.utc))
        return {"ok": True}

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _handle


def make_server(state_dir, port=0, boot=True):
    fake = Fake(state_dir, boot=boot)
    handler = type("BoundHandler", (Handler,), {"fake": fake})
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=fake.run_ticker, daemon=True).start()
    return server, fake
