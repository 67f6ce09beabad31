#pragma once
// How a custom benchmark's figure is found in a command's output: a regular expression
// with one named group (ECMAScript syntax plus "(?<name>...)", which std::regex lacks, so
// the group is rewritten to a numbered one), or a JSON path ("a.b[0].c", "$" optional).

#include <cstddef>
#include <regex>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/expected.h"

namespace bench {

// Patterns longer than this are refused: std::regex compiles recursively.
inline constexpr size_t kMaxPatternBytes = 1000;

struct FigureRegex {
  std::regex regex;
  size_t group = 0;  // the numbered group that was named `name`
};
// Fails (kInvalidInput, a message without a path) unless `pattern` compiles and holds exactly
// one named group, called `name`.
util::Expected<FigureRegex> CompileFigureRegex(const std::string& pattern, const std::string& name);

using JsonPathStep = std::variant<std::string, size_t>;  // member key or array index
util::Expected<std::vector<JsonPathStep>> ParseJsonPath(const std::string& path);
// The value at `steps`, or nullptr.
const nlohmann::json* FollowJsonPath(const nlohmann::json& root,
                                     const std::vector<JsonPathStep>& steps);

}  // namespace bench
