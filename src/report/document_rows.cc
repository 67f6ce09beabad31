#include "report/document_rows.h"

#include <cmath>

#include "report/json_fields.h"
#include "report/states.h"

namespace report {
namespace {

using nlohmann::json;

const json& ObjectAt(const json& object, const char* key) {
  static const json kEmpty = json::object();
  if (!object.is_object()) return kEmpty;
  auto found = object.find(key);
  return found != object.end() && found->is_object() ? *found : kEmpty;
}

// Moves object[key] out when it is an object; {} otherwise.
json TakeObject(json& object, const char* key) {
  if (!object.is_object()) return json::object();
  auto found = object.find(key);
  if (found == object.end() || !found->is_object()) return json::object();
  return std::move(*found);
}

std::string FirstNonEmpty(std::initializer_list<std::string> values) {
  for (const std::string& value : values)
    if (!value.empty()) return value;
  return {};
}

bool TrueAt(const json& object, const char* key) {
  auto found = object.find(key);
  return found != object.end() && found->is_boolean() && found->get<bool>();
}

Document DocumentFacts(const json& doc, const DocumentOrigin& origin) {
  Document d;
  d.campaign = origin.campaign;
  d.job = origin.job ? origin.job->id : std::string{};
  d.attempt_id = origin.attempt_id;
  d.status = origin.row_status;
  d.is_result = doc.is_object() && TextField(doc, "schema") == "aws-benchmark-collector/result";
  const json& meta = ObjectAt(doc, "metadata");
  const std::string job_type = origin.job ? origin.job->instance_type : std::string{};
  d.instance_type = FirstNonEmpty({TextField(meta, "instance_type"), job_type});
  d.planned_type =
      FirstNonEmpty({TextField(meta, "planned_instance_type"), job_type, d.instance_type});
  d.region = FirstNonEmpty({TextField(meta, "region"), TextField(meta, "planned_region"),
                            origin.job ? origin.job->region : ""});
  d.market =
      MarketFromText(FirstNonEmpty({TextField(meta, "market"), TextField(meta, "planned_market"),
                                    origin.attempt ? ToString(origin.attempt->market) : ""}));
  d.quick = TrueAt(meta, "quick");
  d.started_at = TextField(meta, "started_at");
  const json& sysinfo = ObjectAt(doc, "sysinfo");
  d.sysinfo = sysinfo;
  d.arch = TextField(sysinfo, "arch");
  const json& cpu = ObjectAt(sysinfo, "cpu");
  d.cpu_vendor = TextField(cpu, "vendor");
  d.microarchitecture = TextField(cpu, "microarchitecture");
  d.emulated = TrueAt(ObjectAt(sysinfo, "hypervisor"), "emulated");
  return d;
}

BenchmarkRun RunFacts(json& bench, const Document& doc) {
  BenchmarkRun run;
  run.campaign = doc.campaign;
  run.job = doc.job;
  run.variant = TextField(bench, "name");
  run.family = TextField(bench, "family");
  run.status = RunStatusOfDocument(TextField(bench, "status"));
  run.reason = TextField(bench, "reason");
  if (auto w = bench.find("warnings"); w != bench.end() && w->is_array())
    for (const auto& warning : *w)
      if (warning.is_string()) run.warnings.push_back(warning.get<std::string>());
  const json& validation = ObjectAt(bench, "validation");
  run.validation_checked = TrueAt(validation, "checked");
  run.validation_passed = TrueAt(validation, "passed");
  run.duration_seconds = NumberField(ObjectAt(bench, "environment"), "duration_seconds", -1);
  run.parameters = TakeObject(bench, "parameters");
  run.derived = TakeObject(bench, "derived");
  return run;
}

// Fills the fields of a parsed metric row that come from its benchmark and document.
void CompleteRow(MetricRow& row, const BenchmarkRun& run, size_t bench_index, const Document& doc,
                 const DocumentOrigin& origin) {
  row.campaign = run.campaign;
  row.benchmark = bench_index;
  if (origin.campaign_label) row.campaign_label = *origin.campaign_label;
  row.instance_type = doc.instance_type;
  row.planned_type = doc.planned_type;
  row.variant = run.variant;
  row.family = run.family;
  row.labels_key = LabelsKey(row.labels);
  if (std::isnan(row.ci95_low)) row.ci95_low = row.mean;
  if (std::isnan(row.ci95_high)) row.ci95_high = row.mean;
  row.quick = doc.quick;
  row.market = doc.market;
  row.region = doc.region;
}

}  // namespace

DocumentRows ReadDocument(ParsedResult& parsed, const DocumentOrigin& origin) {
  DocumentRows rows;
  json& document = parsed.tree;
  rows.document = DocumentFacts(document, origin);
  if (!rows.document.is_result) return rows;
  auto benchmarks = document.find("benchmarks");
  if (benchmarks == document.end() || !benchmarks->is_array()) return rows;
  for (size_t i = 0; i < benchmarks->size(); ++i) {
    const size_t bench_index = rows.benchmarks.size();
    rows.benchmarks.push_back(RunFacts((*benchmarks)[i], rows.document));
    if (i >= parsed.metrics.size()) continue;
    for (MetricRow& row : parsed.metrics[i]) {
      CompleteRow(row, rows.benchmarks.back(), bench_index, rows.document, origin);
      rows.metrics.push_back(std::move(row));
    }
  }
  return rows;
}

void AppendRows(DocumentRows rows, Dataset& dataset) {
  const size_t doc_index = dataset.documents.size();
  const size_t first_benchmark = dataset.benchmarks.size();
  dataset.documents.push_back(std::move(rows.document));
  for (BenchmarkRun& run : rows.benchmarks) {
    run.document = doc_index;
    dataset.benchmarks.push_back(std::move(run));
  }
  for (MetricRow& metric : rows.metrics) {
    metric.document = doc_index;
    metric.benchmark += first_benchmark;
    dataset.metrics.push_back(std::move(metric));
  }
}

}  // namespace report
