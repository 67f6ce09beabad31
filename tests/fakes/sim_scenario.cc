#include "fakes/sim_scenario.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "util/time.h"

namespace fakes {
namespace {

struct TestType {
  const char* name;
  int vcpus;
  double usd_per_hour;  // test input
  int wave;             // catalog::SizeWave of the size
};

constexpr std::array<TestType, 6> kTypes = {{{"m7i.large", 2, 0.10, 1},
                                             {"m7i.xlarge", 4, 0.20, 2},
                                             {"c7g.2xlarge", 8, 0.29, 3},
                                             {"r7a.xlarge", 4, 0.30, 2},
                                             {"c7g.4xlarge", 16, 0.58, 4},
                                             {"r7a.large", 2, 0.15, 1}}};
constexpr std::array<const char*, 4> kBenchmarks = {"stream", "hpl", "micro-latency",
                                                    "stream-cache"};

struct Rng {
  uint64_t state;
  uint64_t Next() {
    state += 0x9e3779b97f4a7c15ULL;
    uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  int64_t Between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Next() % static_cast<uint64_t>(hi - lo + 1));
  }
};

struct WindowShape {
  const char* name;
  int start_hour;
  int end_hour;
};
constexpr std::array<WindowShape, 3> kWindows = {
    {{"morning", 8, 12}, {"afternoon", 14, 20}, {"evening", 20, 24}}};

void AddSession(const TestType& type, const store::WindowRow& w, const std::string& window_name,
                int64_t start, int64_t total, const std::vector<int64_t>& durations, Rng& rng,
                store::Snapshot& snap, int& session_count) {
  store::SessionRow s;
  s.id = "s" + std::to_string(++session_count);
  s.region = w.region;
  s.instance_type = type.name;
  s.vcpus = type.vcpus;
  s.quota_class = "standard";
  s.planned_market = (rng.Next() % 2 == 0 || window_name == "evening") ? "spot" : "on-demand";
  s.market = s.planned_market;
  s.window = w.id;
  s.planned_start = start;
  s.planned_end = start + total;
  s.on_demand_usd_per_hour = type.usd_per_hour;
  s.extras_usd_per_hour = 0.005;
  s.spot_usd_per_hour = type.usd_per_hour * 0.35;
  s.size_wave = type.wave;
  s.estimated_cost_usd = (type.usd_per_hour + 0.005) * static_cast<double>(total) / 3600.0;
  snap.campaign.estimated_cost_usd += s.estimated_cost_usd;
  for (size_t i = 0; i < durations.size(); ++i) {
    store::JobRow j;
    j.id = s.id + "-j" + std::to_string(i);
    j.session = s.id;
    j.seq = static_cast<int>(i);
    j.instance_type = type.name;
    j.benchmark = kBenchmarks[static_cast<size_t>(rng.Next() % kBenchmarks.size())];
    j.region = w.region;
    j.estimated_duration_s = durations[i];
    j.window = w.id;
    snap.jobs.push_back(j);
  }
  snap.sessions.push_back(s);
}

// Lanes of back-to-back sessions, one lane per concurrency slot, filled in turn so that the
// window's jobs spread over the lanes and sessions really run side by side. With size
// waves each window holds one wave and each type one lane, so the plan keeps the wave rules.
void FillWindow(const ScenarioOptions& o, const store::WindowRow& w, const std::string& window_name,
                int window_wave, Rng& rng, store::Snapshot& snap, int& window_left, int& jobs_left,
                int& session_count) {
  std::vector<const TestType*> lane_types;
  for (const TestType& type : kTypes) {
    if (!o.size_waves || o.mixed_wave_lanes || type.wave == window_wave)
      lane_types.push_back(&type);
  }
  int lanes = o.max_concurrent;
  if (o.size_waves) lanes = std::min(lanes, static_cast<int>(lane_types.size()));
  std::vector<int64_t> clocks;
  for (int lane = 0; lane < lanes; ++lane) clocks.push_back(w.start + rng.Between(0, 600));
  std::vector<bool> full(clocks.size(), false);
  bool placed = true;
  while (placed && window_left > 0 && jobs_left > 0) {
    placed = false;
    for (size_t lane = 0; lane < clocks.size() && window_left > 0 && jobs_left > 0; ++lane) {
      if (full[lane]) continue;
      int n = static_cast<int>(std::min<int64_t>({rng.Between(1, 4), window_left, jobs_left}));
      std::vector<int64_t> durations;
      int64_t total = 300;
      for (int i = 0; i < n; ++i) {
        durations.push_back(rng.Between(300, o.max_job_s));
        total += static_cast<int64_t>(static_cast<double>(durations.back()) * 1.2);
      }
      if (clocks[lane] + total > w.end) {
        full[lane] = true;
        continue;
      }
      const TestType& type = *lane_types[lane % lane_types.size()];
      AddSession(type, w, window_name, clocks[lane], total, durations, rng, snap, session_count);
      clocks[lane] += total + 60;
      window_left -= n;
      jobs_left -= n;
      placed = true;
    }
  }
}
}  // namespace

Scenario MakeScenario(const ScenarioOptions& o) {
  Scenario scenario;
  store::Snapshot& snap = scenario.snapshot;
  Rng rng{o.seed};
  const std::string zone = "America/New_York";
  const std::string region = "us-east-1";
  snap.campaign.id = "c-test" + std::to_string(o.seed);
  snap.campaign.backend = "sim";
  snap.campaign.backend_config = "{}";
  snap.campaign.max_daily_jobs = o.max_daily_jobs;
  snap.campaign.max_concurrent = o.max_concurrent;
  snap.campaign.size_waves = o.size_waves;
  if (o.max_cost_usd > 0) snap.campaign.max_cost_usd = o.max_cost_usd;
  if (o.standard_quota_vcpus > 0) {
    snap.quotas.push_back({"standard", "on-demand", o.standard_quota_vcpus});
    snap.quotas.push_back({"standard", "spot", o.standard_quota_vcpus});
  }
  auto first_day = date::local_days(date::year{2026} / 12 / 7);
  int jobs_left = o.target_jobs;
  int session_count = 0;
  for (int day = 0; day < o.days && jobs_left > 0; ++day) {
    auto local_day = first_day + date::days(day);
    int day_left = o.max_daily_jobs;
    for (const WindowShape& shape : kWindows) {
      store::WindowRow w;
      w.region = region;
      w.name = shape.name;
      w.timezone = zone;
      w.day = util::FormatDate(local_day);
      w.id = region + "/" + w.day + "/" + shape.name;
      w.start = util::LocalToUtc(local_day + std::chrono::hours(shape.start_hour), zone)
                    .time_since_epoch()
                    .count();
      w.end = util::LocalToUtc(local_day + std::chrono::hours(shape.end_hour), zone)
                  .time_since_epoch()
                  .count();
      w.max_jobs = o.max_daily_jobs * (shape.end_hour - shape.start_hour) / 14;
      snap.windows.push_back(w);
      const int window_budget = std::min(w.max_jobs, day_left);
      int window_left = window_budget;
      int window_wave = static_cast<int>(snap.windows.size() - 1) % 4 + 1;
      FillWindow(o, w, shape.name, window_wave, rng, snap, window_left, jobs_left, session_count);
      day_left -= window_budget - window_left;
    }
  }
  scenario.setup.config = o.sim;
  scenario.setup.config.seed = o.seed;
  scenario.setup.start = util::TimePoint(std::chrono::seconds(snap.windows.front().start - 3600));
  for (const auto& q : snap.quotas) {
    scenario.setup.quotas[{q.quota_class, *catalog::MarketFromText(q.market)}] = q.vcpus;
  }
  for (const TestType& type : kTypes)
    scenario.setup.on_demand_usd_per_hour[type.name] = type.usd_per_hour;
  return scenario;
}

}  // namespace fakes
