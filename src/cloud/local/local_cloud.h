#pragma once
// The local backend: each "instance" is a supervisor process on this machine that runs the
// session's jobs in order with the real aws-benchmark-agent, each job writing its result
// into FILE.local/<instance>/. Shaped like a cloud so the executor needs no special case:
// Launch forks (idempotent by client token), Describe looks at the process (pid + start
// time, never a bare pid), Terminate kills its process group, FetchResults reads and
// validates the finished result files. The records live in FILE.local/state.db, so a
// controller killed with -9 finds a still-running child on resume and adopts it.
//
// Time: the campaign clock runs in real time while an agent runs and jumps over idle gaps
// (docs/execution.md, "local"), so windows, caps and order hold and the campaign takes as
// long as its jobs. Result documents keep the agent's real start and end times.

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "cloud/clock.h"
#include "cloud/local/local_state.h"
#include "cloud/local/process.h"
#include "cloud/provider.h"
#include "store/sqlite.h"

namespace cloud::local {

// Where the agent is: `flag` (--agent), then $ABC_AGENT, then beside the running
// executable (install layout) or in the build tree's src/agent. One clear error otherwise.
util::Expected<std::string> FindAgent(const std::string& flag);

// The lock that lets one agent run at a time: $ABC_LOCAL_LOCK, else agent.lock in the
// user's runtime folder ($XDG_RUNTIME_DIR/aws-benchmark-collector/), else in the state
// folder ($XDG_STATE_HOME, else ~/.local/state, /aws-benchmark-collector/). Not in /tmp,
// where any local user could hold it or plant a symlink; OpenMachineLock refuses symlinks.
std::string DefaultLockPath();

class LocalCloud : public Provider {
 public:
  // Creates the folder `dir` (it must not exist) with its state file.
  static util::Expected<std::unique_ptr<LocalCloud>> Create(const std::string& dir,
                                                            const LocalSetup& setup,
                                                            std::unique_ptr<Processes> processes);
  // Opens it with the campaign's settings (`setup.start` is not used: the clock's offset is
  // stored).
  static util::Expected<std::unique_ptr<LocalCloud>> Open(const std::string& dir,
                                                          const LocalSetup& setup,
                                                          std::unique_ptr<Processes> processes);

  std::vector<std::string> Zones(const std::string& region) override;
  util::Expected<std::string> Launch(const LaunchRequest& request) override;
  util::Expected<std::vector<InstanceInfo>> Describe(const std::string& region,
                                                     const std::vector<std::string>& ids) override;
  util::Expected<std::vector<InstanceInfo>> DescribeByTag(const std::string& region,
                                                          const std::string& key,
                                                          const std::string& value) override;
  util::Status Terminate(const std::string& region, const std::vector<std::string>& ids) override;
  util::Expected<std::vector<ResultDoc>> FetchResults(
      const std::string& campaign, const std::string& session, int attempt,
      const std::set<std::string>& known_jobs) override;
  util::Expected<double> SpotPrice(const std::string& instance_type,
                                   const std::string& zone) override;
  util::Expected<int> QuotaHeadroom(const std::string& region, const std::string& quota_class,
                                    const std::string& market) override;
  // Campaign time has one-second steps: a running agent is looked at every second.
  std::optional<util::TimePoint> NextChange() override;
  bool simulated() const override { return false; }

  Clock& clock() { return clock_; }
  const LocalSetup& setup() const { return setup_; }
  int64_t Now() const;  // campaign time, epoch seconds
  std::string InstanceDir(const std::string& id) const { return dir_ + "/" + id; }

  LocalCloud(const LocalCloud&) = delete;
  LocalCloud& operator=(const LocalCloud&) = delete;
  ~LocalCloud() override = default;

 private:
  // Real time while an agent runs (here or, through the lock, in another campaign); a jump
  // to `until` when nothing runs, unless the setup asks for real time throughout.
  class LocalClock : public Clock {
   public:
    explicit LocalClock(LocalCloud& cloud) : cloud_(cloud) {}
    util::TimePoint Now() override;
    void SleepUntil(util::TimePoint until) override;

   private:
    LocalCloud& cloud_;
  };

  LocalCloud(std::string dir, store::Database db, LocalSetup setup,
             std::unique_ptr<Processes> processes);
  util::Status Load();
  // Marks instances whose process is gone as ended; true when one still runs.
  bool Refresh();
  int64_t EndOf(const LocalInstance& in) const;
  InstanceInfo Info(const LocalInstance& in) const;
  // `suites`: the suite files staged for the agent (StageSuites), one --suite each.
  SessionCommand CommandFor(const LocalInstance& in, const std::vector<std::string>& suites) const;
  // Writes each suite of a launch with the files it names into the instance's folder, as
  // the aws bootstrap does on an instance; returns the suite files' paths.
  util::Expected<std::vector<std::string>> StageSuites(
      const LocalInstance& in, const std::vector<std::string>& suites) const;
  // FILE.local/<instance>/NNN-<job>.json (the agent's document) and .status (the
  // supervisor's "START END EXIT" line, written once the agent has exited).
  std::string JobPath(const LocalInstance& in, size_t index, const char* extension) const;
  std::string StatusPath(const LocalInstance& in, size_t index) const {
    return JobPath(in, index, ".status");
  }
  ResultDoc ReadResult(const LocalInstance& in, size_t index, const std::string& status_text) const;

  std::string dir_;
  store::Database db_;
  LocalSetup setup_;
  std::unique_ptr<Processes> processes_;
  int64_t offset_ = 0;                              // campaign time minus real time
  bool ended_unseen_ = false;                       // an instance ended since the clock last slept
  std::map<std::string, LocalInstance> instances_;  // by id
  std::map<std::string, std::string> by_token_;
  LocalClock clock_{*this};
};

}  // namespace cloud::local
