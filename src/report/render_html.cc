// HTML: one self-contained page (html_page.h: it requests nothing) with the report's
// sections as sortable tables and charts of the measured figures.
#include <algorithm>
#include <map>

#include "report/format_number.h"
#include "report/formats.h"
#include "report/html_page.h"
#include "report/json_fields.h"
#include "report/model.h"
#include "report/svg.h"

namespace report {
namespace {

// Limits that keep a large campaign's page readable (docs/report.md, "HTML at scale"): a
// chart shows at most this many bars, best first, and the page draws at most this many
// latency curves. Every figure stays in the page's sortable tables.
constexpr size_t kBarsPerChart = 30;
constexpr size_t kLatencyCharts = 12;

std::string Series(const Dataset& d, const MetricRow& row) {
  return d.TypeLabel(row) + " [" + row.campaign_label + "]";
}

std::string ChartKey(const MetricRow& row) {
  return row.variant + " " + row.metric + (row.labels_key.empty() ? "" : " " + row.labels_key);
}

// The bars of one chart: its best `kBarsPerChart` figures (by the metric's direction),
// grouped by vendor (the groups in the order of their best figure), best first in a group.
std::vector<const MetricRow*> ChartBars(const Dataset& d, std::vector<const MetricRow*> rows) {
  std::stable_sort(rows.begin(), rows.end(), [](const MetricRow* a, const MetricRow* b) {
    return a->higher_is_better ? a->mean > b->mean : a->mean < b->mean;
  });
  if (rows.size() > kBarsPerChart) rows.resize(kBarsPerChart);
  std::vector<std::string> vendors;  // in the order of their best figure
  for (const MetricRow* row : rows)
    if (std::find(vendors.begin(), vendors.end(), VendorOf(d, *row)) == vendors.end())
      vendors.push_back(VendorOf(d, *row));
  auto group = [&](const MetricRow* row) {
    return std::find(vendors.begin(), vendors.end(), VendorOf(d, *row)) - vendors.begin();
  };
  std::stable_sort(rows.begin(), rows.end(),
                   [&](const MetricRow* a, const MetricRow* b) { return group(a) < group(b); });
  return rows;
}

// One bar chart per headline metric (variant, metric, labels), bars across types.
void AppendBarCharts(const Dataset& d, std::string& out) {
  std::map<std::string, std::vector<const MetricRow*>> charts;
  std::vector<std::string> order;
  for (const MetricRow& row : d.metrics) {
    if (IsSweepPoint(row)) continue;
    auto [chart, added] = charts.try_emplace(ChartKey(row));
    if (added) order.push_back(chart->first);
    chart->second.push_back(&row);
  }
  out.append("<div class=\"charts\" id=\"bar-charts\">\n");
  for (const std::string& key : order) {
    const std::vector<const MetricRow*>& all = charts[key];
    std::vector<svg::Bar> bars;
    for (const MetricRow* row : ChartBars(d, all))
      bars.push_back(
          {Series(d, *row), VendorOf(d, *row), row->mean, row->ci95_low, row->ci95_high});
    const MetricRow& first = *all.front();
    std::string title = key + " (" + first.unit + ", " +
                        (first.higher_is_better ? "higher" : "lower") + " is better)";
    if (all.size() > bars.size())
      title += ": best " + std::to_string(bars.size()) + " of " + std::to_string(all.size());
    out.append(svg::BarChart(title, first.unit, bars));
  }
  out.append("</div>\n");
}

// Latency against working set, one chart per (type, campaign), cache levels marked; at
// most kLatencyCharts, in journal order.
void AppendLatencyCurves(const Dataset& d, std::string& out) {
  std::vector<std::vector<const MetricRow*>> by_document(d.documents.size());
  for (const MetricRow& row : d.metrics)
    if (row.variant == "micro-latency") by_document[row.document].push_back(&row);
  out.append("<div class=\"charts\" id=\"latency-charts\">\n");
  size_t drawn = 0, left_out = 0;
  for (const BenchmarkRun& run : d.benchmarks) {
    if (run.variant != "micro-latency" || run.status != RunStatus::kOk) continue;
    if (drawn == kLatencyCharts) {
      ++left_out;
      continue;
    }
    std::vector<svg::Point> points;
    std::string series, group;
    for (const MetricRow* metric : by_document[run.document]) {
      const MetricRow& row = *metric;
      if (!row.labels.contains("working_set_bytes")) continue;
      series = Series(d, row);
      group = VendorOf(d, row);
      const double bytes = NumberField(row.labels, "working_set_bytes", 0);
      points.push_back({bytes, row.mean, Figure(bytes) + " B: " + Figure(row.mean) + " ns", group});
    }
    std::vector<svg::Marker> markers;
    auto levels = run.derived.find("levels");
    if (levels != run.derived.end() && levels->is_array())
      for (const auto& level : *levels)
        markers.push_back({NumberField(level, "measured_bytes", 0), TextField(level, "level")});
    out.append(svg::CurveChart("Load latency: " + series, "working set, bytes", "ns per load",
                               points, markers));
    ++drawn;
  }
  out.append("</div>\n");
  if (left_out > 0)
    AppendNote(std::to_string(left_out) +
                   " more latency curve(s) not drawn: their points are in the CSV and JSON "
                   "formats, their cache levels in the table below.",
               out);
}

void AppendPriceScatter(const Dataset& d, std::string& out) {
  std::vector<svg::Point> points;
  for (const MetricRow& row : d.metrics) {
    if (row.variant != "stream" || row.metric != "triad" || !row.labels_key.empty()) continue;
    const FigurePrice price = PriceOf(d, row);
    if (price.usd_per_hour <= 0) continue;
    points.push_back({price.usd_per_hour, row.mean,
                      Series(d, row) + ": " + Usd(price.usd_per_hour) + "/h (" +
                          ToString(price.market) + "), " + Figure(row.mean) + " GB/s",
                      VendorOf(d, row)});
  }
  out.append("<div class=\"charts\" id=\"price-charts\">\n");
  out.append(svg::Scatter("Price-performance: STREAM triad against $/h", "$/h", "GB/s", points,
                          "no priced triad figure (local or unbilled runs have no price)"));
  out.append("</div>\n");
}

}  // namespace

util::Expected<std::string> RenderHtml(const Dataset& d, const RenderOptions&) {
  Report report = BuildReport(d);
  std::string out;
  out.reserve(d.metrics.size() * 256);  // about the page's size: few reallocations
  AppendPageStart("Benchmark report", out);
  out.append("<ul>");
  for (const Campaign& c : d.campaigns)
    out.append("<li><b>" + svg::Escape(c.label) + "</b>: " + svg::Escape(c.path) + " (campaign " +
               svg::Escape(c.id) + ", backend " + svg::Escape(c.backend) + ")</li>");
  out.append("</ul>\n");
  for (const Section& section : report.sections) {
    out.append("<section id=\"" + section.id + "\"><h2>" + svg::Escape(section.title) + "</h2>\n");
    for (const std::string& note : section.notes) AppendNote(note, out);
    if (section.id == "performance") {
      out.append("<h3>Figures across types (bars: mean; whiskers: CI95)</h3>");
      AppendBarCharts(d, out);
      out.append("<h3>Latency curves</h3>");
      AppendLatencyCurves(d, out);
    }
    if (section.id == "insights") AppendPriceScatter(d, out);
    for (const Table& table : section.tables) AppendTable(table, out);
    out.append("</section>\n");
  }
  AppendPageEnd(out);
  return out;
}

}  // namespace report
