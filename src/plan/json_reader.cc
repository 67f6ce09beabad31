#include "plan/json_reader.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

#include "util/strings.h"

namespace plan {

using nlohmann::json;

namespace {

std::string ShortNumber(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

}  // namespace

void FailAt(const std::string& path, const std::string& message) {
  throw FieldError{path, message};
}

std::string IndexPath(const std::string& path, size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

ObjectReader::ObjectReader(const json& value, std::string path)
    : value_(&value), path_(std::move(path)) {
  if (!value.is_object()) FailAt(path_.empty() ? "document" : path_, "must be a JSON object");
}

std::string ObjectReader::PathOf(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

bool ObjectReader::Has(const char* key) const { return value_->contains(key); }

bool ObjectReader::IsNull(const char* key) const {
  auto it = value_->find(key);
  return it != value_->end() && it->is_null();
}

const json& ObjectReader::Value(const char* key) {
  auto it = value_->find(key);
  if (it == value_->end()) FailAt(path_, std::string("missing field '") + key + "'");
  if (std::find_if(read_.begin(), read_.end(),
                   [key](const char* k) { return std::strcmp(k, key) == 0; }) == read_.end()) {
    read_.push_back(key);
  }
  return *it;
}

std::string ObjectReader::String(const char* key) {
  const json& value = Value(key);
  if (!value.is_string()) FailAt(PathOf(key), "must be a string");
  return value.get<std::string>();
}

std::string ObjectReader::NonEmptyString(const char* key) {
  std::string text = String(key);
  if (text.empty()) FailAt(PathOf(key), "must not be empty");
  return text;
}

int64_t ObjectReader::Int(const char* key, int64_t min, int64_t max) {
  const json& value = Value(key);
  std::string range = " between " + std::to_string(min) + " and " + std::to_string(max);
  if (value.is_number_unsigned()) {
    auto number = value.get<uint64_t>();
    if (number > static_cast<uint64_t>(max) || (min > 0 && number < static_cast<uint64_t>(min))) {
      FailAt(PathOf(key), "must be an integer" + range);
    }
    return static_cast<int64_t>(number);
  }
  if (!value.is_number_integer()) FailAt(PathOf(key), "must be an integer" + range);
  auto number = value.get<int64_t>();
  if (number < min || number > max) FailAt(PathOf(key), "must be an integer" + range);
  return number;
}

int ObjectReader::Int32(const char* key, int min, int max) {
  return static_cast<int>(Int(key, min, max));
}

uint64_t ObjectReader::UInt64(const char* key) {
  const json& value = Value(key);
  if (value.is_number_unsigned()) return value.get<uint64_t>();
  if (value.is_number_integer() && value.get<int64_t>() >= 0) {
    return static_cast<uint64_t>(value.get<int64_t>());
  }
  FailAt(PathOf(key), "must be an integer between 0 and 18446744073709551615");
}

double ObjectReader::Number(const char* key, double min, double max) {
  const json& value = Value(key);
  double number = value.is_number() ? value.get<double>() : std::nan("");
  if (!std::isfinite(number) || number < min || number > max) {
    FailAt(PathOf(key),
           "must be a number between " + ShortNumber(min) + " and " + ShortNumber(max));
  }
  return number;
}

bool ObjectReader::Bool(const char* key) {
  const json& value = Value(key);
  if (!value.is_boolean()) FailAt(PathOf(key), "must be true or false");
  return value.get<bool>();
}

std::vector<std::string> ObjectReader::Strings(const char* key) {
  const json& list = Array(key);
  std::vector<std::string> strings;
  for (size_t i = 0; i < list.size(); ++i) {
    if (!list[i].is_string()) FailAt(IndexPath(PathOf(key), i), "must be a string");
    strings.push_back(list[i].get<std::string>());
  }
  return strings;
}

util::TimePoint ObjectReader::Time(const char* key) {
  std::string text = String(key);
  auto instant = util::ParseIso8601WithOffset(text);
  if (!instant) FailAt(PathOf(key), instant.error().message);
  if (auto accepted = util::CheckAcceptedInstant(*instant, text); !accepted) {
    FailAt(PathOf(key), accepted.error().message);
  }
  return *instant;
}

const json& ObjectReader::Array(const char* key) {
  const json& value = Value(key);
  if (!value.is_array()) FailAt(PathOf(key), "must be an array");
  return value;
}

ObjectReader ObjectReader::Object(const char* key) { return ObjectReader(Value(key), PathOf(key)); }

std::string ObjectReader::Enum(const char* key, const std::vector<std::string>& accepted) {
  std::string text = String(key);
  for (const std::string& candidate : accepted) {
    if (candidate == text) return text;
  }
  FailAt(PathOf(key),
         "unknown value '" + text + "' (accepted: " + util::Join(accepted, ", ") + ")");
}

void ObjectReader::RejectUnknownKeys() const {
  if (value_->size() == read_.size()) return;  // every key read exists, so none is unknown
  std::vector<std::string> known(read_.begin(), read_.end());
  for (const auto& item : value_->items()) {
    if (std::find(known.begin(), known.end(), item.key()) == known.end()) {
      FailAt(PathOf(item.key()), "unknown field" + util::DidYouMean(item.key(), known));
    }
  }
}

util::Expected<json> ParseJsonText(std::string_view text, const std::string& origin) {
  try {
    return json::parse(text);
  } catch (const json::exception& error) {
    std::string what = error.what();
    auto detail = what.find("] ");
    return util::InvalidInput(origin + ": not valid JSON: " +
                              (detail == std::string::npos ? what : what.substr(detail + 2)));
  }
}

util::Error ToError(const FieldError& error, const std::string& origin) {
  return util::InvalidInput(origin + ": " + (error.path.empty() ? "" : error.path + ": ") +
                            error.message);
}

}  // namespace plan
