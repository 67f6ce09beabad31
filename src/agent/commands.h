#pragma once
// The agent's commands, shared by aws-benchmark-agent (list, run, validate) and the
// controller's `bench list`, `bench run` and `results validate`: one library, two
// front ends. They write to the streams they are given and return an exit status.

#include <atomic>
#include <iosfwd>
#include <string>
#include <vector>

#include "agent/file_reader.h"
#include "agent/runner.h"
#include "util/expected.h"

namespace agent {

// Exit statuses, the same numbers as cli/exit_status.h.
enum AgentExit : int { kAgentOk = 0, kAgentFailure = 1, kAgentUsage = 2, kAgentInterrupted = 130 };

struct RunRequest {
  std::vector<std::string> names;  // variants or families; empty: all
  RunOptions options;
  std::string output;  // "" : the document goes to stdout
  bool imds = true;    // --no-imds skips the instance identity lookup
  bool help = false;
  bool exact = false;               // --exact: NAMEs are variant names, families do not expand
  std::vector<std::string> suites;  // --suite FILE (repeatable): custom benchmark suites
};

// Parses: NAME... --quick --iterations N --threads N --output FILE --job-id ID
// --session-id ID --instance-type T --region R --az Z --market on-demand|spot --no-imds
// --exact --suite FILE.
// Accepts "--flag value" and "--flag=value". Errors name the flag and what is accepted.
util::Expected<RunRequest> ParseRunArgs(const std::vector<std::string>& args);
std::string RunUsage(const std::string& program);

// Whether the run talks to the instance metadata service (the identity lookup and the
// spot-notice watcher): not with --no-imds, and only where DMI says EC2, so that nothing
// waits on 169.254.169.254 elsewhere. `why_not` explains a no.
bool UsesInstanceMetadata(const RunRequest& request, const FileReader& files, std::string& why_not);

// The cancellation flag set by SIGINT/SIGTERM once InstallInterruptHandler ran.
const std::atomic<bool>& InterruptFlag();
void InstallInterruptHandler();

int ListCommand(const std::string& program, const std::vector<std::string>& args, std::ostream& out,
                std::ostream& err);
int RunCommand(const std::string& program, const std::vector<std::string>& args, std::ostream& out,
               std::ostream& err);
int ValidateCommand(const std::string& program, const std::vector<std::string>& args,
                    std::ostream& out, std::ostream& err);

}  // namespace agent
