// schedule weekly [spec flags] --backend sim|local [--state FILE]: plans and runs in one go.

#include <iostream>

#include "catalog/catalog.h"
#include "cli/campaign_runner.h"
#include "cli/commands.h"
#include "cli/flags.h"
#include "cli/plan_table.h"
#include "cli/planning.h"
#include "cli/spec_flags.h"
#include "plan/plan_json.h"

namespace cli {

int RunScheduleWeekly(const std::string& program, const Args& args) {
  CLI::App app("Plan a campaign and run it on a backend, journalling every step in --state.",
               program);
  SpecFlagText spec_text;
  AddSpecFlags(app, spec_text);
  BackendFlagText backend;
  backend.state = "campaign.db";
  AddBackendFlags(app, backend, false);
  if (auto exit = ParseFlags(app, program, args)) return *exit;
  InstallSignalHandlers();
  // One machine runs one agent at a time: the plan is made for that (docs/execution.md).
  if (backend.backend == "local") spec_text.max_concurrent = "1";
  auto checked = PlanFromFlags(spec_text);
  if (!checked) return ReportError(program, checked.error());
  const plan::Plan* plan = &checked->plan;
  std::string json = plan::WritePlanJson(*plan);
  if (auto created = CreateCampaign(*plan, json, backend); !created) {
    return ReportError(program, created.error());
  }
  PrintPlanTable(*plan, std::cout);
  std::cout << "\nCampaign journal: " << backend.state << " (backend " << backend.backend
            << ")\n\n";
  return RunCampaign(program, backend.state);
}

}  // namespace cli
