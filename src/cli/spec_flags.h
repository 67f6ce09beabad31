#pragma once
// The campaign spec flags shared by `schedule plan` and `schedule weekly` (DESIGN.md §2).
// Values are captured as text and converted by BuildSpec, so every bad value gets one
// message that names the flag and what it accepts.

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "plan/spec.h"
#include "util/expected.h"
#include "util/time.h"

namespace cli {

struct SpecFlagText {
  std::vector<std::string> instance_families{"m7i", "c7g", "r7a"};
  std::vector<std::string> instance_types;
  std::vector<std::string> benchmarks{"stream", "hpl", "micro"};
  std::vector<std::string> regions{"us-east-1"};
  std::vector<std::string> sizes{"large", "xlarge", "2xlarge", "4xlarge", "8xlarge"};
  std::vector<std::string> vcpu_quotas;
  std::string max_daily_jobs = "30";
  std::string max_concurrent = "5";
  std::string benchmark_rotation = "true";
  std::string instance_size_waves = "true";
  std::string enable_spot = "true";
  std::string start;
  std::string days = "7";
  std::string timezone;
  std::string max_cost;
  std::string iterations = "10";
  std::string seed = "1";
  std::string spot_price_ratio = "0.35";
  std::string max_session_hours = "4";
  std::string catalog;
  bool families_given = false;
};

void AddSpecFlags(CLI::App& app, SpecFlagText& text);

// Converts and checks the flags against the catalog. `now` is used only when --start is
// absent: the campaign then starts at the next local midnight of the first region.
util::Expected<plan::Spec> BuildSpec(const SpecFlagText& text, const catalog::Catalog& catalog,
                                     util::TimePoint now);

}  // namespace cli
