#include "exec/retry.h"

#include <algorithm>
#include <cmath>

namespace exec {
namespace {

double StableDraw(std::string_view key, int retry) {
  uint64_t hash = 1469598103934665603ULL ^ static_cast<uint64_t>(static_cast<uint32_t>(retry));
  for (char c : key) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  hash = (hash ^ (hash >> 30)) * 0xbf58476d1ce4e5b9ULL;
  hash = (hash ^ (hash >> 27)) * 0x94d049bb133111ebULL;
  hash ^= hash >> 31;
  return static_cast<double>(hash >> 11) * 0x1.0p-53;
}

}  // namespace

bool Transient(util::ErrorClass error_class) {
  return error_class == util::ErrorClass::kThrottling || error_class == util::ErrorClass::kTimeout;
}

BackoffPolicy PolicyFor(util::ErrorClass error_class) {
  switch (error_class) {
    case util::ErrorClass::kThrottling:
      return {2, 120};
    case util::ErrorClass::kCapacity:
      return {60, 1800};
    case util::ErrorClass::kQuota:
      return {60, 900};
    default:
      return {10, 600};
  }
}

int64_t BackoffSeconds(const BackoffPolicy& policy, int retry, std::string_view key) {
  double ceiling = static_cast<double>(policy.base_s) * std::pow(2.0, std::min(retry, 30));
  ceiling = std::min(ceiling, static_cast<double>(policy.cap_s));
  return std::max<int64_t>(1, static_cast<int64_t>(StableDraw(key, retry) * ceiling));
}

void TokenBucket::Refill(util::TimePoint now) {
  if (now > last_) {
    tokens_ = std::min(burst_, tokens_ + rate_ * static_cast<double>((now - last_).count()));
    last_ = now;
  }
}

bool TokenBucket::TryTake(util::TimePoint now) {
  Refill(now);
  if (tokens_ < 1) return false;
  tokens_ -= 1;
  return true;
}

util::TimePoint TokenBucket::NextAvailable(util::TimePoint now) const {
  if (tokens_ >= 1 || now > last_) return std::max(now, last_);
  auto wait = static_cast<int64_t>(std::ceil((1 - tokens_) / rate_));
  return last_ + std::chrono::seconds(std::max<int64_t>(wait, 1));
}

}  // namespace exec
