// schedule run --plan plan.json --backend sim|local --state FILE: executes a saved plan.
// With an existing --state, the plan must be the one the journal was created from; the run
// then resumes.

#include <filesystem>

#include "catalog/catalog.h"
#include "cli/campaign_runner.h"
#include "cli/commands.h"
#include "cli/flags.h"
#include "plan/plan_json.h"
#include "store/journal.h"
#include "store/sha256.h"
#include "util/files.h"

namespace cli {

int RunScheduleRun(const std::string& program, const Args& args) {
  CLI::App app("Execute a plan file on a backend, journalling every step in --state.", program);
  std::string plan_path;
  std::string catalog_path;
  BackendFlagText backend;
  app.add_option("--plan", plan_path, "the plan file (schedule plan --output)")->required();
  app.add_option("--catalog", catalog_path, "a user catalog over the embedded one (for prices)");
  AddBackendFlags(app, backend, true);
  if (auto exit = ParseFlags(app, program, args)) return *exit;
  InstallSignalHandlers();
  auto text = util::ReadFile(plan_path);
  if (!text) return ReportError(program, util::InvalidInput("--plan: " + text.error().message));
  if (std::filesystem::exists(backend.state)) {
    auto journal = store::Journal::Open(backend.state);
    if (!journal) return ReportError(program, journal.error());
    auto snapshot = journal->Load();
    if (!snapshot) return ReportError(program, snapshot.error());
    if (snapshot->campaign.plan_sha256 != store::Sha256Hex(*text)) {
      return ReportError(
          program, util::InvalidInput(
                       "--plan: '" + plan_path + "' is not the plan the journal '" + backend.state +
                       "' was created from (sha256 differs); use 'schedule resume --state " +
                       backend.state + "' or a new --state"));
    }
    if (snapshot->campaign.backend != backend.backend) {
      return ReportError(program, util::InvalidInput("--backend: the journal's campaign runs on '" +
                                                     snapshot->campaign.backend + "', not '" +
                                                     backend.backend + "'"));
    }
    return RunCampaign(program, backend.state);
  }
  auto plan = plan::LoadPlanJson(*text, plan_path);
  if (!plan) return ReportError(program, plan.error());
  auto catalog = catalog::Catalog::Load(catalog_path);
  if (!catalog) return ReportError(program, catalog.error());
  if (auto created = CreateCampaign(*plan, *text, backend); !created) {
    return ReportError(program, created.error());
  }
  return RunCampaign(program, backend.state);
}

}  // namespace cli
