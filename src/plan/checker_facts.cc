// The checker's own table of benchmark variants (docs/methodology.md), kept apart from the
// planner's registry on purpose, and the accounting of requested jobs.
#include <set>

#include "catalog/name.h"
#include "plan/checker_internal.h"

namespace plan::check {
namespace {

enum class Needs { kAny, kAvx512, kX86Avx2, kArm64, kIntel, kAmd, kArm64Sve };

struct VariantRow {
  const char* name;
  const char* family;
  Category category;
  Needs needs;
};

// Categories as docs/planning.md documents them: stream* memory; hpl, hpl-single,
// hpl-vector, hpl-branch and hpl-sve (the agent's own kernel) compute; the hpl variants
// that load a vendor's library (mkl, blis, neoverse) library; micro-* micro.
constexpr VariantRow kVariants[] = {
    {"stream", "stream", Category::kMemory, Needs::kAny},
    {"stream-numa", "stream", Category::kMemory, Needs::kAny},
    {"stream-cache", "stream", Category::kMemory, Needs::kAny},
    {"stream-prefetch", "stream", Category::kMemory, Needs::kAny},
    {"stream-avx512", "stream", Category::kMemory, Needs::kAvx512},
    {"stream-avx2", "stream", Category::kMemory, Needs::kX86Avx2},
    {"stream-neon", "stream", Category::kMemory, Needs::kArm64},
    {"hpl", "hpl", Category::kCompute, Needs::kAny},
    {"hpl-single", "hpl", Category::kCompute, Needs::kAny},
    {"hpl-vector", "hpl", Category::kCompute, Needs::kAny},
    {"hpl-branch", "hpl", Category::kCompute, Needs::kAny},
    {"hpl-mkl", "hpl", Category::kLibrary, Needs::kIntel},
    {"hpl-blis", "hpl", Category::kLibrary, Needs::kAmd},
    {"hpl-sve", "hpl", Category::kCompute, Needs::kArm64Sve},
    {"hpl-neoverse", "hpl", Category::kLibrary, Needs::kArm64},
    {"micro-latency", "micro", Category::kMicro, Needs::kAny},
    {"micro-ipc", "micro", Category::kMicro, Needs::kAny},
    {"micro-tlb", "micro", Category::kMicro, Needs::kAny},
    {"micro-cache", "micro", Category::kMicro, Needs::kAny},
};

const VariantRow* FindRow(const std::string& variant) {
  for (const VariantRow& row : kVariants) {
    if (variant == row.name) return &row;
  }
  return nullptr;
}

bool Meets(Needs needs, const catalog::InstanceType& type) {
  bool arm = type.architecture == catalog::Architecture::kArm64;
  switch (needs) {
    case Needs::kAny:
      return true;
    case Needs::kAvx512:
      return type.HasIsa("avx512");
    case Needs::kX86Avx2:
      return !arm && type.HasIsa("avx2");
    case Needs::kArm64:
      return arm;
    case Needs::kIntel:
      return type.vendor == catalog::Vendor::kIntel;
    case Needs::kAmd:
      return type.vendor == catalog::Vendor::kAmd;
    case Needs::kArm64Sve:
      return arm && type.HasIsa("sve");
  }
  return false;
}

// A custom benchmark's requirement against the catalog facts: the suite format's own check
// (bench/suite.h), since the suite, not a table here, is where those facts are stated.
bool MeetsCustom(const bench::CustomBenchmark& benchmark, const catalog::InstanceType& type) {
  bench::Hardware hardware;
  hardware.arm64 = type.architecture == catalog::Architecture::kArm64;
  hardware.isa = type.isa;
  return bench::MeetsCustom(benchmark, hardware, type.memory_gib);
}

std::string Key(const std::string& region, const std::string& type, const std::string& variant) {
  return region + " " + type + " " + variant;
}

// What the spec asks for: region x type x variant, for variants that apply to the type.
std::set<std::string> ExpectedJobs(const Context& ctx) {
  const Spec& spec = ctx.plan.spec;
  std::set<std::string> types(spec.instance_types.begin(), spec.instance_types.end());
  std::set<std::string> sizes(spec.sizes.begin(), spec.sizes.end());
  for (const std::string& family : spec.instance_families) {
    for (const catalog::InstanceType* type : ctx.catalog.TypesOfFamily(family)) {
      if (sizes.count(type->size) > 0) types.insert(type->name);
    }
  }
  std::set<std::string> expected;
  for (const std::string& name : types) {
    const catalog::InstanceType* type = ctx.TypeOf(name);
    if (type == nullptr) continue;  // reported by CheckSessions for the jobs that name it
    for (const VariantRow& row : kVariants) {
      bool asked = false;
      for (const std::string& benchmark : spec.benchmarks)
        asked = asked || benchmark == row.name || benchmark == row.family;
      if (!asked || !Meets(row.needs, *type)) continue;
      for (const std::string& region : spec.regions) expected.insert(Key(region, name, row.name));
    }
    for (const bench::Suite& suite : spec.suites) {
      for (const bench::CustomBenchmark& benchmark : suite.benchmarks) {
        if (!MeetsCustom(benchmark, *type)) continue;
        for (const std::string& region : spec.regions)
          expected.insert(Key(region, name, benchmark.name));
      }
    }
  }
  return expected;
}

void CheckJob(const Context& ctx, const Job& job, const std::string& where, bool scheduled,
              std::set<std::string>& expected, std::set<std::string>& seen) {
  std::string key = Key(job.region, job.instance_type, job.benchmark);
  if (!seen.insert(key).second) {
    ctx.Add(Rule::kAccounting, where, "job " + key + " appears more than once");
    return;
  }
  if (expected.erase(key) > 0) return;
  const catalog::InstanceType* type = ctx.TypeOf(job.instance_type);
  const VariantRow* row = FindRow(job.benchmark);
  const bench::CustomBenchmark* custom = bench::FindCustom(ctx.plan.spec.suites, job.benchmark);
  if (custom != nullptr && type != nullptr) {
    // Listing an inapplicable custom benchmark as unscheduled is honest; running it is not.
    if (MeetsCustom(*custom, *type)) {
      ctx.Add(Rule::kAccounting, where, "job " + key + " was not asked for by the spec");
    } else if (scheduled) {
      ctx.Add(Rule::kVariant, where,
              "custom benchmark '" + job.benchmark + "' does not apply to " + job.instance_type);
    }
  } else if (row == nullptr) {
    ctx.Add(Rule::kVariant, where, "unknown benchmark variant '" + job.benchmark + "'");
  } else if (type == nullptr) {
    ctx.Add(Rule::kReference, where,
            "instance type '" + job.instance_type + "' is not in the catalog");
  } else if (!Meets(row->needs, *type)) {
    // Listing an inapplicable variant as unscheduled is honest; running it is not.
    if (scheduled) {
      ctx.Add(Rule::kVariant, where,
              "variant '" + job.benchmark + "' does not apply to " + job.instance_type + " (" +
                  type->microarchitecture + ")");
    }
  } else {
    ctx.Add(Rule::kAccounting, where, "job " + key + " was not asked for by the spec");
  }
}

}  // namespace

VariantFacts LookUpVariant(const Spec& spec, const std::string& variant) {
  const VariantRow* row = FindRow(variant);
  if (const bench::CustomBenchmark* custom = bench::FindCustom(spec.suites, variant))
    return VariantFacts{true, bench::kCustomFamily, custom->category};
  if (row == nullptr) return {};
  return VariantFacts{true, row->family, row->category};
}

bool VariantApplies(const std::string& variant, const catalog::InstanceType& type) {
  const VariantRow* row = FindRow(variant);
  return row != nullptr && Meets(row->needs, type);
}

std::vector<std::string> AllVariants() {
  std::vector<std::string> names;
  for (const VariantRow& row : kVariants) names.emplace_back(row.name);
  return names;
}

void CheckAccounting(const Context& ctx) {
  std::set<std::string> expected = ExpectedJobs(ctx);
  std::set<std::string> seen;
  for (size_t i = 0; i < ctx.plan.jobs.size(); ++i) {
    CheckJob(ctx, ctx.plan.jobs[i], "jobs[" + std::to_string(i) + "]", true, expected, seen);
  }
  for (size_t i = 0; i < ctx.plan.unscheduled.size(); ++i) {
    const Unscheduled& entry = ctx.plan.unscheduled[i];
    std::string where = "unscheduled[" + std::to_string(i) + "]";
    CheckJob(ctx, entry.job, where + ".job", false, expected, seen);
    if (entry.reason.empty() || entry.remedy.empty()) {
      ctx.Add(Rule::kUnscheduled, where, "an unscheduled job needs both a reason and a remedy");
    }
  }
  for (const std::string& key : expected) {
    ctx.Add(Rule::kAccounting, "plan",
            "job " + key + " is neither scheduled nor unscheduled (dropped)");
  }
}

}  // namespace plan::check
