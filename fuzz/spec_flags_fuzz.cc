// libFuzzer target for the campaign spec flags (`schedule plan` / `schedule weekly`): the
// input is an argument list, one argument per line. Any list must either stop with an exit
// status (help, or one usage error), or give a spec, or fail with one message that names a
// flag; a spec that builds and whose benchmarks resolve must survive the spec JSON round
// trip.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "catalog/catalog.h"
#include "cli/flags.h"
#include "cli/spec_flags.h"
#include "plan/registry.h"
#include "plan/spec_json.h"

namespace {

[[noreturn]] void Fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "spec_flags_fuzz: %s\n%s\n", what, detail.c_str());
  std::abort();
}

cli::Args SplitLines(std::string_view text) {
  cli::Args args;
  size_t start = 0;
  while (start <= text.size() && args.size() < 64) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) args.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return args;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const catalog::Catalog catalog = *catalog::Catalog::Embedded();
  cli::Args args = SplitLines(std::string_view(reinterpret_cast<const char*>(data), size));
  CLI::App app("fuzz");
  cli::SpecFlagText text;
  cli::AddSpecFlags(app, text);
  if (auto stop = cli::ParseFlags(app, "fuzz", args)) {
    if (*stop != 0 && *stop != 2)
      Fail("a parse stop with an unexpected status", std::to_string(*stop));
    return 0;
  }
  // A fixed "now" keeps runs reproducible (it only matters without --start).
  auto spec = cli::BuildSpec(text, catalog, util::TimePoint(std::chrono::seconds(1796000000)));
  if (!spec) {
    const std::string& message = spec.error().message;
    if (message.rfind("--", 0) != 0) Fail("an error that does not start with the flag", message);
    if (spec.error().error_class != util::ErrorClass::kInvalidInput)
      Fail("not an input error", message);
    return 0;
  }
  // Benchmark names are resolved by the planner's registry, as PlanFromFlags does next.
  if (auto resolved = plan::ResolveBenchmarks(spec->benchmarks); !resolved) {
    const std::string& message = resolved.error().message;
    if (message.rfind("--benchmarks", 0) != 0) Fail("a benchmark error without the flag", message);
    return 0;
  }
  std::string written = plan::WriteSpecJson(*spec);
  auto again = plan::LoadSpecJson(written, "spec.json");
  if (!again) Fail("a spec built from flags does not load as JSON", again.error().message);
  if (plan::WriteSpecJson(*again) != written) Fail("spec write/load/write differs", written);
  return 0;
}
