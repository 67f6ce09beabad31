#include "agent/variant.h"

#include "bench/variants.h"

#include <cstdio>

namespace agent {

std::string Variant::Family() const {
  const bench::Variant* facts = bench::FindVariant(Name());
  return facts == nullptr ? std::string() : bench::ToString(facts->family);
}

std::string Variant::Category() const {
  const bench::Variant* facts = bench::FindVariant(Name());
  return facts == nullptr ? std::string() : bench::ToString(facts->category);
}

const char* ToString(RunStatus status) {
  switch (status) {
    case RunStatus::kOk:
      return "ok";
    case RunStatus::kSkipped:
      return "skipped";
    case RunStatus::kFailed:
      return "failed";
    case RunStatus::kInterrupted:
      return "interrupted";
  }
  return "failed";
}

Metric& AddMetric(BenchmarkResult& result, std::string name, std::string unit, Better better,
                  std::vector<double> samples, nlohmann::json labels) {
  Metric metric;
  metric.name = std::move(name);
  metric.unit = std::move(unit);
  metric.better = better;
  metric.labels = std::move(labels);
  metric.samples = std::move(samples);
  if (!metric.samples.empty()) {
    metric.stats = ComputeStatistics(metric.samples, better);
    if (metric.stats.cv > kCvWarningThreshold) {
      char cv[32];
      std::snprintf(cv, sizeof cv, "%.1f%%", metric.stats.cv * 100.0);
      std::string where = metric.labels.empty() ? "" : " " + metric.labels.dump();
      result.warnings.push_back("CV of " + metric.name + where + " is " + cv +
                                " (above 5%): the figure is noisy");
    }
  }
  result.metrics.push_back(std::move(metric));
  return result.metrics.back();
}

void SettleStatus(BenchmarkResult& result, const RunContext& ctx, const std::string& failure) {
  if (ctx.Cancelled()) {
    result.status = RunStatus::kInterrupted;
    result.reason =
        "interrupted (SIGINT, SIGTERM or a spot interruption) before the variant finished";
  } else if (result.validation.checked && !result.validation.passed) {
    result.status = RunStatus::kFailed;
    result.reason = "validation failed: " + failure;
  }
}

BenchmarkResult MakeResult(const Variant& variant, RunStatus status, std::string reason) {
  BenchmarkResult result;
  result.name = variant.Name();
  result.family = variant.Family();
  result.status = status;
  result.reason = std::move(reason);
  return result;
}

}  // namespace agent
