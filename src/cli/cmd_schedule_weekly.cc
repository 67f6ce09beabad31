// schedule weekly [spec flags] --backend NAME [--state FILE]: plans and runs in one go.

#include <iostream>

#include "catalog/catalog.h"
#include "cli/campaign_runner.h"
#include "cli/commands.h"
#include "cli/flags.h"
#include "cli/plan_table.h"
#include "cli/planning.h"
#include "cli/spec_flags.h"
#include "cloud/registry.h"
#include "plan/plan_json.h"

namespace cli {

int RunScheduleWeekly(const std::string& program, const Args& args) {
  CLI::App app("Plan a campaign and run it on a backend, journalling every step in --state.",
               program);
  SpecFlagText spec_text;
  AddSpecFlags(app, spec_text);
  BackendFlags backend;
  backend.state = "campaign.db";
  AddBackendFlags(app, backend, false);
  if (auto exit = ParseFlags(app, program, args)) return *exit;
  InstallSignalHandlers();
  // A backend of one machine runs one agent at a time: the plan is made for that, so that
  // its windows and ETA hold (docs/execution.md, "Backends").
  const cloud::Backend* facts = cloud::FindBackend(backend.backend);
  if (facts != nullptr && facts->facts.one_machine) spec_text.max_concurrent = "1";
  auto checked = PlanFromFlags(spec_text);
  if (!checked) return ReportError(program, checked.error());
  std::string json = plan::WritePlanJson(checked->plan);
  exec::Notes notes;
  auto campaign = exec::Campaign::Create(checked->plan, json, checked->catalog,
                                         NewCampaignFrom(backend), notes);
  if (!campaign) return ReportError(program, campaign.error());
  PrintPlanTable(checked->plan, std::cout);
  std::cout << "\nCampaign journal: " << backend.state << " (backend " << backend.backend << ")\n";
  PrintNotes(notes, std::cout);
  return RunCampaign(program, *campaign);
}

}  // namespace cli
