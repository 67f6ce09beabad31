// aws-benchmark-agent: the small executable that runs on instances. Commands come from
// a table; fatal errors (exceptions) are caught here only.

#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "agent/commands.h"
#include "util/strings.h"

namespace {

constexpr char kProgram[] = "aws-benchmark-agent";

struct AgentCommand {
  const char* name;
  const char* summary;
  int (*run)(const std::string&, const std::vector<std::string>&, std::ostream&, std::ostream&);
};

const AgentCommand kCommands[] = {
    {"list", "list the variants, what each measures, and whether it applies here",
     agent::ListCommand},
    {"run", "run variants and write a result document", agent::RunCommand},
    {"validate", "check a result file against the result schema", agent::ValidateCommand},
};

void Usage(std::ostream& out) {
  out << "Usage: " << kProgram << " COMMAND [OPTIONS]\n\nMeasures this machine's memory bandwidth, "
      << "floating point and microarchitecture.\n\nCommands:\n";
  for (const AgentCommand& command : kCommands) {
    out << "  " << command.name << std::string(10 - std::string(command.name).size(), ' ')
        << command.summary << "\n";
  }
  out << "\nRun '" << kProgram << " COMMAND --help' for the options of a command.\n";
}

int Dispatch(const std::vector<std::string>& words) {
  if (words.empty() || words[0] == "--help" || words[0] == "-h" || words[0] == "help") {
    Usage(words.empty() ? std::cerr : std::cout);
    return words.empty() ? agent::kAgentUsage : agent::kAgentOk;
  }
  if (words[0] == "--version") {
    std::cout << kProgram << " " << ABC_AGENT_VERSION << "\n";
    return agent::kAgentOk;
  }
  std::vector<std::string> names;
  for (const AgentCommand& command : kCommands) {
    names.emplace_back(command.name);
    if (words[0] == command.name) {
      std::vector<std::string> args(words.begin() + 1, words.end());
      return command.run(std::string(kProgram) + " " + command.name, args, std::cout, std::cerr);
    }
  }
  std::cerr << kProgram << ": unknown command '" << words[0] << "'"
            << util::DidYouMean(words[0], names) << "; run '" << kProgram
            << " --help' for the list\n";
  return agent::kAgentUsage;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Dispatch(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::exception& error) {
    std::cerr << kProgram << ": fatal: " << error.what() << "\n";
    return agent::kAgentFailure;
  }
}
