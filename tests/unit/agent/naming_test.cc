// `bench run NAME` and `schedule --benchmarks NAME` must mean the same variants: the
// agent's registry (agent/registry.h) against the planner's (plan/registry.h), for every
// family and variant name the planner accepts and on machines of each kind this build
// can run on.

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "agent/capabilities.h"
#include "agent/hardware.h"
#include "agent/registry.h"
#include "bench/variants.h"
#include "catalog/instance_type.h"
#include "plan/registry.h"
#include "test_support.h"

namespace agent {
namespace {

std::set<std::string> AgentNames(const std::vector<const Variant*>& variants) {
  std::set<std::string> names;
  for (const Variant* variant : variants) names.insert(variant->Name());
  return names;
}

std::set<std::string> PlanNames(const std::vector<const plan::Variant*>& variants) {
  std::set<std::string> names;
  for (const plan::Variant* variant : variants) names.insert(std::string(variant->name));
  return names;
}

// Every token the planner accepts: its three family names and its variant names.
std::vector<std::string> PlannerTokens() {
  std::vector<std::string> tokens;
  for (const plan::Variant& variant : plan::Variants()) {
    tokens.emplace_back(plan::ToString(variant.family));
    tokens.emplace_back(variant.name);
  }
  std::sort(tokens.begin(), tokens.end());
  tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
  return tokens;
}

// One kind of machine, as the catalog describes its type and as the agent would see it.
struct Machine {
  const char* label;
  catalog::InstanceType type;
  SysInfo info;
  FakeCapabilities caps;
};

Machine MakeMachine(const char* label, catalog::Architecture architecture, catalog::Vendor vendor,
                    std::vector<std::string> catalog_isa,
                    std::set<std::string, std::less<>> cpu_isa) {
  Machine machine{label, {}, testing::HostInfo(), {}};
  machine.type.architecture = architecture;
  machine.type.vendor = vendor;
  machine.type.isa = std::move(catalog_isa);
  machine.info.arch = architecture == catalog::Architecture::kArm64 ? "aarch64" : "x86_64";
  machine.info.vendor = vendor == catalog::Vendor::kIntel ? "GenuineIntel"
                        : vendor == catalog::Vendor::kAmd ? "AuthenticAMD"
                                                          : "ARM (0x41)";
  machine.info.isa_features.assign(cpu_isa.begin(), cpu_isa.end());
  machine.caps.isa = std::move(cpu_isa);
  return machine;
}

std::vector<Machine> Machines() {
  using catalog::Architecture;
  using catalog::Vendor;
  std::vector<Machine> machines;
  machines.push_back(MakeMachine("intel avx512", Architecture::kX86_64, Vendor::kIntel,
                                 {"avx2", "avx512"}, {"avx2", "avx512f", "fma"}));
  machines.push_back(
      MakeMachine("amd avx2", Architecture::kX86_64, Vendor::kAmd, {"avx2"}, {"avx2", "fma"}));
  machines.push_back(MakeMachine("amd avx512", Architecture::kX86_64, Vendor::kAmd,
                                 {"avx2", "avx512"}, {"avx2", "avx512f", "fma"}));
  machines.push_back(
      MakeMachine("arm64 neon", Architecture::kArm64, Vendor::kAws, {"neon"}, {"asimd", "neon"}));
  machines.push_back(MakeMachine("arm64 sve", Architecture::kArm64, Vendor::kAws, {"neon", "sve"},
                                 {"asimd", "neon", "sve"}));
  return machines;
}

TEST(Naming, EveryPlannerTokenSelectsTheSameVariantsInBothRegistries) {
  for (const std::string& token : PlannerTokens()) {
    auto planned = plan::ResolveBenchmarks({token});
    auto selected = SelectVariants({token});
    ASSERT_TRUE(planned.has_value()) << token;
    ASSERT_TRUE(selected.has_value()) << token << ": " << selected.error().message;
    std::set<std::string> plan_names, agent_names;
    for (const plan::BenchmarkChoice& choice : *planned) {
      plan_names.insert(std::string(choice.variant->name));
    }
    for (const Selection& chosen : *selected) agent_names.insert(chosen.variant->Name());
    EXPECT_EQ(agent_names, plan_names) << "token '" << token << "'";
  }
}

TEST(Naming, FamiliesExpandToTheSameApplicableVariantsOnEachKindOfMachine) {
  const std::string build_arch = testing::HostInfo().build.target_arch;
  for (const Machine& machine : Machines()) {
    for (const plan::Variant& any : plan::Variants()) {
      const std::string family = plan::ToString(any.family);
      // This build holds the explicit STREAM kernels of its own architecture only (an
      // x86_64 agent cannot run NEON), so the stream family is compared on machines of
      // the build's architecture.
      if (family == "stream" && machine.info.arch != build_arch) continue;
      auto planned = plan::ResolveBenchmarks({family});
      auto selected = SelectVariants({family});
      ASSERT_TRUE(planned.has_value() && selected.has_value()) << family;
      const auto expected = PlanNames(plan::Expand(*planned, machine.type).applicable);
      const auto actual = AgentNames(VariantsToRun(*selected, machine.info, machine.caps));
      EXPECT_EQ(actual, expected) << machine.label << ", family '" << family << "'";
    }
  }
}

TEST(Naming, NoNamesRunsEveryVariantTheFamiliesHoldAndNoOther) {
  auto all = SelectVariants({});
  ASSERT_TRUE(all.has_value());
  std::set<std::string> agent_names;
  for (const Selection& chosen : *all) agent_names.insert(chosen.variant->Name());
  std::set<std::string> plan_names;
  for (const plan::Variant& variant : plan::Variants())
    plan_names.insert(std::string(variant.name));
  EXPECT_EQ(agent_names, plan_names);
}

// The agent's variant code and the shared table (bench/variants.h) describe the same set:
// a variant without a row would have no family or category, a row without code would be
// planned and never run.
TEST(Naming, TheAgentsVariantsAreExactlyTheSharedTable) {
  std::set<std::string> code, table;
  for (const auto& variant : AllVariants()) {
    code.insert(variant->Name());
    EXPECT_FALSE(variant->Family().empty()) << variant->Name() << " has no row in the table";
  }
  for (const bench::Variant& row : bench::Variants()) table.insert(std::string(row.name));
  EXPECT_EQ(code, table);
  EXPECT_EQ(AllVariants().size(), bench::Variants().size());
}

// How a catalog ISA feature shows in the agent's detection (SysInfo::isa_features: CPUID
// bits on x86_64, hwcaps on arm64): written here from those names, not taken from the
// agent's mapping.
struct CpuFlags {
  const char* catalog;
  std::vector<const char*> flags;
};
const CpuFlags kCpuFlags[] = {
    {"amx", {"amx-tile"}},       {"avx2", {"avx2", "fma"}}, {"avx512", {"avx512f"}},
    {"neon", {"asimd", "neon"}}, {"sve", {"sve"}},          {"sve2", {"sve2"}},
};

// A random machine: architecture, vendor, and for each catalog ISA feature all of its flags
// (the catalog lists it), none, or only some (the catalog does not list it; the agent must
// not count it either).
Machine RandomMachine(std::mt19937& random) {
  using catalog::Architecture;
  using catalog::Vendor;
  auto pick = [&random](int n) { return std::uniform_int_distribution<int>(0, n - 1)(random); };
  const Architecture architecture = pick(2) == 0 ? Architecture::kX86_64 : Architecture::kArm64;
  const Vendor vendor =
      std::vector<Vendor>{Vendor::kIntel, Vendor::kAmd, Vendor::kAws}[static_cast<size_t>(pick(3))];
  std::vector<std::string> catalog_isa;
  std::set<std::string, std::less<>> flags;
  for (const CpuFlags& feature : kCpuFlags) {
    switch (pick(3)) {
      case 0:  // present
        catalog_isa.emplace_back(feature.catalog);
        flags.insert(feature.flags.begin(), feature.flags.end());
        break;
      case 1:  // partly present: some flags, never all
        for (size_t i = 0; i + 1 < feature.flags.size(); ++i) {
          if (pick(2) == 0) flags.insert(feature.flags[i]);
        }
        break;
      default:  // absent
        break;
    }
  }
  return MakeMachine("random", architecture, vendor, std::move(catalog_isa), std::move(flags));
}

std::string Describe(const Machine& machine) {
  std::string text = machine.info.arch + " " + machine.info.vendor + " flags:";
  for (const std::string& flag : machine.info.isa_features) text += " " + flag;
  text += " catalog ISA:";
  for (const std::string& feature : machine.type.isa) text += " " + feature;
  return text;
}

// Property: on any machine, the planner (catalog facts, plan::Applies) and the agent (what
// it detects, CheckApplies) agree for every variant whether its hardware requirement is met.
// The explicit STREAM kernels exist for the build's architecture only, so those variants
// are compared on machines of that architecture (an agent never runs on another).
TEST(Naming, PlannerAndAgentAgreeOnEveryVariantForRandomHardware) {
  const std::string build_arch = testing::HostInfo().build.target_arch;
  std::mt19937 random(9);
  int compared = 0;
  for (int trial = 0; trial < 500; ++trial) {
    const Machine machine = RandomMachine(random);
    for (const plan::Variant& variant : plan::Variants()) {
      const Variant* agent_variant = FindVariant(variant.name);
      ASSERT_NE(agent_variant, nullptr) << variant.name;
      const bool explicit_kernels = variant.family == bench::Family::kStream &&
                                    variant.requirement != bench::Requirement::kNone;
      if (explicit_kernels && machine.info.arch != build_arch) continue;
      const bool planned = plan::Applies(variant, machine.type);
      const Applicability agent = CheckApplies(*agent_variant, machine.info, machine.caps);
      EXPECT_EQ(!agent.hardware, planned)
          << variant.name << " on " << Describe(machine) << ": " << agent.reason;
      if (agent.hardware) {
        EXPECT_FALSE(agent.reason.empty()) << variant.name;
      }
      ++compared;
    }
  }
  EXPECT_GT(compared, 5000);  // most comparisons were made, not skipped
}

}  // namespace
}  // namespace agent
