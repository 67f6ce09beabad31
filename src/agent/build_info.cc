// The compiler and flags of this build, recorded in every result. The flags come from
// CMake (ABC_AGENT_CXX_FLAGS, set on this file only).

#include "agent/sysinfo.h"

#ifndef ABC_AGENT_CXX_FLAGS
#define ABC_AGENT_CXX_FLAGS ""
#endif
#ifndef ABC_AGENT_BUILD_TYPE
#define ABC_AGENT_BUILD_TYPE ""
#endif

namespace agent {

BuildInfo BuildInformation() {
  BuildInfo build;
#if defined(__clang__)
  build.compiler = "Clang " __clang_version__;
#elif defined(__GNUC__)
  build.compiler = "GCC " __VERSION__;
#else
  build.compiler = "unknown";
#endif
  build.flags = ABC_AGENT_CXX_FLAGS;
  build.build_type = ABC_AGENT_BUILD_TYPE;
#if defined(__x86_64__)
  build.target_arch = "x86_64";
#elif defined(__aarch64__)
  build.target_arch = "aarch64";
#else
  build.target_arch = "unknown";
#endif
  return build;
}

}  // namespace agent
