#pragma once
// Steal time and CPU frequency during a run (docs/methodology.md): sampled at the
// start and end of each variant and whenever a variant calls Sample() between
// iterations. Reads /proc/stat and cpufreq through a FileReader so tests can use fixtures.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "agent/file_reader.h"

namespace agent {

// Aggregate "cpu" line of /proc/stat, in USER_HZ ticks.
struct CpuTimes {
  uint64_t total = 0;
  uint64_t steal = 0;
};

std::optional<CpuTimes> ParseProcStat(const std::string& text);
// Mean current frequency over CPUs in MHz: cpufreq scaling_cur_freq, else /proc/cpuinfo
// "cpu MHz"; `source` says which. nullopt when neither is readable.
std::optional<double> ReadFrequencyMhz(const FileReader& files, std::string& source);

class Monitor {
 public:
  explicit Monitor(const FileReader& files) : files_(files) {}
  void Start();   // forgets earlier samples and takes the first
  void Sample();  // cheap (a few small reads); safe to call between iterations
  // {"steal_percent": x, "frequency_mhz": {"min","mean","max","samples","source"}} with
  // {"status":"skipped","reason":...} in place of a figure that could not be read.
  nlohmann::json Summary() const;

 private:
  const FileReader& files_;
  std::optional<CpuTimes> first_, last_;
  std::vector<double> mhz_;
  std::string mhz_source_;
};

}  // namespace agent
