#include "report/trend.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "report/compare_render.h"
#include "report/format_number.h"
#include "report/html_page.h"
#include "report/svg.h"
#include "report/table_builder.h"

namespace report {
namespace {

using Key = std::tuple<std::string, std::string, std::string, std::string>;

Table TrendTable(const Dataset& dataset, const std::vector<TrendRow>& rows) {
  std::vector<std::string> columns = {"type", "variant", "metric", "labels", "unit"};
  for (const Campaign& c : dataset.campaigns) columns.push_back(">" + c.label);
  columns.push_back(">change");
  Table table = MakeTable("trend", "Trend (mean per campaign)", columns);
  for (const TrendRow& row : rows) {
    std::vector<std::string> cells = {row.type, row.variant, row.metric, row.labels, row.unit};
    std::optional<double> first, last;
    for (const auto& mean : row.means) {
      cells.push_back(mean ? Figure(*mean) : "");
      if (mean && !first) first = mean;
      if (mean) last = mean;
    }
    cells.push_back(
        first && last && *first != 0 && first != last ? Percent((*last - *first) / *first) : "");
    table.rows.push_back(std::move(cells));
  }
  return table;
}

// A self-contained page (html_page.h): the trend table, sortable, with a small line per
// figure (cells with markup, so the rows are written here rather than by AppendTable).
std::string Html(const Dataset& dataset, const std::vector<TrendRow>& rows) {
  std::string out;
  AppendPageStart("Trend (mean per campaign)", out);
  out.append("<table class=\"sortable\" id=\"trend\"><thead><tr><th>figure</th>");
  for (const Campaign& c : dataset.campaigns)
    out.append("<th>").append(svg::Escape(c.label)).append("</th>");
  out.append("<th>line</th></tr></thead><tbody>\n");
  for (const TrendRow& row : rows) {
    out.append("<tr><td>")
        .append(svg::Escape(row.type + " " + row.variant + " " + row.metric +
                            (row.labels.empty() ? "" : " [" + row.labels + "]") + " (" + row.unit +
                            ")"))
        .append("</td>");
    for (const auto& mean : row.means)
      out.append("<td class=\"num\">").append(mean ? Figure(*mean) : "").append("</td>");
    out.append("<td>").append(Sparkline(row.means)).append("</td></tr>\n");
  }
  out.append("</tbody></table>\n");
  AppendPageEnd(out);
  return out;
}

}  // namespace

std::vector<TrendRow> BuildTrend(const Dataset& dataset) {
  struct Sum {
    double total = 0;
    size_t count = 0;
  };
  std::map<Key, std::map<size_t, Sum>> sums;
  std::map<Key, std::string> units;
  for (const MetricRow& row : dataset.metrics) {
    if (IsSweepPoint(row) || row.samples.empty()) continue;
    Key key{dataset.TypeLabel(row), row.variant, row.metric, row.labels_key};
    Sum& sum = sums[key][row.campaign];
    for (double x : row.samples) sum.total += x;
    sum.count += row.samples.size();
    units[key] = row.unit;
  }
  std::vector<TrendRow> rows;
  for (const auto& [key, by_campaign] : sums) {
    TrendRow row{std::get<0>(key), std::get<1>(key),
                 std::get<2>(key), std::get<3>(key),
                 units[key],       std::vector<std::optional<double>>(dataset.campaigns.size())};
    for (const auto& [campaign, sum] : by_campaign) {
      row.means[campaign] = sum.total / static_cast<double>(sum.count);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string Sparkline(const std::vector<std::optional<double>>& values) {
  constexpr double kWidth = 80, kHeight = 18, kPad = 2;
  std::vector<std::pair<size_t, double>> points;
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i]) points.emplace_back(i, *values[i]);
  }
  std::string out = "<svg class=\"sparkline\" width=\"80\" height=\"18\" viewBox=\"0 0 80 18\">";
  if (points.empty()) return out + "</svg>";
  auto [low, high] =
      std::minmax_element(points.begin(), points.end(),
                          [](const auto& a, const auto& b) { return a.second < b.second; });
  double span = high->second - low->second;
  double step =
      values.size() > 1 ? (kWidth - 2 * kPad) / static_cast<double>(values.size() - 1) : 0;
  std::string line;
  for (const auto& [i, v] : points) {
    double x = kPad + step * static_cast<double>(i);
    double y =
        span > 0 ? kHeight - kPad - (v - low->second) / span * (kHeight - 2 * kPad) : kHeight / 2;
    line += Figure(x) + "," + Figure(y) + " ";
    out += "<circle class=\"mark\" cx=\"" + Figure(x) + "\" cy=\"" + Figure(y) + "\" r=\"1.5\"/>";
  }
  return out + "<polyline fill=\"none\" stroke=\"#1f77b4\" points=\"" + line + "\"/></svg>";
}

util::Expected<std::string> RenderTrend(const Dataset& dataset, std::string_view format) {
  std::vector<TrendRow> rows = BuildTrend(dataset);
  Table table = TrendTable(dataset, rows);
  if (format == "text") return "Trend\n\n" + TextTable(table);
  if (format == "markdown") return "## Trend\n\n" + MarkdownTable(table);
  if (format == "csv") return CsvTable(table);
  if (format == "html") return Html(dataset, rows);
  return util::InvalidInput("--format: '" + std::string(format) +
                            "' is not accepted with --trend (one of: " + kTrendFormats + ")");
}

}  // namespace report
