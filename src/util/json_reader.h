#pragma once
// Reading side of every JSON document the tool loads (plan, spec, catalog, result): a JSON
// object with its path in the document ("sessions[3].jobs[1]"), typed accessors that fail
// with that path, and an optional final check that rejects unknown keys. Inside a reader,
// errors travel as a JsonFieldError exception (the readers are deep recursive descents);
// ReadJsonDocument / ReadJsonValue turn it into one util::Error "origin: path: message",
// so no exception crosses a module boundary.

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/expected.h"
#include "util/time.h"

namespace util {

struct JsonFieldError {
  std::string path;  // empty: the message concerns the document as a whole
  std::string message;
};

[[noreturn]] void JsonFailAt(const std::string& path, const std::string& message);
std::string JsonIndexPath(const std::string& path, size_t index);
std::string JsonKeyPath(const std::string& path, std::string_view key);

// The path of a document's root when a message must name it ("document: must be ...").
inline constexpr char kJsonDocumentPath[] = "document";

struct JsonMember {
  std::string key;
  std::string path;
  const nlohmann::json* value;
};

class JsonReader {
 public:
  static constexpr double kNoLimit = std::numeric_limits<double>::infinity();

  // Fails unless `value` is an object.
  JsonReader(const nlohmann::json& value, std::string path);

  const std::string& path() const { return path_; }
  std::string PathOf(std::string_view key) const { return JsonKeyPath(path_, key); }
  bool Has(const char* key) const;
  bool IsNull(const char* key) const;

  // Each accessor requires the key ("path: missing field 'key'") and marks it as read.
  const nlohmann::json& Value(const char* key);
  std::string String(const char* key);
  std::string NonEmptyString(const char* key);
  // Absent: nullopt; present: must be a string.
  std::optional<std::string> OptionalString(const char* key);
  int64_t Int(const char* key, int64_t min, int64_t max);
  int Int32(const char* key, int min, int max);
  uint64_t UInt64(const char* key);
  // A finite number in [min, max]; a number that was never finite (an in-memory inf or
  // NaN) is rejected like one out of range.
  double Number(const char* key, double min = -kNoLimit, double max = kNoLimit);
  double PositiveNumber(const char* key);  // finite and > 0
  bool Bool(const char* key);
  std::vector<std::string> Strings(const char* key);
  std::vector<double> Numbers(const char* key);  // every element finite
  util::TimePoint Time(const char* key);
  const nlohmann::json& Array(const char* key);
  JsonReader Object(const char* key);
  // A reader for each element of the array `key`; each must be an object.
  std::vector<JsonReader> Objects(const char* key);
  // One of `accepted`, or a failure that lists them.
  std::string Enum(const char* key, const std::vector<std::string>& accepted);

  // Every member in document order, for objects keyed by data (prices by region, sources
  // by name) rather than by field names; marks them all as read.
  std::vector<JsonMember> Members();

  // Fails on a key that no accessor read: a misspelt field is an error, not ignored.
  void RejectUnknownKeys() const;

 private:
  const nlohmann::json* value_;
  std::string path_;
  // Keys are string literals of the loaders; a plan has tens of thousands of objects,
  // so this stays a small vector rather than a set of strings.
  std::vector<const char*> read_;
  bool all_read_ = false;
};

// Parses `text`. A syntax error, invalid UTF-8 or a number beyond double's range is one
// error "origin: not valid JSON: <where and why>" (no "origin: " when origin is empty).
util::Expected<nlohmann::json> ParseJson(std::string_view text, const std::string& origin);
util::Error ToJsonError(const JsonFieldError& error, const std::string& origin);

// Runs `read` on a parsed value; turns JsonFieldError (and any JSON library exception, a
// reader bug that must still not crash) into one util::Error.
template <typename T, typename Read>
util::Expected<T> ReadJsonValue(const nlohmann::json& value, const std::string& origin, Read read) {
  try {
    return read(value);
  } catch (const JsonFieldError& error) {
    return ToJsonError(error, origin);
  } catch (const nlohmann::json::exception& error) {
    return ToJsonError(JsonFieldError{"", error.what()}, origin);
  }
}

// Parses `text` and runs `read` on the document.
template <typename T, typename Read>
util::Expected<T> ReadJsonDocument(std::string_view text, const std::string& origin, Read read) {
  auto document = ParseJson(text, origin);
  if (!document) return document.error();
  return ReadJsonValue<T>(*document, origin, read);
}

}  // namespace util
