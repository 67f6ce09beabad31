#include "cli/planning.h"

#include <chrono>

#include "plan/checker.h"
#include "plan/scheduler.h"

namespace cli {

util::Expected<CheckedPlan> PlanFromFlags(const SpecFlagText& spec_text,
                                          const SpecStep& before_planning) {
  auto catalog = catalog::Catalog::Load(spec_text.catalog);
  if (!catalog) return catalog.error();
  auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  auto spec = BuildSpec(spec_text, *catalog, now);
  if (!spec) return spec.error();
  if (before_planning) {
    if (auto status = before_planning(*catalog, *spec); !status) return status.error();
  }
  auto plan = plan::BuildPlan(*spec, *catalog);
  if (!plan) return plan.error();
  if (auto violations = plan::CheckPlan(*plan, *catalog); !violations.empty()) {
    return util::MakeError(util::ErrorClass::kInternal,
                           "internal error: the plan breaks a constraint; nothing written\n" +
                               plan::FormatViolations(violations));
  }
  return CheckedPlan{std::move(*catalog), std::move(*plan)};
}

}  // namespace cli
