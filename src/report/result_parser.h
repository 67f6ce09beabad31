#pragma once
// Parses a stored result document for a report in one pass over the parser's events
// (nlohmann's SAX interface), so that the bulk of a document -- its metrics, thousands of
// samples and statistics -- goes straight into MetricRows without a JSON tree, and the
// fields no report reads are never built at all:
// - a tree is built of the rest: metadata; of sysinfo the arch, cpu.vendor,
//   cpu.microarchitecture, hypervisor and topology; each benchmark's fields besides its
//   metrics, of its environment only duration_seconds; no tool block;
// - each metric's name, unit, better, labels (as a tree), samples and the statistics a
//   MetricRow carries are read into a MetricRow whose document-level fields are left for
//   ReadDocument (document_rows.h) to fill.

#include <optional>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/dataset.h"

namespace report {

struct ParsedResult {   // NOLINT(bugprone-exception-escape): json members (import_checks.h)
  nlohmann::json tree;  // the document without benchmarks[i].metrics
  // metrics[i]: the metric rows of the i-th element of "benchmarks" (when it is an array);
  // ci95_low / ci95_high are NaN when the document does not give them.
  std::vector<std::vector<MetricRow>> metrics;
};

// nullopt when `text` is not valid JSON.
std::optional<ParsedResult> ParseResult(std::string_view text);

}  // namespace report
