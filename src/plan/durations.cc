#include "plan/durations.h"

#include <algorithm>
#include <cmath>

#include "plan/json_writer.h"

namespace plan {

DurationCorrections LearnCorrections(const std::vector<MeasuredDuration>& measured) {
  struct Ratio {
    double value;
    const MeasuredDuration* run;
  };
  std::map<std::string, std::vector<Ratio>> ratios;
  for (const MeasuredDuration& run : measured) {
    const bench::Variant* variant = bench::FindVariant(run.variant);
    if (variant == nullptr || run.seconds <= 0 || run.iterations <= 0) continue;
    const double model = bench::EstimateSeconds(*variant, run.shape, run.iterations);
    if (model > 0) ratios[run.variant].push_back({run.seconds / model, &run});
  }
  DurationCorrections corrections;
  for (auto& [name, list] : ratios) {
    // The lower median, with ties broken by source and shape, so that the input order of
    // the files does not change the plan (invariant 1).
    std::sort(list.begin(), list.end(), [](const Ratio& a, const Ratio& b) {
      if (a.value != b.value) return a.value < b.value;
      return a.run->source < b.run->source;
    });
    const Ratio& median = list[(list.size() - 1) / 2];
    // Rounded as the plan file writes it, so a plan read back estimates the same.
    corrections[name] = {std::max(RoundFixed(median.value), 1e-6), median.run->source,
                         static_cast<int>(list.size())};
  }
  return corrections;
}

JobEstimate EstimateJob(const bench::Variant& variant, const catalog::InstanceType& type,
                        int iterations, const DurationCorrections& corrections) {
  const bench::Shape shape{type.vcpus, type.memory_gib};
  double seconds = bench::EstimateSeconds(variant, shape, iterations);
  JobEstimate estimate;
  if (auto found = corrections.find(std::string(variant.name)); found != corrections.end()) {
    seconds *= found->second.factor;
    estimate.basis = EstimateBasis::kMeasured;
    estimate.source = found->second.source;
  }
  estimate.seconds = std::max<int64_t>(static_cast<int64_t>(std::ceil(seconds)), 1);
  return estimate;
}

std::string FormatEstimate(EstimateBasis basis, const std::string& source) {
  return basis == EstimateBasis::kModel ? "model" : "measured:" + source;
}

}  // namespace plan
