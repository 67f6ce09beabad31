#pragma once
// The subcommand table: each command lives in its own file and registers here.

#include <string>
#include <vector>

namespace cli {

// Arguments after the command words, e.g. for "schedule plan --days 3": {"--days", "3"}.
using Args = std::vector<std::string>;

struct Command {
  const char* path;  // "schedule plan", "catalog list"
  const char* summary;
  int (*run)(const std::string& program, const Args& args);
};

const std::vector<Command>& Commands();

}  // namespace cli
