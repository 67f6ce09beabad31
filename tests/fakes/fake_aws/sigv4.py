"""SigV4 verification: the fake recomputes each signature with botocore's signer (an
implementation independent of the project's C++ one) from what it received.

Header form: Authorization: AWS4-HMAC-SHA256 Credential=AK/DATE/REGION/SERVICE/aws4_request,
SignedHeaders=a;b, Signature=hex. Query (presigned) form: X-Amz-Algorithm, X-Amz-Credential,
X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders, X-Amz-Signature (AWS General Reference,
"Signature Version 4 signing process"; S3 API Reference, "Authenticating Requests: Using
Query Parameters").
"""
import datetime
import hashlib
import hmac
from dataclasses import dataclass
from urllib.parse import quote, unquote, parse_qsl

from botocore.auth import SigV4Auth, S3SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from .errors import AwsError, auth_error

UNSIGNED = "UNSIGNED-PAYLOAD"
MAX_PRESIGN_SECONDS = 7 * 24 * 3600


@dataclass
class Verified:
    access_key: str
    region: str
    service: str
    presigned: bool


@dataclass
class Received:
    method: str
    path: str  # raw, percent-encoded as sent
    query: str  # raw
    headers: dict  # lower-case name -> value
    body: bytes


def _canonical_query(pairs):
    encoded = [(quote(k, safe="-_.~"), quote(v, safe="-_.~")) for k, v in pairs]
    return "&".join(f"{k}={v}" for k, v in sorted(encoded))


def _parse_time(stamp):
    try:
        return datetime.datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(
            tzinfo=datetime.timezone.utc)
    except ValueError:
        return None


def scope_service(received):
    """The signing service named by the request's credential scope, or None."""
    credential = _fields(received).get("Credential", "")
    parts = credential.split("/")
    return parts[3] if len(parts) == 5 else None


def access_key_of(received):
    """The access key id the request claims to be signed with, or None."""
    parts = _fields(received).get("Credential", "").split("/")
    return parts[0] if len(parts) == 5 else None


def _fields(received):
    auth = received.headers.get("authorization", "")
    if auth.startswith("AWS4-HMAC-SHA256 "):
        fields = {}
        for item in auth[len("AWS4-HMAC-SHA256 "):].split(","):
            name, _, value = item.strip().partition("=")
            fields[name] = value
        return fields
    query = dict(parse_qsl(received.query, keep_blank_values=True))
    if "X-Amz-Credential" in query:
        return {"Credential": query["X-Amz-Credential"],
                "SignedHeaders": query.get("X-Amz-SignedHeaders", ""),
                "Signature": query.get("X-Amz-Signature", "")}
    return {}


class _Signer(SigV4Auth):
    """botocore's SigV4 with the payload hash fixed to what the request declares."""

    def __init__(self, credentials, service, region, payload_hash, s3):
        super().__init__(credentials, service, region)
        self._payload_hash = payload_hash
        self._s3 = s3

    def payload(self, request):
        return self._payload_hash

    def _normalize_url_path(self, path):
        # S3 signs the path as is; the other services normalise it (botocore's own rule).
        return S3SigV4Auth._normalize_url_path(self, path) if self._s3 else super()._normalize_url_path(path)


def verify(received, secrets, now, max_skew_seconds):
    """Checks the signature; returns Verified or raises AwsError in the service's format.

    secrets: access key id -> (secret key, session token or None, expiry or None)."""
    fields = _fields(received)
    query_pairs = parse_qsl(received.query, keep_blank_values=True)
    query = dict(query_pairs)
    presigned = "authorization" not in received.headers
    if not fields:
        raise AwsError("MissingAuthenticationToken", "Request is missing Authentication Token", 403)
    for needed in ("Credential", "SignedHeaders", "Signature"):
        if not fields.get(needed):
            raise AwsError("IncompleteSignature",
                           f"Authorization header requires '{needed}' parameter.", 403)
    scope = fields["Credential"].split("/")
    if len(scope) != 5 or scope[4] != "aws4_request":
        raise AwsError("IncompleteSignature", "Credential scope is malformed.", 403)
    access_key, date, region, service, _ = scope
    if access_key not in secrets:
        raise auth_error("unknown_key", service,
                         "The AWS Access Key Id you provided does not exist in our records.")
    stamp = query.get("X-Amz-Date") if presigned else (
        received.headers.get("x-amz-date") or received.headers.get("date"))
    signed_at = _parse_time(stamp or "")
    if signed_at is None or stamp[:8] != date:
        raise AwsError("IncompleteSignature", "X-Amz-Date is missing or does not match the scope.", 403)
    if presigned:
        expires = int(query.get("X-Amz-Expires", "0") or 0)
        if not 1 <= expires <= MAX_PRESIGN_SECONDS:
            raise AwsError("AuthorizationQueryParametersError",
                           "X-Amz-Expires must be between 1 and 604800 seconds.", 400)
        if now > signed_at + datetime.timedelta(seconds=expires):
            raise AwsError("AccessDenied", "Request has expired", 403)
        if signed_at - now > datetime.timedelta(seconds=max_skew_seconds):
            raise AwsError("AccessDenied", "Request is not valid yet", 403)
    elif abs((now - signed_at).total_seconds()) > max_skew_seconds:
        raise auth_error("skew", service,
                         "The difference between the request time and the current time is too large.")
    secret, token, expires_at = secrets[access_key]
    sent_token = query.get("X-Amz-Security-Token") if presigned else received.headers.get(
        "x-amz-security-token")
    if token is not None and sent_token != token:
        raise auth_error("unknown_key", service, "The security token included in the request is invalid.")
    if expires_at is not None and now >= expires_at:
        raise auth_error("expired_token", service, "The security token included in the request is expired")

    signed_names = fields["SignedHeaders"].split(";")
    if "host" not in signed_names:
        raise AwsError("IncompleteSignature", "SignedHeaders must include host.", 403)
    headers = {name: received.headers.get(name, "") for name in signed_names}
    if presigned:
        payload_hash = UNSIGNED if service == "s3" else hashlib.sha256(received.body).hexdigest()
    else:
        declared = received.headers.get("x-amz-content-sha256")
        actual = hashlib.sha256(received.body).hexdigest()
        if declared and declared != UNSIGNED and not declared.startswith("STREAMING-") \
                and declared != actual:
            raise AwsError("XAmzContentSHA256Mismatch",
                           "The provided 'x-amz-content-sha256' header does not match what was computed.",
                           400)
        payload_hash = declared or actual
    path = quote(unquote(received.path), safe="/~") if service == "s3" else received.path
    canonical_pairs = [(k, v) for k, v in query_pairs if k != "X-Amz-Signature"]
    url = f"http://{headers['host']}{path}"
    if canonical_pairs:
        url += "?" + _canonical_query(canonical_pairs)
    request = AWSRequest(method=received.method, url=url, headers=headers, data=received.body)
    request.context["timestamp"] = stamp
    signer = _Signer(Credentials(access_key, secret), service, region, payload_hash, service == "s3")
    canonical = signer.canonical_request(request)
    # botocore reads the payload hash from this header when present; keep ours authoritative.
    expected = signer.signature(signer.string_to_sign(request, canonical), request)
    if not hmac.compare_digest(expected, fields["Signature"]):
        raise auth_error("bad_signature", service,
                         "The request signature we calculated does not match the signature you "
                         "provided. Check your AWS Secret Access Key and signing method.")
    return Verified(access_key, region, service, presigned)
