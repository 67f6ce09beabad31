#pragma once
// Named exit codes. 2 is reserved for bad input (ARCHITECTURE.md, invariant 7).

namespace cli {

enum ExitStatus : int {
  kExitSuccess = 0,
  kExitFailure = 1,
  kExitUsage = 2,
  kExitRegression = 3,  // report --compare --fail-on-regression: a metric got worse
  kExitInterrupted = 130,
};

}  // namespace cli
