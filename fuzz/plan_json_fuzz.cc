// libFuzzer target for the plan file loader. Any input must either load or fail with a
// message; a plan that loads must write, load again and write the same bytes.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "plan/plan_json.h"
#include "plan/spec_json.h"

namespace {

[[noreturn]] void Fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "plan_json_fuzz: %s\n%s\n", what, detail.c_str());
  std::abort();
}

void CheckSpecRoundTrip(std::string_view text) {
  auto spec = plan::LoadSpecJson(text, "fuzz-spec.json");
  if (!spec) return;
  std::string written = plan::WriteSpecJson(*spec);
  auto again = plan::LoadSpecJson(written, "rewritten-spec.json");
  if (!again) Fail("a written spec does not load", again.error().message);
  if (plan::WriteSpecJson(*again) != written) Fail("spec write/load/write differs", written);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto plan = plan::LoadPlanJson(text, "fuzz.json");
  if (!plan) {
    if (plan.error().message.empty()) Fail("an error without a message", "");
    CheckSpecRoundTrip(text);
    return 0;
  }
  std::string written = plan::WritePlanJson(*plan);
  auto again = plan::LoadPlanJson(written, "rewritten.json");
  if (!again) Fail("a written plan does not load", again.error().message);
  if (plan::WritePlanJson(*again) != written) Fail("plan write/load/write differs", written);
  return 0;
}
