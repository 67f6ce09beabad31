#pragma once
// `report --compare` output: one table of comparisons as text, Markdown, CSV, JSON or a
// self-contained HTML page (the significant changes first, then every comparison).

#include <string>
#include <string_view>
#include <vector>

#include "report/compare.h"
#include "report/model.h"
#include "util/expected.h"

namespace report {

// One table as CSV (RFC 4180 quoting), header first: --compare and --trend.
std::string CsvTable(const Table& table);

// The formats --compare accepts.
inline constexpr char kCompareFormats[] = "text, markdown, csv, json, html";

// kInvalidInput naming --format when `format` is not one of kCompareFormats.
util::Expected<std::string> RenderComparison(const std::vector<Comparison>& comparisons,
                                             const CompareOptions& options,
                                             std::string_view format);

// The version of the --compare JSON (docs/report.md).
inline constexpr int kCompareJsonVersion = 1;

}  // namespace report
