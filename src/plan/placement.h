#pragma once
// Placement of one region's jobs on an exact timeline, window after window. Sessions
// never leave their window, so every window starts with nothing running and the state
// carried from one window to the next is only: jobs still to place and the current wave.
// Because nothing looks ahead, running more windows after the last one continues the
// same plan; the remedies use that to find how many more days a job needs.

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "plan/jobs.h"
#include "plan/model.h"
#include "plan/spec.h"
#include "plan/windows.h"

namespace plan {

struct PlacedSession {
  Session session;              // cost not yet set
  std::vector<int> candidates;  // indices into the candidate list, in run order
  std::vector<util::TimePoint> job_starts;
  std::vector<bool> in_focus;
  int day_index = 0;
};

class RegionScheduler {
 public:
  // `candidates` is the whole list; `mine` are the indices of this region's jobs, in
  // priority order within each type.
  RegionScheduler(const Spec& spec, const std::vector<Candidate>& candidates,
                  const std::vector<int>& mine);

  void PlaceWindow(const DayWindow& window);

  int remaining() const { return remaining_; }
  const std::vector<PlacedSession>& sessions() const { return sessions_; }
  std::vector<PlacedSession> TakeSessions() { return std::move(sessions_); }
  std::vector<int> Remaining() const;  // candidate indices still unplaced
  int windows_seen() const { return windows_seen_; }
  int windows_full() const { return windows_full_; }  // windows that used their whole job cap
  // Windows in which a session had to wait because --max-concurrent sessions were running.
  int windows_concurrency_bound() const { return windows_concurrency_bound_; }

 private:
  struct TypeQueue {
    const catalog::InstanceType* type = nullptr;
    std::vector<int> pending;                 // candidate indices, priority order
    std::array<int, kWindowsPerDay> quota{};  // index into quota_keys_, per window of the day
  };
  struct Running {
    util::TimePoint end;
    int wave_slot;
    int type_slot;
    int quota;
    int vcpus;
  };
  struct WindowState;

  bool TryStartAll(WindowState& state, util::TimePoint now);
  // 1 started, 0 nothing fits in time or budget, -1 blocked by concurrency or quota.
  int TryStart(WindowState& state, util::TimePoint now, int type_slot, bool focus_only);
  PlacedSession Pack(TypeQueue& queue, const WindowState& state, util::TimePoint now, int64_t room,
                     bool focus_only) const;
  int QuotaIndex(const QuotaKey& key);
  void AdvanceWave();
  bool WaveEmpty() const;

  const Spec& spec_;
  const std::vector<Candidate>& candidates_;
  std::vector<std::vector<TypeQueue>> waves_;  // ascending wave number
  size_t wave_ = 0;
  int remaining_ = 0;
  // Quota keys met by this region's types, with their limits, so that the hot path compares
  // integers rather than class names.
  std::vector<QuotaKey> quota_keys_;
  std::vector<int> quota_limits_;
  std::vector<PlacedSession> sessions_;
  int windows_seen_ = 0;
  int windows_full_ = 0;
  int windows_concurrency_bound_ = 0;
};

}  // namespace plan
