#pragma once
// --suite FILE (repeatable) of `schedule plan` and `schedule weekly`: custom benchmark suites
// (docs/custom-suites.md) read, checked and given the folder their files are in.

#include <string>
#include <vector>

#include "bench/suite.h"
#include "util/expected.h"

namespace cli {

// Every error is kInvalidInput naming the file, and the benchmark and field where there is
// one: a syntax error, a bad field, a file the suite names that is not there, or a benchmark
// name that two suites share.
util::Expected<std::vector<bench::Suite>> LoadSuiteFiles(const std::vector<std::string>& paths);

}  // namespace cli
