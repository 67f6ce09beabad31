#pragma once
// Processes as a side effect of the local backend: start a session's supervisor in its own
// process group, tell whether it still lives, kill its group. A process is named by its pid
// *and* its start time (and the boot), so a recycled pid is never mistaken for ours.

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "util/expected.h"

namespace cloud::local {

struct ProcessId {
  int pid = 0;
  std::string start_ticks;  // /proc/PID/stat field 22: start time since boot, in clock ticks
  std::string boot_id;      // /proc/sys/kernel/random/boot_id
};

// What the supervisor runs: each job's command in order, each followed by a small status
// file "START END STATUS" (real epoch seconds, exit status or 128+signal).
struct SessionCommand {
  std::vector<std::vector<std::string>> jobs;
  std::vector<std::string> status_files;  // one per job
  std::string log_path;                   // stdout and stderr of every job, appended
  std::string lock_path;                  // machine-wide: one agent at a time
  int64_t real_deadline = 0;              // no job starts at or after this epoch second
};

// Opens (creating its folder and itself, mode 0600) the lock file that lets one agent run at
// a time, with O_NOFOLLOW | O_CLOEXEC: a symlink at `path` is refused. -1 with errno set.
int OpenMachineLock(const std::string& path);

class Processes {
 public:
  virtual ~Processes() = default;
  // Starts the supervisor. It waits until `record` has stored its identity (state file
  // first, like the journal), so a controller crash in between leaves no unrecorded child:
  // the supervisor sees its pipe close and exits without running anything. A machine lock
  // held by another agent is a kThrottling error with code LocalAgentBusy.
  virtual util::Expected<ProcessId> Start(
      const SessionCommand& command,
      const std::function<util::Status(const ProcessId&)>& record) = 0;
  // True while the supervisor or any process left in its group still runs.
  virtual bool Alive(const ProcessId& id) = 0;
  // SIGKILL to the whole process group; nothing when the group is gone.
  virtual void KillGroup(const ProcessId& id) = 0;
  // True while some agent holds the machine lock at `lock_path`.
  virtual bool MachineBusy(const std::string& lock_path) = 0;
};

class PosixProcesses : public Processes {
 public:
  util::Expected<ProcessId> Start(
      const SessionCommand& command,
      const std::function<util::Status(const ProcessId&)>& record) override;
  bool Alive(const ProcessId& id) override;
  void KillGroup(const ProcessId& id) override;
  bool MachineBusy(const std::string& lock_path) override;

 private:
  // Supervisors this object forked: they are reaped with waitpid; others (orphans adopted
  // after a controller crash) are checked through /proc.
  std::set<int> children_;
};

// The identity of a live process, or nullopt-like empty pid when it does not exist.
ProcessId Identify(int pid);

}  // namespace cloud::local
