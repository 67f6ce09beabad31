// results validate FILE: checks a result document against docs/result-schema.md.
// results import DIR --state FILE: result files (ours and the earlier Go project's) into a
// journal of backend "import", each file checked and its problems flagged (docs/report.md).

#include <ctime>
#include <iostream>

#include "agent/commands.h"
#include "catalog/catalog.h"
#include "cli/commands.h"
#include "cli/exit_status.h"
#include "cli/flags.h"
#include "report/import.h"

namespace cli {

int RunResultsValidate(const std::string& program, const Args& args) {
  return agent::ValidateCommand(program, args, std::cout, std::cerr);
}

int RunResultsImport(const std::string& program, const Args& args) {
  CLI::App app(
      "Import result files (our schema, or the earlier Go project's v1.0) from a directory into "
      "a new journal that `report` reads. Every file is checked; problems are flagged by file "
      "and field, and files that violate their schema are left out.",
      program);
  std::string directory;
  std::string state;
  std::string catalog_path;
  app.add_option("DIR", directory, "directory of *.json result files")->required();
  app.add_option("--state", state, "the journal to create (must not exist)")->required();
  app.add_option("--catalog", catalog_path, "user catalog file (docs/catalog.md)");
  if (auto exit = ParseFlags(app, program, args)) return *exit;
  auto catalog = catalog::Catalog::Load(catalog_path);
  if (!catalog) return ReportError(program, catalog.error());
  auto outcome = report::ReadResultDirectory(directory, *catalog);
  if (!outcome) return ReportError(program, outcome.error());
  auto written = report::WriteImportJournal(state, directory, *outcome,
                                            static_cast<int64_t>(std::time(nullptr)));
  if (!written) return ReportError(program, written.error());
  for (const report::ImportFlag& flag : outcome->flags) {
    std::cout << "flag: " << report::ToString(flag) << "\n";
  }
  std::cout << "imported " << outcome->files.size() << " file(s) into " << state << ", left out "
            << outcome->rejected.size() << ", " << outcome->flags.size() << " flag(s)\n";
  return kExitSuccess;
}

}  // namespace cli
