#pragma once
// The report's content, independent of its format: sections of titled tables and notes,
// built from a Dataset (docs/report.md). Renderers (text, markdown, html, json) lay these
// out; none of them computes a figure of its own.

#include <string>
#include <vector>

#include "report/dataset.h"

namespace report {

enum class Align { kLeft, kRight };

struct Table {
  std::string id;     // stable name for JSON and HTML ("execution-jobs")
  std::string title;  // may be empty
  std::vector<std::string> header;
  std::vector<Align> align;  // one per column
  std::vector<std::vector<std::string>> rows;
};

struct Section {
  std::string id;     // "execution", "cost", "performance", "insights"
  std::string title;  // "Execution"
  std::vector<std::string> notes;
  std::vector<Table> tables;
};

struct Report {
  std::vector<Section> sections;
  // True when no campaign holds measurements (all simulated or none ran).
  bool logistics_only = false;
};

// One table laid out as fixed-width text or as a Markdown table (render_text.cc); used by
// the section renderers and by --compare / --trend.
std::string TextTable(const Table& table);
std::string MarkdownTable(const Table& table);

// Builds every section. Measurement sections are left out when the dataset holds no
// measured figure; a simulated campaign is named as logistics only.
Report BuildReport(const Dataset& dataset);

// Parts, for tests and for other report code.
Section ExecutionSection(const Dataset& dataset);
Section CostSection(const Dataset& dataset);
Section PerformanceSection(const Dataset& dataset);
Section InsightsSection(const Dataset& dataset);

// A metric row is a point of a sweep (a curve, not a headline figure) when it carries one
// of these labels: working_set_bytes, pages, addresses, stride_bytes (except prefetch).
bool IsSweepPoint(const MetricRow& row);
// The instance price behind a figure: the $/h of the attempt that produced its document and
// that attempt's market (on-demand price, or the spot price at launch). usd_per_hour is 0
// when unknown, not billed (local), or when the figure was not measured on the type it
// names (a local machine standing in for a planned type).
struct FigurePrice {
  double usd_per_hour = 0;
  Market market = Market::kUnknown;
};
FigurePrice PriceOf(const Dataset& dataset, const MetricRow& row);

// The vendor of the machine that measured `row`: "Intel", "AMD", "Graviton/Arm", or the
// sysinfo vendor string.
std::string VendorOf(const Dataset& dataset, const MetricRow& row);

}  // namespace report
