// results validate FILE: checks a result document against docs/result-schema.md.

#include <iostream>

#include "agent/commands.h"
#include "cli/commands.h"

namespace cli {

int RunResultsValidate(const std::string& program, const Args& args) {
  return agent::ValidateCommand(program, args, std::cout, std::cerr);
}

}  // namespace cli
