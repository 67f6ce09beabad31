#pragma once
// Campaign start: the agent binaries the instances download, and the bucket they go to.
//
// Where the agents are (per EC2 architecture, x86_64 and arm64): $ABC_AGENT_X86_64 /
// $ABC_AGENT_AARCH64; else beside the controller as aws-benchmark-agent-x86_64 and
// aws-benchmark-agent-aarch64 (install layout); else the build trees: build/src/agent/ for
// the machine's own architecture and the cross build `build-aarch64/src/agent/` (what the
// default preset makes, cmake/CrossAgent.cmake) beside the controller's build folder.
// In the bucket an agent is keyed by its sha256 (AgentKey), so campaigns share uploads and
// an instance can check what it downloaded.

#include <map>
#include <set>
#include <string>

#include "aws/request.h"
#include "aws/s3.h"
#include "cloud/aws/aws_setup.h"

namespace cloud::aws {

// The agent for each EC2 architecture in `architectures`, with its sha256; one error
// naming every place looked at when one is missing.
util::Expected<std::map<std::string, AgentObject>> FindAgents(
    const std::set<std::string>& architectures);

// Uploads each agent the bucket does not have yet (HeadObject first).
util::Status UploadAgents(const ::aws::Caller& s3, const ::aws::s3::Location& where,
                          const std::map<std::string, AgentObject>& agents);

// The tool's default bucket: created if missing, with the rule that expires campaign
// objects after kCampaignObjectDays. A user's --bucket is only checked for access.
util::Status PrepareBucket(const ::aws::Caller& s3, const ::aws::s3::Location& where,
                           bool default_bucket);

// "abc-<account>-<region>"
std::string DefaultBucketName(const std::string& account, const std::string& region);

}  // namespace cloud::aws
