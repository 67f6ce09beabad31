#pragma once
// Turns a plan into the journal's first snapshot: windows, quotas, sessions with their
// prices, jobs (scheduled ones pending, unscheduled ones with their reason).

#include <string>

#include "catalog/catalog.h"
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

// Fails with kInvalidInput when the catalog has no on-demand price for a planned type and
// region (the budget gate cannot work without one).
util::Expected<store::Snapshot> ImportPlan(const plan::Plan& plan, const catalog::Catalog& catalog,
                                           const CampaignSource& source);

}  // namespace exec
