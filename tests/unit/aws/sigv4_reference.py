#!/usr/bin/python3
"""Signs random requests with botocore (Debian's python3-botocore), an implementation of
SigV4 independent of ours, and prints one JSON case per line for tests/unit/aws/
sigv4_differential_test.cc to re-sign and compare.

Usage: sigv4_reference.py --seed N --count M
"""
import argparse
import json
import random
import sys
from urllib.parse import quote

try:
    from botocore.auth import S3SigV4Auth, S3SigV4QueryAuth, SigV4Auth, SigV4QueryAuth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
    import botocore.auth
except ImportError:
    sys.exit("sigv4_reference.py: botocore is missing; run scripts/setup.sh (python3-botocore)")

# Characters the encoder must treat right: unreserved, reserved, '%', '+', space, UTF-8.
ALPHABET = (list("abcXYZ019-_.~") + list("!*'();:@&=+$,/?#[]% ") +
            ["é", "ü", "ß", "日本", "中", "😀", "\u00a0"])
HOSTS = ["example.amazonaws.com", "ec2.us-east-1.amazonaws.com",
         "examplebucket.s3.eu-west-1.amazonaws.com", "127.0.0.1:4566", "localhost:443",
         "LocalHost:8080", "s3.amazonaws.com"]
REGIONS = ["us-east-1", "eu-central-1", "ap-south-1", "us-west-2"]
SERVICES = ["ec2", "sts", "ssm", "s3", "s3", "servicequotas", "pricing"]
HEADER_NAMES = ["Content-Type", "X-Amz-Meta-Note", "x-amz-meta-Ünused-not", "Range",
                "X-Amz-Target", "Content-MD5"]


def text(rng, max_len, allow_empty=True):
    n = rng.randint(0 if allow_empty else 1, max_len)
    return "".join(rng.choice(ALPHABET) for _ in range(n))


def header_value(rng):
    # ASCII only (what goes on the wire), with runs of spaces to trim and collapse.
    chars = list("abc 019-=;,/") + ["  ", "   ", "\t"]
    return "".join(rng.choice(chars) for _ in range(rng.randint(0, 12)))


def path(rng, service):
    segments = []
    for _ in range(rng.randint(0, 5)):
        roll = rng.random()
        if roll < 0.1:
            segments.append("")
        elif roll < 0.2:
            segments.append(rng.choice([".", ".."]))
        else:
            segments.append(text(rng, 6, allow_empty=False))
    result = "/" + "/".join(segments)
    if rng.random() < 0.2:
        result += "/"
    return result


def make_case(rng, index):
    service = rng.choice(SERVICES)
    presign = rng.random() < 0.3
    query = []
    names_used = set()
    for _ in range(rng.randint(0, 5)):
        if query and not presign and rng.random() < 0.3:
            name = rng.choice(query)[0]  # a repeated name
        else:
            name = text(rng, 5, allow_empty=False)
            if presign and name in names_used:
                continue  # botocore's presigner keeps one value per name
        names_used.add(name)
        value = "" if rng.random() < 0.25 else text(rng, 8)
        query.append([name, value])
    headers = []
    for name in rng.sample(HEADER_NAMES, rng.randint(0, 3)):
        if name.isascii():
            headers.append([name, header_value(rng)])
    case = {
        "index": index,
        "service": service,
        "region": rng.choice(REGIONS),
        "time": rng.randint(946684800, 1893456000),
        "access_key": "AKID" + "".join(rng.choice("ABCDEFGHIJ0123456789") for _ in range(16)),
        "secret_key": "".join(rng.choice("abcdefXYZ0123456789+/") for _ in range(40)),
        "session_token": ("" if rng.random() < 0.5 else
                          "".join(rng.choice("abcXYZ019+/=") for _ in range(rng.randint(1, 60)))),
        "method": rng.choice(["GET", "PUT", "POST", "HEAD", "DELETE"]),
        "netloc": rng.choice(HOSTS),
        "path": path(rng, service),
        "query": query,
        "headers": headers,
        "body": "" if presign or rng.random() < 0.4 else text(rng, 30),
        "unsigned_payload": service == "s3" and rng.random() < 0.5,
        "expires": rng.randint(1, 604800) if presign else 0,
    }
    return case


class S3Config:
    def __init__(self, signing_enabled):
        self.s3 = {"payload_signing_enabled": signing_enabled}


def sign(case):
    url = "https://" + case["netloc"] + quote(case["path"], safe="/~")
    if case["query"]:
        url += "?" + "&".join(quote(k, safe="-_.~") + "=" + quote(v, safe="-_.~")
                              for k, v in case["query"])
    request = AWSRequest(method=case["method"], url=url, headers=dict(case["headers"]),
                         data=case["body"].encode("utf-8"))
    credentials = Credentials(case["access_key"], case["secret_key"],
                              case["session_token"] or None)
    s3 = case["service"] == "s3"
    if case["expires"]:
        cls = S3SigV4QueryAuth if s3 else SigV4QueryAuth
        auth = cls(credentials, case["service"], case["region"], expires=case["expires"])
    else:
        cls = S3SigV4Auth if s3 else SigV4Auth
        auth = cls(credentials, case["service"], case["region"])
        request.context["client_config"] = S3Config(not case["unsigned_payload"])
    # add_auth() without its clock: the same steps with the case's timestamp.
    request.context["timestamp"] = (
        __import__("datetime").datetime.utcfromtimestamp(case["time"])
        .strftime(botocore.auth.SIGV4_TIMESTAMP))
    auth._modify_request_before_signing(request)
    canonical_request = auth.canonical_request(request)
    string_to_sign = auth.string_to_sign(request, canonical_request)
    signature = auth.signature(string_to_sign, request)
    auth._inject_signature_to_request(request, signature)
    case["host"] = auth.headers_to_sign(request)["host"]
    case["canonical_request"] = canonical_request
    case["signature"] = signature
    case["authorization"] = request.headers.get("Authorization", "")
    return case


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--count", type=int, required=True)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    for index in range(args.count):
        print(json.dumps(sign(make_case(rng, index)), ensure_ascii=False))


if __name__ == "__main__":
    main()
