#include "plan/placement.h"

#include <algorithm>
#include <limits>

#include "plan/quota.h"

namespace plan {

struct RegionScheduler::WindowState {
  const DayWindow& day_window;
  int budget = 0;
  std::vector<Running> running;      // a min-heap on end
  std::vector<bool> busy;            // per type of the current wave
  std::vector<int> session_counter;  // per type of the current wave
  std::vector<int> used;             // running vCPUs per quota index
  int focus_pending = 0;             // focus jobs of the current wave not yet placed
  bool concurrency_hit = false;      // a session waited because --max-concurrent were running
};

namespace {

bool LaterEnd(const auto& a, const auto& b) { return a.end > b.end; }

}  // namespace

RegionScheduler::RegionScheduler(const Spec& spec, const std::vector<Candidate>& candidates,
                                 const std::vector<int>& mine)
    : spec_(spec), candidates_(candidates) {
  std::map<int, std::vector<TypeQueue>> by_wave;
  std::map<std::pair<int, std::string>, size_t> slot;
  for (int index : mine) {
    const Candidate& c = candidates[static_cast<size_t>(index)];
    std::vector<TypeQueue>& queues = by_wave[c.wave];
    auto [it, added] = slot.try_emplace({c.wave, c.type->name}, queues.size());
    if (added) {
      TypeQueue queue{c.type, {}, {}};
      for (int w = 0; w < kWindowsPerDay; ++w) {
        queue.quota[static_cast<size_t>(w)] =
            QuotaIndex({c.type->quota_class, ChooseMarket(spec.enable_spot, w, c.type->size)});
      }
      queues.push_back(std::move(queue));
    }
    queues[it->second].pending.push_back(index);
  }
  for (auto& [wave, queues] : by_wave) waves_.push_back(std::move(queues));
  remaining_ = static_cast<int>(mine.size());
}

std::vector<int> RegionScheduler::Remaining() const {
  std::vector<int> left;
  for (const auto& queues : waves_) {
    for (const TypeQueue& queue : queues)
      left.insert(left.end(), queue.pending.begin(), queue.pending.end());
  }
  std::sort(left.begin(), left.end());
  return left;
}

int RegionScheduler::QuotaIndex(const QuotaKey& key) {
  auto it = std::find(quota_keys_.begin(), quota_keys_.end(), key);
  if (it != quota_keys_.end()) return static_cast<int>(it - quota_keys_.begin());
  quota_keys_.push_back(key);
  quota_limits_.push_back(EffectiveVcpuQuota(spec_, key));
  return static_cast<int>(quota_keys_.size() - 1);
}

bool RegionScheduler::WaveEmpty() const {
  if (wave_ >= waves_.size()) return true;
  for (const TypeQueue& queue : waves_[wave_]) {
    if (!queue.pending.empty()) return false;
  }
  return true;
}

void RegionScheduler::AdvanceWave() {
  while (wave_ < waves_.size() && WaveEmpty()) ++wave_;
}

void RegionScheduler::PlaceWindow(const DayWindow& day_window) {
  ++windows_seen_;
  AdvanceWave();
  if (wave_ >= waves_.size()) return;
  WindowState state{day_window, day_window.window.max_jobs,
                    {},         {},
                    {},         std::vector<int>(quota_keys_.size(), 0),
                    0,          false};
  size_t state_wave = waves_.size();
  util::TimePoint now = day_window.window.start;
  while (state.budget > 0 && now < day_window.window.end) {
    while (!state.running.empty() && state.running.front().end <= now) {
      const Running& done = state.running.front();
      state.used[static_cast<size_t>(done.quota)] -= done.vcpus;
      if (static_cast<size_t>(done.wave_slot) == wave_)
        state.busy[static_cast<size_t>(done.type_slot)] = false;
      std::pop_heap(state.running.begin(), state.running.end(), LaterEnd<Running, Running>);
      state.running.pop_back();
    }
    if (WaveEmpty()) {
      // One wave at a time: the next wave starts once everything of this one has ended.
      if (!state.running.empty()) {
        now = std::max_element(state.running.begin(), state.running.end(),
                               [](const Running& a, const Running& b) { return a.end < b.end; })
                  ->end;
        continue;
      }
      AdvanceWave();
      if (wave_ >= waves_.size()) break;
    }
    if (state_wave != wave_) {
      state_wave = wave_;
      state.busy.assign(waves_[wave_].size(), false);
      state.session_counter.assign(waves_[wave_].size(), 0);
      state.focus_pending = 0;
      for (const TypeQueue& queue : waves_[wave_]) {
        for (int index : queue.pending) {
          state.focus_pending +=
              InFocus(day_window.window.focus, candidates_[static_cast<size_t>(index)].category);
        }
      }
    }
    TryStartAll(state, now);
    if (state.running.empty()) break;  // nothing runs and nothing could start: time will not help
    now = state.running.front().end;
  }
  if (state.budget == 0) ++windows_full_;
  if (state.concurrency_hit) ++windows_concurrency_bound_;
}

bool RegionScheduler::TryStartAll(WindowState& state, util::TimePoint now) {
  const std::vector<Category>& focus = state.day_window.window.focus;
  std::vector<TypeQueue>& queues = waves_[wave_];
  auto first_priority = [&](const TypeQueue& queue, bool focus_only) {
    for (int index : queue.pending) {
      const Candidate& c = candidates_[static_cast<size_t>(index)];
      if (!focus_only || InFocus(focus, c.category)) return c.job.priority;
    }
    return -1;
  };
  bool started = false;
  bool focus_blocked = false;
  // Within one instant usage only grows, so a quota that refused v vCPUs refuses v or more.
  std::vector<int> refused_from(quota_keys_.size(), std::numeric_limits<int>::max());
  for (bool focus_only : {true, false}) {
    if (!focus_only && focus_blocked) break;  // focus jobs are waiting for room: others wait too
    std::vector<std::pair<int, size_t>> order;
    for (size_t slot = 0; slot < queues.size(); ++slot) {
      if (state.busy[slot]) continue;
      int priority = first_priority(queues[slot], focus_only);
      if (priority >= 0) order.emplace_back(priority, slot);
    }
    if (!order.empty() && static_cast<int>(state.running.size()) >= spec_.max_concurrent) {
      state.concurrency_hit = true;
      return started;
    }
    std::sort(order.begin(), order.end());
    for (const auto& [priority, slot] : order) {
      if (state.budget == 0 || static_cast<int>(state.running.size()) >= spec_.max_concurrent)
        return started;
      int vcpus = queues[slot].type->vcpus;
      int& refused = refused_from[static_cast<size_t>(
          queues[slot].quota[static_cast<size_t>(state.day_window.window_index)])];
      int result = vcpus >= refused ? -1 : TryStart(state, now, static_cast<int>(slot), focus_only);
      if (result < 0) refused = std::min(refused, vcpus);
      started = started || result > 0;
      if (focus_only && result < 0) focus_blocked = true;
    }
  }
  return started;
}

// Takes the type's pending jobs that fit `room` seconds and the window's remaining job
// budget, in priority order. With `focus_only`, focus jobs first; other jobs of the type
// join the same session only when these were the last focus jobs waiting in the window
// (so the instance's boot serves them too). The rest stay pending.
PlacedSession RegionScheduler::Pack(TypeQueue& queue, const WindowState& state, util::TimePoint now,
                                    int64_t room, bool focus_only) const {
  const Window& window = state.day_window.window;
  PlacedSession placed;
  int64_t used_s = 0;
  int focus_taken = 0;
  std::vector<bool> taken(queue.pending.size(), false);
  auto take = [&](bool only_focus) {
    for (size_t i = 0; i < queue.pending.size(); ++i) {
      const Candidate& c = candidates_[static_cast<size_t>(queue.pending[i])];
      bool focus = InFocus(window.focus, c.category);
      if (taken[i] || (only_focus && !focus) ||
          static_cast<int>(placed.candidates.size()) >= state.budget ||
          used_s + c.job.estimated_duration_s > room) {
        continue;
      }
      taken[i] = true;
      placed.job_starts.push_back(now + std::chrono::seconds(spec_.cost.boot_overhead_s + used_s));
      placed.candidates.push_back(queue.pending[i]);
      placed.in_focus.push_back(focus);
      used_s += c.job.estimated_duration_s;
      focus_taken += focus ? 1 : 0;
    }
  };
  take(focus_only);
  if (focus_only && focus_taken > 0 && focus_taken == state.focus_pending) take(false);
  std::vector<int> kept;
  for (size_t i = 0; i < queue.pending.size(); ++i) {
    if (!taken[i]) kept.push_back(queue.pending[i]);
  }
  queue.pending = std::move(kept);
  placed.session.start = now;
  placed.session.end = now + std::chrono::seconds(spec_.cost.boot_overhead_s + used_s);
  return placed;
}

int RegionScheduler::TryStart(WindowState& state, util::TimePoint now, int type_slot,
                              bool focus_only) {
  const DayWindow& dw = state.day_window;
  TypeQueue& queue = waves_[wave_][static_cast<size_t>(type_slot)];
  const catalog::InstanceType& type = *queue.type;
  int quota = queue.quota[static_cast<size_t>(dw.window_index)];
  int& used = state.used[static_cast<size_t>(quota)];
  if (used + type.vcpus > quota_limits_[static_cast<size_t>(quota)]) return -1;
  int64_t room = std::min<int64_t>(spec_.cost.max_session_s, (dw.window.end - now).count()) -
                 spec_.cost.boot_overhead_s;
  PlacedSession placed = Pack(queue, state, now, room, focus_only);
  if (placed.candidates.empty()) return 0;
  int number = ++state.session_counter[static_cast<size_t>(type_slot)];
  Session& s = placed.session;
  s.id = dw.window.id + "/" + type.name + "/" + std::to_string(number);
  s.region = dw.window.region;
  s.instance_type = type.name;
  s.vcpus = type.vcpus;
  s.quota_class = type.quota_class;
  s.market = quota_keys_[static_cast<size_t>(quota)].market;
  s.window = dw.window.id;
  for (int index : placed.candidates)
    s.jobs.push_back(candidates_[static_cast<size_t>(index)].job.id);
  placed.day_index = dw.day_index;
  state.budget -= static_cast<int>(placed.candidates.size());
  state.focus_pending -=
      static_cast<int>(std::count(placed.in_focus.begin(), placed.in_focus.end(), true));
  remaining_ -= static_cast<int>(placed.candidates.size());
  used += type.vcpus;
  state.busy[static_cast<size_t>(type_slot)] = true;
  state.running.push_back({s.end, static_cast<int>(wave_), type_slot, quota, type.vcpus});
  std::push_heap(state.running.begin(), state.running.end(), LaterEnd<Running, Running>);
  sessions_.push_back(std::move(placed));
  return 1;
}

}  // namespace plan
