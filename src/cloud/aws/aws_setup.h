#pragma once
// The aws backend's settings: what `backend_config` holds for a campaign (never a secret:
// credentials are found again at every start, the way the AWS CLI finds them), and the
// fixed facts the backend builds on (S3 layout, quota codes, root volume rule).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cloud/provider.h"
#include "util/expected.h"

namespace cloud::aws {

struct SubnetZone {
  std::string subnet_id;
  std::string zone;  // the subnet's availability zone
};

struct ImageChoice {
  std::string image_id;
  std::string root_device_name;  // "/dev/xvda" on Amazon Linux 2023
};

// One agent binary in the bucket, per architecture ("x86_64", "arm64" as EC2 names them).
struct AgentObject {
  std::string key;         // agents/<sha256>/aws-benchmark-agent
  std::string sha256;      // hex
  std::string local_path;  // the binary uploaded at campaign start
};

struct AwsSetup {
  std::string region;
  std::string profile;              // "" = the AWS CLI's own choice (AWS_PROFILE, default)
  std::string endpoint_url;         // "" = AWS's endpoints
  std::vector<SubnetZone> subnets;  // in the order given: AZ failover order
  std::vector<std::string> security_groups;
  std::string key_pair;          // "" = none (the agent needs no SSH)
  std::string instance_profile;  // a name or ARN; "" = none (presigned URLs only)
  // The tool's own profile (agent_profile.h), ensured at campaign start: no --instance-profile.
  bool own_instance_profile = false;
  // --presigned-urls: user-data carries presigned URLs instead of the instance reaching S3 by
  // its role (for accounts that cannot use IAM roles; docs/aws-setup.md says what the URLs
  // carry). Campaigns created before roles were used keep their URLs (absent: true).
  bool presigned_urls = false;
  std::string bucket;
  bool default_bucket = false;  // the tool's own: created with the expiration rule
  std::string ami;  // an explicit AMI id for every architecture; "" = the SSM parameters
  std::map<std::string, std::string> ami_parameters;  // by architecture
  std::map<std::string, ImageChoice> images;          // resolved (preflight or first launch)
  std::map<std::string, AgentObject> agents;          // uploaded at bootstrap
  bool quick = false;  // --aws-quick: the agent runs with --quick (a smoke campaign)
};

std::string SetupToJson(const AwsSetup& setup);
util::Expected<AwsSetup> SetupFromJson(const std::string& json);

// The public SSM parameters of Amazon Linux 2023 per EC2 architecture name.
std::map<std::string, std::string> DefaultAmiParameters();

// S3 layout (one home). Campaign objects live under kCampaignPrefix, which the default
// bucket's lifecycle rule expires after kCampaignObjectDays.
inline constexpr char kCampaignPrefix[] = "campaigns/";
inline constexpr int kCampaignObjectDays = 30;
// campaigns/<campaign>/<session>/<attempt>/
std::string AttemptPrefix(const std::string& campaign, const std::string& session, int attempt);
// <attempt prefix>results/<job>.json
std::string ResultKey(const std::string& campaign, const std::string& session, int attempt,
                      const std::string& job);
// <attempt prefix>interrupted: written when the agent saw a spot notice.
std::string InterruptedKey(const std::string& campaign, const std::string& session, int attempt);
std::string AgentKey(const std::string& sha256_hex);
// A custom suite's file (its suite.json or a file it names), keyed by content under the
// campaign's prefix, so the bucket's expiry rule removes it with the campaign.
std::string SuiteObjectKey(const std::string& campaign, const std::string& sha256_hex);

// The Service Quotas code of a quota class and market ("standard", "spot" -> L-34B43A08);
// nullopt for a class with no known code.
std::optional<std::string> QuotaCode(const std::string& quota_class, const std::string& market);

// The quota class of any instance type by AWS's naming rule (the quota names list the
// families: Standard is A, C, D, H, I, M, R, T, Z; the u series, u-6tb1 and u7i-12tb alike,
// is high memory), for instances the campaign did not plan but that count against the
// account's quota all the same.
std::string QuotaClassOfType(const std::string& instance_type);

// The root volume (gp3) for a session's jobs: the AMI's 8 GiB system, 4 GiB for the
// libraries, the agent, its logs and results, and each benchmark's own scratch need
// (none today: every benchmark works in memory), the largest of the session's jobs.
int RootVolumeGib(const std::vector<JobSpec>& jobs);

}  // namespace cloud::aws
