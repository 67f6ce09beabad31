// libFuzzer target for TOML suite files (bench/suite_toml.h: toml++ and the conversion to
// the JSON reader's value); the checks are in suite_fuzz.h.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "suite_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  return suite_fuzz::Check(text, "fuzz-suite.toml", bench::SuiteFormat::kToml);
}
