// HTML: one self-contained page (inline CSS, SVG and JS; it requests nothing) with the
// report's sections as sortable tables and charts of the measured figures.
#include <algorithm>
#include <map>

#include "report/format_number.h"
#include "report/formats.h"
#include "report/json_fields.h"
#include "report/model.h"
#include "report/svg.h"

namespace report {
namespace {

constexpr char kStyle[] = R"css(
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}
h1{font-size:22px}h2{font-size:18px;border-bottom:1px solid #ccc;margin-top:32px}
h3{font-size:15px;margin:20px 0 6px}
.note{background:#f4f4f0;border-left:4px solid #b8a000;padding:6px 10px;margin:6px 0}
table{border-collapse:collapse;margin:6px 0 16px;font-size:13px}
th,td{border:1px solid #ddd;padding:3px 7px;vertical-align:top}
th{background:#f0f2f5;cursor:pointer;user-select:none}th.sorted-asc::after{content:" \25B2"}
th.sorted-desc::after{content:" \25BC"}td.num{text-align:right;font-variant-numeric:tabular-nums}
.charts{display:flex;flex-wrap:wrap;gap:12px}.chart-box{margin:0}
svg.chart{background:#fff;border:1px solid #e3e3e3}
.chart-title{font-size:13px;font-weight:600;text-anchor:middle}
.bar-label{font-size:11px;text-anchor:end}.tick{font-size:10px;fill:#555;text-anchor:middle}
.tick.end{text-anchor:end}.axis-title{font-size:11px;fill:#333;text-anchor:middle}
.axis-title.start{text-anchor:start}.legend-text{font-size:11px}
.errorbar{stroke:#111;stroke-width:1.2}.axis{stroke:#444}.grid{stroke:#eee}
.curve{fill:none;stroke-width:1.5}.level-line{stroke:#999;stroke-dasharray:4 3}
.level-text{font-size:10px;fill:#666}.empty-note{font-size:12px;fill:#777;text-anchor:middle}
)css";

// Click a header to sort by that column; numbers sort as numbers.
constexpr char kScript[] = R"js(
document.querySelectorAll('table.sortable').forEach(function (table) {
  table.querySelectorAll('th').forEach(function (th, column) {
    th.addEventListener('click', function () {
      var body = table.tBodies[0];
      var ascending = !th.classList.contains('sorted-asc');
      table.querySelectorAll('th').forEach(function (h) {
        h.classList.remove('sorted-asc', 'sorted-desc');
      });
      th.classList.add(ascending ? 'sorted-asc' : 'sorted-desc');
      var rows = Array.prototype.slice.call(body.rows);
      function key(row) {
        var text = row.cells[column].textContent;
        var number = parseFloat(text.replace(/^[$+]/, ''));
        return isNaN(number) ? text : number;
      }
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        var order = (typeof x === typeof y) ? (x < y ? -1 : x > y ? 1 : 0)
                                            : (typeof x === 'number' ? -1 : 1);
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
)js";

// Limits that keep a large campaign's page readable (docs/report.md, "HTML at scale"): a
// chart shows at most this many bars, best first, and the page draws at most this many
// latency curves. Every figure stays in the page's sortable tables.
constexpr size_t kBarsPerChart = 30;
constexpr size_t kLatencyCharts = 12;

// The page is built in one buffer: each piece is appended where it goes, never built
// apart and copied in.
void AppendTable(const Table& table, std::string& out) {
  if (!table.title.empty()) out.append("<h3>").append(svg::Escape(table.title)).append("</h3>");
  out.append("<table class=\"sortable\" id=\"").append(svg::Escape(table.id));
  out.append("\"><thead><tr>");
  for (const std::string& h : table.header)
    out.append("<th>").append(svg::Escape(h)).append("</th>");
  out.append("</tr></thead><tbody>\n");
  for (const auto& row : table.rows) {
    out.append("<tr>");
    for (size_t i = 0; i < row.size(); ++i)
      out.append(table.align[i] == Align::kRight ? "<td class=\"num\">" : "<td>")
          .append(svg::Escape(row[i]))
          .append("</td>");
    out.append("</tr>\n");
  }
  out.append("</tbody></table>\n");
}

std::string Series(const Dataset& d, const MetricRow& row) {
  return d.TypeLabel(row) + " [" + row.campaign_label + "]";
}

std::string ChartKey(const MetricRow& row) {
  return row.variant + " " + row.metric + (row.labels_key.empty() ? "" : " " + row.labels_key);
}

// The best `kBarsPerChart` figures of one chart, best first by the metric's direction.
std::vector<const MetricRow*> BestFirst(std::vector<const MetricRow*> rows) {
  std::stable_sort(rows.begin(), rows.end(), [](const MetricRow* a, const MetricRow* b) {
    return a->higher_is_better ? a->mean > b->mean : a->mean < b->mean;
  });
  if (rows.size() > kBarsPerChart) rows.resize(kBarsPerChart);
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
    for (const MetricRow* row : BestFirst(all))
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
    out.append("<p class=\"note\">")
        .append(std::to_string(left_out))
        .append(
            " more latency curve(s) not drawn: their points are in the CSV and JSON formats, "
            "their cache levels in the table below.</p>\n");
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
  out.append(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
      "<title>Benchmark report</title><style>");
  out.append(kStyle);
  out.append("</style></head><body>\n<h1>Benchmark report</h1>\n<ul>");
  for (const Campaign& c : d.campaigns)
    out.append("<li><b>" + svg::Escape(c.label) + "</b>: " + svg::Escape(c.path) + " (campaign " +
               svg::Escape(c.id) + ", backend " + svg::Escape(c.backend) + ")</li>");
  out.append("</ul>\n");
  for (const Section& section : report.sections) {
    out.append("<section id=\"" + section.id + "\"><h2>" + svg::Escape(section.title) + "</h2>\n");
    for (const std::string& note : section.notes)
      out.append("<p class=\"note\">").append(svg::Escape(note)).append("</p>\n");
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
  out.append("<script>");
  out.append(kScript);
  out.append("</script>\n</body></html>\n");
  return out;
}

}  // namespace report
