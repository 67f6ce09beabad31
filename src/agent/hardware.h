#pragma once
// Whether a variant applies on this machine, decided once: the hardware requirement comes
// from the shared variant table (bench::Meets, the same check the planner makes against the
// catalog), then the variant's own run-time checks (NUMA nodes, counters, libraries).

#include "agent/capabilities.h"
#include "agent/sysinfo.h"
#include "agent/variant.h"
#include "bench/variants.h"

namespace agent {

// The running machine in the table's terms. The one place that maps what the agent detects
// (SysInfo::arch "aarch64", vendor "GenuineIntel", CPU flags "avx512f", "fma", "asimd") to the
// catalog's names (arm64, intel, ISA "avx512", "avx2", "neon").
bench::Hardware TableHardware(const SysInfo& info, const Capabilities& caps);

// The table's requirement (Applicability::Hardware with a reason naming what this machine
// lacks), then variant.Applies. A variant the table does not know (a test's fake) has no
// hardware requirement.
Applicability CheckApplies(const Variant& variant, const SysInfo& info, const Capabilities& caps);

}  // namespace agent
