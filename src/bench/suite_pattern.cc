#include "bench/suite_pattern.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "bench/suite.h"
#include "util/strings.h"

namespace bench {
namespace {

// Rewrites "(?<name>" to "(" and counts capturing groups to find the named one's number.
// Escapes and bracket expressions are skipped so that "\(" and "[(]" are not groups.
struct Rewritten {
  std::string pattern;
  std::vector<std::string> names;  // named groups in order
  size_t group = 0;                // number of the group called `name`; 0 when absent
};

Rewritten RewriteNamedGroups(const std::string& pattern, const std::string& name) {
  Rewritten out;
  size_t captures = 0;
  bool in_class = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      out.pattern += pattern.substr(i, 2);
      ++i;
      continue;
    }
    if (in_class) {
      in_class = c != ']';
    } else if (c == '[') {
      in_class = true;
      // A ']' right after '[' or '[^' is a literal member of the class.
      if (i + 1 < pattern.size() && pattern[i + 1] == '^') out.pattern += pattern[i++];
      if (i + 1 < pattern.size() && pattern[i + 1] == ']') out.pattern += pattern[i++];
    } else if (c == '(' && pattern.compare(i, 3, "(?<") == 0 && i + 3 < pattern.size() &&
               pattern[i + 3] != '=' && pattern[i + 3] != '!') {
      size_t end = pattern.find('>', i + 3);
      if (end == std::string::npos) break;  // left as is: std::regex reports it
      out.names.push_back(pattern.substr(i + 3, end - i - 3));
      ++captures;
      if (out.names.back() == name) out.group = captures;
      out.pattern += '(';
      i = end;
      continue;
    } else if (c == '(' && (i + 1 >= pattern.size() || pattern[i + 1] != '?')) {
      ++captures;
    }
    out.pattern += c;
  }
  return out;
}

}  // namespace

util::Expected<FigureRegex> CompileFigureRegex(const std::string& pattern,
                                               const std::string& name) {
  if (pattern.size() > kMaxPatternBytes) {
    return util::InvalidInput("at most " + std::to_string(kMaxPatternBytes) + " bytes");
  }
  Rewritten rewritten = RewriteNamedGroups(pattern, name);
  if (rewritten.names.size() != 1 || rewritten.group == 0) {
    return util::InvalidInput("must hold exactly one named group, (?<" + name +
                              ">...), around the figure (found " +
                              std::to_string(rewritten.names.size()) + " named groups)");
  }
  try {
    return FigureRegex{std::regex(rewritten.pattern, std::regex::ECMAScript), rewritten.group};
  } catch (const std::regex_error& error) {
    return util::InvalidInput(std::string("not a valid ECMAScript regular expression (") +
                              error.what() + ")");
  }
}

util::Expected<std::vector<JsonPathStep>> ParseJsonPath(const std::string& path) {
  const std::string accepted =
      " (accepted: keys of letters, digits, '_' and '-' joined by '.', "
      "and [N] indexes, e.g. \"results.rates[0].mean\")";
  if (path.size() > kMaxPatternBytes)
    return util::InvalidInput("at most " + std::to_string(kMaxPatternBytes) + " bytes");
  std::vector<JsonPathStep> steps;
  size_t i = util::StartsWith(path, "$") ? 1 : 0;
  bool need_key = i == 0;
  while (i < path.size() || need_key) {
    if (!need_key && path[i] == '[') {
      size_t end = path.find(']', i);
      std::string digits = end == std::string::npos ? "" : path.substr(i + 1, end - i - 1);
      if (digits.empty() || digits.size() > 9 ||
          !std::all_of(digits.begin(), digits.end(), [](char d) { return d >= '0' && d <= '9'; }))
        return util::InvalidInput("bad index at offset " + std::to_string(i) + accepted);
      steps.emplace_back(static_cast<size_t>(std::stoul(digits)));
      i = end + 1;
      continue;
    }
    if (!need_key) {
      if (path[i] != '.')
        return util::InvalidInput("unexpected '" + path.substr(i, 1) + "'" + accepted);
      ++i;
    }
    size_t start = i;
    while (i < path.size() &&
           (std::isalnum(static_cast<unsigned char>(path[i])) || path[i] == '_' || path[i] == '-'))
      ++i;
    if (i == start)
      return util::InvalidInput("empty key at offset " + std::to_string(start) + accepted);
    steps.emplace_back(path.substr(start, i - start));
    need_key = false;
  }
  if (steps.empty()) return util::InvalidInput("names no value" + accepted);
  return steps;
}

const nlohmann::json* FollowJsonPath(const nlohmann::json& root,
                                     const std::vector<JsonPathStep>& steps) {
  const nlohmann::json* at = &root;
  for (const JsonPathStep& step : steps) {
    if (const auto* key = std::get_if<std::string>(&step)) {
      if (!at->is_object() || !at->contains(*key)) return nullptr;
      at = &(*at)[*key];
    } else {
      size_t index = std::get<size_t>(step);
      if (!at->is_array() || index >= at->size()) return nullptr;
      at = &(*at)[index];
    }
  }
  return at;
}

namespace {

util::Expected<double> ParseFigure(const std::string& text, const std::string& what) {
  errno = 0;
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || errno == ERANGE || !std::isfinite(value))
    return util::InvalidInput(what + " captured '" + text + "', which is not a finite number");
  return value;
}

util::Expected<double> ExtractByRegex(const CustomMetric& metric, std::string_view output) {
  auto compiled = CompileFigureRegex(metric.pattern, metric.name);
  if (!compiled) return compiled.error();
  const std::string what = "the regex '" + metric.pattern + "'";
  for (const std::string& full_line : util::Split(output, '\n')) {
    std::string line = full_line.substr(0, kMaxMatchedLineBytes);
    std::smatch match;
    if (std::regex_search(line, match, compiled->regex) && match[compiled->group].matched)
      return ParseFigure(match[compiled->group].str(), what);
  }
  return util::InvalidInput(what + " matched no line of the output");
}

util::Expected<double> ExtractByJsonPath(const CustomMetric& metric, std::string_view output) {
  auto steps = ParseJsonPath(metric.pattern);
  if (!steps) return steps.error();
  const std::string what = "the JSON path '" + metric.pattern + "'";
  nlohmann::json document = nlohmann::json::parse(output, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded())
    return util::InvalidInput(what + " cannot be read: the output is not a JSON document");
  const nlohmann::json* value = FollowJsonPath(document, *steps);
  if (value == nullptr) return util::InvalidInput(what + " names no value in the output");
  if (value->is_number()) {
    double number = value->get<double>();
    if (std::isfinite(number)) return number;
  }
  if (value->is_string()) return ParseFigure(value->get<std::string>(), what);
  return util::InvalidInput(what + " names " + std::string(value->type_name()) + ", not a number");
}

}  // namespace

util::Expected<double> ExtractFigure(const CustomMetric& metric, std::string_view output) {
  return metric.source == FigureSource::kRegex ? ExtractByRegex(metric, output)
                                               : ExtractByJsonPath(metric, output);
}

}  // namespace bench
