#pragma once
// The numbers `status` and the end-of-run summary show, computed from the journal's rows
// (never from an executor's memory), plus their text and JSON renderings.

#include <map>
#include <optional>
#include <string>

#include "exec/state.h"
#include "util/time.h"

namespace exec {

struct Progress {
  int total = 0;
  int pending = 0;
  int retrying = 0;  // pending again after an attempt that did not finish them
  int running = 0;
  int completed = 0;  // succeeded or skipped
  int failed = 0;
  int unscheduled = 0;
  int cancelled = 0;
  double percent = 0;                  // settled jobs (completed, failed, unscheduled) over total
  std::optional<util::TimePoint> eta;  // end of the last window still holding work
  double spent_usd = 0;
  double estimated_usd = 0;
  store::CampaignStatus status = store::CampaignStatus::kPending;
};

struct Summary {
  std::string campaign;
  store::CampaignStatus status = store::CampaignStatus::kPending;
  std::string stop_reason;
  int jobs_total = 0;
  int succeeded = 0;
  int skipped = 0;
  int failed = 0;
  int unscheduled = 0;
  int cancelled = 0;
  std::map<std::string, int> failure_reasons;
  std::map<std::string, int> unscheduled_reasons;
  double success_rate = 0;
  int attempts = 0;
  int retries = 0;  // launch attempts beyond each session's first
  int interruptions = 0;
  int fallbacks = 0;  // sessions that fell back from spot to on-demand
  int64_t wall_seconds = 0;
  std::optional<util::TimePoint> first_launch;
  std::optional<util::TimePoint> last_end;
  double estimated_usd = 0;
  double actual_usd = 0;
};

Progress ComputeProgress(const State& state);
Summary ComputeSummary(const State& state);

std::string FormatProgressLine(const Progress& progress);
std::string FormatProgressBar(const Progress& progress, int width);
std::string FormatSummary(const Summary& summary, bool simulated);
// `simulated`: the campaign runs on a simulated backend (logistics only, no measured numbers).
std::string ProgressJson(const Progress& progress, const Summary& summary, bool simulated);

}  // namespace exec
