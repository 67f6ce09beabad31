#pragma once
// Reading side of the plan and spec files: a JSON object with its path in the document
// ("sessions[3].jobs[1]"), typed accessors that fail with that path, and a final check
// that rejects unknown keys. Internal to plan/: errors travel as a FieldError exception
// and become one util::Error at the public boundary (LoadPlanJson, LoadSpecJson).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "plan/spec.h"  // kMaxUsd
#include "util/expected.h"
#include "util/time.h"

namespace plan {

struct FieldError {
  std::string path;
  std::string message;
};

[[noreturn]] void FailAt(const std::string& path, const std::string& message);
std::string IndexPath(const std::string& path, size_t index);

class ObjectReader {
 public:
  // Fails unless `value` is an object.
  ObjectReader(const nlohmann::json& value, std::string path);

  const std::string& path() const { return path_; }
  std::string PathOf(std::string_view key) const;
  bool Has(const char* key) const;
  bool IsNull(const char* key) const;

  // Each accessor requires the key and marks it as read.
  const nlohmann::json& Value(const char* key);
  std::string String(const char* key);
  std::string NonEmptyString(const char* key);
  int64_t Int(const char* key, int64_t min, int64_t max);
  int Int32(const char* key, int min, int max);
  uint64_t UInt64(const char* key);
  double Number(const char* key, double min, double max);
  bool Bool(const char* key);
  std::vector<std::string> Strings(const char* key);
  util::TimePoint Time(const char* key);
  const nlohmann::json& Array(const char* key);
  ObjectReader Object(const char* key);
  // One of `accepted`, or a failure that lists them.
  std::string Enum(const char* key, const std::vector<std::string>& accepted);

  // Fails on a key that no accessor read: a misspelt field is an error, not ignored.
  void RejectUnknownKeys() const;

 private:
  const nlohmann::json* value_;
  std::string path_;
  // Keys are string literals of the loaders; a plan has tens of thousands of objects,
  // so this stays a small vector rather than a set of strings.
  std::vector<const char*> read_;
};

// Parses `text` and runs `read` on the root object; turns FieldError and JSON errors
// into one util::Error "origin: path: message".
template <typename T, typename Read>
util::Expected<T> ReadDocument(std::string_view text, const std::string& origin, Read read);

// Non-template part of ReadDocument: parse errors become util::Error.
util::Expected<nlohmann::json> ParseJsonText(std::string_view text, const std::string& origin);
util::Error ToError(const FieldError& error, const std::string& origin);

template <typename T, typename Read>
util::Expected<T> ReadDocument(std::string_view text, const std::string& origin, Read read) {
  auto document = ParseJsonText(text, origin);
  if (!document) return document.error();
  try {
    return read(*document);
  } catch (const FieldError& error) {
    return ToError(error, origin);
  } catch (const nlohmann::json::exception& error) {
    return ToError(FieldError{"", error.what()}, origin);  // a reader bug, still not a crash
  }
}

}  // namespace plan
