#pragma once
// The result JSON (docs/result-schema.md): serialization and validation.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "agent/variant.h"
#include "util/expected.h"

namespace agent {

inline constexpr char kResultSchemaName[] = "aws-benchmark-collector/result";
inline constexpr int kResultSchemaVersion = 1;

nlohmann::json ToJson(const Statistics& stats);
nlohmann::json ToJson(const Metric& metric);
nlohmann::json ToJson(const BenchmarkResult& result);

// Checks a parsed document against the schema. The error (kInvalidInput) names the
// field by its JSON path, e.g. "benchmarks[2].metrics[0].samples: must be a non-empty
// array of numbers".
util::Status ValidateResultDocument(const nlohmann::json& document);
// Parses then validates; a parse error names the line and column (util::ParseJson).
util::Expected<nlohmann::json> ParseResultDocument(std::string_view text);

}  // namespace agent
