// libFuzzer target: the result JSON parser and schema validator must never crash,
// hang or throw on any input; they either accept a document or name what is wrong.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "agent/result_schema.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto document = agent::ParseResultDocument(text);
  if (!document) {
    if (document.error().message.empty()) __builtin_trap();  // errors must say something
    return 0;
  }
  // What validated must survive a round trip through the serializer.
  if (!agent::ParseResultDocument(document->dump()).has_value()) __builtin_trap();
  return 0;
}
