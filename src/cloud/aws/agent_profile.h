#pragma once
// The instances' own credentials: an IAM instance profile whose role may read the agents and
// the campaign's objects and write the results, so that user-data holds bucket names and
// object keys only (issue 10: no secret, and no presigned URL, in user-data).
//
// Without --instance-profile the tool ensures its own at campaign start, idempotently: role
// and instance profile both named kAgentProfileName (path /), the role trusted by EC2 only,
// one inline role policy per bucket (BucketPolicyName) granting s3:GetObject on agents/* and
// campaigns/* and s3:PutObject on campaigns/*. Calls, in order: GetRole (NoSuchEntity:
// CreateRole), PutRolePolicy (always; it replaces the policy of that name),
// GetInstanceProfile (NoSuchEntity: CreateInstanceProfile), AddRoleToInstanceProfile when
// the profile has no role. EntityAlreadyExists from a Create (a concurrent run) is success.
// docs/aws-setup.md gives the same as AWS CLI commands for users without iam:CreateRole.

#include <string>

#include "aws/request.h"
#include "util/expected.h"

namespace cloud::aws {

inline constexpr char kAgentProfileName[] = "aws-benchmark-collector-agent";  // role and profile

// "abc-bucket-<bucket>": one inline policy per bucket the role serves.
std::string BucketPolicyName(const std::string& bucket);
// The role's trust policy: EC2 may assume it, nothing else.
std::string AgentTrustPolicy();
// What the agent does in `bucket` of `partition` (aws, aws-cn, aws-us-gov).
std::string AgentBucketPolicy(const std::string& partition, const std::string& bucket);

// Ensures the tool's profile as above. A denied call (AccessDenied) is kInvalidInput, one
// line naming the permission and the two ways out; any other failure keeps its class.
util::Status EnsureAgentProfile(const ::aws::Caller& iam, const std::string& partition,
                                const std::string& bucket);

// The profile's name in a name or an instance-profile ARN
// (arn:PARTITION:iam::ACCOUNT:instance-profile/[PATH/]NAME); kInvalidInput for another ARN.
util::Expected<std::string> InstanceProfileName(const std::string& name_or_arn);

// Preflight of --instance-profile: it exists and holds a role (GetInstanceProfile). Each
// problem is one kInvalidInput line naming the flag and the fix; an unanswered or denied
// call keeps its class for the caller's preflight wording.
util::Status CheckInstanceProfile(const ::aws::Caller& iam, const std::string& name_or_arn);

}  // namespace cloud::aws
