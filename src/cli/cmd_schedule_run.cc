// schedule run --plan plan.json --backend NAME --state FILE: executes a saved plan.
// With an existing --state, the plan must be the one the journal was created from; the run
// then resumes.

#include <filesystem>
#include <iostream>

#include "cli/campaign_runner.h"
#include "cli/commands.h"
#include "cli/flags.h"
#include "plan/plan_json.h"
#include "store/sha256.h"
#include "util/files.h"

namespace cli {
namespace {

util::Status CheckSameCampaign(const exec::Campaign& campaign, const std::string& plan_text,
                               const std::string& plan_path, const BackendFlags& flags) {
  const store::CampaignRow& row = campaign.snapshot().campaign;
  if (row.plan_sha256 != store::Sha256Hex(plan_text)) {
    return util::InvalidInput("--plan: '" + plan_path + "' is not the plan the journal '" +
                              flags.state +
                              "' was created from (sha256 differs); use 'schedule resume --state " +
                              flags.state + "' or a new --state");
  }
  if (row.backend != flags.backend) {
    return util::InvalidInput("--backend: the journal's campaign runs on '" + row.backend +
                              "', not '" + flags.backend + "'");
  }
  return {};
}

}  // namespace

int RunScheduleRun(const std::string& program, const Args& args) {
  CLI::App app("Execute a plan file on a backend, journalling every step in --state.", program);
  std::string plan_path;
  BackendFlags backend;
  app.add_option("--plan", plan_path, "the plan file (schedule plan --output)")->required();
  AddBackendFlags(app, backend, StateFlag::kRequired);
  if (auto exit = ParseFlags(app, program, args)) return *exit;
  InstallSignalHandlers();
  auto text = util::ReadFile(plan_path);
  if (!text) return ReportError(program, util::InvalidInput("--plan: " + text.error().message));
  if (std::filesystem::exists(backend.state)) {
    auto campaign = exec::Campaign::Open(backend.state, exec::Campaign::Access::kProvider);
    if (!campaign) return ReportError(program, campaign.error());
    if (auto same = CheckSameCampaign(*campaign, *text, plan_path, backend); !same) {
      return ReportError(program, same.error());
    }
    return RunCampaign(program, *campaign);
  }
  auto plan = plan::LoadPlanJson(*text, plan_path);
  if (!plan) return ReportError(program, plan.error());
  exec::Notes notes;
  auto campaign = exec::Campaign::Create(*plan, *text, NewCampaignFrom(backend), notes);
  if (!campaign) return ReportError(program, campaign.error());
  PrintNotes(notes, std::cout);
  return RunCampaign(program, *campaign);
}

}  // namespace cli
