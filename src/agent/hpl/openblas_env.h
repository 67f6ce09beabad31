#pragma once
// OpenBLAS picks its kernels when it is loaded, from its own CPU table; Debian 12's 0.3.21
// does not know CPUs newer than itself (it falls back to "Prescott", SSE3 kernels, on
// Emerald Rapids) and reads OPENBLAS_CORETYPE to override the choice. The agent sets it
// from the ISA when the user has not, so that hpl measures the hardware rather than the
// age of the library; the result records the value and who set it.

#include <nlohmann/json.hpp>

#include "agent/capabilities.h"
#include "agent/hpl/blas.h"
#include "agent/sysinfo.h"

namespace agent::hpl {

// The OPENBLAS_CORETYPE this machine should use, or "" to leave OpenBLAS's choice:
// x86 "SkylakeX" with avx512f, "Haswell" with avx2+fma; arm64 the Neoverse core of the
// microarchitecture when `neoverse` asks for it.
std::string OpenBlasCoreTypeFor(const SysInfo& info, const Capabilities& caps, bool neoverse);

// Sets OPENBLAS_CORETYPE (unless already set) before OpenBLAS is loaded.
// Returns {"value": ..., "set_by": "agent" | "environment" | "none"}.
nlohmann::json PrepareOpenBlasCoreType(const SysInfo& info, const Capabilities& caps,
                                       bool neoverse);

// Whether the library runs Neoverse-tuned kernels: ArmPL, or OpenBLAS on a NEOVERSE* core.
bool IsNeoverseKernel(const BlasInfo& info);

}  // namespace agent::hpl
