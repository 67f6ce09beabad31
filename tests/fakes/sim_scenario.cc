#include "fakes/sim_scenario.h"

#include <algorithm>
#include <array>

#include "util/time.h"

namespace fakes {
namespace {

struct TestType {
  const char* name;
  int vcpus;
  double usd_per_hour;  // test input
};

constexpr std::array<TestType, 6> kTypes = {{{"m7i.large", 2, 0.10}, {"m7i.xlarge", 4, 0.20},
                                             {"c7g.2xlarge", 8, 0.29}, {"r7a.xlarge", 4, 0.30},
                                             {"c7g.4xlarge", 16, 0.58}, {"r7a.large", 2, 0.15}}};
constexpr std::array<const char*, 4> kBenchmarks = {"stream", "hpl", "micro-latency", "stream-cache"};

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
constexpr std::array<WindowShape, 3> kWindows = {{{"morning", 8, 12}, {"afternoon", 14, 20},
                                                  {"evening", 20, 24}}};

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
      w.region = region; w.name = shape.name; w.timezone = zone;
      w.day = util::FormatDate(local_day);
      w.id = region + "/" + w.day + "/" + shape.name;
      w.start = util::LocalToUtc(local_day + std::chrono::hours(shape.start_hour), zone)
                    .time_since_epoch().count();
      w.end = util::LocalToUtc(local_day + std::chrono::hours(shape.end_hour), zone)
                  .time_since_epoch().count();
      w.max_jobs = o.max_daily_jobs * (shape.end_hour - shape.start_hour) / 14;
      snap.windows.push_back(w);
      int window_left = std::min(w.max_jobs, day_left);
      // Lanes of back-to-back sessions, one lane per concurrency slot, each type used by
      // one lane only so that the one-per-type wave rule holds in the plan.
      for (int lane = 0; lane < o.max_concurrent && window_left > 0 && jobs_left > 0; ++lane) {
        const TestType& type = kTypes[static_cast<size_t>(lane) % kTypes.size()];
        if (lane >= static_cast<int>(kTypes.size()) && o.size_waves) break;
        int64_t clock = w.start + rng.Between(0, 600);
        while (window_left > 0 && jobs_left > 0) {
          int n = static_cast<int>(std::min<int64_t>({rng.Between(1, 4), window_left, jobs_left}));
          std::vector<int64_t> durations;
          int64_t total = 300;
          for (int i = 0; i < n; ++i) {
            durations.push_back(rng.Between(300, o.max_job_s));
            total += static_cast<int64_t>(static_cast<double>(durations.back()) * 1.2);
          }
          if (clock + total > w.end) break;
          store::SessionRow s;
          s.id = "s" + std::to_string(++session_count);
          s.region = region; s.instance_type = type.name; s.vcpus = type.vcpus;
          s.quota_class = "standard";
          s.planned_market = (rng.Next() % 2 == 0 || std::string(shape.name) == "evening") ? "spot" : "on-demand";
          s.market = s.planned_market; s.window = w.id; s.planned_start = clock;
          s.planned_end = clock + total; s.on_demand_usd_per_hour = type.usd_per_hour;
          s.extras_usd_per_hour = 0.005;
          s.estimated_cost_usd = (type.usd_per_hour + 0.005) * static_cast<double>(total) / 3600.0;
          snap.campaign.estimated_cost_usd += s.estimated_cost_usd;
          for (int i = 0; i < n; ++i) {
            store::JobRow j;
            j.id = s.id + "-j" + std::to_string(i);
            j.session = s.id; j.seq = i; j.instance_type = type.name;
            j.benchmark = kBenchmarks[static_cast<size_t>(rng.Next() % kBenchmarks.size())];
            j.region = region; j.estimated_duration_s = durations[static_cast<size_t>(i)];
            j.window = w.id;
            snap.jobs.push_back(j);
          }
          snap.sessions.push_back(s);
          clock += total + 60;
          window_left -= n; day_left -= n; jobs_left -= n;
        }
      }
    }
  }
  scenario.setup.config = o.sim;
  scenario.setup.config.seed = o.seed;
  scenario.setup.start = util::TimePoint(std::chrono::seconds(snap.windows.front().start - 3600));
  for (const auto& q : snap.quotas) scenario.setup.quotas[q.quota_class + "/" + q.market] = q.vcpus;
  for (const TestType& type : kTypes) scenario.setup.on_demand_usd_per_hour[type.name] = type.usd_per_hour;
  return scenario;
}

}  // namespace fakes
