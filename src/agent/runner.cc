#include "agent/runner.h"

#include <exception>

#include "agent/hardware.h"
#include "agent/monitor.h"
#include "agent/result_schema.h"

namespace agent {
namespace {

BenchmarkResult RunOne(const Variant& variant, const RunContext& ctx, const RunEnvironment& env,
                       Monitor& monitor) {
  Applicability applies = CheckApplies(variant, *env.info, *env.caps);
  if (!applies.applies) return MakeResult(variant, RunStatus::kSkipped, applies.reason);
  if (ctx.Cancelled())
    return MakeResult(variant, RunStatus::kInterrupted, "interrupted before it started");
  double start_wall = env.clock->WallSeconds();
  double start = env.clock->MonotonicSeconds();
  monitor.Start();
  BenchmarkResult result;
  try {
    result = variant.Run(ctx);
  } catch (const std::exception& error) {
    result = MakeResult(variant, RunStatus::kFailed, std::string("error: ") + error.what());
  }
  monitor.Sample();
  if (result.name.empty()) result.name = variant.Name();
  if (result.family.empty()) result.family = variant.Family();
  if (ctx.Cancelled() && result.status == RunStatus::kOk) {
    result.status = RunStatus::kInterrupted;
    result.reason = "interrupted while running";
  }
  result.environment = monitor.Summary();
  result.environment["started_at"] = FormatUtc(start_wall);
  result.environment["ended_at"] = FormatUtc(env.clock->WallSeconds());
  result.environment["duration_seconds"] = env.clock->MonotonicSeconds() - start;
  return result;
}

// --iterations, else 10 (3 with --quick).
int ResolvedIterations(const RunOptions& options) {
  return options.iterations > 0 ? options.iterations : (options.quick ? 3 : 10);
}

}  // namespace

std::vector<BenchmarkResult> RunVariants(const std::vector<const Variant*>& variants,
                                         const RunOptions& options, const RunEnvironment& env) {
  Monitor monitor(*env.files);
  RunContext ctx;
  ctx.quick = options.quick;
  ctx.iterations = ResolvedIterations(options);
  ctx.threads = options.threads > 0 ? options.threads : std::max(1, env.info->logical_cpus);
  ctx.info = env.info;
  ctx.caps = env.caps;
  ctx.clock = env.clock;
  ctx.monitor = &monitor;
  ctx.cancel = env.cancel;
  std::vector<BenchmarkResult> results;
  for (const Variant* variant : variants) {
    results.push_back(RunOne(*variant, ctx, env, monitor));
    if (env.on_result) env.on_result(results.back());
  }
  return results;
}

nlohmann::json MakeResultDocument(const std::vector<BenchmarkResult>& results,
                                  const RunOptions& options, const SysInfo& info,
                                  double started_wall, double ended_wall) {
  nlohmann::json metadata = {{"started_at", FormatUtc(started_wall)},
                             {"ended_at", FormatUtc(ended_wall)},
                             {"quick", options.quick},
                             {"iterations", ResolvedIterations(options)}};
  auto put = [&](const char* key, const std::string& value) {
    if (!value.empty()) metadata[key] = value;
  };
  put("job_id", options.job_id);
  put("session_id", options.session_id);
  put("instance_type", options.instance_type);
  put("region", options.region);
  put("availability_zone", options.availability_zone);
  put("market", options.market);
  nlohmann::json benchmarks = nlohmann::json::array();
  for (const BenchmarkResult& result : results) benchmarks.push_back(ToJson(result));
  return {{"schema", kResultSchemaName},
          {"schema_version", kResultSchemaVersion},
          {"tool", {{"name", "aws-benchmark-agent"}, {"version", ABC_AGENT_VERSION}}},
          {"metadata", metadata},
          {"sysinfo", ToJson(info)},
          {"benchmarks", benchmarks}};
}

}  // namespace agent
