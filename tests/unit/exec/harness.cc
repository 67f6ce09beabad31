#include "harness.h"

#include <unistd.h>

namespace exec::testing {

RunFiles TempFiles(const std::string& name) {
  RunFiles files;
  // /dev/shm when present: the journal's fsyncs then cost nothing and the test stays fast.
  std::filesystem::path base = std::filesystem::exists("/dev/shm")
                                   ? std::filesystem::path("/dev/shm")
                                   : std::filesystem::temp_directory_path();
  files.dir = base / ("abc-exec-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(files.dir);
  std::filesystem::create_directories(files.dir);
  files.journal = (files.dir / "campaign.db").string();
  files.sim = files.journal + ".sim";
  return files;
}

util::Expected<RunOutcome> RunScenario(const fakes::Scenario& scenario, const RunFiles& files,
                                       const std::atomic<bool>* stop, Options options) {
  auto journal = store::Journal::Create(files.journal, scenario.snapshot);
  if (!journal) return journal.error();
  auto cloud = cloud::sim::SimCloud::Open(files.sim, scenario.setup, true);
  if (!cloud) return cloud.error();
  options.stop = stop;
  Executor executor(*journal, **cloud, (*cloud)->clock(), options);
  return executor.Run();
}

}  // namespace exec::testing
