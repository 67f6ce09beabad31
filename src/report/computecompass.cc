#include "report/computecompass.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "util/files.h"

namespace report {
namespace {

using nlohmann::json;

// A row ComputeCompass may receive: measured on the EC2 type it names (our local backend's
// "local" rows describe a workstation, not the planned type), not a quick run (smaller
// sizes), not under an instruction-set emulator.
bool Exportable(const Dataset& dataset, const MetricRow& row) {
  if (row.quick || row.instance_type.find('.') == std::string::npos) return false;
  return !dataset.documents[row.document].emulated;
}

std::string Label(const MetricRow& row, const char* key) {
  if (!row.labels.is_object() || !row.labels.contains(key)) return "";
  const json& value = row.labels.at(key);
  return value.is_string() ? value.get<std::string>() : value.dump();
}

// The figures of one type: the last row seen wins (journals are read in --state order).
struct TypeFigures {
  std::map<std::string, double> stream;  // copy, scale, add, triad (variant "stream")
  std::map<std::string, std::pair<double, std::string>> cache;  // l1.. memory: value, unit
  std::map<std::string, double> numa;                           // local, remote
  std::optional<int> sockets;
  std::optional<double> linpack;
  std::map<std::string, double> vectorization;  // width -> GFLOP/s
  std::string region;
  std::string vendor;
};

std::string LevelKey(const std::string& level) {
  if (level == "memory") return "memory";
  std::string key = level;
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return key;  // "L1" -> "l1"
}

// Cache and memory latency from micro-latency: the plateau each level shows
// (derived.levels, ns), or an imported metric labelled by level.
void AddLatencies(const Dataset& dataset, const MetricRow& row, TypeFigures& figures) {
  if (row.variant != "micro-latency") return;
  std::string level = Label(row, "level");
  if (row.metric == "latency" && !level.empty()) {
    figures.cache[LevelKey(level)] = {row.mean, row.unit};
    return;
  }
  const json& derived = dataset.benchmarks[row.benchmark].derived;
  if (!derived.is_object() || !derived.contains("levels")) return;
  for (const json& plateau : derived.at("levels")) {
    if (plateau.contains("level") && plateau.contains("ns") && plateau.at("ns").is_number()) {
      figures.cache[LevelKey(plateau.at("level").get<std::string>())] = {
          plateau.at("ns").get<double>(), "ns"};
    }
  }
}

void AddRow(const Dataset& dataset, const MetricRow& row, TypeFigures& figures) {
  figures.region = row.region;
  const json& topology = dataset.documents[row.document].sysinfo.value("topology", json::object());
  if (topology.contains("sockets") && topology.at("sockets").is_number_integer()) {
    figures.sockets = topology.at("sockets").get<int>();
  }
  figures.vendor = dataset.documents[row.document].cpu_vendor;
  static const std::set<std::string> kStream = {"copy", "scale", "add", "triad"};
  if (row.variant == "stream" && kStream.count(row.metric) > 0 && Label(row, "placement").empty()) {
    figures.stream[row.metric] = row.mean;
  } else if (row.variant == "stream-numa" && (row.metric == "triad" || row.metric == "bandwidth")) {
    std::string placement = Label(row, "placement");
    if (placement == "local" || placement == "remote") figures.numa[placement] = row.mean;
  } else if (row.variant == "hpl" && row.metric == "gflops") {
    figures.linpack = row.mean;
  } else if (row.variant == "hpl-vector" && row.metric == "gflops" &&
             !Label(row, "width").empty()) {
    figures.vectorization[Label(row, "width")] = row.mean;
  }
  AddLatencies(dataset, row, figures);
}

std::string Architecture(const std::string& vendor) {
  if (vendor == "GenuineIntel") return "intel";
  if (vendor == "AuthenticAMD") return "amd";
  if (vendor == "ARM") return "graviton";
  return "";
}

json Header(const std::string& description, const std::string& generated_at) {
  return {{"version", generated_at.substr(0, 10)},
          {"lastUpdated", generated_at},
          {"description", description},
          {"methodology",
           {{"tool", "aws-benchmark-agent (aws-benchmark-collector)"},
            {"statistic", "mean of the raw samples"},
            {"confidence", 0.95}}},
          {"instances", json::object()}};
}

json MemoryEntry(const TypeFigures& f) {
  json entry = json::object();
  for (const auto& [kernel, value] : f.stream)
    entry["stream"][kernel] = {{"bandwidth", value}, {"unit", "GB/s"}};
  for (const auto& [level, figure] : f.cache)
    entry["cache"][level] = {{"latency", figure.first}, {"unit", figure.second}};
  if (f.sockets) entry["numa"]["socketCount"] = *f.sockets;
  if (f.numa.count("local")) entry["numa"]["localBandwidth"] = f.numa.at("local");
  if (f.numa.count("remote")) entry["numa"]["remoteBandwidth"] = f.numa.at("remote");
  return entry;
}

json CpuEntry(const TypeFigures& f) {
  json entry = json::object();
  if (f.linpack) entry["linpack"] = {{"gflops", *f.linpack}, {"unit", "GFLOP/s"}};
  for (const auto& [width, value] : f.vectorization) entry["vectorization"][width] = value;
  if (!f.vectorization.empty()) entry["vectorization"]["unit"] = "GFLOP/s";
  return entry;
}

json PriceEntry(const TypeFigures& f, const std::string& type, const catalog::Catalog& catalog) {
  const catalog::InstanceType* known = catalog.Find(type);
  const catalog::Price* price = known ? known->OnDemandPrice(f.region) : nullptr;
  if (price == nullptr || price->usd_per_hour <= 0) return json::object();
  json entry = {{"pricing",
                 {{"onDemand", price->usd_per_hour},
                  {"region", f.region},
                  {"source", price->source},
                  {"date", price->date}}}};
  if (f.stream.count("triad") && f.stream.at("triad") > 0) {
    entry["costEfficiency"]["costPerGBs"] = price->usd_per_hour / f.stream.at("triad");
  }
  if (f.linpack && *f.linpack > 0)
    entry["costEfficiency"]["costPerGflop"] = price->usd_per_hour / *f.linpack;
  return entry;
}

json Ranking(const std::map<std::string, TypeFigures>& types, bool triad) {
  json ranking = json::array();
  for (const auto& [type, f] : types) {
    json item = {{"instanceType", type}};
    if (!Architecture(f.vendor).empty()) item["architecture"] = Architecture(f.vendor);
    if (triad && f.stream.count("triad")) {
      item["bandwidth"] = f.stream.at("triad");
      ranking.push_back(item);
    } else if (!triad && f.cache.count("memory") && f.cache.at("memory").second == "ns") {
      item["latency"] = f.cache.at("memory").first;
      ranking.push_back(item);
    }
  }
  const char* key = triad ? "bandwidth" : "latency";
  std::stable_sort(ranking.begin(), ranking.end(), [&](const json& a, const json& b) {
    return triad ? a[key].get<double>() > b[key].get<double>()
                 : a[key].get<double>() < b[key].get<double>();
  });
  return ranking;
}

}  // namespace

ComputeCompassFiles ExportComputeCompass(const Dataset& dataset, const catalog::Catalog& catalog,
                                         const std::string& generated_at) {
  std::map<std::string, TypeFigures> types;
  for (const MetricRow& row : dataset.metrics) {
    if (Exportable(dataset, row)) AddRow(dataset, row, types[row.instance_type]);
  }
  ComputeCompassFiles files{
      Header("Memory performance of AWS EC2 instance types, measured", generated_at),
      Header("CPU performance of AWS EC2 instance types, measured", generated_at),
      Header("Price-performance of AWS EC2 instance types", generated_at)};
  for (const auto& [type, figures] : types) {
    if (json memory = MemoryEntry(figures); !memory.empty())
      files.memory["instances"][type] = memory;
    if (json cpu = CpuEntry(figures); !cpu.empty()) files.cpu["instances"][type] = cpu;
    if (json price = PriceEntry(figures, type, catalog); price.contains("costEfficiency")) {
      files.price["instances"][type] = price;
    }
  }
  files.memory["rankings"] = {{"triad_bandwidth", Ranking(types, true)},
                              {"memory_latency", Ranking(types, false)}};
  return files;
}

util::Status WriteComputeCompass(const ComputeCompassFiles& files, const std::string& directory) {
  if (directory.empty()) {
    return util::InvalidInput("--output: required with --format computecompass (a directory)");
  }
  std::error_code error;
  if (std::filesystem::exists(directory, error) &&
      !std::filesystem::is_directory(directory, error)) {
    return util::InvalidInput("--output: '" + directory +
                              "' is a file; computecompass writes a directory");
  }
  std::filesystem::create_directories(directory, error);
  if (error)
    return util::InvalidInput("--output: cannot create '" + directory + "': " + error.message());
  const std::pair<const char*, const json*> outputs[] = {{"memory-benchmarks.json", &files.memory},
                                                         {"cpu-benchmarks.json", &files.cpu},
                                                         {"price-performance.json", &files.price}};
  for (const auto& [name, document] : outputs) {
    auto written = util::WriteFileAtomic((std::filesystem::path(directory) / name).string(),
                                         document->dump(2) + "\n");
    if (!written) return written;
  }
  return {};
}

}  // namespace report
