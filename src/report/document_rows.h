#pragma once
// One result document turned into report rows (dataset.h), independently of the Dataset it
// will join, so that many documents can be parsed and read on worker threads at once.
// Indices inside a DocumentRows are local (MetricRow::benchmark indexes `benchmarks`);
// AppendRows rebases them when the rows join a Dataset.

#include <string>
#include <vector>

#include "report/dataset.h"
#include "report/result_parser.h"

namespace report {

struct DocumentRows {  // NOLINT(bugprone-exception-escape): json members (import_checks.h)
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

// Reads the rows of one parsed document (result_parser.h); moves the parts it keeps
// (metric rows, derived, parameters) out of `parsed`.
DocumentRows ReadDocument(ParsedResult& parsed, const DocumentOrigin& origin);

// Appends `rows` to `dataset`, rebasing their indices.
void AppendRows(DocumentRows rows, Dataset& dataset);

}  // namespace report
