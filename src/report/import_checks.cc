#include "report/import_checks.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "agent/result_schema.h"
#include "util/strings.h"

namespace report {
namespace {

using nlohmann::json;

std::string Format(double x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

// The field a flag names: the Go file's own path when the metric came from one.
std::string MetricField(const json& benchmark, const json& metric, size_t b, size_t m) {
  if (metric.contains("source_field")) return metric.at("source_field").get<std::string>();
  (void)benchmark;
  return "benchmarks[" + std::to_string(b) + "].metrics[" + std::to_string(m) + "].samples";
}

std::string BenchmarkField(const json& benchmark, size_t b) {
  if (benchmark.contains("source_field")) return benchmark.at("source_field").get<std::string>();
  return "benchmarks[" + std::to_string(b) + "]";
}

// Variants whose bandwidth is that of main memory (stream-cache measures caches, which
// may be faster than memory, and is left out).
bool MemoryBandwidthVariant(const std::string& variant) {
  static const std::set<std::string> kVariants = {"stream", "stream-avx2", "stream-avx512",
                                                  "stream-neon", "stream-numa"};
  return kVariants.count(variant) > 0;
}

bool IsLatency(const json& benchmark, const json& metric) {
  return benchmark.value("family", "") == "micro" &&
         metric.value("name", "").find("latency") != std::string::npos;
}

int Sockets(const json& document) {
  const json* topology = nullptr;
  if (document.contains("sysinfo") && document.at("sysinfo").contains("topology")) {
    topology = &document.at("sysinfo").at("topology");
  }
  if (topology != nullptr && topology->contains("sockets") && topology->at("sockets").is_number()) {
    int sockets = topology->at("sockets").get<int>();
    if (sockets >= 1) return sockets;
  }
  return kMaxSocketsPerHost;
}

std::vector<double> Samples(const json& metric) {
  std::vector<double> samples;
  if (!metric.contains("samples") || !metric.at("samples").is_array()) return samples;
  for (const json& x : metric.at("samples")) {
    if (x.is_number()) samples.push_back(x.get<double>());
  }
  return samples;
}

void CheckMetricLimits(const ImportedFile& file, const json& benchmark, const json& metric,
                       size_t b, size_t m, ImportFlags& flags) {
  const std::string unit = metric.value("unit", "");
  const std::vector<double> samples = Samples(metric);
  if (samples.empty()) return;
  double highest = *std::max_element(samples.begin(), samples.end());
  double lowest = *std::min_element(samples.begin(), samples.end());
  if (MemoryBandwidthVariant(benchmark.value("name", "")) && unit == "GB/s") {
    int sockets = Sockets(file.document);
    double peak = sockets * kMemoryPeakPerSocketGBs;
    if (highest > peak) {
      flags.push_back({file.file, MetricField(benchmark, metric, b, m),
                       Format(highest) + " GB/s is above the memory system's peak of " +
                           Format(peak) + " GB/s (" + std::to_string(sockets) + " socket(s) x " +
                           Format(kMemoryPeakPerSocketGBs) + " GB/s)"});
    }
  }
  if (IsLatency(benchmark, metric)) {
    if ((unit == "ns" && lowest < kOneCycleNs) || (unit == "cycles" && lowest < 1.0)) {
      flags.push_back({file.file, MetricField(benchmark, metric, b, m),
                       "latency " + Format(lowest) + " " + unit +
                           " is below one cycle (1 cycle, or " + Format(kOneCycleNs) +
                           " ns at 5 GHz)"});
    }
  }
}

// The catalog vendor a document's CPU vendor string names.
std::optional<catalog::Vendor> VendorOf(const json& document) {
  if (!document.contains("sysinfo")) return std::nullopt;
  const json& sysinfo = document.at("sysinfo");
  if (!sysinfo.contains("cpu") || !sysinfo.at("cpu").contains("vendor")) return std::nullopt;
  std::string vendor = sysinfo.at("cpu").value("vendor", "");
  if (vendor == "GenuineIntel") return catalog::Vendor::kIntel;
  if (vendor == "AuthenticAMD") return catalog::Vendor::kAmd;
  if (vendor == "ARM") return catalog::Vendor::kAws;
  return std::nullopt;
}

void CheckAgainstCatalog(const ImportedFile& file, const catalog::Catalog& catalog,
                         ImportFlags& flags) {
  // Our local backend records "local": a workstation is not a catalog type.
  if (file.instance_type.empty() || file.instance_type.find('.') == std::string::npos) return;
  const std::string field =
      file.format == agent::kResultSchemaName ? "metadata.instance_type" : "metadata.instanceType";
  const catalog::InstanceType* type = catalog.Find(file.instance_type);
  if (type == nullptr) {
    flags.push_back(
        {file.file, field,
         "'" + file.instance_type + "' is not in the catalog: no hardware to check against"});
    return;
  }
  auto vendor = VendorOf(file.document);
  if (vendor && *vendor != type->vendor) {
    flags.push_back({file.file, field,
                     "the figures are from a " + std::string(catalog::ToString(*vendor)) +
                         " CPU but the catalog's " + type->name + " has a " +
                         catalog::ToString(type->vendor) + " one"});
  }
}

const json& Benchmarks(const json& document) {
  static const json kNone = json::array();
  if (!document.contains("benchmarks") || !document.at("benchmarks").is_array()) return kNone;
  return document.at("benchmarks");
}

}  // namespace

ImportFlags CheckPhysicalLimits(const ImportedFile& file, const catalog::Catalog& catalog) {
  ImportFlags flags;
  CheckAgainstCatalog(file, catalog, flags);
  const json& benchmarks = Benchmarks(file.document);
  for (size_t b = 0; b < benchmarks.size(); ++b) {
    const json& metrics = benchmarks[b].value("metrics", json::array());
    for (size_t m = 0; m < metrics.size(); ++m) {
      CheckMetricLimits(file, benchmarks[b], metrics[m], b, m, flags);
    }
  }
  return flags;
}

ImportFlags CheckSampleCounts(const ImportedFile& file) {
  ImportFlags flags;
  const json& benchmarks = Benchmarks(file.document);
  for (size_t b = 0; b < benchmarks.size(); ++b) {
    const json& metrics = benchmarks[b].value("metrics", json::array());
    for (size_t m = 0; m < metrics.size(); ++m) {
      if (Samples(metrics[m]).size() < 2 && !metrics[m].contains("source_field")) {
        flags.push_back({file.file, MetricField(benchmarks[b], metrics[m], b, m),
                         "one sample: no spread (CV, CI95) to judge or compare it by"});
      }
    }
  }
  return flags;
}

ImportFlags CheckIdenticalFigures(const std::vector<ImportedFile>& files) {
  struct Seen {
    size_t file;
    size_t benchmark;
  };
  std::map<std::string, std::vector<Seen>> by_figures;
  for (size_t f = 0; f < files.size(); ++f) {
    const json& benchmarks = Benchmarks(files[f].document);
    for (size_t b = 0; b < benchmarks.size(); ++b) {
      json figures = json::array();
      size_t numbers = 0;
      for (const json& metric : benchmarks[b].value("metrics", json::array())) {
        std::vector<double> samples = Samples(metric);
        numbers += samples.size();
        figures.push_back(
            {metric.value("name", ""), metric.value("labels", json::object()), samples});
      }
      if (numbers < 2) continue;  // one number can repeat by chance
      by_figures[benchmarks[b].value("name", "") + figures.dump()].push_back({f, b});
    }
  }
  ImportFlags flags;
  for (const auto& [figures, seen] : by_figures) {
    if (seen.size() < 2) continue;
    for (const Seen& here : seen) {
      std::vector<std::string> others;
      for (const Seen& there : seen) {
        if (there.file == here.file) continue;
        const ImportedFile& other = files[there.file];
        others.push_back(other.file + " (" +
                         (other.instance_type.empty() ? "type unknown" : other.instance_type) +
                         ")");
      }
      if (others.empty()) continue;
      const json& benchmark = Benchmarks(files[here.file].document)[here.benchmark];
      flags.push_back({files[here.file].file, BenchmarkField(benchmark, here.benchmark),
                       "figures identical to those in " + util::Join(others, ", ") +
                           ": a copy, not a second measurement"});
    }
  }
  return flags;
}

}  // namespace report
