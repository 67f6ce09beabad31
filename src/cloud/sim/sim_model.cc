#include "cloud/sim/sim_model.h"

#include <algorithm>

namespace cloud::sim {

uint64_t HashOf(uint64_t seed, std::initializer_list<std::string_view> parts) {
  // FNV-1a over the parts with a separator, then a SplitMix64 finaliser for good low bits.
  uint64_t hash = 1469598103934665603ULL ^ seed;
  for (std::string_view part : parts) {
    for (char c : part) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 1099511628211ULL;
    }
    hash ^= 0xff;
    hash *= 1099511628211ULL;
  }
  hash += 0x9e3779b97f4a7c15ULL;
  hash = (hash ^ (hash >> 30)) * 0xbf58476d1ce4e5b9ULL;
  hash = (hash ^ (hash >> 27)) * 0x94d049bb133111ebULL;
  return hash ^ (hash >> 31);
}

double Draw(uint64_t seed, std::initializer_list<std::string_view> parts) {
  return static_cast<double>(HashOf(seed, parts) >> 11) * 0x1.0p-53;
}

namespace {

// The instant the instance starts shutting down, and why, before any job is considered.
void ApplyStops(const SimConfig& config, const SimInstance& in, int64_t work_end, Timeline& t) {
  std::string attempt = std::to_string(in.attempt);
  int64_t stop = std::min(work_end, in.deadline);
  t.end_reason = work_end <= in.deadline ? "completed" : "deadline";
  if (in.market == "spot" &&
      Draw(config.seed, {"interrupt", in.session, attempt}) < config.interruption_rate) {
    double where = Draw(config.seed, {"interrupt-at", in.session, attempt});
    int64_t notice =
        t.running_at + static_cast<int64_t>(where * static_cast<double>(std::max<int64_t>(
                                                        work_end - t.running_at, 1)));
    if (notice + kInterruptionWarningS < stop) {
      t.interruption_notice = notice;
      stop = notice + kInterruptionWarningS;
      t.end_reason = "interrupted";
    }
  }
  if (in.terminate_at && *in.terminate_at < stop) {
    stop = std::max(*in.terminate_at, in.launched_at);
    t.end_reason = "terminated";
    if (t.interruption_notice && *t.interruption_notice >= stop) t.interruption_notice.reset();
  }
  t.shutting_down_at = stop;
  t.terminated_at = stop + kShutdownS;
}

}  // namespace

Timeline ComputeTimeline(const SimConfig& config, const SimInstance& in) {
  Timeline t;
  std::string attempt = std::to_string(in.attempt);
  t.running_at = in.launched_at + 60 +
                 static_cast<int64_t>(120 * Draw(config.seed, {"boot", in.session, attempt}));
  std::vector<SimJobRun> planned;
  int64_t clock = t.running_at;
  for (const JobSpec& job : in.jobs) {
    double factor = 0.85 + 0.3 * Draw(config.seed, {"duration", job.id, attempt});
    auto duration = std::max<int64_t>(
        1, static_cast<int64_t>(static_cast<double>(job.estimated_duration_s) * factor));
    bool agent_failed = Draw(config.seed, {"agent", job.id, attempt}) < config.agent_failure_rate;
    planned.push_back(SimJobRun{job.id, clock, clock + duration, agent_failed ? "failed" : "ok",
                                agent_failed ? "agent failure (simulated)" : ""});
    clock += duration;
  }
  ApplyStops(config, in, clock, t);
  for (SimJobRun& run : planned) {
    if (run.end <= t.shutting_down_at) {
      t.runs.push_back(run);
    } else if (t.interruption_notice && run.start <= *t.interruption_notice) {
      // The agent polls instance-action and reports the job it had to abandon.
      run.end = *t.interruption_notice;
      run.status = "interrupted";
      run.reason = "spot interruption notice";
      t.runs.push_back(run);
      break;
    } else {
      break;  // cut by the deadline or a terminate call: no result ever arrives
    }
  }
  return t;
}

InstanceState StateAt(const Timeline& timeline, int64_t now) {
  if (now >= timeline.terminated_at) return InstanceState::kTerminated;
  if (now >= timeline.shutting_down_at) return InstanceState::kShuttingDown;
  if (now >= timeline.running_at) return InstanceState::kRunning;
  return InstanceState::kPending;
}

}  // namespace cloud::sim
