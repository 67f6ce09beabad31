#include "bench/suite_toml.h"

#include <toml++/toml.h>

#include "bench/suite.h"
#include "util/json_reader.h"
#include "util/strings.h"

namespace bench {
namespace {

// "(line 4, column 12)": where a value is, for messages that name it by its path.
std::string Where(const toml::node& node) {
  return "(line " + std::to_string(node.source().begin.line) + ", column " +
         std::to_string(node.source().begin.column) + ")";
}

nlohmann::json Convert(const toml::node& node, const std::string& path);

// The suite's benchmarks, each at the path the reader gives it: "benchmarks[0] (cpu)".
nlohmann::json ConvertBenchmarks(const toml::array& benchmarks) {
  nlohmann::json list = nlohmann::json::array();
  for (size_t i = 0; i < benchmarks.size(); ++i) {
    const toml::node* name =
        benchmarks[i].is_table() ? benchmarks[i].as_table()->get("name") : nullptr;
    nlohmann::json shown = name != nullptr && name->is_string()
                               ? nlohmann::json(name->as_string()->get())
                               : nlohmann::json();
    list.push_back(
        Convert(benchmarks[i], BenchmarkPath(util::JsonIndexPath("benchmarks", i), shown)));
  }
  return list;
}

nlohmann::json ConvertTable(const toml::table& table, const std::string& path) {
  nlohmann::json object = nlohmann::json::object();
  for (const auto& [key, value] : table) {
    std::string name(key.str());
    object[name] = path.empty() && name == "benchmarks" && value.is_array()
                       ? ConvertBenchmarks(*value.as_array())
                       : Convert(value, util::JsonKeyPath(path, name));
  }
  return object;
}

nlohmann::json Convert(const toml::node& node, const std::string& path) {
  switch (node.type()) {
    case toml::node_type::table:
      return ConvertTable(*node.as_table(), path);
    case toml::node_type::array: {
      nlohmann::json list = nlohmann::json::array();
      const toml::array& array = *node.as_array();
      for (size_t i = 0; i < array.size(); ++i)
        list.push_back(Convert(array[i], util::JsonIndexPath(path, i)));
      return list;
    }
    case toml::node_type::string:
      return node.as_string()->get();
    case toml::node_type::integer:
      return node.as_integer()->get();
    case toml::node_type::floating_point:
      return node.as_floating_point()->get();
    case toml::node_type::boolean:
      return node.as_boolean()->get();
    case toml::node_type::date:
    case toml::node_type::time:
    case toml::node_type::date_time:
    case toml::node_type::none:
      break;
  }
  util::JsonFailAt(path.empty() ? util::kJsonDocumentPath : path,
                   "a TOML date or time " + Where(node) +
                       " is not accepted: no suite field is one (write text in quotes)");
}

}  // namespace

util::Expected<nlohmann::json> SuiteTomlToJson(std::string_view text, const std::string& origin) {
  toml::table table;
  try {
    table = toml::parse(text);
  } catch (const toml::parse_error& error) {
    return util::InvalidInput(origin + ":" + std::to_string(error.source().begin.line) + ":" +
                              std::to_string(error.source().begin.column) +
                              ": not valid TOML: " + util::PrintableAscii(error.description()));
  }
  try {
    return ConvertTable(table, "");
  } catch (const util::JsonFieldError& error) {
    return util::ToJsonError(error, origin);
  }
}

}  // namespace bench
