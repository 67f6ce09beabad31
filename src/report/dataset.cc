#include "report/dataset.h"

#include <algorithm>
#include <filesystem>
#include <thread>
#include <unordered_map>

#include "report/document_rows.h"
#include "report/states.h"
#include "store/journal.h"

namespace report {
namespace {

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

constexpr size_t kReadBatch = 512;

// One result of a batch: its stored text, then the rows read from it (nullopt: not JSON).
struct PendingResult {
  std::string text;
  DocumentOrigin origin;
  std::optional<DocumentRows> rows;
};

// Parses and reads every pending result on up to one thread per core: parsing is most of
// a large report's time, and each document's JSON tree is built, read and freed on the
// same worker.
void ReadAll(std::vector<PendingResult>& batch) {
  const size_t threads =
      std::max<size_t>(1, std::min<size_t>(std::thread::hardware_concurrency(), batch.size()));
  auto read = [&](size_t offset) {
    for (size_t i = offset; i < batch.size(); i += threads) {
      PendingResult& pending = batch[i];
      std::optional<ParsedResult> document = ParseResult(pending.text);
      std::string().swap(pending.text);
      if (document) pending.rows = ReadDocument(*document, pending.origin);
    }
  };
  std::vector<std::thread> workers;
  for (size_t t = 1; t < threads; ++t) workers.emplace_back(read, t);
  read(0);
  for (std::thread& worker : workers) worker.join();
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
  // Through the same parser as a journal's text: one way of reading a document.
  std::optional<ParsedResult> parsed = ParseResult(document.dump());
  const std::string* label =
      campaign < dataset.campaigns.size() ? &dataset.campaigns[campaign].label : nullptr;
  const DocumentOrigin origin{campaign, label, job, attempt, row_status, attempt_id};
  if (parsed) AppendRows(ReadDocument(*parsed, origin), dataset);
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
  // Results are read in batches, so that only one batch of texts is held at a time.
  const std::vector<store::ResultRow>& results = snapshot->results;
  const std::string& label = dataset.campaigns[campaign].label;
  for (size_t first = 0; first < results.size(); first += kReadBatch) {
    std::vector<PendingResult> batch(std::min(kReadBatch, results.size() - first));
    for (size_t i = 0; i < batch.size(); ++i) {
      const store::ResultRow& result = results[first + i];
      auto text = journal->ResultJson(result.job, result.attempt_id);
      if (!text)
        return util::InvalidInput(path + ": result of job " + result.job + ": " +
                                  text.error().message);
      auto job = job_index.find(result.job);
      auto attempt = attempt_index.find(result.attempt_id);
      batch[i].text = std::move(*text);
      batch[i].origin = {
          campaign,
          &label,
          job == job_index.end() ? nullptr : &dataset.jobs[job->second],
          attempt == attempt_index.end() ? nullptr : &dataset.attempts[attempt->second],
          result.status,
          result.attempt_id};
    }
    ReadAll(batch);
    for (size_t i = 0; i < batch.size(); ++i) {
      const store::ResultRow& result = results[first + i];
      if (!batch[i].rows)
        return util::InvalidInput(path + ": result of job " + result.job + ": not valid JSON");
      AppendRows(std::move(*batch[i].rows), dataset);
      dataset.documents.back().sha256 = result.sha256;
      dataset.documents.back().received_at = result.received_at;
      // Results come in insertion order, so a job ends linked to its last result.
      if (auto job = job_index.find(result.job); job != job_index.end())
        dataset.jobs[job->second].result = dataset.documents.size() - 1;
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
