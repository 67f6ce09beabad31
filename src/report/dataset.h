#pragma once
// The data every report reads: one or more campaign journals loaded into plain rows.
// Journals are read only through store::Journal (Load, ResultJson), whose rows already carry
// the states as enums (store/records.h). Every measured figure becomes one MetricRow
// carrying its raw samples and the statistics exactly as the agent wrote them: a report
// never recomputes or invents a figure, it only selects, groups and compares.
//
// This header is shared with the comparison, trend, import and export code: add fields,
// never rename or remove them.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/records.h"
#include "util/expected.h"

namespace report {

// ---- states: the journal's own enums (store/records.h), one set for executor and report ----

using CampaignStatus = store::CampaignStatus;
using JobState = store::JobState;
using AttemptOutcome = store::AttemptOutcome;
using RunStatus = store::ResultStatus;  // a benchmark's status (docs/result-schema.md)
enum class Market { kOnDemand, kSpot, kUnknown };

const char* ToString(Market market);

// ---- rows ----

struct Campaign {
  std::string label;  // unique within the dataset: the journal's file name without
                      // extension, suffixed "#2", "#3" when two journals share a name
  std::string path;   // the journal file
  std::string id;
  std::string backend;  // "sim", "local", "aws", "import"
  CampaignStatus status = CampaignStatus::kPending;
  std::string stop_reason;
  int64_t created_at = 0;  // UTC seconds (virtual seconds for sim)
  int64_t started_at = 0;
  int64_t ended_at = 0;
  int64_t wall_seconds = 0;  // controller wall time
  double estimated_cost_usd = 0;
  std::optional<double> max_cost_usd;
  // A simulated campaign holds logistics only: it never has measurements.
  bool simulated() const { return backend == "sim"; }
};

struct Session {
  size_t campaign = 0;  // index into Dataset::campaigns
  std::string id;
  std::string region;
  std::string instance_type;
  int vcpus = 0;
  Market planned_market = Market::kUnknown;
  Market market = Market::kUnknown;  // the market of the last attempt
  double estimated_cost_usd = 0;
  double on_demand_usd_per_hour = 0;
  double extras_usd_per_hour = 0;
  store::SessionState state = store::SessionState::kPending;
  int attempts = 0;
  int spot_failures = 0;
  int throttle_retries = 0;
  bool fell_back_to_on_demand = false;
  std::string reason;
};

struct Attempt {
  size_t campaign = 0;
  int64_t id = 0;
  std::string session;
  int number = 0;
  std::string region;
  std::string zone;
  Market market = Market::kUnknown;
  std::string instance_id;
  AttemptOutcome outcome = AttemptOutcome::kNone;
  std::string error_code;
  std::optional<util::ErrorClass> error_class;
  int64_t launched_at = 0;
  int64_t ended_at = 0;
  double cost_usd = 0;      // actual cost as journalled
  double usd_per_hour = 0;  // price of its market at launch
};

struct Job {
  size_t campaign = 0;
  std::string id;
  std::string session;
  std::string instance_type;  // planned
  std::string benchmark;      // the variant
  std::string region;
  int64_t estimated_duration_s = 0;
  double estimated_cost_usd = 0;
  JobState state = JobState::kPending;
  int tries = 0;
  int interruptions = 0;
  std::string reason;
  int64_t started_at = 0;  // of its result; 0 when it has none
  int64_t ended_at = 0;
  std::optional<size_t> result;  // index into Dataset::results of its last result
};

// One benchmark (variant run) of one journalled result document.
struct BenchmarkRun {  // NOLINT(bugprone-exception-escape): json members (import_checks.h)
  size_t campaign = 0;
  size_t document = 0;  // index into Dataset::documents
  std::string job;
  std::string variant;  // "stream-avx512"
  std::string family;   // "stream", "hpl", "micro"
  RunStatus status = RunStatus::kOk;
  std::string reason;
  std::vector<std::string> warnings;
  bool validation_checked = false;
  bool validation_passed = false;
  double duration_seconds = -1;  // environment.duration_seconds; -1 when absent
  nlohmann::json parameters;
  nlohmann::json derived;
};

// One journalled result (a document, or a local-failure record).
struct Document {  // NOLINT(bugprone-exception-escape): json members (import_checks.h)
  size_t campaign = 0;
  std::string job;
  int64_t attempt_id = 0;
  RunStatus status = RunStatus::kOk;  // the result row's status
  bool is_result = false;             // false: not an aws-benchmark-collector/result document
  std::string instance_type;          // metadata.instance_type ("local" for the local backend)
  std::string planned_type;           // metadata.planned_instance_type, else the job's type
  std::string region;                 // metadata.region, else planned_region, else the job's
  Market market = Market::kUnknown;   // metadata.market, else planned_market, else the attempt's
  bool quick = false;                 // metadata.quick
  bool emulated = false;              // sysinfo.hypervisor.emulated
  std::string started_at;             // metadata.started_at (ISO 8601)
  std::string arch;                   // sysinfo.arch
  std::string cpu_vendor;             // sysinfo.cpu.vendor
  std::string microarchitecture;      // sysinfo.cpu.microarchitecture
  // What a report reads of sysinfo: from a journal only arch, cpu.vendor,
  // cpu.microarchitecture, hypervisor and topology are kept (result_parser.h); {} when absent.
  nlohmann::json sysinfo;
  std::string sha256;       // the journal's SHA-256 of the stored JSON
  int64_t received_at = 0;  // when the journal stored it (UTC seconds)
};

// One measured figure: one metric of one benchmark of one document.
struct MetricRow {  // NOLINT(bugprone-exception-escape): json members (import_checks.h)
  size_t campaign = 0;
  size_t document = 0;
  size_t benchmark = 0;        // index into Dataset::benchmarks
  std::string campaign_label;  // Campaign::label, repeated for grouping
  std::string instance_type;   // as measured (Document::instance_type)
  std::string planned_type;    // Document::planned_type
  std::string variant;         // "stream-avx512"
  std::string family;          // "stream"
  std::string metric;          // "triad"
  nlohmann::json labels;       // e.g. {"working_set_bytes": 32768}; {} when none
  std::string labels_key;      // labels as "k=v,k=v" (keys sorted), "" when none
  std::string unit;            // "GB/s"
  bool higher_is_better = true;
  std::vector<double> samples;  // raw, in order
  // Statistics as the agent wrote them (docs/result-schema.md).
  double mean = 0;
  double median = 0;
  double best = 0;
  double worst = 0;
  double stdev = 0;
  double cv = 0;
  double ci95_low = 0;
  double ci95_high = 0;
  std::vector<size_t> outliers;  // sample indices
  bool quick = false;
  Market market = Market::kUnknown;
  std::string region;
};

struct Dataset {
  std::vector<Campaign> campaigns;
  std::vector<Session> sessions;
  std::vector<Attempt> attempts;
  std::vector<Job> jobs;
  std::vector<Document> documents;
  std::vector<BenchmarkRun> benchmarks;
  std::vector<MetricRow> metrics;

  // The display name of a measured type: "m7i.large", or "local (planned m7i.large)".
  std::string TypeLabel(const MetricRow& row) const;
  // The same for a document (its measured and planned types).
  std::string TypeLabel(const Document& document) const;
};

// Loads the journals in order into one dataset. A journal that cannot be opened, or a
// result whose JSON is unreadable, is one kInvalidInput error naming the file (and job).
util::Expected<Dataset> LoadJournals(const std::vector<std::string>& paths);
// Adds one journal's rows to `dataset`.
util::Status AddJournal(const std::string& path, Dataset& dataset);
// Adds one result document (already parsed) for job `job_index` of `dataset`; used by
// AddJournal and by tests. A document that is not a result becomes a Document with
// is_result false and no metrics.
void AddDocument(const nlohmann::json& document, size_t campaign, const Job* job,
                 const Attempt* attempt, RunStatus row_status, int64_t attempt_id,
                 Dataset& dataset);

// "k=v,k=v" with keys sorted; strings unquoted.
std::string LabelsKey(const nlohmann::json& labels);

}  // namespace report
