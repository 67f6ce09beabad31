// The Execution section: what ran, what did not and why, per campaign.
#include <array>

#include "report/format_number.h"
#include "report/model.h"
#include "report/table_builder.h"

namespace report {
namespace {

constexpr std::array<JobState, 7> kShownStates = {
    JobState::kSucceeded, JobState::kFailed,  JobState::kSkipped, JobState::kUnscheduled,
    JobState::kCancelled, JobState::kPending, JobState::kRunning};

struct Counts {
  std::array<int, kShownStates.size()> by_state{};
  int jobs = 0, attempts = 0, sessions_launched = 0, interruptions = 0, fallbacks = 0,
      launch_errors = 0;
};

Counts CountCampaign(const Dataset& d, size_t campaign) {
  Counts c;
  for (const Job& job : d.jobs) {
    if (job.campaign != campaign) continue;
    ++c.jobs;
    c.interruptions += job.interruptions;
    for (size_t i = 0; i < kShownStates.size(); ++i) c.by_state[i] += job.state == kShownStates[i];
  }
  for (const Session& s : d.sessions) {
    if (s.campaign != campaign) continue;
    c.attempts += s.attempts;
    c.sessions_launched += s.attempts > 0;
    c.fallbacks += s.fell_back_to_on_demand;
  }
  for (const Attempt& a : d.attempts)
    c.launch_errors += a.campaign == campaign && a.outcome == AttemptOutcome::kLaunchError;
  return c;
}

std::string SuccessRate(const Counts& c) {
  // Skipped jobs ran and reported why they do not apply; they are not failures.
  const int decided = c.by_state[0] + c.by_state[1];
  return decided == 0 ? "n/a" : Percent(static_cast<double>(c.by_state[0]) / decided);
}

Table JobsTable(const Dataset& d) {
  std::vector<std::string> columns = {"campaign", "backend", "status", ">jobs"};
  for (JobState state : kShownStates) columns.push_back(std::string(">") + ToString(state));
  for (const char* c : {">success rate", ">wall time", ">attempts", ">retries", ">interruptions",
                        ">launch errors", ">fallbacks"})
    columns.push_back(c);
  Table table = MakeTable("execution-jobs", "Jobs by outcome", columns);
  for (size_t i = 0; i < d.campaigns.size(); ++i) {
    const Campaign& campaign = d.campaigns[i];
    Counts c = CountCampaign(d, i);
    std::vector<std::string> row = {campaign.label, campaign.backend, ToString(campaign.status),
                                    std::to_string(c.jobs)};
    for (int n : c.by_state) row.push_back(std::to_string(n));
    row.push_back(SuccessRate(c));
    row.push_back(Duration(campaign.wall_seconds));
    row.push_back(std::to_string(c.attempts));
    row.push_back(std::to_string(c.attempts - c.sessions_launched));
    row.push_back(std::to_string(c.interruptions));
    row.push_back(std::to_string(c.launch_errors));
    row.push_back(std::to_string(c.fallbacks));
    table.rows.push_back(std::move(row));
  }
  return table;
}

Table ReasonsTable(const Dataset& d) {
  Table table = MakeTable("execution-reasons", "Reasons of failures, skips and unscheduled jobs",
                          {"campaign", "outcome", ">jobs", "reason"});
  for (size_t i = 0; i < d.campaigns.size(); ++i) {
    for (JobState state :
         {JobState::kFailed, JobState::kSkipped, JobState::kUnscheduled, JobState::kCancelled}) {
      Tally reasons;
      for (const Job& job : d.jobs)
        if (job.campaign == i && job.state == state)
          reasons.Add(job.reason.empty() ? "(no reason recorded)" : job.reason);
      for (const auto& [reason, count] : reasons.entries())
        table.rows.push_back(
            {d.campaigns[i].label, ToString(state), std::to_string(count), reason});
    }
  }
  return table;
}

}  // namespace

Section ExecutionSection(const Dataset& d) {
  Section section{"execution", "Execution", {}, {}};
  for (const Campaign& campaign : d.campaigns) {
    if (campaign.simulated())
      section.notes.push_back("Campaign " + campaign.label +
                              " is simulated (backend sim): it holds logistics only. Its jobs "
                              "measured nothing, so no performance figure comes from it.");
    if (!campaign.stop_reason.empty())
      section.notes.push_back("Campaign " + campaign.label + " stopped: " + campaign.stop_reason);
  }
  section.tables.push_back(JobsTable(d));
  Table reasons = ReasonsTable(d);
  if (!reasons.rows.empty()) section.tables.push_back(std::move(reasons));
  return section;
}

}  // namespace report
