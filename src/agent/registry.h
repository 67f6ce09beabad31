#pragma once
// Every variant of every family, in a fixed order (stream, hpl, micro).

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "agent/variant.h"
#include "util/expected.h"

namespace agent {

using VariantList = std::vector<std::unique_ptr<Variant>>;

const VariantList& AllVariants();
const Variant* FindVariant(std::string_view name);

// One NAME of `run` resolved. `named`: the variant was asked for by its own name (or by
// giving no names at all), not only as a member of a family.
struct Selection {
  const Variant* variant = nullptr;
  bool named = false;
};

// Resolves the NAMEs of `run` as the planner resolves --benchmarks (plan/registry.h
// ResolveBenchmarks): a family name ("stream", "hpl", "micro") selects its family and
// wins over the variant of the same name; any other variant name selects exactly that
// variant; no names select every variant, each as named. With `exact` every NAME is a
// variant name ("stream" is then the one base variant): what a job that runs a single
// variant passes. Registry order, no duplicates. An unknown name is kInvalidInput naming
// it, with a did-you-mean hint.
util::Expected<std::vector<Selection>> SelectVariants(const std::vector<std::string>& names,
                                                      bool exact = false);

// SelectVariants over the built-in variants and `custom` (the benchmarks of the --suite
// files): a custom benchmark's name selects it (named); "custom" selects all of them, as a
// family (not with `exact`); the other NAMEs resolve as SelectVariants resolves them. No
// NAMEs: every built-in and every custom variant, each as named. Built-ins first.
util::Expected<std::vector<Selection>> SelectWithCustom(const std::vector<std::string>& names,
                                                        bool exact, const VariantList& custom);

// What runs on this machine: every named variant (one that does not apply is recorded as
// `skipped` with the reason) and the family members whose architecture, vendor and ISA
// needs this machine meets (CheckApplies, agent/hardware.h), as the planner keeps a family's
// variants that apply to an instance type (plan::Expand). A member that misses only a
// run-time capability (a second NUMA node, perf counters, a library) stays, and is
// recorded as skipped with the reason.
std::vector<const Variant*> VariantsToRun(const std::vector<Selection>& selection,
                                          const SysInfo& info, const Capabilities& caps);

}  // namespace agent
