// CSV and JSON: machine-readable figures (docs/report.md documents both).
#include "report/formats.h"
#include "report/model.h"

namespace report {
namespace {

// Shortest text that reads back as the same double.
std::string Exact(double value) { return nlohmann::json(value).dump(); }

std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string Joined(const std::vector<double>& values) {
  std::string out;
  for (double v : values) out += (out.empty() ? "" : ";") + Exact(v);
  return out;
}

std::string Joined(const std::vector<size_t>& values) {
  std::string out;
  for (size_t v : values) out += (out.empty() ? "" : ";") + std::to_string(v);
  return out;
}

nlohmann::json TableJson(const Table& table) {
  return {
      {"id", table.id}, {"title", table.title}, {"columns", table.header}, {"rows", table.rows}};
}

nlohmann::json CampaignJson(const Campaign& c) {
  return {{"label", c.label},
          {"journal", c.path},
          {"id", c.id},
          {"backend", c.backend},
          {"status", ToString(c.status)},
          {"simulated", c.simulated()},
          {"estimated_cost_usd", c.estimated_cost_usd},
          {"wall_seconds", c.wall_seconds}};
}

nlohmann::json MetricJson(const Dataset& d, const MetricRow& row) {
  return {{"campaign", row.campaign_label},
          {"instance_type", row.instance_type},
          {"planned_type", row.planned_type},
          {"vendor", VendorOf(d, row)},
          {"region", row.region},
          {"market", ToString(row.market)},
          {"variant", row.variant},
          {"family", row.family},
          {"metric", row.metric},
          {"labels", row.labels},
          {"unit", row.unit},
          {"better", row.higher_is_better ? "higher" : "lower"},
          {"quick", row.quick},
          {"samples", row.samples},
          {"statistics",
           {{"count", row.samples.size()},
            {"mean", row.mean},
            {"median", row.median},
            {"best", row.best},
            {"worst", row.worst},
            {"stdev", row.stdev},
            {"cv", row.cv},
            {"ci95_low", row.ci95_low},
            {"ci95_high", row.ci95_high},
            {"outliers", row.outliers}}}};
}

}  // namespace

const std::vector<std::string>& CsvColumns() {
  static const std::vector<std::string> kColumns = {
      "campaign",  "instance_type", "planned_type", "vendor", "region", "market", "variant",
      "family",    "metric",        "labels",       "unit",   "better", "quick",  "count",
      "mean",      "median",        "best",         "worst",  "stdev",  "cv",     "ci95_low",
      "ci95_high", "outliers",      "samples"};
  return kColumns;
}

util::Expected<std::string> RenderCsv(const Dataset& d, const RenderOptions&) {
  std::string out;
  for (const std::string& column : CsvColumns()) out += (out.empty() ? "" : ",") + column;
  out += "\n";
  for (const MetricRow& row : d.metrics) {
    const std::vector<std::string> fields = {row.campaign_label,
                                             row.instance_type,
                                             row.planned_type,
                                             VendorOf(d, row),
                                             row.region,
                                             ToString(row.market),
                                             row.variant,
                                             row.family,
                                             row.metric,
                                             row.labels_key,
                                             row.unit,
                                             row.higher_is_better ? "higher" : "lower",
                                             row.quick ? "true" : "false",
                                             std::to_string(row.samples.size()),
                                             Exact(row.mean),
                                             Exact(row.median),
                                             Exact(row.best),
                                             Exact(row.worst),
                                             Exact(row.stdev),
                                             Exact(row.cv),
                                             Exact(row.ci95_low),
                                             Exact(row.ci95_high),
                                             Joined(row.outliers),
                                             Joined(row.samples)};
    std::string line;
    for (const std::string& field : fields) line += (line.empty() ? "" : ",") + CsvField(field);
    out += line + "\n";
  }
  return out;
}

util::Expected<std::string> RenderJson(const Dataset& d, const RenderOptions&) {
  Report report = BuildReport(d);
  nlohmann::json out = {{"schema", "aws-benchmark-collector/report"},
                        {"schema_version", kJsonReportVersion},
                        {"logistics_only", report.logistics_only}};
  out["campaigns"] = nlohmann::json::array();
  for (const Campaign& c : d.campaigns) out["campaigns"].push_back(CampaignJson(c));
  out["sections"] = nlohmann::json::array();
  for (const Section& section : report.sections) {
    nlohmann::json tables = nlohmann::json::array();
    for (const Table& table : section.tables) tables.push_back(TableJson(table));
    out["sections"].push_back({{"id", section.id},
                               {"title", section.title},
                               {"notes", section.notes},
                               {"tables", tables}});
  }
  out["metrics"] = nlohmann::json::array();
  for (const MetricRow& row : d.metrics) out["metrics"].push_back(MetricJson(d, row));
  return out.dump(1) + "\n";
}

}  // namespace report
