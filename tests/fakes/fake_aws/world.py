"""The fake account: credentials, regions, network, images, instance types, quotas, AMI
parameters. Instance types and on-demand prices come from the project's catalog
(data/catalog.json) so the fake and the planner agree; everything else is a fixture.
"""
import hashlib
import json
import os
import re

ACCOUNT_ID = "123456789012"
# The AWS documentation's example key pair (IAM User Guide, "Managing access keys"): obviously
# not a real credential, and distinctive enough to scan logs for.
TEST_ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE"
TEST_SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
ROLE_NAME = "abc-test-role"
USER_ARN = f"arn:aws:iam::{ACCOUNT_ID}:user/abc-test"
USER_ID = "AIDAFAKEUSERID0000001"

REGIONS = {
    "us-east-1": ["us-east-1a", "us-east-1b", "us-east-1c"],
    "us-west-2": ["us-west-2a", "us-west-2b"],
    "eu-central-1": ["eu-central-1a", "eu-central-1b"],
}
KEY_PAIRS = ["my-key"]
# The second group and the named subnet below are the placeholders of the seed command
# (`--security-group sg-xxx --subnet subnet-xxx`): they exist so that the command runs unchanged.
SECURITY_GROUPS = ["sg-0123456789abcdef0", "sg-xxx"]
SEED_SUBNETS = {"subnet-xxx": "us-east-1a"}
VPC_ID = "vpc-0a1b2c3d4e5f60708"

# Service Quotas codes for EC2 vCPU limits per instance class (EC2 User Guide, "On-Demand
# Instance quotas" and "Spot Instance quotas", whose console links carry the codes; cross-read
# with public Terraform/boto3 configurations that request them).
QUOTA_CODES = {
    ("standard", "on-demand"): "L-1216C47A", ("standard", "spot"): "L-34B43A08",
    ("g-vt", "on-demand"): "L-DB2E81BA", ("g-vt", "spot"): "L-3819A6DF",
    ("p", "on-demand"): "L-417A185B", ("p", "spot"): "L-7212CCBC",
    ("x", "on-demand"): "L-7295265B", ("x", "spot"): "L-E3A00192",
    ("f", "on-demand"): "L-74FC7D96", ("f", "spot"): "L-88CF9481",
    ("inf", "on-demand"): "L-1945791B", ("inf", "spot"): "L-B5D1601B",
}
QUOTA_NAMES = {"on-demand": "Running On-Demand {} instances", "spot": "All {} Spot Instance Requests"}
DEFAULT_QUOTA_VCPUS = 64  # the fake account's quota for every class and market unless set

# Public SSM parameters for the latest Amazon Linux 2023 AMI (Amazon Linux 2023 User Guide,
# "Launching AL2023 using the SSM parameter").
AMI_PARAMETERS = {
    "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64": "x86_64",
    "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64": "arm64",
    "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64": "x86_64",
    "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-arm64": "arm64",
}


def partition(region):
    """The ARN partition of a region (AWS General Reference, "Amazon Resource Names")."""
    if region.startswith("cn-"):
        return "aws-cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov"
    return "aws"


def _stable_hex(*parts, length=17):
    return hashlib.sha256("/".join(parts).encode()).hexdigest()[:length]


def ami_id(region, arch):
    return "ami-" + _stable_hex("ami", region, arch)


def subnet_id(az):
    return "subnet-" + _stable_hex("subnet", az)


def catalog_path():
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.join(here, "..", "..", "..", "data", "catalog.json")


def _threads_per_core(family):
    """Graviton has no SMT; neither have the 7th-generation AMD families (m7a, c7a, r7a...)
    nor the hpc families (EC2 Instance Types Guide, "CPU options" tables); the rest have 2."""
    name = family["name"]
    if family["architecture"] == "arm64" or name.startswith("hpc") or \
            (family.get("vendor") == "amd" and re.match(r"^[a-z]+7a", name)):
        return 1
    return 2


class Catalog:
    """Instance types of the project's catalog: vCPUs, memory, architecture, class, prices."""

    def __init__(self, path=None):
        with open(path or catalog_path(), encoding="utf-8") as f:
            data = json.load(f)
        families = {fam["name"]: fam for fam in data["families"]}
        self.types = {}
        for entry in data["types"]:
            family = families.get(entry["name"].split(".")[0])
            if family is None:
                continue
            prices = {}
            for region, price in entry.get("on_demand_usd_per_hour", {}).items():
                prices[region] = price if isinstance(price, (int, float)) else price["usd_per_hour"]
            self.types[entry["name"]] = {
                "vcpus": entry["vcpus"], "memory_mib": int(entry["memory_gib"] * 1024),
                "arch": family["architecture"],
                "quota_class": family.get("quota_class", "standard"),
                "threads_per_core": _threads_per_core(family),
                "manufacturer": {"intel": "Intel", "amd": "AMD"}.get(family.get("vendor"),
                                                                      "AWS"),
                "prices": prices,
            }

    def offered_in(self, region):
        return sorted(name for name, t in self.types.items() if region in t["prices"])


def subnets():
    generated = [{"id": subnet_id(az), "az": az, "region": region,
                  "cidr": f"10.{i}.{j}.0/24"}
                 for i, (region, azs) in enumerate(REGIONS.items()) for j, az in enumerate(azs)]
    named = [{"id": sid, "az": az, "region": az[:-1], "cidr": f"10.200.{k}.0/24"}
             for k, (sid, az) in enumerate(SEED_SUBNETS.items())]
    return generated + named


def describe():
    """The fake account's fixed resources, for tests that configure a client."""
    return {
        "account_id": ACCOUNT_ID, "access_key_id": TEST_ACCESS_KEY,
        "security_groups": SECURITY_GROUPS, "key_pairs": KEY_PAIRS,
        "regions": {region: {
            "availability_zones": azs,
            "subnets": [{"id": s["id"], "availability_zone": s["az"]}
                        for s in subnets() if s["region"] == region],
            "amis": {arch: ami_id(region, arch) for arch in ("x86_64", "arm64")},
        } for region, azs in REGIONS.items()},
    }
