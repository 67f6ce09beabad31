#pragma once
// The planner's entry point: spec + catalog -> plan. Pure: no I/O, no clock; the same
// inputs always give the same plan (ARCHITECTURE.md, invariant 1).

#include "catalog/catalog.h"
#include "plan/model.h"
#include "plan/spec.h"
#include "util/expected.h"

namespace plan {

// Fails with kInvalidInput for a spec that names unknown types, families, regions or
// benchmarks, or has out-of-range numbers; every job that is valid but cannot be placed
// goes to Plan::unscheduled with a reason and a remedy instead.
util::Expected<Plan> BuildPlan(const Spec& spec, const catalog::Catalog& catalog);

}  // namespace plan
