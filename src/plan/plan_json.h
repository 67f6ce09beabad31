#pragma once
// The plan file (docs/plan-schema.md): written byte-identically for the same plan, and
// loaded back with every structural and cross-reference rule checked.

#include <string>
#include <string_view>

#include "plan/model.h"
#include "util/expected.h"

namespace plan {

// Fixed key order, 2-space indent, times in ISO 8601 with the UTC offset of the window's
// zone, durations in seconds, USD with 6 decimals. Load(Write(p)) equals p with every
// USD amount and ratio rounded to 6 decimals, and Write(Load(Write(p))) == Write(p).
std::string WritePlanJson(const Plan& plan);

// Fails with kInvalidInput and ONE message naming the field path, e.g.
// "plan.json: sessions[3].jobs[1]: unknown job id 'x'".
util::Expected<Plan> LoadPlanJson(std::string_view text, const std::string& origin);

}  // namespace plan
