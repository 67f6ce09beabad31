#include "cli/dispatch.h"

#include <iostream>
#include <string>

#include "cli/command.h"
#include "cli/exit_status.h"
#include "util/strings.h"

namespace cli {
namespace {

constexpr char kProgram[] = "aws-benchmark-collector";

std::vector<std::string> CommandPaths() {
  std::vector<std::string> paths;
  for (const Command& command : Commands()) paths.emplace_back(command.path);
  return paths;
}

void PrintUsage(std::ostream& out, const std::string& prefix) {
  out << "Usage: " << kProgram << (prefix.empty() ? "" : " " + prefix)
      << " COMMAND [OPTIONS]\n\nPlans and runs benchmark campaigns over AWS EC2 instance types.\n\n"
      << "Commands:\n";
  for (const Command& command : Commands()) {
    std::string path = command.path;
    if (!prefix.empty() && !util::StartsWith(path, prefix + " ")) continue;
    out << "  " << path << std::string(path.size() < 20 ? 20 - path.size() : 1, ' ')
        << command.summary << "\n";
  }
  out << "\nGlobal options:\n  --help     show help (also after any command)\n"
      << "  --version  show the version\n\nRun '" << kProgram
      << " COMMAND --help' for the options of a command.\n";
}

// The longest command path that prefixes the words; `consumed` gets its word count.
const Command* Match(const std::vector<std::string>& words, size_t& consumed) {
  const Command* best = nullptr;
  for (const Command& command : Commands()) {
    std::vector<std::string> path = util::Split(command.path, ' ');
    if (path.size() > words.size() || (best && path.size() <= consumed)) continue;
    bool equal = true;
    for (size_t i = 0; i < path.size(); ++i) equal = equal && path[i] == words[i];
    if (equal) {
      best = &command;
      consumed = path.size();
    }
  }
  return best;
}

bool IsGroup(const std::string& word) {
  for (const Command& command : Commands()) {
    if (util::StartsWith(command.path, word + " ")) return true;
  }
  return false;
}

int UnknownCommand(const std::vector<std::string>& words) {
  // Try the first two words against whole paths ("shedule plan"), then the first word
  // against the command groups and single-word commands ("shedule").
  std::vector<std::string> leading;
  for (const std::string& word : words) {
    if (util::StartsWith(word, "-") || leading.size() == 2) break;
    leading.push_back(word);
  }
  std::string attempt = util::Join(leading, " ");
  std::string hint = util::DidYouMean(attempt, CommandPaths());
  if (hint.empty() && !leading.empty()) {
    std::vector<std::string> first_words;
    for (const std::string& path : CommandPaths()) first_words.push_back(util::Split(path, ' ')[0]);
    hint = util::DidYouMean(leading[0], first_words);
  }
  std::cerr << kProgram << ": unknown command '" << attempt << "'" << hint << "; run '" << kProgram
            << " --help' for the list\n";
  return kExitUsage;
}

}  // namespace

int Dispatch(int argc, char** argv) {
  std::vector<std::string> words(argv + 1, argv + argc);
  if (words.empty() || words[0] == "--help" || words[0] == "-h" || words[0] == "help") {
    PrintUsage(std::cout, "");
    return words.empty() ? kExitUsage : kExitSuccess;
  }
  if (words[0] == "--version") {
    std::cout << kProgram << " " << ABC_VERSION << "\n";
    return kExitSuccess;
  }
  size_t consumed = 0;
  const Command* command = Match(words, consumed);
  if (command == nullptr) {
    if (IsGroup(words[0]) && (words.size() == 1 || words[1] == "--help" || words[1] == "-h")) {
      PrintUsage(std::cout, words[0]);
      return words.size() == 1 ? kExitUsage : kExitSuccess;
    }
    return UnknownCommand(words);
  }
  Args args(words.begin() + static_cast<long>(consumed), words.end());
  return command->run(std::string(kProgram) + " " + command->path, args);
}

}  // namespace cli
