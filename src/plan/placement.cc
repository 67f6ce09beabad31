#include "plan/placement.h"

#include <algorithm>

#include "plan/quota.h"

namespace plan {

struct RegionScheduler::WindowState {
  const DayWindow& day_window;
  int budget = 0;
  std::vector<Running> running;     // a min-heap on end
  std::vector<bool> busy;           // per type of the current wave
  std::vector<int> session_counter; // per type of the current wave
  std::map<QuotaKey, int> used;
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
    if (added) queues.push_back({c.type, {}});
    queues[it->second].pending.push_back(index);
  }
  for (auto& [wave, queues] : by_wave) waves_.push_back(std::move(queues));
  remaining_ = static_cast<int>(mine.size());
}

std::vector<int> RegionScheduler::Remaining() const {
  std::vector<int> left;
  for (const auto& queues : waves_) {
    for (const TypeQueue& queue : queues) left.insert(left.end(), queue.pending.begin(), queue.pending.end());
  }
  std::sort(left.begin(), left.end());
  return left;
}

int RegionScheduler::QuotaOf(const QuotaKey& key) {
  auto it = quota_cache_.find(key);
  if (it == quota_cache_.end()) it = quota_cache_.emplace(key, EffectiveVcpuQuota(spec_, key)).first;
  return it->second;
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
  WindowState state{day_window, day_window.window.max_jobs, {}, {}, {}, {}};
  size_t state_wave = waves_.size();
  util::TimePoint now = day_window.window.start;
  while (state.budget > 0 && now < day_window.window.end) {
    while (!state.running.empty() && state.running.front().end <= now) {
      const Running& done = state.running.front();
      state.used[done.quota] -= done.vcpus;
      if (static_cast<size_t>(done.wave_slot) == wave_) state.busy[static_cast<size_t>(done.type_slot)] = false;
      std::pop_heap(state.running.begin(), state.running.end(), LaterEnd<Running, Running>);
      state.running.pop_back();
    }
    if (WaveEmpty()) {
      // One wave at a time: the next wave starts once everything of this one has ended.
      if (!state.running.empty()) {
        now = std::max_element(state.running.begin(), state.running.end(),
                               [](const Running& a, const Running& b) { return a.end < b.end; })->end;
        continue;
      }
      AdvanceWave();
      if (wave_ >= waves_.size()) break;
    }
    if (state_wave != wave_) {
      state_wave = wave_;
      state.busy.assign(waves_[wave_].size(), false);
      state.session_counter.assign(waves_[wave_].size(), 0);
    }
    TryStartAll(state, now);
    if (state.running.empty()) break;  // nothing runs and nothing could start: time will not help
    now = state.running.front().end;
  }
  if (state.budget == 0) ++windows_full_;
}

bool RegionScheduler::TryStartAll(WindowState& state, util::TimePoint now) {
  const std::vector<Category>& focus = state.day_window.window.focus;
  std::vector<TypeQueue>& queues = waves_[wave_];
  auto first_priority = [&](const TypeQueue& queue, bool focus_only) {
    for (int index : queue.pending) {
      const Candidate& c = candidates_[static_cast<size_t>(index)];
      if (!focus_only || InFocus(focus, c.variant->category)) return c.job.priority;
    }
    return -1;
  };
  bool started = false;
  bool focus_blocked = false;
  for (bool focus_only : {true, false}) {
    if (!focus_only && focus_blocked) break;  // focus jobs are waiting for room: others wait too
    std::vector<std::pair<int, size_t>> order;
    for (size_t slot = 0; slot < queues.size(); ++slot) {
      if (state.busy[slot]) continue;
      int priority = first_priority(queues[slot], focus_only);
      if (priority >= 0) order.emplace_back(priority, slot);
    }
    std::sort(order.begin(), order.end());
    for (const auto& [priority, slot] : order) {
      if (state.budget == 0) return started;
      int result = TryStart(state, now, static_cast<int>(slot), focus_only);
      started = started || result > 0;
      if (focus_only && result < 0) focus_blocked = true;
    }
  }
  return started;
}

int RegionScheduler::TryStart(WindowState& state, util::TimePoint now, int type_slot, bool focus_only) {
  const DayWindow& dw = state.day_window;
  TypeQueue& queue = waves_[wave_][static_cast<size_t>(type_slot)];
  const catalog::InstanceType& type = *queue.type;
  QuotaKey quota{type.quota_class, ChooseMarket(spec_.enable_spot, dw.window_index, type.size)};
  if (static_cast<int>(state.running.size()) >= spec_.max_concurrent ||
      state.used[quota] + type.vcpus > QuotaOf(quota)) {
    return -1;
  }
  int64_t room = std::min<int64_t>(spec_.cost.max_session_s, (dw.window.end - now).count()) -
                 spec_.cost.boot_overhead_s;
  PlacedSession placed;
  int64_t used_s = 0;
  std::vector<int> kept;
  for (int index : queue.pending) {
    const Candidate& c = candidates_[static_cast<size_t>(index)];
    bool focus = InFocus(dw.window.focus, c.variant->category);
    if ((focus_only && !focus) || static_cast<int>(placed.candidates.size()) >= state.budget ||
        used_s + c.job.estimated_duration_s > room) {
      kept.push_back(index);
      continue;
    }
    placed.job_starts.push_back(now + std::chrono::seconds(spec_.cost.boot_overhead_s + used_s));
    placed.candidates.push_back(index);
    placed.in_focus.push_back(focus);
    used_s += c.job.estimated_duration_s;
  }
  if (placed.candidates.empty()) return 0;
  queue.pending = std::move(kept);
  int number = ++state.session_counter[static_cast<size_t>(type_slot)];
  Session& s = placed.session;
  s.id = dw.window.id + "/" + type.name + "/" + std::to_string(number);
  s.region = dw.window.region;
  s.instance_type = type.name;
  s.vcpus = type.vcpus;
  s.quota_class = type.quota_class;
  s.market = quota.market;
  s.window = dw.window.id;
  s.start = now;
  s.end = now + std::chrono::seconds(spec_.cost.boot_overhead_s + used_s);
  for (int index : placed.candidates) s.jobs.push_back(candidates_[static_cast<size_t>(index)].job.id);
  placed.day_index = dw.day_index;
  state.budget -= static_cast<int>(placed.candidates.size());
  remaining_ -= static_cast<int>(placed.candidates.size());
  state.used[quota] += type.vcpus;
  state.busy[static_cast<size_t>(type_slot)] = true;
  state.running.push_back({s.end, static_cast<int>(wave_), type_slot, quota, type.vcpus});
  std::push_heap(state.running.begin(), state.running.end(), LaterEnd<Running, Running>);
  sessions_.push_back(std::move(placed));
  return 1;
}

}  // namespace plan
