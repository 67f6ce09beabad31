#include "cli/command.h"

#include "cli/commands.h"

namespace cli {

const std::vector<Command>& Commands() {
  static const std::vector<Command> kCommands = {
      {"schedule plan", "plan a campaign and print or write the plan", RunSchedulePlan},
      {"catalog list", "list instance types of the catalog", RunCatalogList},
      {"catalog show", "show every fact of one instance type", RunCatalogShow},
      {"catalog refresh", "build a user catalog from the cloud's own types and prices",
       RunCatalogRefresh},
      {"bench list", "list the benchmark variants and whether each applies here", RunBenchList},
      {"bench run", "run benchmark variants on this machine and write a result", RunBenchRun},
      {"results validate", "check a result file against the result schema", RunResultsValidate},
      {"results import", "check result files of a directory and journal them for reports",
       RunResultsImport},
      {"schedule resume", "carry on a campaign from its journal", RunScheduleResume},
      {"schedule run", "execute a plan file on a backend", RunScheduleRun},
      {"schedule weekly", "plan a campaign and run it on a backend", RunScheduleWeekly},
      {"status", "show a campaign's progress", RunStatus},
      {"report", "report what campaign journals hold (text, markdown, html, csv, json)", RunReport},
      {"cleanup", "terminate instances of a campaign its journal does not account for", RunCleanup},
  };
  return kCommands;
}

}  // namespace cli
