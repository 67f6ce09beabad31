#include "cli/suite_files.h"

#include <filesystem>
#include <set>

namespace cli {
namespace {

util::Expected<bench::Suite> LoadSuiteFile(const std::string& path) {
  auto suite = bench::ReadSuiteFile(path);
  if (!suite) return suite.error();
  const std::string origin = "--suite " + path;
  std::error_code error;
  for (size_t b = 0; b < suite->benchmarks.size(); ++b) {
    const bench::CustomBenchmark& benchmark = suite->benchmarks[b];
    for (size_t f = 0; f < benchmark.files.size(); ++f) {
      std::filesystem::path file = std::filesystem::path(suite->folder) / benchmark.files[f];
      if (!std::filesystem::is_regular_file(file, error)) {
        return util::InvalidInput(origin + ": benchmarks[" + std::to_string(b) + "] (" +
                                  benchmark.name + ").files[" + std::to_string(f) + "]: '" +
                                  file.string() + "' is not a regular file");
      }
    }
  }
  return suite;
}

}  // namespace

util::Expected<std::vector<bench::Suite>> LoadSuiteFiles(const std::vector<std::string>& paths) {
  std::vector<bench::Suite> suites;
  std::set<std::string> names;
  for (const std::string& path : paths) {
    auto suite = LoadSuiteFile(path);
    if (!suite) return suite.error();
    for (const bench::CustomBenchmark& benchmark : suite->benchmarks) {
      if (!names.insert(benchmark.name).second) {
        return util::InvalidInput("--suite " + path + ": benchmark '" + benchmark.name +
                                  "' is also in an earlier --suite file (suite names must differ)");
      }
    }
    suites.push_back(std::move(*suite));
  }
  return suites;
}

}  // namespace cli
