#pragma once
// Flags to a checked plan: the steps `schedule plan` and `schedule weekly` share.

#include <functional>

#include "catalog/catalog.h"
#include "cli/spec_flags.h"
#include "plan/model.h"
#include "util/expected.h"

namespace cli {

struct CheckedPlan {
  catalog::Catalog catalog;
  plan::Plan plan;
};

// A step between the flags and the planner (schedule weekly: the backend's account facts).
using SpecStep = std::function<util::Status(const catalog::Catalog&, plan::Spec&)>;

// Loads the catalog (embedded + --catalog), builds the spec from the flags, applies
// `before_planning` (when given), plans, and runs the independent checker. A plan that breaks
// a constraint is an internal error (kInternal, with every violation listed), so nothing built
// on it is ever written.
util::Expected<CheckedPlan> PlanFromFlags(const SpecFlagText& spec_text,
                                          const SpecStep& before_planning = {});

}  // namespace cli
