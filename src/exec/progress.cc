#include "exec/progress.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

namespace exec {

using util::FromSeconds;

namespace {

std::string Money(double usd) {
  char text[32];
  std::snprintf(text, sizeof text, "$%.2f", usd);
  return text;
}

std::string Duration(int64_t seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%lldh%02lldm%02llds", static_cast<long long>(seconds / 3600),
                static_cast<long long>(seconds / 60 % 60), static_cast<long long>(seconds % 60));
  return text;
}

}  // namespace

Progress ComputeProgress(const State& state) {
  Progress p;
  p.status = state.campaign.status;
  for (const store::JobRow& job : state.jobs) {
    ++p.total;
    switch (job.state) {
      case store::JobState::kPending:
        (job.tries > 0 ? p.retrying : p.pending) += 1;
        break;
      case store::JobState::kRunning:
        ++p.running;
        break;
      case store::JobState::kSucceeded:
      case store::JobState::kSkipped:
        ++p.completed;
        break;
      case store::JobState::kFailed:
        ++p.failed;
        break;
      case store::JobState::kUnscheduled:
        ++p.unscheduled;
        break;
      case store::JobState::kCancelled:
        ++p.cancelled;
        break;
    }
  }
  int settled = p.completed + p.failed + p.unscheduled;
  p.percent = p.total == 0 ? 100.0 : 100.0 * settled / p.total;
  for (const store::SessionRow& session : state.sessions) {
    if (store::IsSettled(session.state) || !state.window_index.count(session.window)) continue;
    util::TimePoint end = FromSeconds(state.window(session.window).end);
    if (!p.eta || end > *p.eta) p.eta = end;
  }
  p.spent_usd = state.SpentUsd();
  p.estimated_usd = state.campaign.estimated_cost_usd;
  return p;
}

Summary ComputeSummary(const State& state) {
  Summary s;
  s.campaign = state.campaign.id;
  s.status = state.campaign.status;
  s.stop_reason = state.campaign.stop_reason;
  for (const store::JobRow& job : state.jobs) {
    ++s.jobs_total;
    if (job.state == store::JobState::kSucceeded) ++s.succeeded;
    if (job.state == store::JobState::kSkipped) ++s.skipped;
    if (job.state == store::JobState::kFailed) {
      ++s.failed;
      ++s.failure_reasons[job.reason.empty() ? "no reason given" : job.reason];
    }
    if (job.state == store::JobState::kUnscheduled) {
      ++s.unscheduled;
      ++s.unscheduled_reasons[job.reason];
    }
    if (job.state == store::JobState::kCancelled) ++s.cancelled;
  }
  s.success_rate =
      s.jobs_total == 0 ? 0 : static_cast<double>(s.succeeded + s.skipped) / s.jobs_total;
  std::map<std::string, int> per_session;
  for (const store::AttemptRow& attempt : state.attempts) {
    ++s.attempts;
    if (++per_session[attempt.session] > 1) ++s.retries;
    if (attempt.outcome == store::AttemptOutcome::kInterrupted) ++s.interruptions;
    if (attempt.launched_at > 0 &&
        (!s.first_launch || FromSeconds(attempt.launched_at) < *s.first_launch)) {
      s.first_launch = FromSeconds(attempt.launched_at);
    }
    if (attempt.ended_at > 0 && (!s.last_end || FromSeconds(attempt.ended_at) > *s.last_end)) {
      s.last_end = FromSeconds(attempt.ended_at);
    }
  }
  for (const store::SessionRow& session : state.sessions)
    s.fallbacks += session.fell_back_to_on_demand;
  s.wall_seconds = state.campaign.wall_seconds;
  s.estimated_usd = state.campaign.estimated_cost_usd;
  s.actual_usd = state.SpentUsd();
  return s;
}

std::string FormatProgressLine(const Progress& p) {
  char text[256];
  std::snprintf(text, sizeof text,
                "%5.1f%% done: %d completed, %d failed, %d running, %d pending, %d retrying, "
                "%d unscheduled of %d; spent %s of %s estimated",
                p.percent, p.completed, p.failed, p.running, p.pending, p.retrying, p.unscheduled,
                p.total, Money(p.spent_usd).c_str(), Money(p.estimated_usd).c_str());
  std::string line = text;
  if (p.eta) line += "; ETA " + util::FormatIso8601Utc(*p.eta);
  return line;
}

std::string FormatProgressBar(const Progress& p, int width) {
  auto filled = static_cast<int>(p.percent / 100.0 * width);
  filled = std::clamp(filled, 0, width);
  return "[" + std::string(static_cast<size_t>(filled), '#') +
         std::string(static_cast<size_t>(width - filled), '.') + "] " + FormatProgressLine(p);
}

std::string FormatSummary(const Summary& s, bool simulated) {
  std::ostringstream out;
  out << "Execution summary" << (simulated ? " (SIMULATED: logistics only, no measurements)" : "")
      << "\n  campaign        " << s.campaign << " (" << store::ToString(s.status)
      << (s.stop_reason.empty() ? "" : ": " + s.stop_reason) << ")\n"
      << "  jobs            " << s.jobs_total << " total, " << s.succeeded << " succeeded, "
      << s.skipped << " skipped, " << s.failed << " failed, " << s.unscheduled << " unscheduled, "
      << s.cancelled << " cancelled\n";
  char rate[32];
  std::snprintf(rate, sizeof rate, "%.1f%%", 100.0 * s.success_rate);
  out << "  success rate    " << rate << "\n";
  for (const auto& [reason, count] : s.failure_reasons)
    out << "  failed          " << count << " x " << reason << "\n";
  for (const auto& [reason, count] : s.unscheduled_reasons)
    out << "  unscheduled     " << count << " x " << reason << "\n";
  out << "  launches        " << s.attempts << " attempts, " << s.retries << " retries, "
      << s.interruptions << " spot interruptions, " << s.fallbacks << " spot->on-demand fallbacks\n"
      << "  wall time       " << Duration(s.wall_seconds) << " (controller)";
  if (s.first_launch && s.last_end) {
    out << ", " << Duration((*s.last_end - *s.first_launch).count()) << " first launch to last end"
        << (simulated ? " (virtual)" : "");
  }
  out << "\n  cost            " << Money(s.actual_usd) << " actual"
      << (simulated ? " (simulated)" : "") << " vs " << Money(s.estimated_usd) << " estimated\n";
  return out.str();
}

std::string ProgressJson(const Progress& p, const Summary& s, bool simulated) {
  nlohmann::json j = {
      {"campaign", s.campaign},
      {"status", store::ToString(p.status)},
      {"simulated", simulated},
      {"stop_reason", s.stop_reason},
      {"jobs",
       {{"total", p.total},
        {"pending", p.pending},
        {"retrying", p.retrying},
        {"running", p.running},
        {"completed", p.completed},
        {"failed", p.failed},
        {"unscheduled", p.unscheduled},
        {"cancelled", p.cancelled}}},
      {"percent_done", p.percent},
      {"eta", p.eta ? nlohmann::json(util::FormatIso8601Utc(*p.eta)) : nlohmann::json(nullptr)},
      {"spent_usd", p.spent_usd},
      {"estimated_usd", p.estimated_usd},
      {"retries", s.retries},
      {"interruptions", s.interruptions},
      {"fallbacks", s.fallbacks},
      {"success_rate", s.success_rate},
  };
  return j.dump(2);
}

}  // namespace exec
