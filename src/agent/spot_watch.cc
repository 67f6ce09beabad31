#include "agent/spot_watch.h"

#include <chrono>

#include <nlohmann/json.hpp>

namespace agent {

std::string SpotNotice::Text() const {
  std::string text = "spot interruption notice";
  if (!action.empty()) text += ": " + action;
  if (!time.empty()) text += " at " + time;
  return text;
}

util::Expected<std::optional<SpotNotice>> PollSpotNotice(MetadataTransport& transport,
                                                         double timeout_seconds) {
  auto token = RequestImdsToken(transport, timeout_seconds);
  if (!token) return token.error();
  auto action = transport.Send("GET", "/latest/meta-data/spot/instance-action",
                               {{"X-aws-ec2-metadata-token", *token}}, timeout_seconds);
  if (!action) return action.error();
  if (action->status == 404) return std::optional<SpotNotice>();
  if (action->status != 200) {
    return util::MakeError(util::ErrorClass::kIo, "IMDSv2 spot/instance-action answered HTTP " +
                                                      std::to_string(action->status));
  }
  // A notice even when its body cannot be read: the instance is going away either way.
  SpotNotice notice;
  nlohmann::json parsed = nlohmann::json::parse(action->body, nullptr, false);
  if (parsed.is_object()) {
    if (parsed.contains("action") && parsed["action"].is_string()) notice.action = parsed["action"];
    if (parsed.contains("time") && parsed["time"].is_string()) notice.time = parsed["time"];
  }
  return std::optional<SpotNotice>(notice);
}

SpotWatcher::SpotWatcher(MetadataTransport& transport, double interval_seconds,
                         std::function<void(const SpotNotice&)> on_notice)
    : transport_(transport),
      interval_seconds_(interval_seconds),
      on_notice_(std::move(on_notice)),
      thread_([this] { Loop(); }) {}

SpotWatcher::~SpotWatcher() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

std::optional<SpotNotice> SpotWatcher::notice() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return notice_;
}

void SpotWatcher::Loop() {
  const auto interval = std::chrono::duration<double>(interval_seconds_);
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stop_) {
    lock.unlock();
    // Each request may take at most the interval, so polls never pile up.
    auto polled = PollSpotNotice(transport_, interval_seconds_);
    ++polls_;
    lock.lock();
    if (!polled) {
      ++errors_;
    } else if (polled->has_value()) {
      notice_ = **polled;
      lock.unlock();
      if (on_notice_) on_notice_(**polled);
      return;
    }
    wake_.wait_for(lock, interval, [this] { return stop_; });
  }
}

std::vector<BenchmarkResult> RunVariantsWatchingSpot(const std::vector<const Variant*>& variants,
                                                     const RunOptions& options,
                                                     const RunEnvironment& env,
                                                     MetadataTransport& transport,
                                                     std::atomic<bool>& cancel,
                                                     double interval_seconds) {
  SpotWatcher watcher(transport, interval_seconds,
                      [&cancel](const SpotNotice&) { cancel.store(true); });
  std::vector<BenchmarkResult> results = RunVariants(variants, options, env);
  if (std::optional<SpotNotice> notice = watcher.notice()) {
    for (BenchmarkResult& result : results) {
      if (result.status == RunStatus::kInterrupted)
        result.reason = notice->Text() + "; " + result.reason;
    }
  }
  return results;
}

}  // namespace agent
