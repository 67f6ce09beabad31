"""JSON 1.1 services (SSM, Service Quotas, Pricing) and STS (Query, XML responses)."""
import json

from . import world
from .errors import AwsError
from .xmlgen import document

STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/"
# X-Amz-Target prefixes (botocore's service models: targetPrefix).
TARGETS = {"AmazonSSM": "ssm", "ServiceQuotasV20190624": "servicequotas",
           "AWSPriceListService": "pricing"}
CLASS_LABELS = {"standard": "Standard (A, C, D, H, I, M, R, T, Z)", "g-vt": "G and VT",
                "p": "P", "x": "X", "f": "F", "inf": "Inf"}


class JsonServices:
    def __init__(self, catalog, ec2, clock):
        self.catalog = catalog
        self.ec2 = ec2
        self.clock = clock

    def handle(self, service, target, body, region):
        """Returns (response dict, action, params for the log)."""
        prefix, _, action = target.partition(".")
        if TARGETS.get(prefix) != service:
            raise AwsError("UnknownOperationException", f"Unknown target {target}")
        try:
            request = json.loads(body or b"{}")
        except ValueError:
            raise AwsError("SerializationException", "The request body is not JSON.")
        method = getattr(self, f"{service}_{action}", None)
        if method is None:
            raise AwsError("UnknownOperationException", f"Unknown operation {action}")
        return method(request, region), action

    def ssm_GetParameter(self, request, region):
        name = request.get("Name", "")
        arch = world.AMI_PARAMETERS.get(name)
        if arch is None:
            raise AwsError("ParameterNotFound", "")
        return {"Parameter": {"Name": name, "Type": "String", "Value": world.ami_id(region, arch),
                              "Version": 1, "DataType": "aws:ec2:image",
                              "ARN": f"arn:aws:ssm:{region}::parameter{name}",
                              "LastModifiedDate": 1764547200.0}}

    def servicequotas_GetServiceQuota(self, request, region):
        if request.get("ServiceCode") != "ec2":
            raise AwsError("NoSuchResourceException", "The fake knows only ec2 quotas.")
        code = request.get("QuotaCode")
        for (quota_class, market), known in world.QUOTA_CODES.items():
            if known == code:
                label = CLASS_LABELS[quota_class]
                return {"Quota": {
                    "ServiceCode": "ec2", "ServiceName": "Amazon Elastic Compute Cloud (Amazon EC2)",
                    "QuotaArn": f"arn:aws:servicequotas:{region}:{world.ACCOUNT_ID}:ec2/{code}",
                    "QuotaCode": code, "QuotaName": world.QUOTA_NAMES[market].format(label),
                    "Value": float(self.ec2.quota(quota_class, market)), "Unit": "None",
                    "Adjustable": True, "GlobalQuota": False}}
        raise AwsError("NoSuchResourceException", f"The request failed because the specified "
                       f"service quota {code} does not exist.")

    def pricing_GetProducts(self, request, region):
        """On-demand Linux shared-tenancy products; each PriceList item is a JSON string."""
        if request.get("ServiceCode") != "AmazonEC2":
            raise AwsError("InvalidParameterException", "The fake prices only AmazonEC2.")
        wanted = {f["Field"]: f["Value"] for f in request.get("Filters", [])}
        location_region = wanted.get("regionCode", "us-east-1")
        names = [wanted["instanceType"]] if "instanceType" in wanted else \
            self.catalog.offered_in(location_region)
        items = []
        for name in names:
            spec = self.catalog.types.get(name)
            if spec is None or location_region not in spec["prices"]:
                continue
            product = self._product(name, spec, location_region)
            attributes = product["product"]["attributes"]
            if all(attributes.get(field) == value for field, value in wanted.items()):
                items.append(json.dumps(product))
        start = int(request.get("NextToken") or 0)
        size = int(request.get("MaxResults", 100))
        result = {"FormatVersion": "aws_v1", "PriceList": items[start:start + size]}
        if start + size < len(items):
            result["NextToken"] = str(start + size)
        return result

    @staticmethod
    def _product(name, spec, region):
        sku = world._stable_hex("sku", name, region, length=16).upper()
        # Field names as the Price List API returns them (AWS Price List API, GetProducts).
        return {
            "product": {"productFamily": "Compute instance", "sku": sku, "attributes": {
                "instanceType": name, "vcpu": str(spec["vcpus"]),
                "memory": f"{spec['memory_mib'] / 1024:g} GiB", "regionCode": region,
                "operatingSystem": "Linux", "tenancy": "Shared", "preInstalledSw": "NA",
                "capacitystatus": "Used", "physicalProcessor": spec["manufacturer"],
                "operation": "RunInstances", "licenseModel": "No License required",
                "marketoption": "OnDemand", "locationType": "AWS Region",
                "servicecode": "AmazonEC2"}},
            "serviceCode": "AmazonEC2",
            "terms": {"OnDemand": {f"{sku}.JRTCKXETXF": {
                "offerTermCode": "JRTCKXETXF", "sku": sku,
                "priceDimensions": {f"{sku}.JRTCKXETXF.6YS6EN2CT7": {
                    "unit": "Hrs", "description": f"${spec['prices'][region]} per On Demand Linux {name} Instance Hour",
                    "pricePerUnit": {"USD": f"{spec['prices'][region]:.10f}"}}}}}},
            "version": "fake", "publicationDate": "2026-12-01T00:00:00Z"}

    # ---- STS (Query protocol) -------------------------------------------------------------
    def sts(self, action, params, access_key):
        if action == "GetCallerIdentity":
            arn, user_id = self.caller(access_key)
            fields = {"Arn": arn, "UserId": user_id, "Account": world.ACCOUNT_ID}
        elif action == "AssumeRole":
            role_arn = params.get("RoleArn", "")
            session = params.get("RoleSessionName", "")
            if not role_arn.startswith(f"arn:aws:iam::{world.ACCOUNT_ID}:role/") or not session:
                raise AwsError("AccessDenied", f"User: {world.USER_ARN} is not authorized to "
                               f"perform: sts:AssumeRole on resource: {role_arn}", 403)
            fields = {"Credentials": self.issue_role_credentials(),
                      "AssumedRoleUser": {"AssumedRoleId": f"AROAFAKEROLE00000001:{session}",
                                          "Arn": f"arn:aws:sts::{world.ACCOUNT_ID}:assumed-role/"
                                                 f"{role_arn.rsplit('/', 1)[-1]}/{session}"}}
        else:
            raise AwsError("InvalidAction", f"Could not find operation {action}")
        body = document(f"{action}Response", STS_NAMESPACE, {
            f"{action}Result": fields, "ResponseMetadata": {"RequestId": "fake-sts-request"}})
        return body

    issue_role_credentials = None  # set by the server: it owns the key store
    caller = None  # access key -> (ARN, user id), set by the server
