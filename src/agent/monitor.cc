#include "agent/monitor.h"

#include <algorithm>
#include <numeric>

#include "util/strings.h"

namespace agent {

std::optional<CpuTimes> ParseProcStat(const std::string& text) {
  for (const std::string& line : util::Split(text, '\n')) {
    if (!util::StartsWith(line, "cpu ")) continue;
    std::vector<std::string> fields = util::SplitList(line, ' ');
    // cpu user nice system idle iowait irq softirq steal [guest guest_nice]; guest time is
    // already counted in user, so only the first eight fields make the total.
    if (fields.size() < 9) return std::nullopt;
    CpuTimes times;
    for (size_t i = 1; i <= 8; ++i) {
      auto value = util::ParseInt(fields[i]);
      if (!value || *value < 0) return std::nullopt;
      times.total += static_cast<uint64_t>(*value);
    }
    times.steal = static_cast<uint64_t>(*util::ParseInt(fields[8]));
    return times;
  }
  return std::nullopt;
}

std::optional<double> ReadFrequencyMhz(const FileReader& files, std::string& source) {
  std::vector<double> mhz;
  for (const std::string& name : files.List("/sys/devices/system/cpu")) {
    if (name.size() <= 3 || !util::StartsWith(name, "cpu") || !util::ParseInt(name.substr(3)))
      continue;
    auto text = files.Read("/sys/devices/system/cpu/" + name + "/cpufreq/scaling_cur_freq");
    if (!text) continue;
    if (auto khz = util::ParseInt(util::Trim(*text)))
      mhz.push_back(static_cast<double>(*khz) / 1000.0);
  }
  if (!mhz.empty()) {
    source = "sysfs cpufreq scaling_cur_freq";
  } else if (auto cpuinfo = files.Read("/proc/cpuinfo")) {
    for (const std::string& line : util::Split(*cpuinfo, '\n')) {
      if (!util::StartsWith(line, "cpu MHz")) continue;
      size_t colon = line.find(':');
      if (colon == std::string::npos) continue;
      if (auto value = util::ParseDouble(util::Trim(line.substr(colon + 1)))) mhz.push_back(*value);
    }
    source = "/proc/cpuinfo cpu MHz";
  }
  if (mhz.empty()) return std::nullopt;
  return std::accumulate(mhz.begin(), mhz.end(), 0.0) / static_cast<double>(mhz.size());
}

void Monitor::Start() {
  first_.reset();
  last_.reset();
  mhz_.clear();
  Sample();
}

void Monitor::Sample() {
  if (auto stat = files_.Read("/proc/stat")) {
    if (auto times = ParseProcStat(*stat)) {
      if (!first_) first_ = times;
      last_ = times;
    }
  }
  if (auto mhz = ReadFrequencyMhz(files_, mhz_source_)) mhz_.push_back(*mhz);
}

nlohmann::json Monitor::Summary() const {
  nlohmann::json summary = nlohmann::json::object();
  if (first_ && last_ && last_->total > first_->total) {
    double steal = static_cast<double>(last_->steal - first_->steal);
    summary["steal_percent"] = 100.0 * steal / static_cast<double>(last_->total - first_->total);
  } else {
    summary["steal_percent"] = {{"status", "skipped"},
                                {"reason", first_ ? "the run was shorter than one /proc/stat tick"
                                                  : "/proc/stat is not readable"}};
  }
  if (!mhz_.empty()) {
    auto [low, high] = std::minmax_element(mhz_.begin(), mhz_.end());
    double mean = std::accumulate(mhz_.begin(), mhz_.end(), 0.0) / static_cast<double>(mhz_.size());
    summary["frequency_mhz"] = {{"min", *low},
                                {"mean", mean},
                                {"max", *high},
                                {"samples", mhz_.size()},
                                {"source", mhz_source_}};
  } else {
    summary["frequency_mhz"] = {{"status", "skipped"},
                                {"reason", "neither cpufreq nor /proc/cpuinfo gives a frequency"}};
  }
  return summary;
}

}  // namespace agent
