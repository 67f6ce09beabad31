#pragma once
// Retry policy: exponential backoff with full jitter and a cap, per error class, and a
// token bucket for the API rate. Jitter is drawn from a hash of stable names, so a resumed
// controller waits exactly as long as an uninterrupted one would have.

#include <cstdint>
#include <string_view>

#include "cloud/clock.h"
#include "util/error.h"
#include "util/time.h"

namespace exec {

struct BackoffPolicy {
  int64_t base_s = 2;
  int64_t cap_s = 300;
};

// The policy for one error class: throttling backs off fast, capacity and quota slowly.
BackoffPolicy PolicyFor(util::ErrorClass error_class);

// Full jitter: a uniform draw in [0, min(cap, base * 2^retry)] seconds, at least 1 s.
int64_t BackoffSeconds(const BackoffPolicy& policy, int retry, std::string_view key);

// Throttling and timeouts pass with time; every other class needs a decision.
bool Transient(util::ErrorClass error_class);

// Calls `call` (returning util::Expected<T> or util::Status) until it succeeds, fails with an
// error that is not transient, or `max_tries` calls were made; between tries it waits on
// `clock` as long as the executor would for that error class (PolicyFor, BackoffSeconds).
// For the commands that call a provider outside the executor (cleanup).
template <typename Call>
auto CallWithRetry(cloud::Clock& clock, std::string_view key, Call call, int max_tries = 8)
    -> decltype(call()) {
  for (int retry = 0;; ++retry) {
    auto result = call();
    if (result || !Transient(result.error().error_class) || retry + 1 >= max_tries) return result;
    int64_t wait = BackoffSeconds(PolicyFor(result.error().error_class), retry, key);
    clock.SleepUntil(clock.Now() + std::chrono::seconds(wait));
  }
}

// Up to `burst` calls at once, refilled at `per_second`. Time comes from the caller's clock.
class TokenBucket {
 public:
  TokenBucket(double per_second, double burst) : rate_(per_second), burst_(burst), tokens_(burst) {}
  // Takes a token if one is available at `now`.
  bool TryTake(util::TimePoint now);
  // The first instant at which a token will be available.
  util::TimePoint NextAvailable(util::TimePoint now) const;

 private:
  void Refill(util::TimePoint now);
  double rate_;
  double burst_;
  double tokens_;
  util::TimePoint last_{};
};

}  // namespace exec
