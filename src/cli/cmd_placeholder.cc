#include <iostream>

#include "cli/commands.h"
#include "cli/exit_status.h"

namespace cli {

int RunSchedulePlan(const std::string& program, const Args&) {
  std::cerr << program << ": not implemented yet\n";
  return kExitFailure;
}
}  // namespace cli
