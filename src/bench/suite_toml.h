#pragma once
// TOML suite files (docs/custom-suites.md, "TOML"): the text is parsed with toml++ and its
// tree becomes the JSON value that the one suite reader (bench/suite.h) checks, so every
// field rule and error message is the JSON format's. Only this conversion knows TOML.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "util/expected.h"

namespace bench {

// Tables become objects (`[[benchmarks]]` an array of them), integers stay integers and
// floats floats, as the reader tells `5` from `5.0`. Errors, kInvalidInput:
//   "origin:LINE:COLUMN: not valid TOML: why"     (a syntax error)
//   "origin: PATH: a TOML date or time ... "      (no suite field is a date)
util::Expected<nlohmann::json> SuiteTomlToJson(std::string_view text, const std::string& origin);

}  // namespace bench
