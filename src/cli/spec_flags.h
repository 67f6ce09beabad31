#pragma once
// The campaign spec flags shared by `schedule plan` and `schedule weekly` (README, "schedule
// plan"). Values are captured as text and converted by BuildSpec, so every bad value gets one
// message that names the flag and what it accepts.

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "plan/spec.h"
#include "plan/spec_fields.h"
#include "util/expected.h"
#include "util/time.h"

namespace cli {

// Flag values as typed. Defaults come from plan::Spec{} (plan/spec.h), their one home.
struct SpecFlagText {
  std::vector<std::string> instance_families = plan::Spec{}.instance_families;
  std::vector<std::string> instance_types = plan::Spec{}.instance_types;
  std::vector<std::string> benchmarks = plan::Spec{}.benchmarks;
  std::vector<std::string> regions = plan::Spec{}.regions;
  std::vector<std::string> sizes = plan::Spec{}.sizes;
  std::vector<std::string> vcpu_quotas;
  std::string max_daily_jobs = plan::DefaultFlagText("--max-daily-jobs");
  std::string max_concurrent = plan::DefaultFlagText("--max-concurrent");
  std::string benchmark_rotation = plan::Spec{}.benchmark_rotation ? "true" : "false";
  std::string instance_size_waves = plan::Spec{}.instance_size_waves ? "true" : "false";
  std::string enable_spot = plan::Spec{}.enable_spot ? "true" : "false";
  std::string start;
  std::string days = plan::DefaultFlagText("--days");
  std::string timezone;
  std::string max_cost = plan::DefaultFlagText("--max-cost");
  std::string iterations = plan::DefaultFlagText("--iterations");
  std::string seed = std::to_string(plan::Spec{}.seed);
  std::string spot_price_ratio = plan::DefaultFlagText("--spot-price-ratio");
  std::string max_session_hours = plan::DefaultFlagText("--max-session-hours");
  std::string catalog;
  std::vector<std::string> durations;  // --durations: journals, result files or folders
  std::vector<std::string> suites;     // --suite FILE, repeatable
  bool families_given = false;
};

void AddSpecFlags(CLI::App& app, SpecFlagText& text);

// Converts and checks the flags against the catalog, and learns the duration corrections
// from the --durations files (cli/measured_durations.h). `now` is used only when --start is
// absent: the campaign then starts at the next local midnight of the first region.
util::Expected<plan::Spec> BuildSpec(const SpecFlagText& text, const catalog::Catalog& catalog,
                                     util::TimePoint now);

}  // namespace cli
