#pragma once
// The micro family's variants (docs/methodology-hpl-micro.md).

#include <functional>
#include <memory>

#include "agent/micro/perf_counters.h"
#include "agent/registry.h"

namespace agent::micro {

// Appends this family's variants to the registry, in the order `list` shows them.
void AddVariants(VariantList& list);

std::unique_ptr<Variant> MakeLatencyVariant();
std::unique_ptr<Variant> MakeTlbVariant();
std::unique_ptr<Variant> MakeCacheVariant();
// micro-ipc with the counters it opens; tests pass a fake.
std::unique_ptr<Variant> MakeIpcVariant(std::function<std::unique_ptr<PerfCounters>()> counters);

}  // namespace agent::micro
