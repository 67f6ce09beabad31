#include "plan/jobs.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "catalog/name.h"
#include "plan/durations.h"
#include "plan/quota.h"
#include "plan/spec_fields.h"
#include "plan/windows.h"
#include "util/strings.h"
#include "util/time.h"

namespace plan {

std::vector<const catalog::InstanceType*> SelectTypes(const Spec& spec,
                                                      const catalog::Catalog& catalog) {
  std::vector<const catalog::InstanceType*> types;
  auto add = [&types](const catalog::InstanceType* type) {
    if (std::find(types.begin(), types.end(), type) == types.end()) types.push_back(type);
  };
  for (const std::string& family : spec.instance_families) {
    for (const catalog::InstanceType* type : catalog.TypesOfFamily(family)) {
      if (std::find(spec.sizes.begin(), spec.sizes.end(), type->size) != spec.sizes.end())
        add(type);
    }
  }
  for (const std::string& name : spec.instance_types) add(catalog.Find(name));
  return types;
}

namespace {

util::Status CheckNames(const std::vector<std::string>& names,
                        const std::vector<std::string>& known, const char* flag, const char* what) {
  for (const std::string& name : names) {
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      return util::InvalidInput(std::string(flag) + ": unknown " + what + " '" + name + "'" +
                                util::DidYouMean(name, known) + " (see `catalog list`)");
    }
  }
  return {};
}

util::Status CheckSizes(const Spec& spec) {
  for (const std::string& size : spec.sizes) {
    if (catalog::SizeRank(size) >= catalog::SizeRank("no-such-size")) {
      return util::InvalidInput("--sizes: unknown size '" + size +
                                "' (accepted: large, xlarge, 2xlarge, ..., metal, metal-24xl)");
    }
  }
  return {};
}

std::string QuotaFlag(const std::string& quota_class, Market market, int vcpus) {
  return "--vcpu-quota " + FormatQuotaKey({quota_class, market}) + "=" + std::to_string(vcpus);
}

// Reason and remedy for a job that can never be placed, or nothing when it can.
std::optional<std::pair<std::string, std::string>> WhyImpossible(const Spec& spec,
                                                                 const Candidate& c,
                                                                 const std::string& region) {
  const catalog::InstanceType& type = *c.type;
  if (auto offered = spec.not_offered.find(region); offered != spec.not_offered.end()) {
    if (auto why = offered->second.find(type.name); why != offered->second.end()) {
      return std::pair{why->second,
                       "plan another region or type (aws ec2 "
                       "describe-instance-type-offerings --region " +
                           region + ")"};
    }
  }
  if (type.OnDemandPrice(region) == nullptr) {
    return std::pair{"no on-demand price for " + type.name + " in " + region + " in the catalog",
                     std::string("add it with --catalog FILE")};
  }
  int64_t longest = LongestSessionS(spec, type);
  if (longest == 0) {
    Market market = ChooseMarket(spec.enable_spot, 0, type.size);
    return std::pair{
        type.name + " needs " + std::to_string(type.vcpus) + " vCPUs, above the " +
            type.quota_class + " vCPU quota of every market it may use",
        QuotaFlag(type.quota_class, market, type.vcpus) + " (if the account's quota allows it)"};
  }
  int64_t needed = spec.cost.boot_overhead_s + c.job.estimated_duration_s;
  if (needed <= longest) return std::nullopt;
  int fit = 0;
  // A custom benchmark that fixes its own iteration count does not follow --iterations.
  bool follows_iterations = c.custom == nullptr || c.custom->iterations == 0;
  for (int n = spec.iterations - 1; n >= 1 && fit == 0 && follows_iterations; --n) {
    int64_t duration = c.custom != nullptr
                           ? EstimateCustomDurationS(*c.custom, n)
                           : EstimateJob(*c.variant, type, n, spec.duration_corrections).seconds;
    if (spec.cost.boot_overhead_s + duration <= longest) fit = n;
  }
  std::string reason = "needs " + std::to_string(needed) +
                       " s with boot, longer than the longest session it can get (" +
                       std::to_string(longest) + " s)";
  std::string remedy = fit > 0 ? "--iterations " + std::to_string(fit) : std::string();
  if (needed <= LongestWindowS(spec, type)) {
    // The session cap, not the window, is what cuts it: a cap in tenths of an hour that fits.
    int64_t tenths = (needed + 359) / 360;
    std::string hours =
        std::to_string(tenths / 10) + (tenths % 10 ? "." + std::to_string(tenths % 10) : "");
    remedy += (remedy.empty() ? "" : ", or ") + std::string("--max-session-hours ") + hours;
  }
  return std::pair{reason, remedy.empty()
                               ? std::string("none: its setup alone does not fit a session")
                               : remedy};
}

std::string GibText(double gib) {
  char text[32];
  std::snprintf(text, sizeof text, "%g GiB", gib);
  return text;
}

// What a built-in and a custom benchmark have in common as a job.
struct JobFacts {
  std::string name;
  std::string family;
  Category category = Category::kMemory;
  int order = 0;         // registry order: built-ins, then the suites' benchmarks in file order
  JobEstimate estimate;  // a custom benchmark's is its suite's own estimate (basis: model)
};

Candidate MakeCandidate(const Spec& spec, const catalog::InstanceType& type, const JobFacts& facts,
                        const RegionContext& region, int region_index) {
  Candidate c;
  c.type = &type;
  c.category = facts.category;
  c.region_index = region_index;
  c.wave = spec.instance_size_waves ? catalog::SizeWave(type.size) : 1;
  c.job.id = region.name + "/" + type.name + "/" + facts.name;
  c.job.instance_type = type.name;
  c.job.benchmark = facts.name;
  c.job.region = region.name;
  c.job.priority = facts.order + (spec.instance_size_waves ? 100 * (c.wave - 1) : 0);
  c.job.estimated_duration_s = facts.estimate.seconds;
  c.job.estimate = facts.estimate.basis;
  c.job.estimate_source = facts.estimate.source;
  c.job.prefer_spot = ChooseMarket(spec.enable_spot, 0, type.size) == Market::kSpot;
  c.job.tags = {{"benchmark_family", facts.family},
                {"category", ToString(facts.category)},
                {"instance_family", type.family},
                {"size", type.size},
                {"wave", std::to_string(catalog::SizeWave(type.size))}};
  if (const catalog::Price* price = type.OnDemandPrice(region.name))
    c.rates.on_demand_usd_per_hour = price->usd_per_hour;
  c.rates.gp3_usd_per_gb_month = region.info->gp3_usd_per_gb_month;
  c.rates.ipv4_usd_per_hour = region.info->public_ipv4_usd_per_hour;
  return c;
}

Candidate MakeCandidate(const Spec& spec, const catalog::InstanceType& type, const Variant& variant,
                        const RegionContext& region, int region_index) {
  Candidate c = MakeCandidate(
      spec, type,
      {std::string(variant.name), ToString(variant.family), variant.category, VariantIndex(variant),
       EstimateJob(variant, type, spec.iterations, spec.duration_corrections)},
      region, region_index);
  c.variant = &variant;
  return c;
}

Candidate MakeCustomCandidate(const Spec& spec, const catalog::InstanceType& type,
                              const bench::CustomBenchmark& benchmark, int order,
                              const RegionContext& region, int region_index) {
  Candidate c = MakeCandidate(
      spec, type,
      {benchmark.name, bench::kCustomFamily, benchmark.category,
       static_cast<int>(Variants().size()) + order,
       JobEstimate{EstimateCustomDurationS(benchmark, spec.iterations), EstimateBasis::kModel, ""}},
      region, region_index);
  c.custom = &benchmark;
  return c;
}

// The suites' benchmarks on one type: those that apply become candidates (or impossible,
// like a built-in); those that do not are listed as unscheduled, since --suite asked for them.
void AddCustomJobs(const Spec& spec, const catalog::InstanceType& type, const RegionContext& region,
                   int region_index, Prepared& prepared) {
  int order = 0;
  for (const bench::Suite& suite : spec.suites) {
    for (const bench::CustomBenchmark& benchmark : suite.benchmarks) {
      Candidate c = MakeCustomCandidate(spec, type, benchmark, order++, region, region_index);
      if (!AppliesCustom(benchmark, type)) {
        prepared.impossible.push_back(
            {c.job,
             benchmark.name + " needs " + bench::CustomRequirementText(benchmark) + ", which " +
                 type.name + " (" + type.processor + ", " + GibText(type.memory_gib) +
                 ") does not have",
             std::string("none on this type: change the suite's requirements or the types")});
      } else if (auto why = WhyImpossible(spec, c, region.name)) {
        prepared.impossible.push_back({c.job, why->first, why->second});
      } else {
        prepared.candidates.push_back(std::move(c));
      }
    }
  }
}

util::Expected<std::vector<BenchmarkChoice>> BuiltinChoices(const Spec& spec) {
  auto names = BuiltinBenchmarkNames(spec);
  if (!names) return names.error();
  if (names->empty()) return std::vector<BenchmarkChoice>{};  // --benchmarks custom
  return ResolveBenchmarks(*names);
}

}  // namespace

util::Status ValidateSpec(const Spec& spec, const catalog::Catalog& catalog) {
  if (auto s = CheckNames(spec.instance_families, catalog.FamilyNames(), "--instance-families",
                          "family");
      !s)
    return s;
  if (auto s =
          CheckNames(spec.instance_types, catalog.TypeNames(), "--instance-types", "instance type");
      !s)
    return s;
  if (spec.regions.empty())
    return util::InvalidInput(
        "--region: the list is empty (accepted: regions listed by `catalog list`)");
  if (auto s = CheckNames(spec.regions, catalog.RegionNames(), "--region", "region"); !s) return s;
  if (auto s = CheckSizes(spec); !s) return s;
  if (auto s = CheckSpecFields(spec); !s) return s;
  if (spec.timezone) {
    if (auto s = util::CheckTimeZone(*spec.timezone); !s)
      return util::InvalidInput("--timezone: " + s.error().message);
  }
  for (const std::string& region : spec.regions) {
    const catalog::RegionInfo* info = catalog.Region(region);
    if (!spec.timezone && !util::CheckTimeZone(info->timezone)) {
      return util::InvalidInput("region " + region +
                                ": the catalog gives no valid time zone; set --timezone");
    }
  }
  if (auto choices = BuiltinChoices(spec); !choices) return choices.error();
  if (SelectTypes(spec, catalog).empty()) {
    return util::InvalidInput(
        "--instance-families/--instance-types/--sizes: no instance type matches "
        "(sizes asked: " +
        util::Join(spec.sizes, ",") + ")");
  }
  return {};
}

int64_t LongestWindowS(const Spec& spec, const catalog::InstanceType& type) {
  int64_t longest = 0;
  for (int w = 0; w < kWindowsPerDay; ++w) {
    Market market = ChooseMarket(spec.enable_spot, w, type.size);
    if (EffectiveVcpuQuota(spec, QuotaKey{type.quota_class, market}) < type.vcpus) continue;
    const WindowTemplate& tmpl = WindowTemplates()[static_cast<size_t>(w)];
    longest = std::max<int64_t>(longest, (tmpl.end_hour - tmpl.start_hour) * int64_t{3600});
  }
  return longest;
}

int64_t LongestSessionS(const Spec& spec, const catalog::InstanceType& type) {
  return std::min(LongestWindowS(spec, type), spec.cost.max_session_s);
}

util::Expected<Prepared> PrepareJobs(const Spec& spec, const catalog::Catalog& catalog) {
  auto choices = BuiltinChoices(spec);
  if (!choices) return choices.error();
  Prepared prepared;
  for (const std::string& name : spec.regions) {
    bool listed = std::any_of(prepared.regions.begin(), prepared.regions.end(),
                              [&name](const RegionContext& region) { return region.name == name; });
    if (listed) continue;  // a region named twice is planned once
    const catalog::RegionInfo* info = catalog.Region(name);
    prepared.regions.push_back({name, spec.timezone ? *spec.timezone : info->timezone, info});
  }
  std::vector<const catalog::InstanceType*> types = SelectTypes(spec, catalog);
  for (const catalog::InstanceType* type : types) prepared.quota_classes.insert(type->quota_class);
  for (size_t r = 0; r < prepared.regions.size(); ++r) {
    const RegionContext& region = prepared.regions[r];
    for (const catalog::InstanceType* type : types) {
      Expansion expansion = Expand(*choices, *type);
      for (const Variant* variant : expansion.not_applicable) {
        Candidate c = MakeCandidate(spec, *type, *variant, region, static_cast<int>(r));
        prepared.impossible.push_back(
            {c.job,
             std::string(variant->name) + " needs " + RequirementText(variant->requirement) +
                 ", which " + type->name + " (" + type->processor + ") does not have",
             std::string("none on this type: name the family (e.g. --benchmarks ") +
                 ToString(variant->family) + ") to get only the variants that apply"});
      }
      for (const Variant* variant : expansion.applicable) {
        Candidate c = MakeCandidate(spec, *type, *variant, region, static_cast<int>(r));
        if (auto why = WhyImpossible(spec, c, region.name)) {
          prepared.impossible.push_back({c.job, why->first, why->second});
        } else {
          prepared.candidates.push_back(std::move(c));
        }
      }
      AddCustomJobs(spec, *type, region, static_cast<int>(r), prepared);
    }
  }
  prepared.jobs_total = static_cast<int>(prepared.candidates.size() + prepared.impossible.size());
  return prepared;
}

}  // namespace plan
