#pragma once
// Retry policy: exponential backoff with full jitter and a cap, per error class, and a
// token bucket for the API rate. Jitter is drawn from a hash of stable names, so a resumed
// controller waits exactly as long as an uninterrupted one would have.

#include <cstdint>
#include <string_view>

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
