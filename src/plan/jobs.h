#pragma once
// From spec + catalog to the list of jobs: validation of the spec, type selection,
// benchmark expansion, estimates, and the jobs that can never be placed (with why).

#include <set>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "plan/cost.h"
#include "plan/model.h"
#include "plan/registry.h"
#include "plan/spec.h"
#include "util/expected.h"

namespace plan {

struct RegionContext {
  std::string name;
  std::string timezone;  // --timezone when given, else the catalog's zone for the region
  const catalog::RegionInfo* info = nullptr;
};

// A job that may be placed, with what the scheduler needs next to it.
struct Candidate {
  Job job;
  const catalog::InstanceType* type = nullptr;
  const Variant* variant = nullptr;                // a built-in, or
  const bench::CustomBenchmark* custom = nullptr;  // a custom benchmark (Spec::suites)
  Category category = Category::kMemory;           // the window focus it counts for
  int region_index = 0;
  int wave = 1;  // 1 when waves are off
  Rates rates;
};

struct Prepared {
  std::vector<RegionContext> regions;
  // In (region, type, registry) order, which is priority order within each type.
  std::vector<Candidate> candidates;
  std::vector<Unscheduled> impossible;  // never placeable: reason and remedy set
  std::set<std::string> quota_classes;  // of every selected type
  int jobs_total = 0;
};

// kInvalidInput for unknown families, types, regions, sizes, benchmarks, zones and
// out-of-range numbers; the message names the flag and what is accepted.
util::Status ValidateSpec(const Spec& spec, const catalog::Catalog& catalog);

// The instance types the spec selects (families at its sizes, plus its exact types), in
// selection order; what a backend is asked about before planning.
std::vector<const catalog::InstanceType*> SelectTypes(const Spec& spec,
                                                      const catalog::Catalog& catalog);

// Requires a spec that passed ValidateSpec.
util::Expected<Prepared> PrepareJobs(const Spec& spec, const catalog::Catalog& catalog);

// Longest window, in seconds, whose market has quota for `type`; 0 when none has.
int64_t LongestWindowS(const Spec& spec, const catalog::InstanceType& type);
// Longest session a job of `type` can be part of: that window, or the session cap if shorter.
int64_t LongestSessionS(const Spec& spec, const catalog::InstanceType& type);

}  // namespace plan
