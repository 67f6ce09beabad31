#include "report/document_rows.h"

#include <algorithm>
#include <array>

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

std::vector<double> Numbers(const json& object, const char* key) {
  std::vector<double> out;
  auto array = object.find(key);
  if (array == object.end() || !array->is_array()) return out;
  out.reserve(array->size());
  for (const auto& x : *array)
    if (x.is_number()) out.push_back(x.get<double>());
  return out;
}

MetricRow MetricFacts(json& metric, const BenchmarkRun& run, size_t bench_index,
                      const Document& doc, const DocumentOrigin& origin) {
  MetricRow row;
  row.campaign = run.campaign;
  row.benchmark = bench_index;
  if (origin.campaign_label) row.campaign_label = *origin.campaign_label;
  row.instance_type = doc.instance_type;
  row.planned_type = doc.planned_type;
  row.variant = run.variant;
  row.family = run.family;
  row.metric = TextField(metric, "name");
  row.labels = TakeObject(metric, "labels");
  row.labels_key = LabelsKey(row.labels);
  row.unit = TextField(metric, "unit");
  row.higher_is_better = TextField(metric, "better") != "lower";
  row.samples = Numbers(metric, "samples");
  const json& s = ObjectAt(metric, "statistics");
  row.mean = NumberField(s, "mean", 0);
  row.median = NumberField(s, "median", 0);
  row.best = NumberField(s, "best", 0);
  row.worst = NumberField(s, "worst", 0);
  row.stdev = NumberField(s, "stdev", 0);
  row.cv = NumberField(s, "cv", 0);
  row.ci95_low = NumberField(s, "ci95_low", row.mean);
  row.ci95_high = NumberField(s, "ci95_high", row.mean);
  if (auto o = s.find("outliers"); o != s.end() && o->is_array())
    for (const auto& index : *o)
      if (index.is_number_integer() && index.get<int64_t>() >= 0)
        row.outliers.push_back(static_cast<size_t>(index.get<int64_t>()));
  row.quick = doc.quick;
  row.market = doc.market;
  row.region = doc.region;
  return row;
}

bool OneOf(const std::string& key, std::initializer_list<const char*> names) {
  return std::any_of(names.begin(), names.end(), [&](const char* name) { return key == name; });
}

// The keys of the enclosing objects while parsing: keys[d] is the last key seen at depth d
// (arrays add a depth without a key). Decides which keys' values are built at all.
class ReportFieldFilter {
 public:
  bool Keep(int depth, const std::string& key) {
    const auto level = static_cast<size_t>(depth);
    if (level >= keys_.size()) return true;  // deeper than any rule: kept
    keys_[level] = key;
    if (level == 1) return key != "tool";
    if (keys_[1] == "sysinfo") {
      // What the report reads of the machine (dataset.h, Document).
      if (level == 2) return OneOf(key, {"arch", "cpu", "hypervisor", "topology"});
      if (level == 3 && keys_[2] == "cpu") return OneOf(key, {"vendor", "microarchitecture"});
    }
    if (keys_[1] == "benchmarks" && level == 4 && keys_[3] == "environment")
      return key == "duration_seconds";
    if (keys_[1] == "benchmarks" && level == 6 && keys_[3] == "metrics" &&
        keys_[5] == "statistics")  // MetricRow's statistics
      return OneOf(key, {"mean", "median", "best", "worst", "stdev", "cv", "ci95_low", "ci95_high",
                         "outliers"});
    return true;
  }

 private:
  std::array<std::string, 7> keys_;
};

}  // namespace

std::optional<json> ParseResultForReport(std::string_view text) {
  ReportFieldFilter filter;
  json::parser_callback_t keep = [&filter](int depth, json::parse_event_t event, json& parsed) {
    return event != json::parse_event_t::key || filter.Keep(depth, parsed.get_ref<std::string&>());
  };
  json parsed = json::parse(text, keep, false);
  if (parsed.is_discarded()) return std::nullopt;
  return parsed;
}

DocumentRows ReadDocument(json& document, const DocumentOrigin& origin) {
  DocumentRows rows;
  rows.document = DocumentFacts(document, origin);
  if (!rows.document.is_result) return rows;
  auto benchmarks = document.find("benchmarks");
  if (benchmarks == document.end() || !benchmarks->is_array()) return rows;
  for (auto& bench : *benchmarks) {
    const size_t bench_index = rows.benchmarks.size();
    rows.benchmarks.push_back(RunFacts(bench, rows.document));
    auto metrics = bench.find("metrics");
    if (metrics == bench.end() || !metrics->is_array()) continue;
    for (auto& metric : *metrics)
      rows.metrics.push_back(
          MetricFacts(metric, rows.benchmarks.back(), bench_index, rows.document, origin));
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
