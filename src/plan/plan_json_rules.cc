#include "plan/plan_json_rules.h"

#include <map>
#include <set>
#include <string>

#include "util/json_reader.h"

namespace plan {
namespace {

std::string Span(util::TimePoint start, util::TimePoint end) {
  return util::FormatIso8601Utc(start) + " .. " + util::FormatIso8601Utc(end);
}

std::map<std::string, size_t> CheckWindows(const Plan& plan) {
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < plan.windows.size(); ++i) {
    const Window& window = plan.windows[i];
    std::string where = util::JsonIndexPath("windows", i);
    if (!index.emplace(window.id, i).second)
      util::JsonFailAt(where + ".id", "duplicate window id '" + window.id + "'");
    if (window.end <= window.start) util::JsonFailAt(where + ".end", "must be after start");
  }
  return index;
}

std::map<std::string, size_t> CheckSessions(const Plan& plan,
                                            const std::map<std::string, size_t>& windows) {
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < plan.sessions.size(); ++i) {
    const Session& session = plan.sessions[i];
    std::string where = util::JsonIndexPath("sessions", i);
    if (!index.emplace(session.id, i).second)
      util::JsonFailAt(where + ".id", "duplicate session id '" + session.id + "'");
    auto window_it = windows.find(session.window);
    if (window_it == windows.end())
      util::JsonFailAt(where + ".window", "unknown window id '" + session.window + "'");
    const Window& window = plan.windows[window_it->second];
    if (window.region != session.region) {
      util::JsonFailAt(where + ".region", "is '" + session.region + "' but its window '" +
                                              window.id + "' is in '" + window.region + "'");
    }
    if (session.end <= session.start) util::JsonFailAt(where + ".end", "must be after start");
    if (session.start < window.start || session.end > window.end) {
      util::JsonFailAt(where, "runs " + Span(session.start, session.end) +
                                  ", outside its window '" + window.id + "' (" +
                                  Span(window.start, window.end) + ")");
    }
  }
  return index;
}

std::map<std::string, size_t> CheckJobs(const Plan& plan,
                                        const std::map<std::string, size_t>& sessions) {
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < plan.jobs.size(); ++i) {
    const Job& job = plan.jobs[i];
    std::string where = util::JsonIndexPath("jobs", i);
    if (!index.emplace(job.id, i).second)
      util::JsonFailAt(where + ".id", "duplicate job id '" + job.id + "'");
    auto session_it = sessions.find(job.session);
    if (session_it == sessions.end())
      util::JsonFailAt(where + ".session", "unknown session id '" + job.session + "'");
    const Session& session = plan.sessions[session_it->second];
    if (job.region != session.region) {
      util::JsonFailAt(where + ".region", "is '" + job.region + "' but its session '" + session.id +
                                              "' is in '" + session.region + "'");
    }
    if (job.instance_type != session.instance_type) {
      util::JsonFailAt(where + ".instance_type", "is '" + job.instance_type +
                                                     "' but its session '" + session.id +
                                                     "' runs '" + session.instance_type + "'");
    }
    if (job.end < job.start) util::JsonFailAt(where + ".end", "must not be before start");
    if (job.start < session.start || job.end > session.end) {
      util::JsonFailAt(where, "runs " + Span(job.start, job.end) + ", outside its session '" +
                                  session.id + "' (" + Span(session.start, session.end) + ")");
    }
  }
  std::set<std::string> unscheduled;
  for (size_t i = 0; i < plan.unscheduled.size(); ++i) {
    const std::string& id = plan.unscheduled[i].job.id;
    if (index.count(id) > 0 || !unscheduled.insert(id).second) {
      util::JsonFailAt(util::JsonIndexPath("unscheduled", i) + ".job.id",
                       "duplicate job id '" + id + "'");
    }
  }
  return index;
}

void CheckSessionJobLists(const Plan& plan, const std::map<std::string, size_t>& jobs) {
  std::vector<int> listed(plan.jobs.size(), 0);
  for (size_t i = 0; i < plan.sessions.size(); ++i) {
    const Session& session = plan.sessions[i];
    if (session.jobs.empty())
      util::JsonFailAt(util::JsonIndexPath("sessions", i) + ".jobs", "must list at least one job");
    for (size_t k = 0; k < session.jobs.size(); ++k) {
      std::string where = util::JsonIndexPath(util::JsonIndexPath("sessions", i) + ".jobs", k);
      auto job_it = jobs.find(session.jobs[k]);
      if (job_it == jobs.end()) util::JsonFailAt(where, "unknown job id '" + session.jobs[k] + "'");
      const Job& job = plan.jobs[job_it->second];
      if (job.session != session.id) {
        util::JsonFailAt(where, "job '" + job.id + "' belongs to session '" + job.session +
                                    "', not '" + session.id + "'");
      }
      if (++listed[job_it->second] > 1)
        util::JsonFailAt(where, "job '" + job.id + "' is listed twice");
    }
  }
  for (size_t i = 0; i < plan.jobs.size(); ++i) {
    if (listed[i] == 0) {
      util::JsonFailAt(
          util::JsonIndexPath("jobs", i) + ".session",
          "session '" + plan.jobs[i].session + "' does not list job '" + plan.jobs[i].id + "'");
    }
  }
}

void CheckSummaryCounts(const Plan& plan) {
  auto check = [](const char* field, int claimed, size_t actual, const std::string& what) {
    if (claimed < 0 || static_cast<size_t>(claimed) != actual) {
      util::JsonFailAt(std::string("summary.") + field, "is " + std::to_string(claimed) +
                                                            " but the plan has " +
                                                            std::to_string(actual) + " " + what);
    }
  };
  check("jobs_total", plan.summary.jobs_total, plan.jobs.size() + plan.unscheduled.size(),
        "jobs (scheduled and unscheduled)");
  check("jobs_scheduled", plan.summary.jobs_scheduled, plan.jobs.size(), "scheduled jobs");
  check("sessions", plan.summary.sessions, plan.sessions.size(), "sessions");
}

}  // namespace

void CheckLoadedPlan(const Plan& plan) {
  auto windows = CheckWindows(plan);
  auto sessions = CheckSessions(plan, windows);
  auto jobs = CheckJobs(plan, sessions);
  CheckSessionJobLists(plan, jobs);
  CheckSummaryCounts(plan);
}

}  // namespace plan
