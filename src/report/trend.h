#pragma once
// `report --state A --state B ... --trend`: every headline figure's mean per campaign, in
// the order the journals were given, with the change from the first to the last
// (docs/report.md, "Trends"). Sweep points (curves) are left out.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "report/dataset.h"
#include "report/model.h"
#include "util/expected.h"

namespace report {

struct TrendRow {
  std::string type, variant, metric, labels, unit;
  std::vector<std::optional<double>> means;  // one per campaign; empty when not measured
};

std::vector<TrendRow> BuildTrend(const Dataset& dataset);

inline constexpr char kTrendFormats[] = "text, markdown, csv, html";
util::Expected<std::string> RenderTrend(const Dataset& dataset, std::string_view format);

// A small inline SVG line of the measured points (class "mark" per point).
std::string Sparkline(const std::vector<std::optional<double>>& values);

}  // namespace report
