// bench list | bench run: the agent library in-process (the same code as
// aws-benchmark-agent list/run).

#include <iostream>

#include "agent/commands.h"
#include "cli/commands.h"

namespace cli {

int RunBenchList(const std::string& program, const Args& args) {
  return agent::ListCommand(program, args, std::cout, std::cerr);
}

int RunBenchRun(const std::string& program, const Args& args) {
  return agent::RunCommand(program, args, std::cout, std::cerr);
}

}  // namespace cli
