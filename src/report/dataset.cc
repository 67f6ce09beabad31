#include "report/dataset.h"

#include <algorithm>
#include <filesystem>
#include <thread>
#include <unordered_map>

#include "report/json_fields.h"
#include "report/states.h"
#include "store/journal.h"

namespace report {
namespace {

std::string StringAt(const nlohmann::json& object, const char* key) {
  return TextField(object, key);
}

double NumberAt(const nlohmann::json& object, const char* key, double otherwise) {
  return NumberField(object, key, otherwise);
}

const nlohmann::json& ObjectAt(const nlohmann::json& object, const char* key) {
  static const nlohmann::json kEmpty = nlohmann::json::object();
  if (!object.is_object()) return kEmpty;
  auto found = object.find(key);
  return found != object.end() && found->is_object() ? *found : kEmpty;
}

std::string FirstNonEmpty(std::initializer_list<std::string> values) {
  for (const std::string& value : values)
    if (!value.empty()) return value;
  return {};
}

std::string UniqueLabel(const std::string& path, const Dataset& dataset) {
  std::string stem = std::filesystem::path(path).stem().string();
  std::string label = stem;
  for (int n = 2; std::any_of(dataset.campaigns.begin(), dataset.campaigns.end(),
                              [&](const Campaign& c) { return c.label == label; });
       ++n)
    label = stem + "#" + std::to_string(n);
  return label;
}

Campaign FromRow(const store::CampaignRow& row, const std::string& path, const Dataset& dataset) {
  Campaign campaign;
  campaign.label = UniqueLabel(path, dataset);
  campaign.path = path;
  campaign.id = row.id;
  campaign.backend = row.backend;
  campaign.status = row.status;
  campaign.stop_reason = row.stop_reason;
  campaign.created_at = row.created_at;
  campaign.started_at = row.started_at;
  campaign.ended_at = row.ended_at;
  campaign.wall_seconds = row.wall_seconds;
  campaign.estimated_cost_usd = row.estimated_cost_usd;
  campaign.max_cost_usd = row.max_cost_usd;
  return campaign;
}

Session FromRow(const store::SessionRow& row, size_t campaign) {
  Session session;
  session.campaign = campaign;
  session.id = row.id;
  session.region = row.region;
  session.instance_type = row.instance_type;
  session.vcpus = row.vcpus;
  session.planned_market = MarketFromText(row.planned_market);
  session.market = MarketFromText(row.market);
  session.estimated_cost_usd = row.estimated_cost_usd;
  session.on_demand_usd_per_hour = row.on_demand_usd_per_hour;
  session.extras_usd_per_hour = row.extras_usd_per_hour;
  session.state = row.state;
  session.attempts = row.attempts;
  session.spot_failures = row.spot_failures;
  session.throttle_retries = row.throttle_retries;
  session.fell_back_to_on_demand = row.fell_back_to_on_demand;
  session.reason = row.reason;
  return session;
}

Attempt FromRow(const store::AttemptRow& row, size_t campaign) {
  Attempt attempt;
  attempt.campaign = campaign;
  attempt.id = row.id;
  attempt.session = row.session;
  attempt.number = row.number;
  attempt.region = row.region;
  attempt.zone = row.zone;
  attempt.market = MarketFromText(row.market);
  attempt.instance_id = row.instance_id;
  attempt.outcome = row.outcome;
  attempt.error_code = row.error_code;
  attempt.error_class = row.error_class;
  attempt.launched_at = row.launched_at;
  attempt.ended_at = row.ended_at;
  attempt.cost_usd = row.cost_usd;
  attempt.usd_per_hour = row.usd_per_hour;
  return attempt;
}

Job FromRow(const store::JobRow& row, size_t campaign) {
  Job job;
  job.campaign = campaign;
  job.id = row.id;
  job.session = row.session;
  job.instance_type = row.instance_type;
  job.benchmark = row.benchmark;
  job.region = row.region;
  job.estimated_duration_s = row.estimated_duration_s;
  job.estimated_cost_usd = row.estimated_cost_usd;
  job.state = row.state;
  job.tries = row.tries;
  job.interruptions = row.interruptions;
  job.reason = row.reason;
  job.started_at = row.started_at;
  job.ended_at = row.ended_at;
  return job;
}

Document DocumentFacts(const nlohmann::json& doc, size_t campaign, const Job* job,
                       const Attempt* attempt) {
  Document d;
  d.campaign = campaign;
  d.is_result = doc.is_object() && StringAt(doc, "schema") == "aws-benchmark-collector/result";
  const nlohmann::json& meta = ObjectAt(doc, "metadata");
  const std::string job_type = job ? job->instance_type : std::string{};
  d.instance_type = FirstNonEmpty({StringAt(meta, "instance_type"), job_type});
  d.planned_type =
      FirstNonEmpty({StringAt(meta, "planned_instance_type"), job_type, d.instance_type});
  d.region = FirstNonEmpty(
      {StringAt(meta, "region"), StringAt(meta, "planned_region"), job ? job->region : ""});
  d.market =
      MarketFromText(FirstNonEmpty({StringAt(meta, "market"), StringAt(meta, "planned_market"),
                                    attempt ? ToString(attempt->market) : ""}));
  auto quick = meta.find("quick");
  d.quick = quick != meta.end() && quick->is_boolean() && quick->get<bool>();
  d.started_at = StringAt(meta, "started_at");
  const nlohmann::json& sysinfo = ObjectAt(doc, "sysinfo");
  d.sysinfo = sysinfo;
  d.arch = StringAt(sysinfo, "arch");
  const nlohmann::json& cpu = ObjectAt(sysinfo, "cpu");
  d.cpu_vendor = StringAt(cpu, "vendor");
  d.microarchitecture = StringAt(cpu, "microarchitecture");
  const nlohmann::json& hypervisor = ObjectAt(sysinfo, "hypervisor");
  auto emulated = hypervisor.find("emulated");
  d.emulated = emulated != hypervisor.end() && emulated->is_boolean() && emulated->get<bool>();
  return d;
}

BenchmarkRun RunFacts(const nlohmann::json& bench, size_t campaign, size_t document,
                      const std::string& job) {
  BenchmarkRun run;
  run.campaign = campaign;
  run.document = document;
  run.job = job;
  run.variant = StringAt(bench, "name");
  run.family = StringAt(bench, "family");
  run.status = RunStatusOfDocument(StringAt(bench, "status"));
  run.reason = StringAt(bench, "reason");
  if (auto w = bench.find("warnings"); w != bench.end() && w->is_array())
    for (const auto& warning : *w)
      if (warning.is_string()) run.warnings.push_back(warning.get<std::string>());
  const nlohmann::json& validation = ObjectAt(bench, "validation");
  run.validation_checked = validation.contains("checked") && validation["checked"].is_boolean() &&
                           validation["checked"].get<bool>();
  run.validation_passed = validation.contains("passed") && validation["passed"].is_boolean() &&
                          validation["passed"].get<bool>();
  run.duration_seconds = NumberAt(ObjectAt(bench, "environment"), "duration_seconds", -1);
  run.parameters = ObjectAt(bench, "parameters");
  run.derived = ObjectAt(bench, "derived");
  return run;
}

std::vector<double> Numbers(const nlohmann::json& array) {
  std::vector<double> out;
  if (!array.is_array()) return out;
  for (const auto& x : array)
    if (x.is_number()) out.push_back(x.get<double>());
  return out;
}

MetricRow MetricFacts(const nlohmann::json& metric, const Dataset& dataset, size_t bench_index) {
  const BenchmarkRun& run = dataset.benchmarks[bench_index];
  const Document& doc = dataset.documents[run.document];
  MetricRow row;
  row.campaign = run.campaign;
  row.document = run.document;
  row.benchmark = bench_index;
  row.campaign_label = dataset.campaigns[run.campaign].label;
  row.instance_type = doc.instance_type;
  row.planned_type = doc.planned_type;
  row.variant = run.variant;
  row.family = run.family;
  row.metric = StringAt(metric, "name");
  auto labels = metric.find("labels");
  row.labels = labels != metric.end() && labels->is_object() ? *labels : nlohmann::json::object();
  row.labels_key = LabelsKey(row.labels);
  row.unit = StringAt(metric, "unit");
  row.higher_is_better = StringAt(metric, "better") != "lower";
  row.samples = Numbers(metric.contains("samples") ? metric["samples"] : nlohmann::json());
  const nlohmann::json& s = ObjectAt(metric, "statistics");
  row.mean = NumberAt(s, "mean", 0);
  row.median = NumberAt(s, "median", 0);
  row.best = NumberAt(s, "best", 0);
  row.worst = NumberAt(s, "worst", 0);
  row.stdev = NumberAt(s, "stdev", 0);
  row.cv = NumberAt(s, "cv", 0);
  row.ci95_low = NumberAt(s, "ci95_low", row.mean);
  row.ci95_high = NumberAt(s, "ci95_high", row.mean);
  if (auto o = s.find("outliers"); o != s.end() && o->is_array())
    for (const auto& index : *o)
      if (index.is_number_integer() && index.get<int64_t>() >= 0)
        row.outliers.push_back(static_cast<size_t>(index.get<int64_t>()));
  row.quick = doc.quick;
  row.market = doc.market;
  row.region = doc.region;
  return row;
}

constexpr size_t kParseBatch = 512;

// Parses every text (a failure gives a discarded value), on up to one thread per core.
std::vector<nlohmann::json> ParseAll(const std::vector<std::string>& texts) {
  std::vector<nlohmann::json> out(texts.size());
  const size_t threads =
      std::max<size_t>(1, std::min<size_t>(std::thread::hardware_concurrency(), texts.size()));
  auto parse = [&](size_t offset) {
    for (size_t i = offset; i < texts.size(); i += threads)
      out[i] = nlohmann::json::parse(texts[i], nullptr, false);
  };
  std::vector<std::thread> workers;
  for (size_t t = 1; t < threads; ++t) workers.emplace_back(parse, t);
  parse(0);
  for (std::thread& worker : workers) worker.join();
  return out;
}

}  // namespace

std::string LabelsKey(const nlohmann::json& labels) {
  if (!labels.is_object() || labels.empty()) return {};
  std::string key;
  // nlohmann::json objects iterate in sorted key order.
  for (const auto& [name, value] : labels.items()) {
    if (!key.empty()) key += ",";
    key += name + "=" + (value.is_string() ? value.get<std::string>() : value.dump());
  }
  return key;
}

std::string Dataset::TypeLabel(const MetricRow& row) const {
  return TypeLabel(documents[row.document]);
}

std::string Dataset::TypeLabel(const Document& document) const {
  if (document.instance_type == document.planned_type || document.planned_type.empty())
    return document.instance_type;
  return document.instance_type + " (planned " + document.planned_type + ")";
}

void AddDocument(const nlohmann::json& document, size_t campaign, const Job* job,
                 const Attempt* attempt, RunStatus row_status, int64_t attempt_id,
                 Dataset& dataset) {
  Document doc = DocumentFacts(document, campaign, job, attempt);
  doc.job = job ? job->id : std::string{};
  doc.attempt_id = attempt_id;
  doc.status = row_status;
  const size_t doc_index = dataset.documents.size();
  dataset.documents.push_back(std::move(doc));
  if (!dataset.documents.back().is_result) return;
  auto benchmarks = document.find("benchmarks");
  if (benchmarks == document.end() || !benchmarks->is_array()) return;
  for (const auto& bench : *benchmarks) {
    const size_t bench_index = dataset.benchmarks.size();
    dataset.benchmarks.push_back(
        RunFacts(bench, campaign, doc_index, dataset.documents.back().job));
    auto metrics = bench.find("metrics");
    if (metrics == bench.end() || !metrics->is_array()) continue;
    for (const auto& metric : *metrics)
      dataset.metrics.push_back(MetricFacts(metric, dataset, bench_index));
  }
}

util::Status AddJournal(const std::string& path, Dataset& dataset) {
  auto journal = store::Journal::Open(path);
  if (!journal) return journal.error();
  auto snapshot = journal->Load();
  if (!snapshot) return util::InvalidInput(path + ": " + snapshot.error().message);
  const size_t campaign = dataset.campaigns.size();
  dataset.campaigns.push_back(FromRow(snapshot->campaign, path, dataset));
  for (const auto& row : snapshot->sessions) dataset.sessions.push_back(FromRow(row, campaign));
  for (const auto& row : snapshot->attempts) dataset.attempts.push_back(FromRow(row, campaign));
  for (const auto& row : snapshot->jobs) dataset.jobs.push_back(FromRow(row, campaign));
  // Indexes of this journal's jobs and attempts (a large journal has thousands of each).
  std::unordered_map<std::string, size_t> job_index;
  for (size_t i = 0; i < dataset.jobs.size(); ++i)
    if (dataset.jobs[i].campaign == campaign) job_index[dataset.jobs[i].id] = i;
  std::unordered_map<int64_t, size_t> attempt_index;
  for (size_t i = 0; i < dataset.attempts.size(); ++i)
    if (dataset.attempts[i].campaign == campaign) attempt_index[dataset.attempts[i].id] = i;
  // Documents are parsed in batches on every core: parsing is most of a large report's time.
  const std::vector<store::ResultRow>& results = snapshot->results;
  for (size_t first = 0; first < results.size(); first += kParseBatch) {
    const size_t count = std::min(kParseBatch, results.size() - first);
    std::vector<std::string> texts(count);
    for (size_t i = 0; i < count; ++i) {
      const store::ResultRow& result = results[first + i];
      auto text = journal->ResultJson(result.job, result.attempt_id);
      if (!text)
        return util::InvalidInput(path + ": result of job " + result.job + ": " +
                                  text.error().message);
      texts[i] = std::move(*text);
    }
    std::vector<nlohmann::json> documents = ParseAll(texts);
    for (size_t i = 0; i < count; ++i) {
      const store::ResultRow& result = results[first + i];
      if (documents[i].is_discarded())
        return util::InvalidInput(path + ": result of job " + result.job + ": not valid JSON");
      auto job = job_index.find(result.job);
      auto attempt = attempt_index.find(result.attempt_id);
      const Job* job_row = job == job_index.end() ? nullptr : &dataset.jobs[job->second];
      const Attempt* attempt_row =
          attempt == attempt_index.end() ? nullptr : &dataset.attempts[attempt->second];
      AddDocument(documents[i], campaign, job_row, attempt_row, result.status, result.attempt_id,
                  dataset);
      dataset.documents.back().sha256 = result.sha256;
      dataset.documents.back().received_at = result.received_at;
      // Results come in insertion order, so a job ends linked to its last result.
      if (job != job_index.end()) dataset.jobs[job->second].result = dataset.documents.size() - 1;
    }
  }
  return {};
}

util::Expected<Dataset> LoadJournals(const std::vector<std::string>& paths) {
  Dataset dataset;
  for (const std::string& path : paths) {
    util::Status status = AddJournal(path, dataset);
    if (!status) return status.error();
  }
  return dataset;
}

}  // namespace report
