#include "support.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "catalog/name.h"
#include "util/time.h"

namespace plan::testing {
namespace {

// us-east-1 on-demand list prices (USD/hour) of the large size; these families are priced
// linearly in size, so xlarge is 2x, 2xlarge 4x, 4xlarge 8x.
struct FamilyRow {
  const char* family;
  const char* facts;
  double large_price;
  double large_memory_gib;
};

std::string CatalogJson() {
  const FamilyRow rows[] = {
      {"m7i",
       R"x("architecture":"x86_64","vendor":"intel","processor":"Intel Xeon Platinum 8488C","microarchitecture":"Sapphire Rapids","isa":["amx","avx2","avx512"])x",
       0.1008, 8},
      {"m7a",
       R"x("architecture":"x86_64","vendor":"amd","processor":"AMD EPYC 9R14","microarchitecture":"Zen 4 (Genoa)","isa":["avx2","avx512"])x",
       0.11592, 8},
      {"r7a",
       R"x("architecture":"x86_64","vendor":"amd","processor":"AMD EPYC 9R14","microarchitecture":"Zen 4 (Genoa)","isa":["avx2","avx512"])x",
       0.1521, 16},
      {"c7g",
       R"x("architecture":"arm64","vendor":"aws","processor":"AWS Graviton3","microarchitecture":"Neoverse V1","isa":["neon","sve"])x",
       0.0725, 4},
      {"m7g",
       R"x("architecture":"arm64","vendor":"aws","processor":"AWS Graviton3","microarchitecture":"Neoverse V1","isa":["neon","sve"])x",
       0.0816, 8},
      {"c6g",
       R"x("architecture":"arm64","vendor":"aws","processor":"AWS Graviton2","microarchitecture":"Neoverse N1","isa":["neon"])x",
       0.068, 4},
  };
  const std::pair<const char*, int> sizes[] = {
      {"large", 1}, {"xlarge", 2}, {"2xlarge", 4}, {"4xlarge", 8}};
  std::ostringstream json;
  json << R"({"format_version":1,"snapshot_date":"2026-11-29",
    "sources":{"test":{"description":"unit-test fixture","date":"2026-11-29"}},
    "regions":[
      {"name":"us-east-1","timezone":"America/New_York","gp3_usd_per_gb_month":0.08,"public_ipv4_usd_per_hour":0.005},
      {"name":"us-east-2","timezone":"America/New_York","gp3_usd_per_gb_month":0.08,"public_ipv4_usd_per_hour":0.005},
      {"name":"eu-west-1","timezone":"Europe/Dublin","gp3_usd_per_gb_month":0.088,"public_ipv4_usd_per_hour":0.005}],
    "families":[)";
  for (size_t i = 0; i < std::size(rows); ++i) {
    json << (i ? "," : "") << R"({"name":")" << rows[i].family << R"(",)" << rows[i].facts
         << R"(,"quota_class":"standard","source":"test"})";
  }
  json << R"(],"types":[)";
  bool first = true;
  for (const FamilyRow& row : rows) {
    for (const auto& [size, factor] : sizes) {
      double price = row.large_price * factor;
      json << (first ? "" : ",") << R"({"name":")" << row.family << "." << size << R"(","vcpus":)"
           << 2 * factor << R"(,"memory_gib":)" << row.large_memory_gib * factor
           << R"(,"price_source":"test","on_demand_usd_per_hour":{"us-east-1":)" << price;
      if (std::string(row.family) != "c6g") json << R"(,"us-east-2":)" << price;
      json << "}}";
      first = false;
    }
  }
  json << "]}";
  return json.str();
}

struct Interval {
  util::TimePoint start, end;
  int weight;
};

// Largest total weight running at one instant; an interval ending at t does not overlap
// one starting at t.
int PeakLoad(std::vector<Interval> intervals) {
  std::vector<std::pair<util::TimePoint, int>> events;
  for (const Interval& i : intervals) {
    events.emplace_back(i.start, i.weight);
    events.emplace_back(i.end, -i.weight);
  }
  std::sort(events.begin(), events.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second < b.second;
  });
  int load = 0, peak = 0;
  for (const auto& event : events) {
    load += event.second;
    peak = std::max(peak, load);
  }
  return peak;
}

Market ExpectedMarket(const Spec& spec, const std::string& window_name, const std::string& size) {
  if (!spec.enable_spot) return Market::kOnDemand;
  if (window_name == "evening") return Market::kSpot;
  return catalog::SizeRank(size) >= catalog::SizeRank("xlarge") ? Market::kSpot : Market::kOnDemand;
}

void CheckAccounting(const Plan& plan, std::vector<std::string>& problems) {
  const Summary& s = plan.summary;
  if (s.jobs_total != s.jobs_scheduled + static_cast<int>(plan.unscheduled.size()))
    problems.push_back("jobs_total != scheduled + unscheduled");
  if (s.jobs_scheduled != static_cast<int>(plan.jobs.size()))
    problems.push_back("jobs_scheduled != jobs.size()");
  if (s.sessions != static_cast<int>(plan.sessions.size()))
    problems.push_back("sessions != sessions.size()");
  double total = 0;
  for (const Session& session : plan.sessions) total += session.estimated_cost_usd;
  if (std::abs(total - s.estimated_cost_usd) > 1e-6)
    problems.push_back("estimated cost is not the sum of sessions");
  if (plan.spec.max_cost_usd && s.estimated_cost_usd > *plan.spec.max_cost_usd + 1e-9)
    problems.push_back("over --max-cost");
  if (s.cost_lower_bound_usd > s.estimated_cost_usd + 1e-9)
    problems.push_back("lower bound above the estimate");
  if (s.estimated_cost_usd > s.estimated_cost_on_demand_usd + 1e-9)
    problems.push_back("estimate above all on-demand");
  std::set<std::string> ids;
  for (const Job& job : plan.jobs) ids.insert(job.id);
  for (const Unscheduled& u : plan.unscheduled) {
    ids.insert(u.job.id);
    if (u.reason.empty() || u.remedy.empty())
      problems.push_back("unscheduled " + u.job.id + " lacks reason or remedy");
  }
  if (ids.size() != plan.jobs.size() + plan.unscheduled.size())
    problems.push_back("job ids are not unique");
}

void CheckSession(const Plan& plan, const Session& session, const Window& window,
                  const catalog::Catalog& catalog, const std::map<std::string, const Job*>& jobs,
                  std::vector<std::string>& problems) {
  const std::string& id = session.id;
  if (session.start < window.start || session.end > window.end || session.start >= session.end)
    problems.push_back(id + " is not inside its window");
  const catalog::InstanceType* type = catalog.Find(session.instance_type);
  if (type == nullptr || type->vcpus != session.vcpus) problems.push_back(id + " has wrong vCPUs");
  if (type && session.market != ExpectedMarket(plan.spec, window.name, type->size))
    problems.push_back(id + " breaks the market rule");
  util::TimePoint cursor = session.start;
  for (const std::string& job_id : session.jobs) {
    auto it = jobs.find(job_id);
    if (it == jobs.end()) {
      problems.push_back(id + " lists unknown job " + job_id);
      continue;
    }
    const Job& job = *it->second;
    if (job.session != id || job.start < cursor ||
        (job.end - job.start).count() != job.estimated_duration_s ||
        job.instance_type != session.instance_type || job.region != session.region) {
      problems.push_back(job_id + " does not run inside " + id + " in order");
    }
    cursor = job.end;
  }
  if (cursor > session.end) problems.push_back(id + " ends before its last job");
}

void CheckRegion(const Plan& plan, const std::string& region,
                 const std::map<std::string, const Window*>& windows,
                 std::vector<std::string>& problems) {
  std::vector<const Session*> sessions;
  for (const Session& s : plan.sessions) {
    if (s.region == region) sessions.push_back(&s);
  }
  std::vector<Interval> all;
  std::map<QuotaKey, std::vector<Interval>> by_quota;
  std::map<std::string, std::vector<Interval>> by_type;
  std::map<std::string, int> per_day, per_window;
  for (const Session* s : sessions) {
    all.push_back({s->start, s->end, 1});
    by_quota[{s->quota_class, s->market}].push_back({s->start, s->end, s->vcpus});
    by_type[s->instance_type].push_back({s->start, s->end, 1});
    const Window& window = *windows.at(s->window);
    per_window[s->window] += static_cast<int>(s->jobs.size());
    per_day[util::FormatDate(util::LocalDay(s->start, window.timezone))] +=
        static_cast<int>(s->jobs.size());
  }
  if (PeakLoad(all) > plan.spec.max_concurrent)
    problems.push_back(region + ": more sessions at once than --max-concurrent");
  for (const auto& [key, intervals] : by_quota) {
    auto quota = plan.spec.vcpu_quotas.find(key);
    if (quota == plan.spec.vcpu_quotas.end() || PeakLoad(intervals) > quota->second)
      problems.push_back(region + ": over a vCPU quota");
  }
  for (const auto& [type, intervals] : by_type) {
    if (plan.spec.instance_size_waves && PeakLoad(intervals) > 1)
      problems.push_back(region + ": two " + type + " at once");
  }
  for (const auto& [day, count] : per_day) {
    if (count > plan.spec.max_daily_jobs)
      problems.push_back(region + " " + day + ": over --max-daily-jobs");
  }
  for (const auto& [id, count] : per_window) {
    if (count > windows.at(id)->max_jobs) problems.push_back(id + ": over the window's max_jobs");
  }
  if (!plan.spec.instance_size_waves) return;
  std::sort(sessions.begin(), sessions.end(),
            [](const Session* a, const Session* b) { return a->start < b->start; });
  std::map<int, util::TimePoint> last_end;
  for (const Session* s : sessions) {
    int wave = catalog::SizeWave(catalog::ParseTypeName(s->instance_type)->size);
    for (const auto& [other, end] : last_end) {
      if ((other < wave && end > s->start) || other > wave)
        problems.push_back(s->id + " breaks the wave order");
    }
    last_end[wave] = std::max(last_end[wave], s->end);
  }
}

}  // namespace

const catalog::Catalog& TestCatalog() {
  static const catalog::Catalog kCatalog = [] {
    auto loaded = catalog::Catalog::FromJson(CatalogJson(), "test catalog");
    if (!loaded) throw std::runtime_error(loaded.error().message);
    return std::move(loaded).value();
  }();
  return kCatalog;
}

Spec SeedSpec() {
  Spec spec;
  spec.instance_families = {"m7i", "c7g", "r7a"};
  spec.sizes = {"large", "xlarge", "2xlarge", "4xlarge"};
  spec.benchmarks = {"stream", "hpl", "micro"};
  spec.regions = {"us-east-1"};
  spec.days = 7;
  spec.max_daily_jobs = 30;
  spec.start = *util::ParseTimestamp("2026-12-07", "America/New_York");
  return spec;
}

std::vector<std::string> CheckConstraints(const Plan& plan, const catalog::Catalog& catalog) {
  std::vector<std::string> problems;
  CheckAccounting(plan, problems);
  std::map<std::string, const Window*> windows;
  for (const Window& window : plan.windows) windows[window.id] = &window;
  std::map<std::string, const Job*> jobs;
  for (const Job& job : plan.jobs) jobs[job.id] = &job;
  std::set<std::string> regions;
  for (const Session& session : plan.sessions) {
    regions.insert(session.region);
    auto window = windows.find(session.window);
    if (window == windows.end()) {
      problems.push_back(session.id + " names an unknown window");
      continue;
    }
    CheckSession(plan, session, *window->second, catalog, jobs, problems);
  }
  for (const std::string& region : regions) CheckRegion(plan, region, windows, problems);
  return problems;
}

std::string Fingerprint(const Plan& plan) {
  std::ostringstream out;
  out.precision(17);
  for (const Window& w : plan.windows) {
    out << "W " << w.id << ' ' << w.start.time_since_epoch().count() << ' '
        << w.end.time_since_epoch().count() << ' ' << w.max_jobs << ' ' << w.focus.size() << ' '
        << w.market_policy << '\n';
  }
  for (const Session& s : plan.sessions) {
    out << "S " << s.id << ' ' << s.start.time_since_epoch().count() << ' '
        << s.end.time_since_epoch().count() << ' ' << ToString(s.market) << ' '
        << s.estimated_cost_usd << ' ' << s.jobs.size() << '\n';
  }
  for (const Job& j : plan.jobs) {
    out << "J " << j.id << ' ' << j.session << ' ' << j.start.time_since_epoch().count() << ' '
        << j.priority << ' ' << j.estimated_cost_usd << ' ' << j.prefer_spot << '\n';
  }
  for (const Unscheduled& u : plan.unscheduled)
    out << "U " << u.job.id << ' ' << u.reason << ' ' << u.remedy << '\n';
  for (const auto& [key, value] : plan.spec.vcpu_quotas)
    out << "Q " << key.quota_class << ToString(key.market) << value << '\n';
  const Summary& s = plan.summary;
  out << s.jobs_total << ' ' << s.jobs_scheduled << ' ' << s.sessions << ' ' << s.days_used << ' '
      << s.estimated_cost_usd << ' ' << s.estimated_cost_on_demand_usd << ' '
      << s.cost_lower_bound_usd << ' ' << s.focus_share << '\n';
  return out.str();
}

}  // namespace plan::testing
