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
#include "cloud/backend.h"

namespace cloud::aws {

// The backend's cleanup_by_tag request and answer (cloud/backend.h).
using CleanupOptions = TagCleanup;
using CleanupItem = CleanedInstance;

util::Expected<std::vector<CleanupItem>> Cleanup(Services& services, const CleanupOptions& options);

}  // namespace cloud::aws
