#pragma once
// Test hook for the crash test: with ABC_CRASH_AT="point:n" in the environment, the n-th
// pass through CrashPoint("point") kills the process with SIGKILL, exactly like `kill -9`
// at that instant. ABC_CRASH_SIGNAL=INT sends SIGINT instead (INT2: two SIGINTs, as a user
// pressing Ctrl-C twice), for the graceful-stop tests. Without the variables it costs one
// branch. It exists only in builds configured with ABC_TEST_HOOKS=ON (the test presets);
// elsewhere CrashPoint is an empty inline function and the variables do nothing.

#include <string_view>

namespace exec {

#if defined(ABC_TEST_HOOKS)
void CrashPoint(std::string_view name);
#else
inline void CrashPoint(std::string_view) {}
#endif

}  // namespace exec
