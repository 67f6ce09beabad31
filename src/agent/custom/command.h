#pragma once
// Runs one command of a custom benchmark: fork and exec of the argument vector (no shell),
// in its own process group, with standard output captured, a timeout and cancellation.

#include <atomic>
#include <string>
#include <vector>

namespace agent::custom {

enum class CommandEnd { kExited, kSignalled, kTimedOut, kCancelled, kNotStarted };

struct CommandOutcome {
  CommandEnd end = CommandEnd::kNotStarted;
  int exit_status = 0;  // kExited: the status; kSignalled: the signal
  std::string out;      // standard output (at most kMaxCapturedBytes)
  std::string err;      // the last bytes of standard error, for the reason of a failure
  std::string error;    // kNotStarted: why (exec's errno text)
  double seconds = 0;   // wall time from fork to exit
};

// Output beyond this is dropped (a figure is in the first lines or in a small JSON document).
inline constexpr size_t kMaxCapturedBytes = 16u << 20;

// `folder` (when not empty) is the working directory. The whole process group is killed
// with SIGKILL on timeout or when `cancel` becomes true.
CommandOutcome RunCommand(const std::vector<std::string>& argv, const std::string& folder,
                          double timeout_s, const std::atomic<bool>* cancel);

// The program's path: argv[0] as is when it contains '/' (relative to `folder`), else the
// first executable match in PATH; empty when there is none.
std::string FindProgram(const std::string& program, const std::string& folder);

}  // namespace agent::custom
