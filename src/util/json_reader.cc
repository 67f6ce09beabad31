#include "util/json_reader.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "util/strings.h"

namespace util {

using nlohmann::json;

namespace {

std::string ShortNumber(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

std::string NumberRangeText(double min, double max) {
  if (min == -JsonReader::kNoLimit && max == JsonReader::kNoLimit) return "must be a number";
  if (max == JsonReader::kNoLimit) return "must be a number >= " + ShortNumber(min);
  if (min == -JsonReader::kNoLimit) return "must be a number <= " + ShortNumber(max);
  return "must be a number between " + ShortNumber(min) + " and " + ShortNumber(max);
}

bool IsFiniteNumber(const json& value) {
  return value.is_number() && std::isfinite(value.get<double>());
}

}  // namespace

void JsonFailAt(const std::string& path, const std::string& message) {
  throw JsonFieldError{path, message};
}

std::string JsonIndexPath(const std::string& path, size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

std::string JsonKeyPath(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

JsonReader::JsonReader(const json& value, std::string path)
    : value_(&value), path_(std::move(path)) {
  if (!value.is_object()) {
    JsonFailAt(path_.empty() ? kJsonDocumentPath : path_, "must be a JSON object");
  }
}

bool JsonReader::Has(const char* key) const { return value_->contains(key); }

bool JsonReader::IsNull(const char* key) const {
  auto it = value_->find(key);
  return it != value_->end() && it->is_null();
}

const json& JsonReader::Value(const char* key) {
  auto it = value_->find(key);
  if (it == value_->end()) JsonFailAt(path_, std::string("missing field '") + key + "'");
  if (std::find_if(read_.begin(), read_.end(),
                   [key](const char* k) { return std::strcmp(k, key) == 0; }) == read_.end()) {
    read_.push_back(key);
  }
  return *it;
}

std::string JsonReader::String(const char* key) {
  const json& value = Value(key);
  if (!value.is_string()) JsonFailAt(PathOf(key), "must be a string");
  return value.get<std::string>();
}

std::string JsonReader::NonEmptyString(const char* key) {
  std::string text = String(key);
  if (text.empty()) JsonFailAt(PathOf(key), "must not be empty");
  return text;
}

std::optional<std::string> JsonReader::OptionalString(const char* key) {
  if (!Has(key)) return std::nullopt;
  return String(key);
}

int64_t JsonReader::Int(const char* key, int64_t min, int64_t max) {
  const json& value = Value(key);
  std::string range = " between " + std::to_string(min) + " and " + std::to_string(max);
  if (value.is_number_unsigned()) {
    auto number = value.get<uint64_t>();
    if (number > static_cast<uint64_t>(max) || (min > 0 && number < static_cast<uint64_t>(min))) {
      JsonFailAt(PathOf(key), "must be an integer" + range);
    }
    return static_cast<int64_t>(number);
  }
  if (!value.is_number_integer()) JsonFailAt(PathOf(key), "must be an integer" + range);
  auto number = value.get<int64_t>();
  if (number < min || number > max) JsonFailAt(PathOf(key), "must be an integer" + range);
  return number;
}

int JsonReader::Int32(const char* key, int min, int max) {
  return static_cast<int>(Int(key, min, max));
}

uint64_t JsonReader::UInt64(const char* key) {
  const json& value = Value(key);
  if (value.is_number_unsigned()) return value.get<uint64_t>();
  if (value.is_number_integer() && value.get<int64_t>() >= 0) {
    return static_cast<uint64_t>(value.get<int64_t>());
  }
  JsonFailAt(PathOf(key), "must be an integer between 0 and 18446744073709551615");
}

double JsonReader::Number(const char* key, double min, double max) {
  const json& value = Value(key);
  if (!IsFiniteNumber(value)) JsonFailAt(PathOf(key), NumberRangeText(min, max));
  double number = value.get<double>();
  if (number < min || number > max) JsonFailAt(PathOf(key), NumberRangeText(min, max));
  return number;
}

double JsonReader::PositiveNumber(const char* key) {
  const json& value = Value(key);
  if (!IsFiniteNumber(value) || value.get<double>() <= 0) {
    JsonFailAt(PathOf(key), "must be a number > 0");
  }
  return value.get<double>();
}

bool JsonReader::Bool(const char* key) {
  const json& value = Value(key);
  if (!value.is_boolean()) JsonFailAt(PathOf(key), "must be true or false");
  return value.get<bool>();
}

std::vector<std::string> JsonReader::Strings(const char* key) {
  const json& list = Array(key);
  std::vector<std::string> strings;
  for (size_t i = 0; i < list.size(); ++i) {
    if (!list[i].is_string()) JsonFailAt(JsonIndexPath(PathOf(key), i), "must be a string");
    strings.push_back(list[i].get<std::string>());
  }
  return strings;
}

std::vector<double> JsonReader::Numbers(const char* key) {
  const json& list = Array(key);
  std::vector<double> numbers;
  for (size_t i = 0; i < list.size(); ++i) {
    if (!IsFiniteNumber(list[i])) JsonFailAt(JsonIndexPath(PathOf(key), i), "must be a number");
    numbers.push_back(list[i].get<double>());
  }
  return numbers;
}

const json& JsonReader::Array(const char* key) {
  const json& value = Value(key);
  if (!value.is_array()) JsonFailAt(PathOf(key), "must be an array");
  return value;
}

JsonReader JsonReader::Object(const char* key) { return JsonReader(Value(key), PathOf(key)); }

std::vector<JsonReader> JsonReader::Objects(const char* key) {
  const json& list = Array(key);
  std::vector<JsonReader> readers;
  readers.reserve(list.size());
  for (size_t i = 0; i < list.size(); ++i) {
    readers.emplace_back(list[i], JsonIndexPath(PathOf(key), i));
  }
  return readers;
}

std::string JsonReader::Enum(const char* key, const std::vector<std::string>& accepted) {
  std::string text = String(key);
  for (const std::string& candidate : accepted) {
    if (candidate == text) return text;
  }
  JsonFailAt(PathOf(key),
             "unknown value '" + text + "' (accepted: " + util::Join(accepted, ", ") + ")");
}

std::vector<JsonMember> JsonReader::Members() {
  all_read_ = true;
  std::vector<JsonMember> members;
  for (const auto& item : value_->items()) {
    members.push_back(JsonMember{item.key(), PathOf(item.key()), &item.value()});
  }
  return members;
}

void JsonReader::RejectUnknownKeys() const {
  if (all_read_ || value_->size() == read_.size()) return;  // every read key exists
  std::vector<std::string> known(read_.begin(), read_.end());
  for (const auto& item : value_->items()) {
    if (std::find(known.begin(), known.end(), item.key()) == known.end()) {
      JsonFailAt(PathOf(item.key()), "unknown field" + util::DidYouMean(item.key(), known));
    }
  }
}

util::Expected<json> ParseJson(std::string_view text, const std::string& origin) {
  std::string prefix = origin.empty() ? "" : origin + ": ";
  try {
    return json::parse(text);
  } catch (const json::exception& error) {
    // parse_error (syntax, invalid UTF-8) and out_of_range (a number beyond double) alike;
    // drop the library's "[json.exception.x.n] " tag, keep its position and reason.
    std::string what = error.what();
    auto detail = what.find("] ");
    return util::InvalidInput(
        prefix + "not valid JSON: " +
        PrintableAscii(detail == std::string::npos ? what : what.substr(detail + 2)));
  }
}

util::Error ToJsonError(const JsonFieldError& error, const std::string& origin) {
  std::string prefix = origin.empty() ? "" : origin + ": ";
  return util::InvalidInput(prefix + (error.path.empty() ? "" : error.path + ": ") + error.message);
}

}  // namespace util
