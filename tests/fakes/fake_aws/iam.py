"""IAM Query API 2010-05-08: the roles and instance profiles the tool's agent runs under.

Element names, error codes and HTTP statuses from botocore's `iam` service model
(botocore/data/iam/2010-05-08/service-2.json); lists are <member> elements; policy documents
come back URL-encoded (RFC 3986), as IAM returns them (botocore's `json_decode_policies`
handler decodes them). IAM is global: the state is one per fake account, whatever the
signing region.

Also here: the evaluation of a role's inline policies for requests signed with the role's
credentials (Allow and Deny statements; Action and Resource exact or ending in `*`), which S3
enforces."""
import datetime
import json
import re
import secrets
import string
import uuid
from dataclasses import dataclass, field
from urllib.parse import quote

from . import world
from .clock import iso
from .errors import QUERY_NAMESPACES, AwsError
from .query import structs
from .xmlgen import document

NAMESPACE = QUERY_NAMESPACES["iam"]
VERSION = "2010-05-08"
NAME = re.compile(r"[\w+=,.@-]+", re.ASCII)  # roleNameType, instanceProfileNameType, ...
PATH = re.compile(r"/|/[\x21-\x7f]+/")  # pathType
MAX_ROLE_NAME, MAX_OTHER_NAME = 64, 128
# IAM User Guide, "IAM and AWS STS quotas": a role's inline policies together hold at most
# 10,240 characters, white space not counted; an instance profile holds one role.
MAX_ROLE_INLINE_POLICY_CHARS = 10240
ROLES_PER_INSTANCE_PROFILE = 1
# A new instance profile is not usable by EC2 at once (IAM is eventually consistent); real
# time, since the tool waits by its own clock. Tests set it through /_fake/faults.
DEFAULT_PROFILE_VISIBILITY_SECONDS = 4.0


@dataclass
class Role:
    name: str
    path: str
    role_id: str
    arn: str
    created: datetime.datetime
    trust_policy: str
    description: str = None
    tags: list = field(default_factory=list)
    policies: dict = field(default_factory=dict)  # inline policy name -> document (JSON text)


@dataclass
class InstanceProfile:
    name: str
    path: str
    profile_id: str
    arn: str
    created: datetime.datetime
    created_real: datetime.datetime  # for EC2's visibility delay
    roles: list = field(default_factory=list)  # role names (at most one)


def _unique_id(prefix):
    """IAM's unique ids: a type prefix (AROA role, AIPA instance profile) and 17 more."""
    alphabet = string.ascii_uppercase + string.digits
    return prefix + "".join(secrets.choice(alphabet) for _ in range(17))


def _encoded(document_text):
    return quote(document_text, safe="-_.~")


def parse_policy(text, trust):
    """The policy's statements; MalformedPolicyDocument as IAM says it for what it refuses."""
    try:
        policy = json.loads(text)
    except ValueError:
        raise AwsError("MalformedPolicyDocument", "Syntax errors in policy.")
    if not isinstance(policy, dict) or "Statement" not in policy:
        raise AwsError("MalformedPolicyDocument", "Syntax errors in policy.")
    statements = policy["Statement"]
    statements = statements if isinstance(statements, list) else [statements]
    for statement in statements:
        if not isinstance(statement, dict) or statement.get("Effect") not in ("Allow", "Deny"):
            raise AwsError("MalformedPolicyDocument", "Syntax errors in policy.")
        if trust and "Principal" not in statement:
            raise AwsError("MalformedPolicyDocument", "Missing required field Principal")
        if not trust and "Principal" in statement:
            raise AwsError("MalformedPolicyDocument",
                           "Policy document should not specify a principal.")
        if not trust and "Resource" not in statement:
            raise AwsError("MalformedPolicyDocument", "Policy statement must contain resources.")
    return statements


def _listed(value):
    return value if isinstance(value, list) else [value]


def _matches(pattern, value, ignore_case):
    if ignore_case:
        pattern, value = pattern.lower(), value.lower()
    if pattern.endswith("*"):
        return value.startswith(pattern[:-1])
    return pattern == value


def _statement_applies(statement, action, resource):
    """Action names ignore case, resources do not; `*` matches the rest of either (IAM
    allows it anywhere; the fake only at the end, so an Allow written with an inner `*` is
    stricter here than on AWS)."""
    actions = _listed(statement.get("Action", []))
    resources = _listed(statement.get("Resource", []))
    return any(_matches(a, action, ignore_case=True) for a in actions if isinstance(a, str)) \
        and any(_matches(r, resource, ignore_case=False) for r in resources if isinstance(r, str))


def policies_allow(documents, action, resource):
    """Whether inline policies allow `action` on `resource`: an Allow applies and no Deny."""
    allowed = False
    for text in documents:
        for statement in _listed(json.loads(text).get("Statement", [])):
            if _statement_applies(statement, action, resource):
                if statement["Effect"] == "Deny":
                    return False
                allowed = True
    return allowed


class Iam:
    def __init__(self, clock):
        self.clock = clock
        self.roles = {}
        self.profiles = {}
        self.denied = set()  # action names refused with AccessDenied ("*": all)
        self.profile_visibility_seconds = DEFAULT_PROFILE_VISIBILITY_SECONDS

    # ---- dispatch ------------------------------------------------------------------------
    def handle(self, action, params, partition, caller_arn):
        """Returns the response bytes or raises AwsError."""
        if params.get("Version") != VERSION:
            raise AwsError("InvalidParameterValue", f"The fake speaks IAM API {VERSION}.")
        method = getattr(self, "do_" + action, None)
        if method is None:
            raise AwsError("InvalidAction", f"Could not find operation {action} for version "
                           f"{VERSION}")
        if action in self.denied or "*" in self.denied:
            raise AwsError("AccessDenied", f"User: {caller_arn} is not authorized to perform: "
                           f"iam:{action} on resource: {self._resource_of(params, partition)} "
                           f"because no identity-based policy allows the iam:{action} action",
                           403)
        fields = method(params, partition)
        result = {f"{action}Result": fields} if fields is not None else {}
        return document(f"{action}Response", NAMESPACE, {
            **result, "ResponseMetadata": {"RequestId": str(uuid.uuid4())}}, item="member")

    @staticmethod
    def _resource_of(params, partition):
        if params.get("InstanceProfileName"):
            return (f"arn:{partition}:iam::{world.ACCOUNT_ID}:instance-profile/"
                    f"{params['InstanceProfileName']}")
        return f"arn:{partition}:iam::{world.ACCOUNT_ID}:role/{params.get('RoleName', '')}"

    # ---- lookups -------------------------------------------------------------------------
    def _role(self, name):
        role = self.roles.get(name)
        if role is None:
            raise AwsError("NoSuchEntity", f"The role with name {name} cannot be found.", 404)
        return role

    def _profile(self, name):
        profile = self.profiles.get(name)
        if profile is None:
            raise AwsError("NoSuchEntity", f"Instance Profile {name} cannot be found.", 404)
        return profile

    def profile_for_launch(self, name=None, arn=None):
        """The instance profile RunInstances names, if EC2 can see it yet, else None."""
        if arn is not None:
            found = next((p for p in self.profiles.values() if p.arn == arn), None)
        else:
            found = self.profiles.get(name)
        if found is None:
            return None
        visible_at = found.created_real + datetime.timedelta(
            seconds=self.profile_visibility_seconds)
        return found if datetime.datetime.now(datetime.timezone.utc) >= visible_at else None

    def role_of_profile(self, profile_name):
        profile = self.profiles.get(profile_name)
        return self.roles.get(profile.roles[0]) if profile and profile.roles else None

    def allows(self, role_name, action, resource):
        role = self.roles.get(role_name)
        return role is not None and policies_allow(role.policies.values(), action, resource)

    # ---- validation ----------------------------------------------------------------------
    @staticmethod
    def _name(params, key, longest):
        value = required_iam(params, key)
        if len(value) > longest or not NAME.fullmatch(value):
            raise AwsError("ValidationError", f"1 validation error detected: Value '{value}' at "
                           f"'{key[0].lower() + key[1:]}' failed to satisfy constraint: Member "
                           f"must satisfy regular expression pattern: [\\w+=,.@-]+ and have "
                           f"length less than or equal to {longest}")
        return value

    @staticmethod
    def _path(params):
        path = params.get("Path") or "/"
        if len(path) > 512 or not PATH.fullmatch(path):
            raise AwsError("ValidationError", f"1 validation error detected: Value '{path}' at "
                           f"'path' failed to satisfy constraint: Member must satisfy regular "
                           f"expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007F]+\\u002F)")
        return path

    # ---- XML shapes ----------------------------------------------------------------------
    @staticmethod
    def role_xml(role, last_used=False):
        fields = {"Path": role.path, "RoleName": role.name, "RoleId": role.role_id,
                  "Arn": role.arn, "CreateDate": iso(role.created),
                  "AssumeRolePolicyDocument": _encoded(role.trust_policy),
                  "Description": role.description, "MaxSessionDuration": 3600,
                  "Tags": role.tags or None}
        if last_used:
            fields["RoleLastUsed"] = {}
        return fields

    def profile_xml(self, profile):
        return {"Path": profile.path, "InstanceProfileName": profile.name,
                "InstanceProfileId": profile.profile_id, "Arn": profile.arn,
                "CreateDate": iso(profile.created),
                "Roles": [self.role_xml(self.roles[name]) for name in profile.roles]}

    # ---- actions -------------------------------------------------------------------------
    def do_GetRole(self, params, partition):
        return {"Role": self.role_xml(self._role(self._name(params, "RoleName", MAX_ROLE_NAME)),
                                      last_used=True)}

    def do_CreateRole(self, params, partition):
        name = self._name(params, "RoleName", MAX_ROLE_NAME)
        path = self._path(params)
        trust = required_iam(params, "AssumeRolePolicyDocument")
        parse_policy(trust, trust=True)
        if name.lower() in (known.lower() for known in self.roles):  # IAM names ignore case
            raise AwsError("EntityAlreadyExists", f"Role with name {name} already exists.", 409)
        tags = [{"Key": t.get("Key", ""), "Value": t.get("Value", "")}
                for t in structs(params, "Tags.member")]
        role = Role(name=name, path=path, role_id=_unique_id("AROA"),
                    arn=f"arn:{partition}:iam::{world.ACCOUNT_ID}:role{path}{name}",
                    created=self.clock.now(), trust_policy=trust,
                    description=params.get("Description"), tags=tags)
        self.roles[name] = role
        return {"Role": self.role_xml(role)}

    def do_PutRolePolicy(self, params, partition):
        role = self._role(self._name(params, "RoleName", MAX_ROLE_NAME))
        policy_name = self._name(params, "PolicyName", MAX_OTHER_NAME)
        text = required_iam(params, "PolicyDocument")
        parse_policy(text, trust=False)
        after = {**role.policies, policy_name: text}
        size = sum(len("".join(doc.split())) for doc in after.values())
        if size > MAX_ROLE_INLINE_POLICY_CHARS:
            raise AwsError("LimitExceeded", f"Maximum policy size of "
                           f"{MAX_ROLE_INLINE_POLICY_CHARS} bytes exceeded for role {role.name}",
                           409)
        role.policies = after
        return None

    def do_GetRolePolicy(self, params, partition):
        role = self._role(self._name(params, "RoleName", MAX_ROLE_NAME))
        policy_name = self._name(params, "PolicyName", MAX_OTHER_NAME)
        if policy_name not in role.policies:
            raise AwsError("NoSuchEntity", f"The role policy with name {policy_name} cannot be "
                           f"found.", 404)
        return {"RoleName": role.name, "PolicyName": policy_name,
                "PolicyDocument": _encoded(role.policies[policy_name])}

    def do_GetInstanceProfile(self, params, partition):
        name = self._name(params, "InstanceProfileName", MAX_OTHER_NAME)
        return {"InstanceProfile": self.profile_xml(self._profile(name))}

    def do_CreateInstanceProfile(self, params, partition):
        name = self._name(params, "InstanceProfileName", MAX_OTHER_NAME)
        profile = self.create_profile(name, self._path(params), partition)
        return {"InstanceProfile": self.profile_xml(profile)}

    def create_profile(self, name, path, partition, visible_now=False):
        if name.lower() in (known.lower() for known in self.profiles):
            raise AwsError("EntityAlreadyExists", f"Instance Profile {name} already exists.", 409)
        real_now = datetime.datetime.now(datetime.timezone.utc)
        profile = InstanceProfile(
            name=name, path=path, profile_id=_unique_id("AIPA"),
            arn=f"arn:{partition}:iam::{world.ACCOUNT_ID}:instance-profile{path}{name}",
            created=self.clock.now(),
            created_real=real_now - datetime.timedelta(days=1) if visible_now else real_now)
        self.profiles[name] = profile
        return profile

    def do_AddRoleToInstanceProfile(self, params, partition):
        profile = self._profile(self._name(params, "InstanceProfileName", MAX_OTHER_NAME))
        role = self._role(self._name(params, "RoleName", MAX_ROLE_NAME))
        if len(profile.roles) >= ROLES_PER_INSTANCE_PROFILE:
            raise AwsError("LimitExceeded", "Cannot exceed quota for "
                           f"InstanceSessionsPerInstanceProfile: {ROLES_PER_INSTANCE_PROFILE}",
                           409)
        profile.roles.append(role.name)
        return None

    # ---- control API ---------------------------------------------------------------------
    def precreate(self, request):
        """POST /_fake/iam: a profile (and its role, with inline policies) as a user would
        have made it beforehand; visible to EC2 at once unless "visible_now" is false."""
        partition = "aws"
        profile_name = request["instance_profile"]
        if profile_name in self.profiles:  # before anything changes
            raise AwsError("EntityAlreadyExists", f"Instance Profile {profile_name} already "
                           f"exists.", 409)
        role_name = request.get("role", profile_name)  # null: a profile without a role
        if role_name and role_name not in self.roles:
            trust = json.dumps(request.get("trust_policy", {
                "Version": "2012-10-17", "Statement": [{
                    "Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                    "Action": "sts:AssumeRole"}]}))
            self.do_CreateRole({"RoleName": role_name, "AssumeRolePolicyDocument": trust},
                               partition)
        for policy_name, policy in request.get("policies", {}).items():
            text = policy if isinstance(policy, str) else json.dumps(policy)
            self.do_PutRolePolicy({"RoleName": role_name, "PolicyName": policy_name,
                                   "PolicyDocument": text}, partition)
        profile = self.create_profile(profile_name, request.get("path", "/"), partition,
                                      visible_now=request.get("visible_now", True))
        if role_name:
            profile.roles.append(role_name)
        return self.describe()["instance_profiles"][profile_name]

    def describe(self):
        """GET /_fake/iam: every role (policies decoded) and instance profile."""
        return {
            "roles": {r.name: {"arn": r.arn, "path": r.path, "id": r.role_id,
                               "trust_policy": json.loads(r.trust_policy),
                               "policies": {n: json.loads(d) for n, d in r.policies.items()}}
                      for r in self.roles.values()},
            "instance_profiles": {p.name: {"arn": p.arn, "id": p.profile_id, "path": p.path,
                                           "roles": list(p.roles)}
                                  for p in self.profiles.values()},
        }


def required_iam(params, name):
    """A required parameter; IAM's wording when it is missing."""
    value = params.get(name)
    if value in (None, ""):
        raise AwsError("ValidationError", f"1 validation error detected: Value null at "
                       f"'{name[0].lower() + name[1:]}' failed to satisfy constraint: Member "
                       f"must not be null")
    return value
