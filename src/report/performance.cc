// The Performance section: measured figures only, each with its CI95 and CV as the agent
// wrote them, and the findings the agent derived from them (cache levels, TLB reach, line
// size, prefetcher ratios, HPL efficiency against hpl-vector's peak).
#include <algorithm>
#include <map>
#include <set>

#include "agent/statistics.h"
#include "report/format_number.h"
#include "report/model.h"
#include "report/table_builder.h"

namespace report {
namespace {

std::string Flags(const Dataset& d, const MetricRow& row) {
  std::string flags;
  auto add = [&](const std::string& flag) { flags += (flags.empty() ? "" : ", ") + flag; };
  if (row.quick) add("quick");
  if (row.market == Market::kSpot) add("spot");
  if (row.cv > agent::kCvWarningThreshold) add("CV>5%");
  if (!row.outliers.empty()) add(std::to_string(row.outliers.size()) + " outlier(s)");
  if (d.documents[row.document].emulated) add("emulated: not a performance figure");
  return flags;
}

Table Headline(const Dataset& d, const std::string& family, const std::string& title) {
  Table table = MakeTable("performance-" + family, title,
                          {"type", "campaign", "variant", "metric", "labels", ">mean", ">CI95 low",
                           ">CI95 high", ">CV", "unit", ">n", "flags"});
  for (const MetricRow& row : d.metrics) {
    if (row.family != family || IsSweepPoint(row)) continue;
    table.rows.push_back({d.TypeLabel(row), row.campaign_label, row.variant, row.metric,
                          row.labels_key, Figure(row.mean), Figure(row.ci95_low),
                          Figure(row.ci95_high), Percent(row.cv), row.unit,
                          std::to_string(row.samples.size()), Flags(d, row)});
  }
  return table;
}

const nlohmann::json& Field(const nlohmann::json& object, const char* key) {
  static const nlohmann::json kNull;
  if (!object.is_object()) return kNull;
  auto found = object.find(key);
  return found == object.end() ? kNull : *found;
}

std::string Text(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

std::string Number(const nlohmann::json& value) {
  return value.is_number() ? Figure(value.get<double>()) : "n/a";
}

std::string Bytes(const nlohmann::json& value) {
  if (!value.is_number()) return "n/a";
  const double bytes = value.get<double>();
  if (bytes >= 1 << 20) return Figure(bytes / (1 << 20)) + " MiB";
  if (bytes >= 1 << 10) return Figure(bytes / (1 << 10)) + " KiB";
  return Figure(bytes) + " B";
}

// Rows of a derived table: one callback per ok benchmark of `variant`.
template <typename AddRows>
void ForEachRun(const Dataset& d, const std::string& variant, AddRows add_rows) {
  for (const BenchmarkRun& run : d.benchmarks)
    if (run.variant == variant && run.status == RunStatus::kOk)
      add_rows(run, d.TypeLabel(d.documents[run.document]), d.campaigns[run.campaign].label);
}

Table CacheLevels(const Dataset& d) {
  Table table =
      MakeTable("performance-cache-levels", "Load latency per cache level (micro-latency plateaus)",
                {"type", "campaign", "level", ">ns", ">measured size", ">sysfs size"});
  ForEachRun(d, "micro-latency",
             [&](const BenchmarkRun& run, const std::string& type, const std::string& campaign) {
               for (const auto& level : Field(run.derived, "levels"))
                 table.rows.push_back(
                     {type, campaign, Text(Field(level, "level")), Number(Field(level, "ns")),
                      Bytes(Field(level, "measured_bytes")), Bytes(Field(level, "sysfs_bytes"))});
             });
  return table;
}

Table Tlb(const Dataset& d) {
  Table table = MakeTable("performance-tlb", "TLB reach and miss cost (micro-tlb, 4 KiB pages)",
                          {"type", "campaign", ">reach", ">ns per load", ">miss cost ns"});
  ForEachRun(
      d, "micro-tlb",
      [&](const BenchmarkRun& run, const std::string& type, const std::string& campaign) {
        for (const auto& level : Field(run.derived, "levels_4k"))
          table.rows.push_back({type, campaign, Bytes(Field(level, "reach_bytes")),
                                Number(Field(level, "ns")), Number(Field(level, "miss_cost_ns"))});
      });
  return table;
}

std::string Measured(const nlohmann::json& finding, const char* key) {
  if (Field(finding, "status") != "ok") {
    const nlohmann::json& reason = Field(finding, "reason");
    return "skipped: " + (reason.is_string() ? reason.get<std::string>() : std::string("?"));
  }
  return Number(Field(finding, key));
}

Table CacheGeometry(const Dataset& d) {
  Table table = MakeTable("performance-cache-geometry", "Line size and L1d ways (micro-cache)",
                          {"type", "campaign", "line bytes", ">sysfs", "L1d ways", ">sysfs"});
  ForEachRun(d, "micro-cache",
             [&](const BenchmarkRun& run, const std::string& type, const std::string& campaign) {
               const nlohmann::json& line = Field(run.derived, "line_size");
               const nlohmann::json& ways = Field(run.derived, "l1d_ways");
               table.rows.push_back({type, campaign, Measured(line, "measured_bytes"),
                                     Number(Field(line, "sysfs_bytes")), Measured(ways, "measured"),
                                     Number(Field(ways, "sysfs"))});
             });
  return table;
}

Table Prefetch(const Dataset& d) {
  Table table = MakeTable("performance-prefetch",
                          "Prefetcher: read bandwidth of each order against sequential",
                          {"type", "campaign", "pattern", ">ratio to sequential"});
  ForEachRun(d, "stream-prefetch",
             [&](const BenchmarkRun& run, const std::string& type, const std::string& campaign) {
               for (const auto& [key, value] : run.derived.items()) {
                 const std::string suffix = "_vs_sequential";
                 if (key.size() <= suffix.size() || key == "sequential" + suffix) continue;
                 table.rows.push_back(
                     {type, campaign, key.substr(0, key.size() - suffix.size()), Number(value)});
               }
             });
  return table;
}

// HPL GFLOP/s against hpl-vector's measured per-core peak × the run's threads, when the
// same campaign measured hpl-vector on the same machine type.
Table HplEfficiency(const Dataset& d) {
  Table table = MakeTable("performance-hpl-efficiency",
                          "HPL efficiency against hpl-vector's peak (per-core peak x threads)",
                          {"type", "campaign", "variant", ">GFLOP/s", ">threads", ">peak GFLOP/s",
                           ">efficiency", "note"});
  std::map<std::pair<size_t, std::string>, nlohmann::json> peaks;  // (campaign, type)
  ForEachRun(d, "hpl-vector",
             [&](const BenchmarkRun& run, const std::string& type, const std::string&) {
               peaks[{run.campaign, type}] = Field(run.derived, "peak");
             });
  for (const MetricRow& row : d.metrics) {
    if (row.family != "hpl" || row.metric != "gflops" || row.variant == "hpl-vector") continue;
    const std::string type = d.TypeLabel(row);
    const nlohmann::json& threads = Field(d.benchmarks[row.benchmark].parameters, "threads");
    auto peak = peaks.find({row.campaign, type});
    std::vector<std::string> out = {
        type, row.campaign_label, row.variant, Figure(row.mean), Number(threads), "n/a", "n/a", ""};
    if (peak == peaks.end()) {
      out[7] = "hpl-vector was not measured";
    } else if (Field(peak->second, "status") != "ok" || !threads.is_number()) {
      out[7] = Measured(peak->second, "gflops_per_core");
    } else {
      const double total =
          Field(peak->second, "gflops_per_core").get<double>() * threads.get<double>();
      out[5] = Figure(total);
      out[6] = total > 0 ? Percent(row.mean / total) : "n/a";
    }
    table.rows.push_back(std::move(out));
  }
  return table;
}

// The same HPL on each BLAS library, side by side per machine: a cell is the mean GFLOP/s
// with its CI95, "skipped" when the agent said why it could not run, blank when not planned.
Table DgemmLibraries(const Dataset& d) {
  const std::vector<std::pair<std::string, std::string>> libraries = {
      {"hpl", "OpenBLAS"},
      {"hpl-blis", "BLIS"},
      {"hpl-mkl", "MKL"},
      {"hpl-neoverse", "Neoverse BLAS"},
      {"hpl-sve", "own SVE kernel"}};
  std::vector<std::string> columns = {"type", "campaign"};
  for (const auto& library : libraries) columns.push_back(library.second);
  Table table = MakeTable("performance-dgemm-libraries",
                          "DGEMM libraries: HPL GFLOP/s (mean [CI95]) by BLAS", columns);
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> rows;
  std::vector<std::pair<std::string, std::string>> order;
  auto cells = [&](const std::string& type,
                   const std::string& campaign) -> std::vector<std::string>& {
    auto key = std::make_pair(type, campaign);
    if (!rows.count(key)) {
      order.push_back(key);
      rows[key] = std::vector<std::string>(libraries.size());
    }
    return rows[key];
  };
  for (size_t i = 0; i < libraries.size(); ++i) {
    for (const BenchmarkRun& run : d.benchmarks) {
      if (run.variant != libraries[i].first || run.status == RunStatus::kOk) continue;
      cells(d.TypeLabel(d.documents[run.document]), d.campaigns[run.campaign].label)[i] =
          std::string(ToString(run.status)) + ": " + run.reason;
    }
    for (const MetricRow& row : d.metrics)
      if (row.variant == libraries[i].first && row.metric == "gflops")
        cells(d.TypeLabel(row), row.campaign_label)[i] =
            Figure(row.mean) + " [" + Figure(row.ci95_low) + ", " + Figure(row.ci95_high) + "]";
  }
  for (const auto& key : order) {
    std::vector<std::string> row = {key.first, key.second};
    for (const std::string& cell : rows[key]) row.push_back(cell);
    table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace

bool IsSweepPoint(const MetricRow& row) {
  // Most figures have no label: this runs for every row in most sections.
  if (row.labels_key.empty() || row.variant == "stream-prefetch") return false;
  for (const char* key : {"working_set_bytes", "pages", "addresses", "stride_bytes"})
    if (row.labels.contains(key)) return true;
  return false;
}

Section PerformanceSection(const Dataset& d) {
  Section section{"performance", "Performance", {}, {}};
  section.notes.push_back(
      "Measured figures only: mean of the samples with its 95% confidence interval (Student "
      "t) and coefficient of variation, as the agent computed them. Sweeps (latency and "
      "bandwidth against size) are in the CSV, JSON and HTML formats.");
  bool quick = false;
  for (const MetricRow& row : d.metrics) quick |= row.quick;
  if (quick)
    section.notes.push_back(
        "Figures flagged 'quick' come from --quick runs (smaller sizes, 3 "
        "iterations): they are not reference figures.");
  std::vector<std::pair<std::string, std::string>> families = {
      {"stream", "Memory bandwidth (STREAM family)"},
      {"hpl", "Compute (HPL family: LU, DGEMM libraries, FMA widths, branch cost)"},
      {"micro", "Micro-benchmarks (IPC and other single figures)"}};
  // Every other family is listed too, never dropped: custom suites (family "custom") and any
  // family a newer agent or an imported file brings.
  std::set<std::string> others;
  for (const MetricRow& row : d.metrics) {
    bool known = std::any_of(families.begin(), families.end(),
                             [&row](const auto& family) { return family.first == row.family; });
    if (!known) others.insert(row.family);
  }
  for (const std::string& family : others) {
    families.emplace_back(family, family == "custom"
                                      ? std::string("Custom benchmarks (--suite files)")
                                      : "Family '" + family + "'");
  }
  for (const auto& [family, title] : families) {
    Table table = Headline(d, family, title);
    if (!table.rows.empty()) section.tables.push_back(std::move(table));
  }
  for (Table table :
       {DgemmLibraries(d), HplEfficiency(d), CacheLevels(d), Tlb(d), CacheGeometry(d), Prefetch(d)})
    if (!table.rows.empty()) section.tables.push_back(std::move(table));
  return section;
}

}  // namespace report
