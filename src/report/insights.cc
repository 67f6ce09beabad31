// The Insights section: rankings, price-performance, vendor and size comparisons, and the
// figures a reader should not trust blindly (spot, CV above 5%, outliers, emulation).
#include <algorithm>
#include <map>
#include <tuple>

#include "agent/statistics.h"
#include "report/format_number.h"
#include "report/json_fields.h"
#include "report/model.h"
#include "report/table_builder.h"
#include "report/type_names.h"

namespace report {
namespace {

// Measured on the type it names (not "local" standing in for a planned type).
bool OnItsOwnType(const MetricRow& row) { return row.instance_type == row.planned_type; }

std::string Key(const MetricRow& row) {
  return row.variant + " " + row.metric + (row.labels_key.empty() ? "" : " " + row.labels_key);
}

Table Rankings(const Dataset& d) {
  Table table =
      MakeTable("insights-rankings", "Rankings per metric (best first)",
                {"variant", "metric", "labels", ">rank", "type", "campaign", ">mean", "unit"});
  std::map<std::string, std::vector<const MetricRow*>> groups;
  for (const MetricRow& row : d.metrics)
    if (!IsSweepPoint(row)) groups[Key(row)].push_back(&row);
  for (auto& [key, rows] : groups) {
    if (rows.size() < 2) continue;
    std::stable_sort(rows.begin(), rows.end(), [](const MetricRow* a, const MetricRow* b) {
      return a->higher_is_better ? a->mean > b->mean : a->mean < b->mean;
    });
    for (size_t i = 0; i < rows.size(); ++i)
      table.rows.push_back({rows[i]->variant, rows[i]->metric, rows[i]->labels_key,
                            std::to_string(i + 1), d.TypeLabel(*rows[i]), rows[i]->campaign_label,
                            Figure(rows[i]->mean), rows[i]->unit});
  }
  return table;
}

bool IsPricePerformanceFigure(const MetricRow& row) {
  const bool triad = row.family == "stream" && row.metric == "triad" && row.labels_key.empty();
  const bool hpl = row.variant == "hpl" && row.metric == "gflops";
  return triad || hpl;
}

Table PricePerformance(const Dataset& d, std::vector<std::string>& notes) {
  Table table = MakeTable("insights-price-performance",
                          "Price-performance ($ per hour per unit of the figure)",
                          {"type", "campaign", "variant", "metric", ">mean", "unit", ">$/h",
                           "price market", ">$/h per unit"});
  int unpriced = 0;
  for (const MetricRow& row : d.metrics) {
    if (!IsPricePerformanceFigure(row)) continue;
    FigurePrice price = PriceOf(d, row);
    if (price.usd_per_hour <= 0 || row.mean <= 0) {
      ++unpriced;
      continue;
    }
    table.rows.push_back({d.TypeLabel(row), row.campaign_label, row.variant, row.metric,
                          Figure(row.mean), row.unit, Usd(price.usd_per_hour),
                          ToString(price.market), Figure(price.usd_per_hour / row.mean)});
  }
  if (unpriced > 0)
    notes.push_back(std::to_string(unpriced) +
                    " triad or HPL figure(s) have no price-performance: they were measured on a "
                    "machine other than the type they were planned for (local backend), or "
                    "their attempt was not billed.");
  return table;
}

Table VendorsBySize(const Dataset& d) {
  Table table =
      MakeTable("insights-vendors", "Intel vs AMD vs Graviton at each size",
                {"size", "variant", "metric", "vendor", "type", "campaign", ">mean", "unit"});
  std::vector<const MetricRow*> rows;
  for (const MetricRow& row : d.metrics)
    if (IsPricePerformanceFigure(row) && OnItsOwnType(row)) rows.push_back(&row);
  std::stable_sort(rows.begin(), rows.end(), [](const MetricRow* a, const MetricRow* b) {
    return std::make_tuple(SizeRankOf(a->instance_type), a->variant, a->metric) <
           std::make_tuple(SizeRankOf(b->instance_type), b->variant, b->metric);
  });
  for (const MetricRow* row : rows)
    table.rows.push_back({SizeOf(row->instance_type), row->variant, row->metric, VendorOf(d, *row),
                          row->instance_type, row->campaign_label, Figure(row->mean), row->unit});
  return table;
}

Table Scaling(const Dataset& d) {
  Table table = MakeTable("insights-scaling", "Scaling with size per family (STREAM triad)",
                          {"family", "size", "type", "campaign", ">triad", "unit", ">x large"});
  std::map<std::string, double> large;  // family -> triad at .large
  std::vector<const MetricRow*> rows;
  for (const MetricRow& row : d.metrics) {
    if (row.variant != "stream" || row.metric != "triad" || !OnItsOwnType(row)) continue;
    rows.push_back(&row);
    if (SizeOf(row.instance_type) == "large") large[FamilyOf(row.instance_type)] = row.mean;
  }
  std::stable_sort(rows.begin(), rows.end(), [](const MetricRow* a, const MetricRow* b) {
    return std::make_tuple(FamilyOf(a->instance_type), SizeRankOf(a->instance_type)) <
           std::make_tuple(FamilyOf(b->instance_type), SizeRankOf(b->instance_type));
  });
  for (const MetricRow* row : rows) {
    auto base = large.find(FamilyOf(row->instance_type));
    table.rows.push_back({FamilyOf(row->instance_type), SizeOf(row->instance_type),
                          row->instance_type, row->campaign_label, Figure(row->mean), row->unit,
                          base == large.end() ? "n/a" : Figure(row->mean / base->second)});
  }
  return table;
}

Table CacheSizes(const Dataset& d) {
  Table table = MakeTable(
      "insights-cache-sizes",
      "Measured cache sizes (latency plateaus) against those the OS reports",
      {"type", "campaign", "level", ">measured bytes", ">reported bytes", ">measured / reported"});
  for (const BenchmarkRun& run : d.benchmarks) {
    if (run.variant != "micro-latency" || run.status != RunStatus::kOk) continue;
    const Document& doc = d.documents[run.document];
    auto levels = run.derived.find("levels");
    if (levels == run.derived.end() || !levels->is_array()) continue;
    for (const auto& level : *levels) {
      const double measured = NumberField(level, "measured_bytes", 0);
      const double reported = NumberField(level, "sysfs_bytes", 0);
      if (reported <= 0) continue;
      table.rows.push_back({d.TypeLabel(doc), d.campaigns[run.campaign].label,
                            TextField(level, "level"), Figure(measured), Figure(reported),
                            Figure(measured / reported)});
    }
  }
  return table;
}

// The flags of one figure: (flag, detail) pairs.
std::vector<std::pair<std::string, std::string>> FlagsOf(const Dataset& d, const MetricRow& row) {
  std::vector<std::pair<std::string, std::string>> flags;
  if (row.market == Market::kSpot)
    flags.emplace_back("spot",
                       "measured on a spot instance (neighbours and interruptions may differ)");
  if (row.cv > agent::kCvWarningThreshold) flags.emplace_back("CV>5%", "CV " + Percent(row.cv));
  if (!row.outliers.empty()) {
    std::string detail = "sample";
    for (size_t index : row.outliers)
      if (index < row.samples.size())
        detail += " #" + std::to_string(index) + " = " + Figure(row.samples[index]);
    flags.emplace_back("outlier", detail + " (median " + Figure(row.median) + ")");
  }
  if (d.documents[row.document].emulated)
    flags.emplace_back("emulated", "measured under emulation: not a performance figure");
  return flags;
}

// Headline figures are flagged one by one. The points of a curve (sweep points) are
// flagged once per curve and flag, with how many of its points carry the flag: a large
// campaign has tens of thousands of curve points, which no one reads row by row (their
// figures are in CSV and JSON).
Table Flagged(const Dataset& d) {
  Table table = MakeTable("insights-flags", "Figures to read with care",
                          {"type", "campaign", "variant", "metric", "labels", "flag", "detail"});
  struct CurveFlags {
    size_t row = 0;  // the table row
    size_t flagged = 0;
    double worst_cv = 0;
  };
  std::map<std::pair<size_t, std::string>, size_t> curve_points;              // (benchmark, metric)
  std::map<std::tuple<size_t, std::string, std::string>, CurveFlags> curves;  // + flag
  for (const MetricRow& row : d.metrics) {
    const bool sweep = IsSweepPoint(row);
    if (sweep) ++curve_points[{row.benchmark, row.metric}];
    for (const auto& [flag, detail] : FlagsOf(d, row)) {
      if (!sweep) {
        table.rows.push_back({d.TypeLabel(row), row.campaign_label, row.variant, row.metric,
                              row.labels_key, flag, detail});
        continue;
      }
      auto [curve, added] = curves.try_emplace({row.benchmark, row.metric, flag});
      if (added) {
        curve->second.row = table.rows.size();
        table.rows.push_back(
            {d.TypeLabel(row), row.campaign_label, row.variant, row.metric, "(curve)", flag, ""});
      }
      ++curve->second.flagged;
      curve->second.worst_cv = std::max(curve->second.worst_cv, row.cv);
    }
  }
  for (const auto& [key, curve] : curves) {
    const auto& [benchmark, metric, flag] = key;
    std::string detail = std::to_string(curve.flagged) + " of " +
                         std::to_string(curve_points[{benchmark, metric}]) + " curve points";
    if (flag == "CV>5%") detail += ", CV up to " + Percent(curve.worst_cv);
    table.rows[curve.row].back() = detail + " (each point is in CSV and JSON)";
  }
  return table;
}

}  // namespace

FigurePrice PriceOf(const Dataset& d, const MetricRow& row) {
  if (!OnItsOwnType(row)) return {};
  const Document& doc = d.documents[row.document];
  for (const Attempt& a : d.attempts)
    if (a.campaign == doc.campaign && a.id == doc.attempt_id && a.usd_per_hour > 0)
      return {a.usd_per_hour, a.market};
  return {};
}

std::string VendorOf(const Dataset& d, const MetricRow& row) {
  const std::string& vendor = d.documents[row.document].cpu_vendor;
  if (vendor == "GenuineIntel") return "Intel";
  if (vendor == "AuthenticAMD") return "AMD";
  if (d.documents[row.document].arch == "aarch64") return "Graviton/Arm";
  return vendor.empty() ? "unknown" : vendor;
}

Section InsightsSection(const Dataset& d) {
  Section section{"insights", "Insights", {}, {}};
  bool stand_in = false;
  for (const MetricRow& row : d.metrics) stand_in |= !OnItsOwnType(row);
  if (stand_in)
    section.notes.push_back(
        "Some figures were measured on a machine standing in for the planned type (local "
        "backend): they are left out of the vendor, size and price comparisons.");
  for (Table table : {Rankings(d), PricePerformance(d, section.notes), VendorsBySize(d), Scaling(d),
                      CacheSizes(d), Flagged(d)})
    if (!table.rows.empty()) section.tables.push_back(std::move(table));
  return section;
}

}  // namespace report
