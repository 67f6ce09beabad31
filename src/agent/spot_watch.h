#pragma once
// Spot interruption notices (docs/methodology.md): on an EC2 instance the agent polls IMDSv2
// `spot/instance-action` during a run; a notice cancels the run, so the benchmark in
// progress ends `interrupted` and the result says why. AWS recommends checking every
// 5 seconds (docs/methodology.md, "Spot interruption notices").

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "agent/imds.h"
#include "agent/runner.h"
#include "util/expected.h"

namespace agent {

struct SpotNotice {
  std::string action;        // "terminate", "stop", "hibernate" as IMDS gives it; "" if absent
  std::string time;          // when it happens, as IMDS gives it; "" if absent
  std::string Text() const;  // "spot interruption notice: terminate at 2027-01-15T08:02:00Z"
};

// One poll: a session token (PUT /latest/api/token), then GET
// /latest/meta-data/spot/instance-action. HTTP 404 means no notice (nullopt); 200 gives
// the notice; anything else, or a transport error, is an error.
util::Expected<std::optional<SpotNotice>> PollSpotNotice(MetadataTransport& transport,
                                                         double timeout_seconds);

// Polls on a thread of its own every `interval_seconds` from construction until
// destruction or the first notice, which it keeps and passes to `on_notice` once.
// Errors are counted and polling goes on: a slow metadata service must not stop a run.
class SpotWatcher {
 public:
  SpotWatcher(MetadataTransport& transport, double interval_seconds,
              std::function<void(const SpotNotice&)> on_notice);
  ~SpotWatcher();
  SpotWatcher(const SpotWatcher&) = delete;
  SpotWatcher& operator=(const SpotWatcher&) = delete;

  std::optional<SpotNotice> notice() const;
  int polls() const { return polls_.load(); }
  int errors() const { return errors_.load(); }

 private:
  void Loop();

  MetadataTransport& transport_;
  double interval_seconds_;
  std::function<void(const SpotNotice&)> on_notice_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::optional<SpotNotice> notice_;
  std::atomic<int> polls_{0};
  std::atomic<int> errors_{0};
  std::thread thread_;
};

// RunVariants while a SpotWatcher polls `transport` every `interval_seconds`. A notice
// sets `cancel` (the flag env.cancel points to), so the variant in progress and those not
// yet started end interrupted, and their reasons start with the notice's Text().
std::vector<BenchmarkResult> RunVariantsWatchingSpot(const std::vector<const Variant*>& variants,
                                                     const RunOptions& options,
                                                     const RunEnvironment& env,
                                                     MetadataTransport& transport,
                                                     std::atomic<bool>& cancel,
                                                     double interval_seconds);

}  // namespace agent
