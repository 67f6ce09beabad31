"""EC2 Query API 2016-11-15: the actions the tool sends, with real element names (botocore's
ec2 service model gives each member's locationName)."""
import base64
import datetime
import hashlib

from . import world
from .clock import iso, parse_iso
from .ec2_state import (STATE_CODES, REASON_USER, Faults, Instance, Timing, TokenBucket, new_id)
from .errors import AwsError
from .query import filters, members, paginate, required, structs
from .xmlgen import document

NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/"
SPOT_FRACTION = 0.35  # fixture: the fake's spot price is this share of on-demand, varied per AZ


class Ec2:
    def __init__(self, catalog, clock, iam):
        self.catalog = catalog
        self.clock = clock
        self.iam = iam  # instance profiles, for RunInstances' IamInstanceProfile
        self.timing = Timing()
        self.faults = Faults()
        self.bucket = TokenBucket()
        self.instances = {}  # id -> Instance, launch order
        self.tokens = {}  # client token -> (fingerprint, reservation id)

    # ---- helpers -------------------------------------------------------------------------
    def quota(self, quota_class, market):
        return self.faults.quotas.get(f"{quota_class}:{market}", world.DEFAULT_QUOTA_VCPUS)

    def _visible(self, now):
        keep = datetime.timedelta(seconds=self.timing.terminated_visible_seconds)
        for inst in self.instances.values():
            if now < inst.visible_at:
                continue
            state = inst.state(now, self.timing)
            if state == "terminated" and inst.end_at and now > inst.end_at + keep:
                continue
            yield inst

    def live_vcpus(self, quota_class, market, now):
        return sum(i.vcpus for i in self.instances.values()
                   if i.quota_class == quota_class and i.market == market
                   and i.state(now, self.timing) in ("pending", "running"))

    def instance_xml(self, inst, now):
        state = inst.state(now, self.timing)
        return {
            "instanceId": inst.instance_id, "imageId": inst.image_id,
            "instanceState": {"code": STATE_CODES[state], "name": state},
            "privateDnsName": "ip-10-0-0-1.ec2.internal", "dnsName": "",
            "reason": inst.transition_reason, "keyName": inst.key_name or None,
            "amiLaunchIndex": 0, "instanceType": inst.instance_type,
            "launchTime": iso(inst.launched_at),
            "placement": {"availabilityZone": inst.az, "tenancy": "default"},
            "monitoring": {"state": "disabled"}, "subnetId": inst.subnet_id, "vpcId": world.VPC_ID,
            "privateIpAddress": "10.0.0.1",
            "groupSet": [{"groupId": g, "groupName": "default"} for g in inst.security_groups],
            "stateReason": self._state_reason(inst, state, now),
            "architecture": inst.arch, "rootDeviceType": "ebs", "rootDeviceName": "/dev/xvda",
            "instanceLifecycle": "spot" if inst.market == "spot" else None,
            "spotInstanceRequestId": ("sir-" + inst.instance_id[2:10]) if inst.market == "spot" else None,
            "clientToken": inst.client_token or None,
            "tagSet": [{"key": k, "value": v} for k, v in inst.tags.items()] or None,
            "iamInstanceProfile": self._profile_xml(inst.instance_profile),
            "metadataOptions": {"state": "applied", "httpTokens": "required",
                                "httpEndpoint": "enabled", "httpPutResponseHopLimit": 1},
        }

    def _profile_xml(self, name):
        profile = self.iam.profiles.get(name) if name else None
        return {"arn": profile.arn, "id": profile.profile_id} if profile else None

    @staticmethod
    def _state_reason(inst, state, now):
        if state == "pending":  # EC2 reports pending instances with this reason
            return {"code": "pending", "message": "pending"}
        if inst.reason and inst.end_at <= now:
            return {"code": inst.reason[0], "message": inst.reason[1]}
        return None

    def _reservations(self, instances, now):
        grouped = {}
        for inst in instances:
            grouped.setdefault(inst.reservation_id, []).append(inst)
        return [{"reservationId": rid, "ownerId": world.ACCOUNT_ID, "groupSet": None,
                 "instancesSet": [self.instance_xml(i, now) for i in insts]}
                for rid, insts in grouped.items()]

    # ---- dispatch ------------------------------------------------------------------------
    def handle(self, action, params, region):
        """Returns (response bytes, lose_reply) or raises AwsError."""
        now = self.clock.now()
        if not self.bucket.take(datetime.datetime.now(datetime.timezone.utc)):
            raise AwsError("RequestLimitExceeded", "Request limit exceeded.", 503)
        method = getattr(self, "do_" + action, None)
        if method is None:
            raise AwsError("InvalidAction", f"The action {action} is not valid for this web service.")
        fields = method(params, region, now)
        body = document(action + "Response", NAMESPACE, {"requestId": new_id("req"), **fields})
        return body, self.faults.take_lost_reply(action)

    # ---- RunInstances ----------------------------------------------------------------------
    def do_RunInstances(self, params, region, now):
        token = params.get("ClientToken", "")
        fingerprint = hashlib.sha256(repr(sorted(
            (k, v) for k, v in params.items() if k not in ("ClientToken",))).encode()).hexdigest()
        if token and token in self.tokens:
            known_fingerprint, reservation_id = self.tokens[token]
            if known_fingerprint != fingerprint:
                raise AwsError("IdempotentParameterMismatch",
                               "Specified idempotency token was already used with different parameters.")
            same = [i for i in self.instances.values() if i.reservation_id == reservation_id]
            return self._reservations(same, now)[0]
        inst = self._launch(params, region, now, token)
        if token:
            self.tokens[token] = (fingerprint, inst.reservation_id)
        self.instances[inst.instance_id] = inst
        return self._reservations([inst], now)[0]

    def _launch(self, params, region, now, token):
        if int(params.get("MinCount", "1")) != 1 or int(params.get("MaxCount", "1")) != 1:
            raise AwsError("InvalidParameterValue", "The fake launches one instance per call.")
        type_name = required(params, "InstanceType")
        spec = self.catalog.types.get(type_name)
        if spec is None:
            raise AwsError("InvalidParameterValue",
                           f"Invalid value '{type_name}' for InstanceType.")
        image_id = required(params, "ImageId")
        image = self._image(image_id, region)
        if image is None:
            raise AwsError("InvalidAMIID.NotFound", f"The image id '[{image_id}]' does not exist")
        if image != spec["arch"]:
            raise AwsError("InvalidParameterValue",
                           f"The architecture '{spec['arch']}' of the specified instance type does "
                           f"not match the architecture '{image}' of the specified AMI.")
        subnet = self._subnet(params.get("SubnetId"), region)
        for group in members(params, "SecurityGroupId"):
            if group not in world.SECURITY_GROUPS:
                raise AwsError("InvalidGroup.NotFound", f"The security group '{group}' does not exist")
        key = params.get("KeyName")
        if key and key not in world.KEY_PAIRS:
            raise AwsError("InvalidKeyPair.NotFound", f"The key pair '{key}' does not exist")
        profile = self._instance_profile(params)
        market = "spot" if params.get("InstanceMarketOptions.MarketType") == "spot" else "on-demand"
        if type_name not in self.catalog.offered_in(region):
            raise AwsError("Unsupported", f"Your requested instance type ({type_name}) is not "
                           f"supported in your requested Availability Zone ({subnet['az']}).")
        used = self.live_vcpus(spec["quota_class"], market, now)
        limit = self.quota(spec["quota_class"], market)
        if used + spec["vcpus"] > limit:
            if market == "spot":
                raise AwsError("MaxSpotInstanceCountExceeded", "Max spot instance count exceeded")
            raise AwsError("VcpuLimitExceeded",
                           f"You have requested more vCPU capacity than your current vCPU limit of "
                           f"{limit} allows for the instance bucket that the specified instance "
                           f"type belongs to.")
        pool = self.faults.capacity_pool(subnet["az"], market, type_name)
        if pool is not None:
            if pool["remaining"] <= 0:
                raise AwsError("InsufficientInstanceCapacity",
                               f"We currently do not have sufficient {type_name} capacity in the "
                               f"Availability Zone you requested ({subnet['az']}).", 500)
            pool["remaining"] -= 1
        tags = {}
        for spec_group in structs(params, "TagSpecification"):
            if spec_group.get("ResourceType") == "instance":
                for tag in structs(spec_group, "Tag"):
                    tags[tag.get("Key", "")] = tag.get("Value", "")
        user_data = base64.b64decode(params.get("UserData", "")) if params.get("UserData") else b""
        if len(params.get("UserData", "")) > 16384:
            raise AwsError("InvalidParameterValue", "User data is limited to 16384 bytes")
        return Instance(
            instance_id=new_id("i"), reservation_id=new_id("r"), instance_type=type_name,
            region=region, az=subnet["az"], subnet_id=subnet["id"], image_id=image_id,
            market=market, client_token=token, tags=tags, key_name=key,
            security_groups=members(params, "SecurityGroupId"), user_data=user_data,
            launched_at=now,
            visible_at=now + datetime.timedelta(seconds=self.timing.consistency_delay_seconds),
            vcpus=spec["vcpus"], quota_class=spec["quota_class"], arch=spec["arch"],
            params={k: v for k, v in params.items() if k != "UserData"},
            instance_profile=profile.name if profile else None)

    def _instance_profile(self, params):
        """The launch's instance profile: unknown, or created too recently for EC2 to see it
        (IAM is eventually consistent), is InvalidParameterValue in AWS's words."""
        name, arn = params.get("IamInstanceProfile.Name"), params.get("IamInstanceProfile.Arn")
        if name is None and arn is None:
            return None
        if name is not None and arn is not None:
            raise AwsError("InvalidParameterCombination", "The parameter iamInstanceProfile.name "
                           "cannot be used with the parameter iamInstanceProfile.arn")
        profile = self.iam.profile_for_launch(name=name, arn=arn)
        if profile is None:
            if arn is not None:
                raise AwsError("InvalidParameterValue", f"Value ({arn}) for parameter "
                               f"iamInstanceProfile.arn is invalid. Invalid IAM Instance Profile ARN")
            raise AwsError("InvalidParameterValue", f"Value ({name}) for parameter "
                           f"iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name")
        return profile

    def _image(self, image_id, region):
        for arch in ("x86_64", "arm64"):
            if world.ami_id(region, arch) == image_id:
                return arch
        return None

    def _subnet(self, subnet_id, region):
        candidates = [s for s in world.subnets() if s["region"] == region]
        if not subnet_id:
            return candidates[0]
        for subnet in candidates:
            if subnet["id"] == subnet_id:
                return subnet
        raise AwsError("InvalidSubnetID.NotFound", f"The subnet ID '{subnet_id}' does not exist")

    # ---- DescribeInstances / TerminateInstances -------------------------------------------
    def _match(self, inst, wanted, now):
        for name, values in wanted.items():
            if name == "instance-state-name":
                ok = inst.state(now, self.timing) in values
            elif name == "tag-key":
                ok = any(k in values for k in inst.tags)
            elif name.startswith("tag:"):
                ok = inst.tags.get(name[4:]) in values
            elif name == "client-token":
                ok = inst.client_token in values
            elif name == "instance-type":
                ok = inst.instance_type in values
            elif name == "availability-zone":
                ok = inst.az in values
            elif name == "instance-id":
                ok = inst.instance_id in values
            else:
                raise AwsError("InvalidParameterValue", f"The filter '{name}' is invalid")
            if not ok:
                return False
        return True

    def do_DescribeInstances(self, params, region, now):
        ids = members(params, "InstanceId")
        if ids and "MaxResults" in params:
            raise AwsError("InvalidParameterCombination",
                           "The parameter instancesSet cannot be used with the parameter maxResults")
        visible = {i.instance_id: i for i in self._visible(now) if i.region == region}
        missing = [i for i in ids if i not in visible]
        if missing:
            raise AwsError("InvalidInstanceID.NotFound",
                           f"The instance ID{'s' if len(missing) > 1 else ''} "
                           f"'{', '.join(missing)}' {'do' if len(missing) > 1 else 'does'} not exist")
        wanted = filters(params)
        chosen = [i for i in visible.values() if (not ids or i.instance_id in ids)
                  and self._match(i, wanted, now)]
        page, token = paginate(chosen, params, default_max=1000)
        return {"reservationSet": self._reservations(page, now), "nextToken": token}

    def do_TerminateInstances(self, params, region, now):
        ids = members(params, "InstanceId")
        if not ids:
            raise AwsError("MissingParameter", "The request must contain the parameter InstanceId")
        known = [self.instances.get(i) for i in ids]
        missing = [i for i, inst in zip(ids, known) if inst is None or inst.region != region]
        if missing:
            raise AwsError("InvalidInstanceID.NotFound",
                           f"The instance ID '{', '.join(missing)}' does not exist")
        items = []
        for inst in known:
            before = inst.state(now, self.timing)
            gmt = now.strftime("%Y-%m-%d %H:%M:%S GMT")
            inst.end(now, REASON_USER, f"User initiated ({gmt})")
            after = inst.state(now, self.timing)
            items.append({"instanceId": inst.instance_id,
                          "currentState": {"code": STATE_CODES[after], "name": after},
                          "previousState": {"code": STATE_CODES[before], "name": before}})
        return {"instancesSet": items}

    # ---- catalog-like calls ----------------------------------------------------------------
    def spot_price(self, instance_type, az, moment):
        """A fixture price: a share of on-demand, varying per AZ and six-hour period."""
        base = self.catalog.types[instance_type]["prices"].get(az[:-1])
        period = int(moment.timestamp()) // 21600
        wobble = int(hashlib.sha256(f"{az}/{instance_type}/{period}".encode()).hexdigest()[:4], 16)
        return round(base * SPOT_FRACTION * (0.9 + 0.2 * wobble / 0xFFFF), 6)

    def do_DescribeSpotPriceHistory(self, params, region, now):
        types = members(params, "InstanceType") or self.catalog.offered_in(region)[:20]
        azs = [params["AvailabilityZone"]] if params.get("AvailabilityZone") else world.REGIONS[region]
        end = parse_iso(params["EndTime"]) if params.get("EndTime") else now
        start = parse_iso(params["StartTime"]) if params.get("StartTime") else end
        items = []
        for type_name in types:
            if type_name not in self.catalog.types or region not in self.catalog.types[type_name]["prices"]:
                continue
            for az in azs:
                moment = datetime.datetime.fromtimestamp(
                    int(start.timestamp()) // 21600 * 21600, datetime.timezone.utc)
                while moment <= end:
                    items.append({"availabilityZone": az, "instanceType": type_name,
                                  "productDescription": "Linux/UNIX",
                                  "spotPrice": f"{self.spot_price(type_name, az, moment):.6f}",
                                  "timestamp": iso(moment)})
                    moment += datetime.timedelta(hours=6)
        page, token = paginate(items, params, default_max=1000, low=1)
        return {"spotPriceHistorySet": page, "nextToken": token}

    def do_DescribeInstanceTypes(self, params, region, now):
        names = members(params, "InstanceType") or self.catalog.offered_in(region)
        unknown = [n for n in names if n not in self.catalog.types]
        if unknown:
            raise AwsError("InvalidInstanceType",
                           f"The following supplied instance types do not exist: [{', '.join(unknown)}]")
        items = []
        for name in names:
            spec = self.catalog.types[name]
            items.append({
                "instanceType": name, "currentGeneration": True,
                "supportedUsageClasses": ["on-demand", "spot"],
                "supportedRootDeviceTypes": ["ebs"], "supportedVirtualizationTypes": ["hvm"],
                "bareMetal": name.endswith("metal"), "hypervisor": "nitro",
                "processorInfo": {"supportedArchitectures": [spec["arch"]],
                                  "manufacturer": spec["manufacturer"]},
                "vCpuInfo": {"defaultVCpus": spec["vcpus"],
                             "defaultCores": spec["vcpus"] // spec["threads_per_core"],
                             "defaultThreadsPerCore": spec["threads_per_core"]},
                "burstablePerformanceSupported": name.startswith("t"),
                "memoryInfo": {"sizeInMiB": spec["memory_mib"]},
            })
        page, token = paginate(items, params, default_max=100, low=5, high=100)
        return {"instanceTypeSet": page, "nextToken": token}

    def do_DescribeInstanceTypeOfferings(self, params, region, now):
        location_type = params.get("LocationType", "region")
        if location_type not in ("region", "availability-zone"):
            raise AwsError("InvalidParameterValue", f"Invalid LocationType '{location_type}'")
        wanted = filters(params)
        locations = [region] if location_type == "region" else world.REGIONS[region]
        items = [{"instanceType": t, "locationType": location_type, "location": loc}
                 for t in self.catalog.offered_in(region) for loc in locations
                 if t in wanted.get("instance-type", [t]) and loc in wanted.get("location", [loc])]
        page, token = paginate(items, params, default_max=1000)
        return {"instanceTypeOfferingSet": page, "nextToken": token}

    def do_DescribeSubnets(self, params, region, now):
        ids = members(params, "SubnetId")
        known = {s["id"]: s for s in world.subnets() if s["region"] == region}
        for subnet_id in ids:
            if subnet_id not in known:
                raise AwsError("InvalidSubnetID.NotFound", f"The subnet ID '{subnet_id}' does not exist")
        chosen = [known[i] for i in ids] if ids else list(known.values())
        items = [{"subnetId": s["id"], "state": "available", "vpcId": world.VPC_ID,
                  "cidrBlock": s["cidr"], "availableIpAddressCount": 250,
                  "availabilityZone": s["az"], "defaultForAz": False,
                  "mapPublicIpOnLaunch": True, "ownerId": world.ACCOUNT_ID} for s in chosen]
        page, token = paginate(items, params, default_max=1000)
        return {"subnetSet": page, "nextToken": token}

    def do_DescribeSecurityGroups(self, params, region, now):
        ids = members(params, "GroupId")
        for group in ids:
            if group not in world.SECURITY_GROUPS:
                raise AwsError("InvalidGroup.NotFound", f"The security group '{group}' does not exist")
        items = [{"ownerId": world.ACCOUNT_ID, "groupId": g, "groupName": "abc-test",
                  "groupDescription": "fake", "vpcId": world.VPC_ID}
                 for g in (ids or world.SECURITY_GROUPS)]
        page, token = paginate(items, params, default_max=1000)
        return {"securityGroupInfo": page, "nextToken": token}

    def do_DescribeKeyPairs(self, params, region, now):
        names = members(params, "KeyName")
        for name in names:
            if name not in world.KEY_PAIRS:
                raise AwsError("InvalidKeyPair.NotFound", f"The key pair '{name}' does not exist")
        return {"keySet": [{"keyPairId": "key-" + world._stable_hex("key", n), "keyName": n,
                            "keyType": "ed25519", "keyFingerprint": world._stable_hex(n, length=40)}
                           for n in (names or world.KEY_PAIRS)]}

    def do_DescribeImages(self, params, region, now):
        ids = members(params, "ImageId")
        known = {world.ami_id(region, arch): arch for arch in ("x86_64", "arm64")}
        for image_id in ids:
            if image_id not in known:
                raise AwsError("InvalidAMIID.NotFound", f"The image id '[{image_id}]' does not exist")
        items = [{"imageId": i, "imageLocation": f"amazon/al2023-ami-fake-{known[i]}",
                  "imageState": "available", "imageOwnerId": "137112412989", "isPublic": True,
                  "architecture": known[i], "imageType": "machine",
                  "name": f"al2023-ami-2023.6.fake-kernel-6.1-{known[i]}",
                  "rootDeviceType": "ebs", "rootDeviceName": "/dev/xvda",
                  "virtualizationType": "hvm", "platformDetails": "Linux/UNIX",
                  "creationDate": "2026-11-01T00:00:00.000Z"} for i in (ids or known)]
        return {"imagesSet": items}
