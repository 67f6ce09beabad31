"""IMDSv2 for one booted instance: a loopback endpoint (EC2 User Guide, "Use IMDSv2":
PUT /latest/api/token with X-aws-ec2-metadata-token-ttl-seconds, then GETs carrying
X-aws-ec2-metadata-token; 401 without a valid token)."""
import json
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from . import world
from .clock import iso


class Imds:
    def __init__(self, fake, instance_id):
        self.fake = fake
        self.instance_id = instance_id
        self.tokens = set()
        imds = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status, body, content_type="text/plain"):
                data = body.encode() if isinstance(body, str) else body
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_PUT(self):
                ttl = self.headers.get("X-aws-ec2-metadata-token-ttl-seconds", "")
                if self.path != "/latest/api/token" or not ttl.isdigit() or \
                        not 1 <= int(ttl) <= 21600:
                    return self._send(400, "Bad Request")
                token = secrets.token_urlsafe(32)
                imds.tokens.add(token)
                self._send(200, token)

            def do_GET(self):
                if self.headers.get("X-aws-ec2-metadata-token") not in imds.tokens:
                    return self._send(401, "Unauthorized")
                status, body, kind = imds.answer(self.path)
                self._send(status, body, kind)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def answer(self, path):
        with self.fake.lock:
            inst = self.fake.ec2.instances[self.instance_id]
            now = self.fake.clock.now()
            profile = self.fake.iam.profiles.get(inst.instance_profile or "")
            role = self.fake.iam.role_of_profile(inst.instance_profile or "")
            simple = {
                "/latest/meta-data/instance-id": inst.instance_id,
                "/latest/meta-data/instance-type": inst.instance_type,
                "/latest/meta-data/ami-id": inst.image_id,
                "/latest/meta-data/placement/availability-zone": inst.az,
                "/latest/meta-data/placement/region": inst.region,
                "/latest/meta-data/instance-life-cycle": inst.market if inst.market == "spot"
                else "on-demand",
                "/latest/user-data": inst.user_data,
            }
            if path in simple:
                return 200, simple[path], "text/plain"
            if path == "/latest/meta-data/spot/instance-action":
                if inst.notice_at is None or now < inst.notice_at:
                    return 404, "Not Found", "text/plain"
                return 200, json.dumps({"action": "terminate", "time": iso(inst.end_at)}), \
                    "text/plain"
            if path == "/latest/meta-data/spot/termination-time":  # the older form of the notice
                if inst.notice_at is None or now < inst.notice_at:
                    return 404, "Not Found", "text/plain"
                return 200, iso(inst.end_at)[:19] + "Z", "text/plain"
            if path == "/latest/dynamic/instance-identity/document":
                doc = {"accountId": world.ACCOUNT_ID, "architecture": inst.arch,
                       "availabilityZone": inst.az, "imageId": inst.image_id,
                       "instanceId": inst.instance_id, "instanceType": inst.instance_type,
                       "pendingTime": iso(inst.launched_at)[:19] + "Z", "privateIp": "10.0.0.1",
                       "region": inst.region, "version": "2017-09-30"}
                return 200, json.dumps(doc, indent=2), "text/plain"
            if path == "/latest/meta-data/iam/info" and profile:
                return 200, json.dumps({"Code": "Success", "LastUpdated": iso(now),
                                        "InstanceProfileArn": profile.arn,
                                        "InstanceProfileId": profile.profile_id}), "text/plain"
            # The role the instance's profile holds now: EC2 follows the profile's changes.
            if path.startswith("/latest/meta-data/iam/security-credentials/") and role:
                asked = path[len("/latest/meta-data/iam/security-credentials/"):]
                if not asked:
                    return 200, role.name, "text/plain"
                if asked == role.name:
                    creds = self.fake.issue_temporary_credentials(role=role.name,
                                                                session=inst.instance_id)
                    return 200, json.dumps({
                        "Code": "Success", "LastUpdated": iso(now), "Type": "AWS-HMAC",
                        "AccessKeyId": creds["AccessKeyId"],
                        "SecretAccessKey": creds["SecretAccessKey"], "Token": creds["SessionToken"],
                        "Expiration": creds["Expiration"]}), "text/plain"
            return 404, "Not Found", "text/plain"
