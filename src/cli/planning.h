#pragma once
// Flags to a checked plan: the steps `schedule plan` and `schedule weekly` share.

#include "catalog/catalog.h"
#include "cli/spec_flags.h"
#include "plan/model.h"
#include "util/expected.h"

namespace cli {

struct CheckedPlan {
  catalog::Catalog catalog;
  plan::Plan plan;
};

// Loads the catalog (embedded + --catalog), builds the spec from the flags, plans, and runs
// the independent checker. A plan that breaks a constraint is an internal error (kInternal,
// with every violation listed), so nothing built on it is ever written.
util::Expected<CheckedPlan> PlanFromFlags(const SpecFlagText& spec_text);

}  // namespace cli
