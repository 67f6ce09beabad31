#include "agent/result_schema.h"

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
  nlohmann::json document = nlohmann::json::parse(text, nullptr, false);
  if (document.is_discarded()) {
    // Parse again with exceptions only to learn where it failed.
    try {
      nlohmann::json again = nlohmann::json::parse(text);
      (void)again;
    } catch (const nlohmann::json::parse_error& error) {
      return util::InvalidInput("not valid JSON at byte " + std::to_string(error.byte) + ": " +
                                error.what());
    } catch (const nlohmann::json::exception& error) {
      // A number beyond double's range (1e400) is discarded by the first parse and reported
      // as out_of_range, not parse_error, by this one.
      return util::InvalidInput(std::string("not valid JSON: ") + error.what());
    }
    return util::InvalidInput("not valid JSON");
  }
  util::Status status = ValidateResultDocument(document);
  if (!status) return status.error();
  return document;
}

}  // namespace agent
