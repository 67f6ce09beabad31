#pragma once
// The checks of the suite fuzz targets (suite_json_fuzz.cc, suite_toml_fuzz.cc), one body
// for both formats. Any input must either parse or fail with a message naming the file; a
// suite that parses must write its canonical form (always JSON), parse again to the same
// form, and have every metric's pattern usable on sample output (the figure reader must
// not crash on the input's own bytes either).
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "bench/suite.h"

namespace suite_fuzz {

[[noreturn]] inline void Fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "suite fuzz: %s\n%s\n", what, detail.c_str());
  std::abort();
}

inline int Check(std::string_view text, const std::string& origin, bench::SuiteFormat format) {
  auto suite = bench::ParseSuite(text, origin, format);
  if (!suite) {
    // "origin: ..." or, for a TOML syntax error, "origin:LINE:COLUMN: ...".
    const std::string& message = suite.error().message;
    if (message.rfind(origin + ":", 0) != 0) Fail("an error does not name the file", message);
    // A syntax error quotes the input's bytes: they must come out as printable ASCII.
    bool syntax = message.find("not valid JSON") != std::string::npos ||
                  message.find("not valid TOML") != std::string::npos;
    for (char c : message) {
      if (syntax && (c < 0x20 || c > 0x7e)) Fail("a syntax error is not printable", message);
    }
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

}  // namespace suite_fuzz
