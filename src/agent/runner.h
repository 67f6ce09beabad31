#pragma once
// Runs selected variants and assembles one result document (docs/result-schema.md).

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "agent/capabilities.h"
#include "agent/clock.h"
#include "agent/file_reader.h"
#include "agent/sysinfo.h"
#include "agent/variant.h"

namespace agent {

struct RunOptions {
  int iterations = 0;  // --iterations; 0: 10, or 3 with --quick
  bool quick = false;
  int threads = 0;  // 0: every logical CPU
  // Metadata, recorded when given.
  std::string job_id, session_id, instance_type, region, availability_zone, market;
};

struct RunEnvironment {
  const SysInfo* info = nullptr;
  const Capabilities* caps = nullptr;
  const Clock* clock = nullptr;
  const FileReader* files = nullptr;  // /proc/stat and cpufreq for the monitor
  const std::atomic<bool>* cancel = nullptr;
  // Called after each variant (progress on stderr in the executables); may be empty.
  std::function<void(const BenchmarkResult&)> on_result;
};

// Runs each variant: not applicable -> skipped with the reason; an exception -> failed;
// cancelled -> interrupted, and the variants after it are recorded as interrupted too.
std::vector<BenchmarkResult> RunVariants(const std::vector<const Variant*>& variants,
                                         const RunOptions& options, const RunEnvironment& env);

// The whole document: schema, tool, metadata, sysinfo, benchmarks.
nlohmann::json MakeResultDocument(const std::vector<BenchmarkResult>& results,
                                  const RunOptions& options, const SysInfo& info,
                                  double started_wall, double ended_wall);

}  // namespace agent
