// ValidateResultDocument: checks a result document field by field and names the first
// field that is wrong by its JSON path. Statistics are recomputed from the raw samples,
// so a document whose figures do not follow from its samples is rejected.

#include <cmath>
#include <set>

#include "agent/result_schema.h"

namespace agent {
namespace {

using nlohmann::json;

class Checker {
 public:
  util::Status Fail(const std::string& path, const std::string& message) const {
    return util::InvalidInput(path + ": " + message);
  }
  util::Status Object(const json& parent, const std::string& path, const char* key,
                      const json** out) const {
    if (!parent.contains(key)) return Fail(Join(path, key), "missing (an object is required)");
    const json& value = parent.at(key);
    if (!value.is_object()) return Fail(Join(path, key), "must be an object");
    *out = &value;
    return {};
  }
  util::Status String(const json& parent, const std::string& path, const char* key,
                      bool required = true, bool non_empty = true) const {
    if (!parent.contains(key)) {
      return required ? Fail(Join(path, key), "missing (a string is required)") : util::Status{};
    }
    const json& value = parent.at(key);
    if (!value.is_string()) return Fail(Join(path, key), "must be a string");
    if (non_empty && value.get_ref<const std::string&>().empty())
      return Fail(Join(path, key), "must not be empty");
    return {};
  }
  util::Status Number(const json& parent, const std::string& path, const char* key) const {
    if (!parent.contains(key)) return Fail(Join(path, key), "missing (a number is required)");
    if (!parent.at(key).is_number()) return Fail(Join(path, key), "must be a number");
    return {};
  }
  static std::string Join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }
};

#define ABC_CHECK(expr)            \
  do {                             \
    util::Status status_ = (expr); \
    if (!status_) return status_;  \
  } while (false)

bool Close(double a, double b) {
  return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

util::Status CheckStatistics(const Checker& c, const json& metric, const std::string& path,
                             const std::vector<double>& samples, Better better) {
  const json* stats = nullptr;
  ABC_CHECK(c.Object(metric, path, "statistics", &stats));
  std::string spath = path + ".statistics";
  Statistics expected = ComputeStatistics(samples, better);
  const std::pair<const char*, double> fields[] = {{"best", expected.best},
                                                   {"median", expected.median},
                                                   {"mean", expected.mean},
                                                   {"stdev", expected.stdev},
                                                   {"cv", expected.cv},
                                                   {"ci95_low", expected.ci95_low},
                                                   {"ci95_high", expected.ci95_high}};
  for (const auto& [key, value] : fields) {
    ABC_CHECK(c.Number(*stats, spath, key));
    if (!Close(stats->at(key).get<double>(), value)) {
      return c.Fail(Checker::Join(spath, key),
                    "does not follow from the samples (expected " + std::to_string(value) + ")");
    }
  }
  if (!stats->contains("count") || !stats->at("count").is_number_unsigned() ||
      stats->at("count").get<size_t>() != samples.size()) {
    return c.Fail(spath + ".count",
                  "must equal the number of samples (" + std::to_string(samples.size()) + ")");
  }
  return {};
}

util::Status CheckMetric(const Checker& c, const json& metric, const std::string& path) {
  if (!metric.is_object()) return c.Fail(path, "must be an object");
  ABC_CHECK(c.String(metric, path, "name"));
  ABC_CHECK(c.String(metric, path, "unit"));
  ABC_CHECK(c.String(metric, path, "better"));
  std::string better = metric.at("better");
  if (better != "higher" && better != "lower")
    return c.Fail(path + ".better", "must be 'higher' or 'lower'");
  if (metric.contains("labels") && !metric.at("labels").is_object()) {
    return c.Fail(path + ".labels", "must be an object");
  }
  const json* samples = metric.contains("samples") ? &metric.at("samples") : nullptr;
  if (samples == nullptr || !samples->is_array() || samples->empty()) {
    return c.Fail(path + ".samples", "must be a non-empty array of numbers");
  }
  std::vector<double> values;
  for (size_t i = 0; i < samples->size(); ++i) {
    const json& x = samples->at(i);
    if (!x.is_number() || !std::isfinite(x.get<double>())) {
      return c.Fail(path + ".samples[" + std::to_string(i) + "]", "must be a finite number");
    }
    values.push_back(x.get<double>());
  }
  return CheckStatistics(c, metric, path, values,
                         better == "higher" ? Better::kHigher : Better::kLower);
}

util::Status CheckBenchmark(const Checker& c, const json& b, const std::string& path) {
  if (!b.is_object()) return c.Fail(path, "must be an object");
  ABC_CHECK(c.String(b, path, "name"));
  ABC_CHECK(c.String(b, path, "family"));
  ABC_CHECK(c.String(b, path, "status"));
  static const std::set<std::string> kStatuses = {"ok", "skipped", "failed", "interrupted"};
  std::string status = b.at("status");
  if (kStatuses.count(status) == 0) {
    return c.Fail(path + ".status",
                  "must be one of ok, skipped, failed, interrupted (got '" + status + "')");
  }
  if (status != "ok") ABC_CHECK(c.String(b, path, "reason"));
  const json* parameters = nullptr;
  ABC_CHECK(c.Object(b, path, "parameters", &parameters));
  if (!b.contains("metrics") || !b.at("metrics").is_array())
    return c.Fail(path + ".metrics", "must be an array");
  const json& metrics = b.at("metrics");
  if (status == "ok" && metrics.empty())
    return c.Fail(path + ".metrics", "must not be empty when status is ok");
  for (size_t i = 0; i < metrics.size(); ++i) {
    ABC_CHECK(CheckMetric(c, metrics[i], path + ".metrics[" + std::to_string(i) + "]"));
  }
  const json* validation = nullptr;
  ABC_CHECK(c.Object(b, path, "validation", &validation));
  for (const char* key : {"checked", "passed"}) {
    if (!validation->contains(key) || !validation->at(key).is_boolean()) {
      return c.Fail(path + ".validation." + key, "must be true or false");
    }
  }
  if (status == "ok" && validation->at("checked").get<bool>() &&
      !validation->at("passed").get<bool>()) {
    return c.Fail(path + ".validation.passed", "is false while status is ok");
  }
  if (!b.contains("warnings") || !b.at("warnings").is_array())
    return c.Fail(path + ".warnings", "must be an array");
  for (const json& warning : b.at("warnings")) {
    if (!warning.is_string()) return c.Fail(path + ".warnings", "must hold strings only");
  }
  return {};
}

util::Status CheckHeader(const Checker& c, const json& d) {
  if (!d.is_object()) return c.Fail("(document)", "must be a JSON object");
  ABC_CHECK(c.String(d, "", "schema"));
  if (d.at("schema") != kResultSchemaName) {
    return c.Fail("schema", std::string("must be '") + kResultSchemaName + "'");
  }
  if (!d.contains("schema_version") || !d.at("schema_version").is_number_integer()) {
    return c.Fail("schema_version", "missing or not an integer");
  }
  if (d.at("schema_version").get<long long>() != kResultSchemaVersion) {
    return c.Fail("schema_version", "unsupported version " + d.at("schema_version").dump() +
                                        "; this tool reads version " +
                                        std::to_string(kResultSchemaVersion));
  }
  const json* tool = nullptr;
  ABC_CHECK(c.Object(d, "", "tool", &tool));
  ABC_CHECK(c.String(*tool, "tool", "name"));
  ABC_CHECK(c.String(*tool, "tool", "version"));
  const json* metadata = nullptr;
  ABC_CHECK(c.Object(d, "", "metadata", &metadata));
  ABC_CHECK(c.String(*metadata, "metadata", "started_at"));
  ABC_CHECK(c.String(*metadata, "metadata", "ended_at"));
  for (const char* key : {"job_id", "session_id", "instance_type", "region", "availability_zone"}) {
    ABC_CHECK(c.String(*metadata, "metadata", key, false));
  }
  if (metadata->contains("market")) {
    ABC_CHECK(c.String(*metadata, "metadata", "market"));
    std::string market = metadata->at("market");
    if (market != "on-demand" && market != "spot")
      return c.Fail("metadata.market", "must be 'on-demand' or 'spot'");
  }
  return {};
}

util::Status CheckSysinfo(const Checker& c, const json& d) {
  const json* sysinfo = nullptr;
  ABC_CHECK(c.Object(d, "", "sysinfo", &sysinfo));
  ABC_CHECK(c.String(*sysinfo, "sysinfo", "arch"));
  for (const char* key : {"cpu", "topology", "memory", "hypervisor", "build", "instance"}) {
    const json* part = nullptr;
    ABC_CHECK(c.Object(*sysinfo, "sysinfo", key, &part));
  }
  for (const char* key : {"caches", "numa_nodes"}) {
    if (!sysinfo->contains(key) || !sysinfo->at(key).is_array()) {
      return c.Fail(std::string("sysinfo.") + key, "must be an array");
    }
  }
  if (!sysinfo->at("hypervisor").contains("emulated") ||
      !sysinfo->at("hypervisor").at("emulated").is_boolean()) {
    return c.Fail("sysinfo.hypervisor.emulated", "must be true or false");
  }
  return c.String(sysinfo->at("instance"), "sysinfo.instance", "status");
}

}  // namespace

util::Status ValidateResultDocument(const json& document) {
  Checker c;
  ABC_CHECK(CheckHeader(c, document));
  ABC_CHECK(CheckSysinfo(c, document));
  if (!document.contains("benchmarks") || !document.at("benchmarks").is_array()) {
    return c.Fail("benchmarks", "missing or not an array");
  }
  const json& benchmarks = document.at("benchmarks");
  for (size_t i = 0; i < benchmarks.size(); ++i) {
    ABC_CHECK(CheckBenchmark(c, benchmarks[i], "benchmarks[" + std::to_string(i) + "]"));
  }
  return {};
}

}  // namespace agent
