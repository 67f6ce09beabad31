// libFuzzer target: S3's ListObjectsV2 parser and the XML error parser.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "aws/errors.h"
#include "aws/s3.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view xml(reinterpret_cast<const char*>(data), size);
  auto page = aws::s3::ParseListObjectsV2(xml);
  if (!page && page.error().message.empty()) __builtin_trap();
  if (page) {
    for (const auto& object : page->objects) {
      if (object.key.empty()) __builtin_trap();
    }
  }
  auto error = aws::ParseXmlError(xml);
  if (error && error->code.empty()) __builtin_trap();
  return 0;
}
