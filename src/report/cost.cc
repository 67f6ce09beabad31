// The Cost section: the plan's estimate against the journalled actual cost, what spot
// saved, and how far the plan's job durations were from the measured ones.
#include <functional>
#include <map>
#include <set>

#include "report/format_number.h"
#include "report/model.h"
#include "report/table_builder.h"
#include "report/type_names.h"

namespace report {
namespace {

struct Money {
  double estimated = 0;
  double actual = 0;
};

// Sessions by (campaign, id): a large dataset has thousands of attempts.
class SessionIndex {
 public:
  explicit SessionIndex(const Dataset& d) {
    for (const Session& s : d.sessions) index_[{s.campaign, s.id}] = &s;
  }
  const Session* Find(size_t campaign, const std::string& id) const {
    auto found = index_.find({campaign, id});
    return found == index_.end() ? nullptr : found->second;
  }

 private:
  std::map<std::pair<size_t, std::string>, const Session*> index_;
};

// Estimated cost per session (by the planned market), actual per attempt (by its market).
Table CostBy(const Dataset& d, const std::string& id, const std::string& dimension,
             const std::function<std::string(const Session&, Market)>& key) {
  const SessionIndex sessions(d);
  std::map<std::string, Money> groups;
  for (const Session& s : d.sessions)
    groups[key(s, s.planned_market)].estimated += s.estimated_cost_usd;
  for (const Attempt& a : d.attempts) {
    const Session* s = sessions.Find(a.campaign, a.session);
    if (s) groups[key(*s, a.market)].actual += a.cost_usd;
  }
  Table table = MakeTable(id, "Cost by " + dimension,
                          {dimension, ">estimated", ">actual", ">actual - estimated"});
  for (const auto& [name, money] : groups)
    table.rows.push_back(
        {name, Usd(money.estimated), Usd(money.actual), Usd(money.actual - money.estimated)});
  return table;
}

Table SpotSavings(const Dataset& d, std::vector<std::string>& notes) {
  Table table = MakeTable("cost-spot", "What spot saved against on-demand",
                          {"campaign", ">spot hours", ">paid", ">on-demand would be", ">saved"});
  const SessionIndex sessions(d);
  for (size_t i = 0; i < d.campaigns.size(); ++i) {
    double hours = 0, paid = 0, on_demand = 0;
    for (const Attempt& a : d.attempts) {
      if (a.campaign != i || a.market != Market::kSpot || a.ended_at <= a.launched_at) continue;
      const Session* s = sessions.Find(i, a.session);
      if (!s) continue;
      const double h = static_cast<double>(a.ended_at - a.launched_at) / 3600.0;
      hours += h;
      paid += a.cost_usd;
      on_demand += h * (s->on_demand_usd_per_hour + s->extras_usd_per_hour);
    }
    if (hours == 0) continue;
    table.rows.push_back(
        {d.campaigns[i].label, Figure(hours), Usd(paid), Usd(on_demand), Usd(on_demand - paid)});
  }
  if (table.rows.empty()) notes.push_back("No attempt ran on spot, so spot saved nothing.");
  return table;
}

// Planned job duration against the measured one (the benchmark's own duration_seconds).
Table EstimateError(const Dataset& d, std::vector<std::string>& notes) {
  struct Sums {
    int jobs = 0;
    double planned = 0, measured = 0;
    bool quick = false;
  };
  // Only a job's last result counts (an interrupted attempt's partial one does not).
  std::vector<const Job*> job_of_document(d.documents.size(), nullptr);
  for (const Job& job : d.jobs)
    if (job.result) job_of_document[*job.result] = &job;
  std::map<std::string, Sums> by_variant;
  for (const BenchmarkRun& run : d.benchmarks) {
    const Job* job = job_of_document[run.document];
    if (!job || run.duration_seconds < 0) continue;
    Sums& s = by_variant[run.variant];
    ++s.jobs;
    s.planned += static_cast<double>(job->estimated_duration_s);
    s.measured += run.duration_seconds;
    s.quick |= d.documents[run.document].quick;
  }
  Table table =
      MakeTable("cost-estimate-error", "The plan's duration estimate against the measured duration",
                {"variant", ">jobs", ">planned s (mean)", ">measured s (mean)",
                 ">measured / planned", "note"});
  bool any_quick = false;
  for (const auto& [variant, s] : by_variant) {
    any_quick |= s.quick;
    const double planned = s.planned / s.jobs, measured = s.measured / s.jobs;
    table.rows.push_back({variant, std::to_string(s.jobs), Figure(planned), Figure(measured),
                          planned > 0 ? Figure(measured / planned) : "n/a",
                          s.quick ? "quick run" : ""});
  }
  if (any_quick)
    notes.push_back(
        "Quick runs use smaller sizes and fewer iterations than planned: their "
        "durations do not tell how good the plan's estimates are.");
  return table;
}

}  // namespace

Section CostSection(const Dataset& d) {
  Section section{"cost", "Cost", {}, {}};
  for (const Campaign& c : d.campaigns) {
    if (c.backend == "local")
      section.notes.push_back("Campaign " + c.label +
                              " ran on the local backend: nothing is billed (actual $0), the "
                              "estimate is what the plan would cost on AWS.");
    if (c.simulated())
      section.notes.push_back("Campaign " + c.label + ": actual costs are simulated.");
  }
  section.tables.push_back(
      CostBy(d, "cost-region", "region", [](const Session& s, Market) { return s.region; }));
  section.tables.push_back(
      CostBy(d, "cost-market", "market", [](const Session&, Market m) { return ToString(m); }));
  section.tables.push_back(CostBy(d, "cost-family", "family", [](const Session& s, Market) {
    return FamilyOf(s.instance_type);
  }));
  section.tables.push_back(
      CostBy(d, "cost-type", "type", [](const Session& s, Market) { return s.instance_type; }));
  Table spot = SpotSavings(d, section.notes);
  if (!spot.rows.empty()) section.tables.push_back(std::move(spot));
  Table error = EstimateError(d, section.notes);
  if (!error.rows.empty()) section.tables.push_back(std::move(error));
  return section;
}

}  // namespace report
