// libFuzzer target for the custom suite parser (bench/suite.h), JSON files; the checks are
// in suite_fuzz.h.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "suite_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  return suite_fuzz::Check(text, "fuzz-suite.json", bench::SuiteFormat::kJson);
}
