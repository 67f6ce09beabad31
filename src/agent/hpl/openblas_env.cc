#include "agent/hpl/openblas_env.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string>

namespace agent::hpl {

std::string OpenBlasCoreTypeFor(const SysInfo& info, const Capabilities& caps, bool neoverse) {
  if (info.arch == "x86_64") {
    if (caps.HasIsa("avx512f")) return "SkylakeX";
    if (caps.HasIsa("avx2") && caps.HasIsa("fma")) return "Haswell";
    return "";
  }
  if (info.arch == "aarch64" && neoverse) {
    const std::string& u = info.microarchitecture;
    if (u.rfind("Neoverse N1", 0) == 0) return "NEOVERSEN1";
    if (u.rfind("Neoverse V1", 0) == 0) return "NEOVERSEV1";
    if (u.rfind("Neoverse N2", 0) == 0) return "NEOVERSEN2";
    if (u.rfind("Neoverse V2", 0) == 0) return "NEOVERSEV2";
  }
  return "";
}

nlohmann::json PrepareOpenBlasCoreType(const SysInfo& info, const Capabilities& caps,
                                       bool neoverse) {
  if (const char* set = std::getenv("OPENBLAS_CORETYPE"); set != nullptr && *set != '\0') {
    return {{"value", set}, {"set_by", "environment"}};
  }
  const std::string wanted = OpenBlasCoreTypeFor(info, caps, neoverse);
  if (wanted.empty()) return {{"value", ""}, {"set_by", "none"}};
  // Only effective if OpenBLAS is not loaded yet in this process; "kernel" in the
  // library parameters shows what it really runs.
  setenv("OPENBLAS_CORETYPE", wanted.c_str(), 0);
  return {{"value", wanted}, {"set_by", "agent"}};
}

bool IsNeoverseKernel(const BlasInfo& info) {
  if (info.name.rfind("libarmpl", 0) == 0) return true;
  std::string kernel = info.kernel;
  std::transform(kernel.begin(), kernel.end(), kernel.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return kernel.find("neoverse") != std::string::npos;
}

}  // namespace agent::hpl
