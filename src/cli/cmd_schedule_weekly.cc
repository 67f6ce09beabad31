// schedule weekly [spec flags] --backend NAME [--state FILE]: plans and runs in one go.

#include <iostream>

#include "catalog/catalog.h"
#include "cli/account_facts.h"
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
  AddBackendFlags(app, backend, StateFlag::kOptional);
  if (auto exit = ParseFlags(app, program, args)) return *exit;
  InstallSignalHandlers();
  // A backend of one machine runs one agent at a time: the plan is made for that, so that
  // its windows and ETA hold (docs/execution.md, "Backends").
  const cloud::Backend* facts = cloud::FindBackend(backend.backend);
  if (facts != nullptr && facts->facts.one_machine) spec_text.max_concurrent = "1";
  // The account's real quotas and offerings, asked before planning (ApplyAccountFacts).
  auto account_facts = [&](const catalog::Catalog& catalog, plan::Spec& spec) -> util::Status {
    if (facts == nullptr) return {};  // an unknown --backend is refused when the campaign is made
    auto flags = cloud::ResolveFlags(*facts, GivenBackendFlags(backend), cloud::Backends());
    if (!flags) return flags.error();
    return ApplyAccountFacts(*facts, *flags, catalog, spec);
  };
  auto checked = PlanFromFlags(spec_text, account_facts);
  if (!checked) return ReportError(program, checked.error());
  std::string json = plan::WritePlanJson(checked->plan);
  exec::Notes notes;
  auto campaign = exec::Campaign::Create(checked->plan, json, NewCampaignFrom(backend), notes);
  if (!campaign) return ReportError(program, campaign.error());
  PrintPlanTable(checked->plan, std::cout);
  std::cout << "\nCampaign journal: " << backend.state << " (backend " << backend.backend << ")\n";
  PrintNotes(notes, std::cout);
  return RunCampaign(program, *campaign);
}

}  // namespace cli
