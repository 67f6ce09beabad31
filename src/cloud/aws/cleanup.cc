#include "cloud/aws/cleanup.h"

#include "cloud/tags.h"

namespace cloud::aws {

namespace ec2 = ::aws::ec2;

namespace {

// Why this instance is to go, or "" to keep it.
std::string Reason(const ec2::Instance& instance, const CleanupOptions& options,
                   util::TimePoint now) {
  if (auto expires = instance.TagValue(tag::kExpiresAt)) {
    auto at = util::ParseIso8601WithOffset(*expires);
    if (at && *at < now) return std::string(tag::kExpiresAt) + " " + *expires + " has passed";
  }
  std::string campaign = instance.TagValue(tag::kCampaign).value_or("");
  if (!options.campaign.empty() && campaign != options.campaign) return "";
  if (options.older_than_s) {
    if (!instance.launch_time) return "";
    if (*instance.launch_time > now - std::chrono::seconds(*options.older_than_s)) return "";
    return "launched more than " + std::to_string(*options.older_than_s) + " s ago";
  }
  if (options.campaign.empty()) return std::string("tagged ") + tag::kCampaign;
  return "of campaign " + campaign;
}

}  // namespace

util::Expected<std::vector<CleanupItem>> Cleanup(Services& services,
                                                 const CleanupOptions& options) {
  std::vector<CleanupItem> items;
  util::TimePoint now = services.Now();
  for (const std::string& region : options.regions) {
    auto ec2_caller = services.For(::aws::Service::kEc2, region);
    if (!ec2_caller) return ec2_caller.error();
    auto instances = ec2::DescribeInstances(
        *ec2_caller, {},
        {{"tag-key", {tag::kCampaign}},
         {"instance-state-name", {"pending", "running", "stopping", "stopped"}}});
    if (!instances) return instances.error();
    std::vector<std::string> doomed;
    for (const auto& instance : *instances) {
      std::string reason = Reason(instance, options, now);
      if (reason.empty()) continue;
      items.push_back({region, instance.instance_id, instance.TagValue(tag::kCampaign).value_or(""),
                       reason, false});
      doomed.push_back(instance.instance_id);
    }
    if (options.dry_run || doomed.empty()) continue;
    auto changes = ec2::TerminateInstances(*ec2_caller, doomed);
    if (!changes) return changes.error();
    for (auto& item : items) {
      if (item.region == region) item.terminated = true;
    }
  }
  return items;
}

}  // namespace cloud::aws
