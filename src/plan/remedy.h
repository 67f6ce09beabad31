#pragma once
// Reasons and remedies for jobs left over after placement. Every remedy is verified: the
// day count comes from continuing the same placement over extra days, and a higher cap
// or concurrency is only offered after re-planning the region with it placed every job.

#include <vector>

#include "plan/jobs.h"
#include "plan/model.h"
#include "plan/placement.h"
#include "plan/spec.h"

namespace plan {

std::vector<Unscheduled> ExplainLeftovers(const Spec& spec, const Prepared& prepared,
                                          int region_index,
                                          const std::vector<int>& region_candidates,
                                          const RegionScheduler& finished);

}  // namespace plan
