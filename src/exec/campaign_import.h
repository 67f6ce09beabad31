#pragma once
// Turns a plan into the journal's first snapshot: windows, quotas, sessions with the plan's
// prices and size waves, the plan's billing rule, jobs (scheduled ones pending, unscheduled
// ones with their reason). It only translates: nothing is looked up again, so the journal
// holds exactly the plan's numbers.

#include <string>

#include "plan/model.h"
#include "store/records.h"
#include "util/expected.h"

namespace exec {

struct CampaignSource {
  std::string campaign_id;
  std::string backend;
  std::string backend_config;  // JSON
  std::string spec_json;
  std::string plan_json;
  int64_t created_at = 0;
};

// Fails with kInvalidInput when a session has no on-demand price (a schema_version 1 plan:
// the budget gate cannot work without one) or names an unknown job.
util::Expected<store::Snapshot> ImportPlan(const plan::Plan& plan, const CampaignSource& source);

}  // namespace exec
