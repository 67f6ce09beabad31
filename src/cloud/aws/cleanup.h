#pragma once
// `cleanup` without a journal: every instance the tool launched carries the tag
// abc:campaign; this finds them by tag across regions and terminates those selected —
// of one campaign (--campaign), launched before some age (--older-than), and in any case
// every one whose abc:expires-at has passed (it outlived its session's deadline: its own
// failsafe shutdown failed). --dry-run lists without terminating.

#include <optional>
#include <string>
#include <vector>

#include "cloud/aws/aws_cloud.h"

namespace cloud::aws {

struct CleanupOptions {
  std::vector<std::string> regions;
  std::string campaign;                 // "" = every campaign
  std::optional<int64_t> older_than_s;  // launched at least this long ago
  bool dry_run = false;
};

struct CleanupItem {
  std::string region;
  std::string instance_id;
  std::string campaign;
  std::string reason;  // why it was selected
  bool terminated = false;
};

util::Expected<std::vector<CleanupItem>> Cleanup(Services& services, const CleanupOptions& options);

}  // namespace cloud::aws
