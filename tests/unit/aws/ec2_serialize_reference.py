#!/usr/bin/python3
"""Serializes one EC2 (or IAM) request with botocore's own Query serializer (Debian's
python3-botocore), for tests/unit/aws/ec2_test.cc and iam_test.cc to compare our parameters
against.

Usage: ec2_serialize_reference.py FILE, where FILE holds {"operation": .., "params": {..}}
and optionally "service" ("ec2" when absent; "iam" uses the plain Query protocol's
serializer, whose lists are Name.member.N); prints the form parameters as a JSON object.
"""
import json
import sys

try:
    import botocore.session
    from botocore import serialize
except ImportError:
    sys.exit("ec2_serialize_reference.py: botocore is missing; run scripts/setup.sh")

with open(sys.argv[1], encoding="utf-8") as f:
    request = json.load(f)
service = request.get("service", "ec2")
model = botocore.session.get_session().get_service_model(service)
operation = model.operation_model(request["operation"])
serialized = serialize.create_serializer(model.metadata["protocol"]).serialize_to_request(
    request["params"], operation)
# Integers stay ints in the body dict until the HTTP layer writes them as decimal text.
body = {key: str(value) for key, value in serialized["body"].items()}
print(json.dumps(body, ensure_ascii=False, sort_keys=True))
