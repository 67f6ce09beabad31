#pragma once
// One result document turned into report rows (dataset.h), independently of the Dataset it
// will join, so that many documents can be parsed and read on worker threads at once.
// Indices inside a DocumentRows are local (MetricRow::benchmark indexes `benchmarks`);
// AppendRows rebases them when the rows join a Dataset.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/dataset.h"

namespace report {

struct DocumentRows {
  Document document;
  std::vector<BenchmarkRun> benchmarks;
  std::vector<MetricRow> metrics;
};

// Where a document comes from: its campaign, the job and attempt that produced it (either
// may be null) and the result row's status and attempt id.
struct DocumentOrigin {
  size_t campaign = 0;
  const std::string* campaign_label = nullptr;
  const Job* job = nullptr;
  const Attempt* attempt = nullptr;
  RunStatus row_status = RunStatus::kOk;
  int64_t attempt_id = 0;
};

// Parses a stored result, keeping only the fields a report reads: the rest of sysinfo,
// each benchmark's environment besides its duration, the statistics MetricRow does not
// carry (count, mad, t_quantile) and the tool block are dropped while parsing, never
// built. nullopt when the text is not valid JSON.
std::optional<nlohmann::json> ParseResultForReport(std::string_view text);

// Reads the rows of one document; moves the parts it keeps (labels, derived, parameters)
// out of `document`.
DocumentRows ReadDocument(nlohmann::json& document, const DocumentOrigin& origin);

// Appends `rows` to `dataset`, rebasing their indices.
void AppendRows(DocumentRows rows, Dataset& dataset);

}  // namespace report
