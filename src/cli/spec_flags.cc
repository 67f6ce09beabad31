#include "cli/spec_flags.h"

#include "cli/measured_durations.h"

#include <algorithm>
#include <set>
#include <sstream>

#include "catalog/name.h"
#include "cli/flags.h"
#include "cli/measured_durations.h"
#include "cli/suite_files.h"
#include "util/strings.h"

namespace cli {
namespace {

using util::Expected;
using util::InvalidInput;

std::string Joined(const std::vector<std::string>& values) { return util::Join(values, ","); }

CLI::Option* AddList(CLI::App& app, const std::string& name, std::vector<std::string>& values,
                     const std::string& description) {
  return app
      .add_option(name, values,
                  description +
                      " [default: " + (values.empty() ? std::string("none") : Joined(values)) + "]")
      ->delimiter(',')
      ->type_name("LIST");
}

void AddText(CLI::App& app, const std::string& name, std::string& value,
             const std::string& description, const std::string& type_name) {
  std::string shown = value.empty() ? "" : " [default: " + value + "]";
  // The last occurrence wins, as with most command-line tools.
  app.add_option(name, value, description + shown)
      ->type_name(type_name)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
}

// Each name must be known; the error names the flag and suggests the closest known name.
util::Status CheckKnown(const std::string& flag, const std::vector<std::string>& names,
                        const std::vector<std::string>& known, const std::string& what) {
  for (const std::string& name : names) {
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      return InvalidInput(flag + ": unknown " + what + " '" + name + "'" +
                          util::DidYouMean(name, known) + "; see 'catalog list'");
    }
  }
  return {};
}

util::Status CheckSizes(const std::vector<std::string>& sizes) {
  for (const std::string& size : sizes) {
    if (!catalog::ParseTypeName("m7i." + size)) {
      return InvalidInput(
          "--sizes: unknown size '" + size +
          "' (accepted: large, xlarge, 2xlarge, ..., 48xlarge, metal, metal-24xl, ...)");
    }
  }
  return {};
}

Expected<std::pair<plan::QuotaKey, int>> ParseQuota(const std::string& text) {
  auto fail = [&text]() {
    return InvalidInput("--vcpu-quota: '" + text +
                        "' is not accepted (accepted: CLASS:MARKET=N, e.g. standard:spot=640, "
                        "with MARKET on-demand or spot and N a whole number from 0 to " +
                        std::to_string(plan::kMaxVcpuQuota) + ")");
  };
  size_t equals = text.find('=');
  if (equals == std::string::npos) return fail();
  auto key = plan::ParseQuotaKey(std::string_view(text).substr(0, equals));
  auto vcpus = util::ParseInt(text.substr(equals + 1));
  if (!key || !vcpus || *vcpus < 0 || *vcpus > plan::kMaxVcpuQuota) return fail();
  return std::make_pair(*key, static_cast<int>(*vcpus));
}

// A class no catalog type has is a typo ("standrd"), and its quota would bind nothing.
util::Status FillQuotas(const SpecFlagText& text, const catalog::Catalog& catalog,
                        plan::Spec& spec) {
  std::set<std::string> classes;
  for (const auto& [name, type] : catalog.types()) classes.insert(type.quota_class);
  for (const std::string& quota_text : text.vcpu_quotas) {
    auto quota = ParseQuota(quota_text);
    if (!quota) return quota.error();
    if (classes.count(quota->first.quota_class) == 0) {
      return InvalidInput(
          "--vcpu-quota: '" + quota_text +
          "' names a quota class that no instance type in the catalog has (classes: " +
          util::Join(std::vector<std::string>(classes.begin(), classes.end()), ", ") + ")");
    }
    spec.vcpu_quotas[quota->first] = quota->second;
  }
  return {};
}

}  // namespace

void AddSpecFlags(CLI::App& app, SpecFlagText& text) {
  AddList(app, "--instance-families", text.instance_families, "instance families to benchmark")
      ->each([&text](const std::string&) { text.families_given = true; });
  AddList(app, "--instance-types", text.instance_types,
          "exact instance types to benchmark (without --instance-families, only these)");
  AddList(app, "--benchmarks", text.benchmarks,
          "benchmark families or variant names; 'custom': only the --suite benchmarks");
  AddList(app, "--region", text.regions, "regions to run in");
  AddList(app, "--sizes", text.sizes, "sizes of each family to include");
  AddText(app, "--max-daily-jobs", text.max_daily_jobs, "jobs per region-local calendar day", "N");
  AddText(app, "--max-concurrent", text.max_concurrent, "instances running at once per region",
          "N");
  AddBoolFlag(app, "--benchmark-rotation", text.benchmark_rotation,
              "shift each window's focus by one window every day");
  AddBoolFlag(app, "--instance-size-waves", text.instance_size_waves,
              "run sizes in waves (large, xlarge, 2xlarge, 4xlarge+), one wave at a time");
  AddBoolFlag(app, "--enable-spot", text.enable_spot,
              "use spot for xlarge and larger, and for every size in evening windows");
  AddText(app, "--start", text.start,
          "campaign start: YYYY-MM-DD[THH:MM[:SS]][Z|+HH:MM], wall clock of the first region "
          "[default: next local midnight]",
          "TIME");
  AddText(app, "--days", text.days, "campaign length in days", "N");
  AddText(app, "--timezone", text.timezone,
          "IANA time zone for the windows of every region [default: each region's own]", "ZONE");
  AddText(app, "--max-cost", text.max_cost, "budget in USD; never exceeded [default: none]", "USD");
  AddText(app, "--iterations", text.iterations, "iterations of every benchmark", "N");
  AddText(app, "--seed", text.seed, "seed for every random choice (plans are deterministic)", "N");
  app.add_option("--vcpu-quota", text.vcpu_quotas,
                 "vCPU quota CLASS:MARKET=N (repeatable), e.g. standard:spot=640 "
                 "[default: docs/planning.md]")
      ->type_name("QUOTA");
  AddText(app, "--spot-price-ratio", text.spot_price_ratio,
          "planning estimate of spot price / on-demand price", "RATIO");
  AddText(app, "--max-session-hours", text.max_session_hours,
          "longest run of back-to-back jobs on one instance", "HOURS");
  app.add_option("--suite", text.suites,
                 "custom benchmark suite file (repeatable; docs/custom-suites.md): its benchmarks "
                 "are planned on every type that meets their requirements")
      ->type_name("FILE");
  AddText(app, "--catalog", text.catalog,
          "user catalog file that adds to or overrides the embedded one (docs/catalog.md)", "FILE");
  app.add_option("--durations", text.durations,
                 "learn duration corrections from measured runs: a campaign journal, an agent "
                 "result JSON file or a folder of them (repeatable) [default: the model alone]")
      ->type_name("FILE|JOURNAL|DIR");
}

namespace {

util::Status FillNames(const SpecFlagText& text, const catalog::Catalog& catalog,
                       plan::Spec& spec) {
  spec.instance_types = text.instance_types;
  spec.instance_families = text.instance_families;
  if (!text.instance_types.empty() && !text.families_given) spec.instance_families.clear();
  if (spec.instance_families.empty() && spec.instance_types.empty()) {
    return InvalidInput(
        "--instance-families and --instance-types are both empty (accepted: at "
        "least one family or type; see 'catalog list')");
  }
  for (const std::string& type : spec.instance_types) {
    // A near miss of a known type gets "did you mean"; otherwise say what is malformed.
    bool known = catalog.Find(type) != nullptr;
    auto parsed = catalog::ParseTypeName(type);
    if (!known && !parsed && util::DidYouMean(type, catalog.TypeNames()).empty()) {
      return InvalidInput("--instance-types: " + parsed.error().message);
    }
  }
  if (auto s = CheckKnown("--instance-families", spec.instance_families, catalog.FamilyNames(),
                          "instance family");
      !s) {
    return s;
  }
  if (auto s =
          CheckKnown("--instance-types", spec.instance_types, catalog.TypeNames(), "instance type");
      !s) {
    return s;
  }
  if (text.regions.empty())
    return InvalidInput("--region: no region given (accepted: e.g. us-east-1)");
  if (auto s = CheckKnown("--region", text.regions, catalog.RegionNames(), "region"); !s) return s;
  if (text.sizes.empty())
    return InvalidInput("--sizes: no size given (accepted: e.g. large,xlarge)");
  if (auto s = CheckSizes(text.sizes); !s) return s;
  if (text.benchmarks.empty()) {
    return InvalidInput(
        "--benchmarks: no benchmark given (accepted: stream, hpl, micro or a variant)");
  }
  spec.regions = text.regions;
  spec.sizes = text.sizes;
  spec.benchmarks = text.benchmarks;
  return {};
}

util::Status FillNumbers(const SpecFlagText& text, plan::Spec& spec) {
  // Flag and text, in the order the errors are reported; ranges come from plan/spec_fields.
  const std::pair<const char*, const std::string*> kNumbers[] = {
      {"--max-daily-jobs", &text.max_daily_jobs},
      {"--max-concurrent", &text.max_concurrent},
      {"--days", &text.days},
      {"--iterations", &text.iterations},
      {"--spot-price-ratio", &text.spot_price_ratio},
      {"--max-session-hours", &text.max_session_hours},
      {"--max-cost", &text.max_cost},
  };
  for (const auto& [flag, value] : kNumbers) {
    if (value->empty() && std::string_view(flag) == "--max-cost") continue;  // no budget
    if (auto s = plan::SetFromFlag(*plan::FindSpecField(flag), *value, spec); !s) return s;
  }
  auto seed = plan::ParseSeed(text.seed);
  if (!seed) return seed.error();
  spec.seed = *seed;
  return {};
}

util::Status FillBooleans(const SpecFlagText& text, plan::Spec& spec) {
  auto rotation = ParseBoolFlag("--benchmark-rotation", text.benchmark_rotation);
  if (!rotation) return rotation.error();
  auto waves = ParseBoolFlag("--instance-size-waves", text.instance_size_waves);
  if (!waves) return waves.error();
  auto spot = ParseBoolFlag("--enable-spot", text.enable_spot);
  if (!spot) return spot.error();
  spec.benchmark_rotation = *rotation;
  spec.instance_size_waves = *waves;
  spec.enable_spot = *spot;
  return {};
}

util::Status FillTime(const SpecFlagText& text, const catalog::Catalog& catalog,
                      util::TimePoint now, plan::Spec& spec) {
  std::string zone = text.timezone;
  if (!zone.empty()) {
    if (auto s = util::CheckTimeZone(zone); !s)
      return InvalidInput("--timezone: " + s.error().message);
    spec.timezone = zone;
  } else {
    zone = catalog.Region(spec.regions.front())->timezone;
  }
  if (text.start.empty()) {
    spec.start = util::LocalToUtc(util::LocalDay(now, zone) + date::days(1), zone);
    return {};
  }
  auto start = util::ParseTimestamp(text.start, zone);
  if (!start) return InvalidInput("--start: " + start.error().message);
  if (auto accepted = util::CheckAcceptedInstant(*start, text.start); !accepted) {
    return InvalidInput("--start: " + accepted.error().message);
  }
  spec.start = *start;
  return {};
}

}  // namespace

util::Expected<plan::Spec> BuildSpec(const SpecFlagText& text, const catalog::Catalog& catalog,
                                     util::TimePoint now) {
  plan::Spec spec;
  if (auto s = FillNames(text, catalog, spec); !s) return s.error();
  if (auto s = FillNumbers(text, spec); !s) return s.error();
  if (auto s = FillBooleans(text, spec); !s) return s.error();
  if (auto s = FillQuotas(text, catalog, spec); !s) return s.error();
  if (auto s = FillTime(text, catalog, now, spec); !s) return s.error();
  if (!text.durations.empty()) {
    auto measured = LoadMeasuredDurations(text.durations);
    if (!measured) return measured.error();
    spec.duration_corrections = plan::LearnCorrections(*measured);
  }
  auto suites = LoadSuiteFiles(text.suites);
  if (!suites) return suites.error();
  spec.suites = std::move(*suites);
  return spec;
}

}  // namespace cli
