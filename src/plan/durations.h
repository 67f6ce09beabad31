#pragma once
// Durations learned from earlier campaigns (`schedule plan --durations`, docs/planning.md,
// "Learned corrections"): each measured run of a variant gives the ratio of its measured
// duration to the model's estimate for the machine it ran on (bench/durations.h); the
// variant's correction is the median of its ratios, and a job's estimate is the model's
// estimate for its own type times that correction, so vCPUs and memory scale it as the
// model does.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "bench/durations.h"
#include "bench/variants.h"
#include "catalog/instance_type.h"

namespace plan {

// One variant's run as an earlier campaign measured it.
struct MeasuredDuration {
  std::string variant;  // "stream-avx512"
  std::string source;   // the --durations argument it came from
  bench::Shape shape;   // the machine it ran on (its sysinfo)
  int iterations = 0;
  double seconds = 0;  // the result's environment.duration_seconds
};

struct DurationCorrection {
  double factor = 1;   // measured / model, the median over `runs`
  std::string source;  // the source of the median run
  int runs = 0;
};
using DurationCorrections = std::map<std::string, DurationCorrection>;  // by variant name

// Corrections of every variant that has measurements; unknown variants are left out.
DurationCorrections LearnCorrections(const std::vector<MeasuredDuration>& measured);

enum class EstimateBasis { kModel, kMeasured };

struct JobEstimate {
  int64_t seconds = 0;  // rounded up; at least 1
  EstimateBasis basis = EstimateBasis::kModel;
  std::string source;  // kMeasured: the correction's source
};

// The estimate a job of `variant` on `type` uses: the model's, corrected when
// `corrections` has the variant.
JobEstimate EstimateJob(const bench::Variant& variant, const catalog::InstanceType& type,
                        int iterations, const DurationCorrections& corrections);

// "model" or "measured:SOURCE", as the plan JSON and table show it; and back.
std::string FormatEstimate(EstimateBasis basis, const std::string& source);

}  // namespace plan
