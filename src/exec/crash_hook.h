#pragma once
// Test hook for the crash test: with ABC_CRASH_AT="point:n" in the environment, the n-th
// pass through CrashPoint("point") kills the process with SIGKILL, exactly like `kill -9`
// at that instant. Without the variable it costs one branch.

#include <string_view>

namespace exec {

void CrashPoint(std::string_view name);

}  // namespace exec
