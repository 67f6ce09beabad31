#include "agent/result_schema.h"

#include "util/json_reader.h"

namespace agent {
namespace {

const char* ToString(Better better) { return better == Better::kHigher ? "higher" : "lower"; }

}  // namespace

nlohmann::json ToJson(const Statistics& s) {
  return {{"count", s.count},
          {"best", s.best},
          {"worst", s.worst},
          {"median", s.median},
          {"mean", s.mean},
          {"stdev", s.stdev},
          {"cv", s.cv},
          {"ci95_low", s.ci95_low},
          {"ci95_high", s.ci95_high},
          {"t_quantile", s.t_quantile},
          {"mad", s.mad},
          {"outliers", s.outliers}};
}

nlohmann::json ToJson(const Metric& metric) {
  return {
      {"name", metric.name},     {"unit", metric.unit},       {"better", ToString(metric.better)},
      {"labels", metric.labels}, {"samples", metric.samples}, {"statistics", ToJson(metric.stats)}};
}

nlohmann::json ToJson(const BenchmarkResult& result) {
  nlohmann::json metrics = nlohmann::json::array();
  for (const Metric& metric : result.metrics) metrics.push_back(ToJson(metric));
  nlohmann::json json = {
      {"name", result.name},
      {"family", result.family},
      {"status", ToString(result.status)},
      {"parameters", result.parameters},
      {"metrics", metrics},
      {"validation",
       {{"checked", result.validation.checked},
        {"passed", result.validation.passed},
        {"method", result.validation.method},
        {"details", result.validation.details}}},
      {"warnings", result.warnings},
      {"derived", result.derived},
      {"environment", result.environment},
  };
  if (!result.reason.empty() || result.status != RunStatus::kOk) json["reason"] = result.reason;
  return json;
}

util::Expected<nlohmann::json> ParseResultDocument(std::string_view text) {
  // The caller names the file; a parse error names the line and column.
  auto document = util::ParseJson(text, "");
  if (!document) return document.error();
  util::Status status = ValidateResultDocument(*document);
  if (!status) return status.error();
  return document;
}

}  // namespace agent
