#include "cli/plan_table.h"

#include <date/date.h>

#include <algorithm>
#include <cstdint>
#include <iomanip>
#include <map>
#include <set>
#include <sstream>

#include "cli/table.h"
#include "util/strings.h"

namespace cli {
namespace {

std::string Usd(double value) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(2) << value;
  return out.str();
}

std::string ClockTime(util::TimePoint instant, const std::string& zone) {
  return date::format("%H:%M", util::UtcToLocal(instant, zone));
}

// Every quota the plan was made against, with where it came from (the account's own, the
// user's --vcpu-quota, or AWS's new-account default).
void PrintQuotas(const plan::Spec& spec, std::ostream& out) {
  std::vector<std::string> quotas;
  for (const auto& [key, vcpus] : spec.vcpu_quotas) {
    auto source = spec.vcpu_quota_sources.find(key);
    quotas.push_back(
        catalog::FormatQuotaKey(key) + " " + std::to_string(vcpus) + " (" +
        (source == spec.vcpu_quota_sources.end() ? "default" : plan::ToString(source->second)) +
        ")");
  }
  if (!quotas.empty()) out << "vCPU quotas: " << util::Join(quotas, ", ") << "\n";
}

void PrintHeader(const plan::Plan& plan, const std::string& zone, std::ostream& out) {
  const plan::Spec& spec = plan.spec;
  out << "Campaign plan: " << util::Join(spec.regions, ", ") << "; " << spec.days << " days from "
      << util::FormatIso8601(spec.start, zone) << "\n"
      << "Caps per region: " << spec.max_daily_jobs << " jobs a day, " << spec.max_concurrent
      << " instances at once\n";
  if (spec.instance_size_waves) {
    out << "Waves: on. In each region the sizes run in waves, in order (1: large and smaller, "
           "2: xlarge, 3: 2xlarge, 4: 4xlarge and larger), one wave at a time, and never two "
           "instances of the same family and size at once.\n";
  } else {
    out << "Waves: off. Sizes may run side by side; still never two instances of the same "
           "family and size at once in a region.\n";
  }
  PrintQuotas(spec, out);
  out << (spec.enable_spot
              ? "Markets: spot on. xlarge and larger run on spot; in evening windows every size "
                "runs on spot; otherwise on-demand.\n"
              : "Markets: spot off. Every session runs on-demand.\n")
      << "\n";
}

void PrintSessions(const plan::Plan& plan, std::ostream& out) {
  std::map<std::string, const plan::Window*> windows;
  for (const plan::Window& window : plan.windows) windows[window.id] = &window;
  std::map<std::string, const plan::Job*> jobs;
  for (const plan::Job& job : plan.jobs) jobs[job.id] = &job;
  bool many_regions = plan.spec.regions.size() > 1;
  std::vector<std::string> headers = {"date",   "window", "start",      "end",    "type",
                                      "market", "jobs",   "benchmarks", "est_usd"};
  if (many_regions) headers.insert(headers.begin(), "region");
  Table table(headers);
  for (const plan::Session& session : plan.sessions) {
    const plan::Window* window = windows.at(session.window);
    std::vector<std::string> benchmarks;
    for (const std::string& id : session.jobs) benchmarks.push_back(jobs.at(id)->benchmark);
    std::vector<std::string> row = {
        util::FormatDate(util::LocalDay(session.start, window->timezone)),
        window->name,
        ClockTime(session.start, window->timezone),
        ClockTime(session.end, window->timezone),
        session.instance_type,
        plan::ToString(session.market),
        std::to_string(session.jobs.size()),
        util::Join(benchmarks, ","),
        Usd(session.estimated_cost_usd)};
    if (many_regions) row.insert(row.begin(), session.region);
    table.AddRow(row);
  }
  out << "Sessions (one instance each; its jobs run back to back):\n";
  table.Print(out);
}

// Jobs of one type that share a reason and remedy are one row, so that a quota or a cap
// that blocks a whole type reads as one line rather than one per variant.
void PrintUnscheduled(const plan::Plan& plan, std::ostream& out) {
  if (plan.unscheduled.empty()) {
    out << "\nUnscheduled: none. Every job has a place.\n";
    return;
  }
  out << "\nUnscheduled (" << plan.unscheduled.size() << " jobs could not be placed):\n";
  Table table({"region", "type", "benchmarks", "reason", "remedy"});
  std::vector<std::string> benchmarks;
  for (size_t i = 0; i < plan.unscheduled.size(); ++i) {
    const plan::Unscheduled& entry = plan.unscheduled[i];
    benchmarks.push_back(entry.job.benchmark);
    const plan::Unscheduled* next =
        i + 1 < plan.unscheduled.size() ? &plan.unscheduled[i + 1] : nullptr;
    bool same_group = next && next->job.region == entry.job.region &&
                      next->job.instance_type == entry.job.instance_type &&
                      next->reason == entry.reason && next->remedy == entry.remedy;
    if (same_group) continue;
    table.AddRow({entry.job.region, entry.job.instance_type, util::Join(benchmarks, ","),
                  entry.reason, entry.remedy});
    benchmarks.clear();
  }
  table.Print(out);
}

// One row per variant and estimate: which estimate its scheduled jobs used (the model's, or
// the model's corrected by the runs of a --durations source) and the range of durations.
void PrintEstimates(const plan::Plan& plan, std::ostream& out) {
  struct Range {
    size_t jobs = 0;
    int64_t shortest = INT64_MAX;
    int64_t longest = 0;
  };
  std::map<std::pair<std::string, std::string>, Range> ranges;
  for (const plan::Job& job : plan.jobs) {
    Range& range = ranges[{job.benchmark, plan::FormatEstimate(job.estimate, job.estimate_source)}];
    ++range.jobs;
    range.shortest = std::min(range.shortest, job.estimated_duration_s);
    range.longest = std::max(range.longest, job.estimated_duration_s);
  }
  if (ranges.empty()) return;
  Table table({"benchmark", "jobs", "est_s", "estimate"});
  for (const auto& [key, range] : ranges) {
    std::string seconds = std::to_string(range.shortest);
    if (range.longest != range.shortest) seconds += "-" + std::to_string(range.longest);
    table.AddRow({key.first, std::to_string(range.jobs), seconds, key.second});
  }
  out << "\nDuration estimates of the scheduled jobs (docs/planning.md, \"Durations\"):\n";
  table.Print(out);
}

void PrintSummary(const plan::Plan& plan, std::ostream& out) {
  const plan::Summary& s = plan.summary;
  std::ostringstream share;
  share << std::fixed << std::setprecision(1) << s.focus_share * 100 << "%";
  out << "\nSummary\n"
      << "  jobs:            " << s.jobs_total << " total, " << s.jobs_scheduled << " scheduled, "
      << s.jobs_total - s.jobs_scheduled << " unscheduled\n"
      << "  sessions:        " << s.sessions << " (launches)\n"
      << "  days used:       " << s.days_used << " of " << plan.spec.days << "\n"
      << "  estimated cost:  USD " << Usd(s.estimated_cost_usd) << " with spot as planned, USD "
      << Usd(s.estimated_cost_on_demand_usd) << " all on-demand\n"
      << "  cost lower bound: USD " << Usd(s.cost_lower_bound_usd) << "\n"
      << "  focus:           " << share.str() << " of scheduled jobs in a window of their focus\n";
}

}  // namespace

void PrintPlanTable(const plan::Plan& plan, std::ostream& out) {
  std::string zone = plan.spec.timezone.value_or(
      plan.windows.empty() ? std::string("UTC") : plan.windows.front().timezone);
  PrintHeader(plan, zone, out);
  PrintSessions(plan, out);
  PrintUnscheduled(plan, out);
  PrintEstimates(plan, out);
  PrintSummary(plan, out);
}

}  // namespace cli
