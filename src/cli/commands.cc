#include "cli/command.h"

#include "cli/commands.h"

namespace cli {

const std::vector<Command>& Commands() {
  static const std::vector<Command> kCommands = {
      {"schedule plan", "plan a campaign and print or write the plan", RunSchedulePlan},
      {"catalog list", "list instance types of the catalog", RunCatalogList},
      {"catalog show", "show every fact of one instance type", RunCatalogShow},
  };
  return kCommands;
}

}  // namespace cli
