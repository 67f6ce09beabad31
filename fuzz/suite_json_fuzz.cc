// libFuzzer target for the custom suite parser (bench/suite.h). Any input must either parse
// or fail with a message naming where; a suite that parses must write its canonical form,
// parse again to the same form, and have every metric's pattern usable on sample output
// (the figure reader must not crash on the input's own bytes either).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "bench/suite.h"

namespace {

[[noreturn]] void Fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "suite_json_fuzz: %s\n%s\n", what, detail.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto suite = bench::ParseSuite(text, "fuzz-suite.json");
  if (!suite) {
    if (suite.error().message.rfind("fuzz-suite.json: ", 0) != 0)
      Fail("an error does not name the file", suite.error().message);
    return 0;
  }
  std::string canonical = bench::SuiteToJson(*suite).dump();
  auto again = bench::ParseSuite(canonical, "canonical.json");
  if (!again) Fail("the canonical form does not parse", again.error().message);
  if (bench::SuiteToJson(*again).dump() != canonical) Fail("canonical form differs", canonical);
  for (const bench::CustomBenchmark& benchmark : suite->benchmarks) {
    for (const bench::CustomMetric& metric : benchmark.metrics) {
      (void)bench::ExtractFigure(metric, text.substr(0, 4096));
      (void)bench::ExtractFigure(metric, "{\"a\": [1, {\"b\": 2}]}\nvalue: 3.5\n");
    }
  }
  return 0;
}
