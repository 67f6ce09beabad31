#pragma once
// Reading optional fields of result documents without exceptions: a field that is absent,
// null or of another type gives the fallback.

#include <string>

#include <nlohmann/json.hpp>

namespace report {

inline double NumberField(const nlohmann::json& object, const char* key, double fallback) {
  if (!object.is_object()) return fallback;
  auto found = object.find(key);
  return found != object.end() && found->is_number() ? found->get<double>() : fallback;
}

inline std::string TextField(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return {};
  auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string{};
}

}  // namespace report
