#pragma once
// Result files of the earlier Go project (aws-instance-benchmarks, JSON Schema draft-07
// "benchmark-result.json" v1.0; facts in docs/report.md, "Importing results"): recognising,
// checking against that schema, and converting into a document of our result schema.

#include <string>

#include <nlohmann/json.hpp>

#include "report/import_flags.h"

namespace report {

inline constexpr char kGoFormatName[] = "aws-instance-benchmarks/v1.0";

// True when the document has the Go project's shape (schema_version "1.0.x" with a
// metadata and a performance object); checks nothing further.
bool LooksLikeGoResult(const nlohmann::json& document);

// Every violation of the Go project's schema, each as one flag on `file`.
ImportFlags CheckGoSchema(const nlohmann::json& document, const std::string& file);

// Integrity problems the schema allows: missing dispersion figures, one run, a family
// that does not match the type, a cache latency whose unit is not a time.
ImportFlags CheckGoStatistics(const nlohmann::json& document, const std::string& file);

// The document in our result schema (docs/result-schema.md): each reported figure becomes a
// metric with one sample (the reported value: the Go files keep no raw samples), the
// reported reproducibility is kept under metadata.imported. Call only on a document
// without schema flags.
nlohmann::json ConvertGoResult(const nlohmann::json& document, const std::string& file);

}  // namespace report
