"""S3 REST-XML: buckets and objects, path style (and virtual-host style when the Host names a
bucket), element names from the S3 API Reference (ListObjectsV2, CreateBucket, ...)."""
import datetime
import hashlib
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from email.utils import format_datetime
from urllib.parse import parse_qsl, unquote
from xml.sax.saxutils import escape

from .clock import iso
from .errors import AwsError
from .xmlgen import document

NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/"


@dataclass
class StoredObject:
    body: bytes
    etag: str
    modified: datetime.datetime
    content_type: str


@dataclass
class Bucket:
    region: str
    objects: dict = field(default_factory=dict)
    lifecycle: bytes = b""


def split_bucket_key(path, host):
    """(bucket, key) from a path-style or virtual-host-style request."""
    host_name = host.split(":")[0]
    labels = host_name.split(".")
    if len(labels) > 1 and labels[-1] == "localhost":  # bucket.localhost:port
        return labels[0], unquote(path.lstrip("/"))
    bucket, _, key = path.lstrip("/").partition("/")
    return unquote(bucket), unquote(key)


def action_name(method, path, query, host):
    """The S3 operation a request asks for (for the log, also when it fails)."""
    _, key = split_bucket_key(path, host)
    if key:
        return {"PUT": "PutObject", "GET": "GetObject", "HEAD": "HeadObject",
                "DELETE": "DeleteObject"}.get(method, method)
    if "lifecycle" in query:
        return "PutBucketLifecycleConfiguration"
    return {"PUT": "CreateBucket", "GET": "ListObjectsV2", "HEAD": "HeadBucket"}.get(method, method)


# The IAM action and resource each S3 operation needs (S3 User Guide, "Actions, resources, and
# condition keys for Amazon S3"; HeadObject needs s3:GetObject, HeadBucket s3:ListBucket).
PERMISSIONS = {"GetObject": "s3:GetObject", "HeadObject": "s3:GetObject",
               "PutObject": "s3:PutObject", "DeleteObject": "s3:DeleteObject",
               "ListObjectsV2": "s3:ListBucket", "HeadBucket": "s3:ListBucket",
               "CreateBucket": "s3:CreateBucket",
               "PutBucketLifecycleConfiguration": "s3:PutLifecycleConfiguration"}


def permission(action, bucket, key, partition):
    """(IAM action, resource ARN) an S3 operation is authorised against."""
    wanted = PERMISSIONS.get(action, f"s3:{action}")
    on_object = action in ("GetObject", "HeadObject", "PutObject", "DeleteObject")
    resource = f"arn:{partition}:s3:::{bucket}" + (f"/{key}" if on_object else "")
    return wanted, resource


class S3:
    def __init__(self, clock):
        self.clock = clock
        self.buckets = {}

    def _bucket(self, name):
        bucket = self.buckets.get(name)
        if bucket is None:
            raise AwsError("NoSuchBucket", "The specified bucket does not exist", 404)
        return bucket

    def handle(self, method, path, query, headers, body, region):
        """Returns (status, headers, body, action, params-for-log)."""
        name, key = split_bucket_key(path, headers.get("host", ""))
        params = dict(parse_qsl(query, keep_blank_values=True))
        if not name:
            raise AwsError("MethodNotAllowed", "The fake does not list buckets.", 405)
        if not key:
            return self._bucket_call(method, name, params, body, region)
        bucket = self._bucket(name)
        log = {"bucket": name, "key": key}
        if method == "PUT":
            etag = '"' + hashlib.md5(body).hexdigest() + '"'
            bucket.objects[key] = StoredObject(body, etag, self.clock.now(),
                                               headers.get("content-type", "binary/octet-stream"))
            return 200, {"ETag": etag}, b"", "PutObject", {**log, "size": len(body)}
        if method in ("GET", "HEAD"):
            stored = bucket.objects.get(key)
            action = "GetObject" if method == "GET" else "HeadObject"
            if stored is None:
                raise AwsError("NoSuchKey", "The specified key does not exist.", 404)
            out = {"ETag": stored.etag, "Content-Type": stored.content_type,
                   "Last-Modified": format_datetime(stored.modified, usegmt=True),
                   "Content-Length": str(len(stored.body))}
            return 200, out, stored.body if method == "GET" else b"", action, log
        if method == "DELETE":
            bucket.objects.pop(key, None)
            return 204, {}, b"", "DeleteObject", log
        raise AwsError("MethodNotAllowed", "The specified method is not allowed.", 405)

    def _bucket_call(self, method, name, params, body, region):
        log = {"bucket": name}
        if method == "PUT" and "lifecycle" in params:
            bucket = self._bucket(name)
            try:
                ET.fromstring(body)
            except ET.ParseError:
                raise AwsError("MalformedXML", "The XML you provided was not well-formed.")
            bucket.lifecycle = body
            return 200, {}, b"", "PutBucketLifecycleConfiguration", log
        if method == "PUT":
            return self._create(name, body, region, log)
        if method == "GET" and params.get("list-type") == "2":
            return self._list(name, params, log)
        if method == "HEAD":
            self._bucket(name)
            return 200, {"x-amz-bucket-region": self.buckets[name].region}, b"", "HeadBucket", log
        raise AwsError("NotImplemented", "The fake does not implement this bucket call.", 501)

    def _create(self, name, body, region, log):
        constraint = ""
        if body.strip():
            root = ET.fromstring(body)
            found = root.find(f"{{{NAMESPACE}}}LocationConstraint")
            constraint = (found.text or "") if found is not None else ""
        wanted = constraint or "us-east-1"
        if wanted != region or constraint == "us-east-1":
            raise AwsError("IllegalLocationConstraintException",
                           f"The {constraint or 'unspecified'} location constraint is incompatible "
                           f"for the region specific endpoint this request was sent to.")
        if name in self.buckets:
            if region == "us-east-1":  # us-east-1 answers 200 to its owner (S3 API Reference)
                return 200, {"Location": f"/{name}"}, b"", "CreateBucket", log
            raise AwsError("BucketAlreadyOwnedByYou",
                           "Your previous request to create the named bucket succeeded and you "
                           "already own it.", 409)
        self.buckets[name] = Bucket(region)
        return 200, {"Location": f"/{name}"}, b"", "CreateBucket", {**log, "region": wanted}

    def _list(self, name, params, log):
        bucket = self._bucket(name)
        prefix = params.get("prefix", "")
        max_keys = int(params.get("max-keys", "1000"))
        after = params.get("continuation-token") or params.get("start-after") or ""
        keys = sorted(k for k in bucket.objects if k.startswith(prefix) and k > after)
        page = keys[:max_keys]
        truncated = len(keys) > max_keys
        fields = {"Name": name, "Prefix": prefix, "KeyCount": len(page), "MaxKeys": max_keys,
                  "IsTruncated": truncated}
        if params.get("continuation-token"):
            fields["ContinuationToken"] = params["continuation-token"]
        if truncated:
            fields["NextContinuationToken"] = page[-1]
        body = document("ListBucketResult", NAMESPACE, fields)
        contents = "".join(
            f"<Contents><Key>{_esc(k)}</Key><LastModified>{iso(bucket.objects[k].modified)}"
            f"</LastModified><ETag>{_esc(bucket.objects[k].etag)}</ETag>"
            f"<Size>{len(bucket.objects[k].body)}</Size><StorageClass>STANDARD</StorageClass>"
            f"</Contents>" for k in page)
        body = body.replace(b"</ListBucketResult>", contents.encode() + b"</ListBucketResult>")
        return 200, {"Content-Type": "application/xml"}, body, "ListObjectsV2", {**log, "prefix": prefix}


def _esc(text):
    return escape(text)
